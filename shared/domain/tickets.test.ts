/** buildTicket and text matching; edits are covered in tickets.edit.test.ts. */
import { describe, expect, it } from 'vitest';
import { MAX_TIME, type TicketDoc } from './model';
import { buildTicket, createTicketMatcher, ticketMatchesText } from './tickets';
import type { TicketInput } from './validation';

const T0 = Date.UTC(2025, 2, 3, 9, 0);
const input: TicketInput = {
  kind: 'incident',
  title: '  VPN drops every 10 minutes  ',
  description: 'Since Monday.',
  impact: 2,
  urgency: 2,
  category: ' Network ',
  requesterId: 'per_req',
  assigneeId: '',
  groupId: 'per_grp',
  ciIds: ['ci_1', 'ci_1', 'ci_2'],
  tags: [' vpn ', 'VPN', 'remote'],
};
const ctx = { id: 'tkt_1', number: 'INC-K7Q2-0001', now: T0, userId: 'per_agent' };

function built(overrides: Partial<TicketInput> = {}): TicketDoc {
  const result = buildTicket({ ...input, ...overrides }, ctx);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.ticket;
}

describe('buildTicket', () => {
  it('builds a New ticket with derived fields and a created activity', () => {
    const result = buildTicket(input, ctx);
    expect(result).toEqual({
      ok: true,
      ticket: {
        id: 'tkt_1',
        type: 'ticket',
        kind: 'incident',
        number: 'INC-K7Q2-0001',
        title: 'VPN drops every 10 minutes',
        description: 'Since Monday.',
        status: 'new',
        pendingReason: '',
        impact: 2,
        urgency: 2,
        priority: 3,
        category: 'Network',
        requesterId: 'per_req',
        assigneeId: '',
        groupId: 'per_grp',
        ciIds: ['ci_1', 'ci_2'],
        tags: ['vpn', 'remote'],
        resolutionCode: '',
        resolutionNotes: '',
        phase: 'open',
        sortDesc: MAX_TIME - T0,
        createdAt: T0,
        createdBy: 'per_agent',
        updatedAt: T0,
        updatedBy: 'per_agent',
        resolvedAt: 0,
        closedAt: 0,
      },
      activity: {
        type: 'activity',
        parentId: 'tkt_1',
        kind: 'created',
        body: '',
        minutes: 0,
        changes: [],
        createdAt: T0,
        createdBy: 'per_agent',
        updatedAt: T0,
        updatedBy: 'per_agent',
      },
    });
  });

  it('starts Assigned when an assignee is given', () => {
    expect(built({ assigneeId: 'per_tech' })).toMatchObject({ status: 'assigned', assigneeId: 'per_tech' });
  });

  it('fills empty strings and lists for unset optional fields', () => {
    const { ciIds: _c, tags: _t, ...rest } = input;
    const ticket = built({ ...rest, ciIds: undefined, tags: undefined, category: '', description: '' });
    expect(ticket).toMatchObject({ ciIds: [], tags: [], category: '', description: '', resolutionCode: '' });
  });

  it('uses the priority matrix from the context', () => {
    const matrix = [
      [1, 1, 1],
      [1, 1, 1],
      [1, 1, 5],
    ];
    const result = buildTicket({ ...input, impact: 3, urgency: 2 }, { ...ctx, matrix });
    expect(result.ok && result.ticket.priority).toBe(1);
  });

  it('returns field errors instead of a ticket', () => {
    expect(buildTicket({ ...input, title: 'ab', requesterId: '' }, ctx)).toEqual({
      ok: false,
      errors: { title: 'Title must be at least 3 characters.', requesterId: 'Requester is required.' },
    });
  });

  it('honours an explicit initial status when its requirements are met', () => {
    const pending = built({ status: 'pending', pendingReason: 'awaiting_vendor' });
    expect(pending).toMatchObject({ status: 'pending', pendingReason: 'awaiting_vendor', phase: 'open' });
    const resolved = built({
      status: 'resolved',
      assigneeId: 'per_tech',
      resolutionCode: 'solved',
      resolutionNotes: 'Fixed on first call.',
    });
    expect(resolved).toMatchObject({ status: 'resolved', phase: 'done', resolvedAt: T0, closedAt: 0 });
  });

  it('refuses an initial status whose requirements are not met', () => {
    expect(buildTicket({ ...input, status: 'in_progress' }, ctx)).toEqual({
      ok: false,
      errors: { assigneeId: 'An assignee is required when the status is In progress.' },
    });
    expect(buildTicket({ ...input, status: 'pending', pendingReason: 'awaiting_approval' }, ctx)).toEqual({
      ok: false,
      errors: { pendingReason: '"Awaiting approval" is not a valid pending reason for an incident.' },
    });
    expect(buildTicket({ ...input, status: 'reopened' }, ctx)).toEqual({
      ok: false,
      errors: { status: 'A ticket cannot be created as Reopened.' },
    });
  });

  it('drops resolution and pending values that do not belong to the status', () => {
    const ticket = built({
      pendingReason: 'awaiting_vendor',
      resolutionCode: 'solved',
      resolutionNotes: 'x',
    });
    expect(ticket).toMatchObject({
      status: 'new',
      pendingReason: '',
      resolutionCode: '',
      resolutionNotes: '',
    });
  });
});

describe('buildTicket for the process kinds', () => {
  const T1 = T0 + 86_400_000;

  it('stores the process fields of the kind, without recording them as changes', () => {
    const result = buildTicket(
      {
        ...input,
        kind: 'change',
        title: 'Upgrade the file server',
        process: { changeType: 'normal', risk: 'moderate', plannedStart: T1, plannedEnd: T1 + 3_600_000 },
      },
      ctx,
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.ticket).toMatchObject({
      kind: 'change',
      status: 'new',
      changeType: 'normal',
      risk: 'moderate',
      plannedStart: T1,
      plannedEnd: T1 + 3_600_000,
    });
    expect(result.ticket).not.toHaveProperty('rootCause');
    expect(result.activity).toMatchObject({ kind: 'created', changes: [] });
  });

  it('adds no process field to kinds without a patch', () => {
    const ticket = built();
    for (const field of ['parentId', 'changeType', 'dependsOn', 'version', 'knownError'])
      expect(ticket).not.toHaveProperty(field);
  });

  it('refuses process fields the kind does not use, and bad values, with the other errors', () => {
    const result = buildTicket(
      { ...input, title: 'ab', process: { version: '1.0', parentId: 'bad id' } },
      ctx,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(['parentId', 'title', 'version']);
    expect(result.errors.parentId).toBe('Not a valid reference.');
    expect(result.errors.version).toMatch(/no field "version"/);
    expect(
      buildTicket({ ...input, kind: 'task', process: { plannedStart: T1, plannedEnd: T0 } }, ctx),
    ).toEqual({ ok: false, errors: { plannedEnd: 'The end must be after the start.' } });
  });

  it('cleans task dependencies on creation', () => {
    const result = buildTicket(
      { ...input, kind: 'task', process: { dependsOn: ['tkt_a', 'tkt_a', ctx.id, 'tkt_b'] } },
      ctx,
    );
    expect(result.ok && result.ticket.dependsOn).toEqual(['tkt_a', 'tkt_b']);
  });

  it('starts Assigned with an assignee only for the kinds with a queue', () => {
    for (const kind of ['incident', 'request', 'question', 'problem', 'task'] as const)
      expect(built({ kind, assigneeId: 'per_tech' }).status, kind).toBe('assigned');
    for (const kind of ['change', 'release', 'project'] as const)
      expect(built({ kind, assigneeId: 'per_tech' }), kind).toMatchObject({
        status: 'new',
        assigneeId: 'per_tech',
      });
  });

  it('creates a change in its first step of the flow or refuses a status outside it', () => {
    expect(built({ kind: 'change', status: 'assess' })).toMatchObject({ status: 'assess', phase: 'open' });
    expect(buildTicket({ ...input, kind: 'change', status: 'implement' }, ctx)).toEqual({
      ok: false,
      errors: { assigneeId: 'An assignee is required when the status is Implement.' },
    });
  });
});

describe('ticketMatchesText', () => {
  const ticket = {
    number: 'INC-K7Q2-0042',
    title: 'Printer PRN-2F jams',
    description: 'Tray 2 makes a Grinding noise.',
  };

  it.each([
    ['', true],
    ['   ', true],
    ['inc-k7q2-0042', true],
    ['0042', true],
    ['printer', true],
    ['PRINTER jams', true],
    ['grinding', true],
    ['tray printer', true],
    ['tray scanner', false],
    ['vpn', false],
  ])('%j -> %s', (query, expected) => {
    expect(ticketMatchesText(ticket, query)).toBe(expected);
    expect(createTicketMatcher(query)(ticket)).toBe(expected);
  });
});
