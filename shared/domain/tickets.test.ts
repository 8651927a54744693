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
