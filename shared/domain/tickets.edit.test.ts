/** applyTicketEdit: field edits, status transitions and the bookkeeping they imply. */
import { describe, expect, it } from 'vitest';
import { MAX_TIME, type TicketDoc } from './model';
import { applyTicketEdit, buildTicket, type EditContext, type TicketPatch } from './tickets';
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

const edit: EditContext = { now: T0 + 60_000, userId: 'per_tech' };
function apply(ticket: TicketDoc, patch: TicketPatch, context = edit) {
  return applyTicketEdit(ticket, patch, context);
}
function applied(ticket: TicketDoc, patch: TicketPatch, context = edit) {
  const result = apply(ticket, patch, context);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result;
}

describe('applyTicketEdit', () => {
  it('returns the same ticket and no changes when nothing changes', () => {
    const ticket = built();
    for (const patch of [
      {},
      { title: ticket.title },
      { title: '  VPN drops every 10 minutes ' },
      { reason: 'x' },
    ]) {
      const result = applied(ticket, patch);
      expect(result.ticket).toBe(ticket);
      expect(result.changes).toEqual([]);
    }
  });

  it('lists changed fields and updates bookkeeping, without listing bookkeeping', () => {
    const ticket = built();
    const result = applied(ticket, {
      title: 'VPN drops hourly',
      description: 'Since Monday.',
      category: 'VPN',
    });
    expect(result.changes).toEqual([
      { field: 'title', from: 'VPN drops every 10 minutes', to: 'VPN drops hourly' },
      { field: 'category', from: 'Network', to: 'VPN' },
    ]);
    expect(result.ticket).toMatchObject({
      title: 'VPN drops hourly',
      updatedAt: edit.now,
      updatedBy: 'per_tech',
      sortDesc: MAX_TIME - edit.now,
      createdAt: T0,
      createdBy: 'per_agent',
    });
  });

  it('does not mutate the input ticket', () => {
    const ticket = built();
    const copy = structuredClone(ticket);
    applied(ticket, { title: 'Another title', tags: ['x'] });
    expect(ticket).toEqual(copy);
  });

  it('recomputes priority when impact or urgency change, using the context matrix', () => {
    const ticket = built();
    const result = applied(ticket, { impact: 1 });
    expect(result.ticket.priority).toBe(2);
    expect(result.changes).toEqual([
      { field: 'impact', from: 2, to: 1 },
      { field: 'priority', from: 3, to: 2 },
    ]);
    const flat = [
      [4, 4, 4],
      [4, 4, 4],
      [4, 4, 4],
    ];
    expect(applied(ticket, { urgency: 3 }, { ...edit, matrix: flat }).ticket.priority).toBe(4);
  });

  it('keeps the stored priority when only the matrix changed', () => {
    const ticket = built();
    const flat = [
      [5, 5, 5],
      [5, 5, 5],
      [5, 5, 5],
    ];
    expect(applied(ticket, { title: 'Changed title' }, { ...edit, matrix: flat }).ticket.priority).toBe(3);
  });

  it('moves New to Assigned when an assignee is set, and back when cleared', () => {
    const assigned = applied(built(), { assigneeId: 'per_tech' });
    expect(assigned.ticket.status).toBe('assigned');
    expect(assigned.changes).toEqual([
      { field: 'status', from: 'new', to: 'assigned' },
      { field: 'assigneeId', from: '', to: 'per_tech' },
    ]);
    const back = applied(assigned.ticket, { assigneeId: '' });
    expect(back.ticket).toMatchObject({ status: 'new', assigneeId: '' });
  });

  it('treats an echoed, unchanged status like no status (full-form saves)', () => {
    const result = applied(built(), { status: 'new', assigneeId: 'per_tech' });
    expect(result.ticket).toMatchObject({ status: 'assigned', assigneeId: 'per_tech' });
  });

  it('clears the assignee when explicitly moved back to New', () => {
    const ticket = built({ assigneeId: 'per_tech' });
    expect(applied(ticket, { status: 'new' }).ticket).toMatchObject({ status: 'new', assigneeId: '' });
  });

  it('refuses to clear the assignee of an In progress ticket', () => {
    const ticket = applied(built({ assigneeId: 'per_tech' }), { status: 'in_progress' }).ticket;
    expect(apply(ticket, { assigneeId: '' })).toEqual({
      ok: false,
      errors: { assigneeId: 'An assignee is required when the status is In progress.' },
    });
  });

  it('enters Pending with a reason and clears the reason when leaving', () => {
    const ticket = built({ assigneeId: 'per_tech' });
    expect(apply(ticket, { status: 'pending' })).toEqual({
      ok: false,
      errors: { pendingReason: 'A pending reason is required when the status is Pending.' },
    });
    const pending = applied(ticket, { status: 'pending', pendingReason: 'awaiting_requester' });
    expect(pending.changes).toEqual([
      { field: 'status', from: 'assigned', to: 'pending' },
      { field: 'pendingReason', from: '', to: 'awaiting_requester' },
    ]);
    const resumed = applied(pending.ticket, { status: 'in_progress' });
    expect(resumed.ticket.pendingReason).toBe('');
    expect(resumed.changes).toContainEqual({ field: 'pendingReason', from: 'awaiting_requester', to: '' });
  });

  it('resolves with a resolution, closes, and stamps both times', () => {
    const ticket = built({ assigneeId: 'per_tech' });
    expect(apply(ticket, { status: 'resolved', resolutionCode: 'solved' })).toEqual({
      ok: false,
      errors: { resolutionNotes: 'Resolution notes are required when the status is Resolved.' },
    });
    const resolved = applied(ticket, {
      status: 'resolved',
      resolutionCode: 'solved',
      resolutionNotes: 'Cable.',
    });
    expect(resolved.ticket).toMatchObject({ phase: 'done', resolvedAt: edit.now, closedAt: 0 });
    const later = { ...edit, now: edit.now + 3_600_000 };
    const closed = applied(resolved.ticket, { status: 'closed' }, later);
    expect(closed.ticket).toMatchObject({
      status: 'closed',
      phase: 'done',
      resolvedAt: edit.now,
      closedAt: later.now,
    });
    expect(closed.changes).toEqual([{ field: 'status', from: 'resolved', to: 'closed' }]);
  });

  it('reopens only with a reason, clearing the resolution', () => {
    const ticket = built({ assigneeId: 'per_tech' });
    const resolved = applied(ticket, {
      status: 'resolved',
      resolutionCode: 'solved',
      resolutionNotes: 'Cable.',
    }).ticket;
    expect(apply(resolved, { status: 'reopened' })).toEqual({
      ok: false,
      errors: { reason: 'A reason is required to reopen a ticket.' },
    });
    const reopened = applied(resolved, { status: 'reopened', reason: 'Drops again.' });
    expect(reopened.ticket).toMatchObject({
      status: 'reopened',
      phase: 'open',
      resolutionCode: '',
      resolutionNotes: '',
      resolvedAt: 0,
      assigneeId: 'per_tech',
    });
    expect(reopened.changes).toEqual([
      { field: 'status', from: 'resolved', to: 'reopened' },
      { field: 'resolutionCode', from: 'solved', to: '' },
      { field: 'resolutionNotes', from: 'Cable.', to: '' },
    ]);
  });

  it('refuses transitions outside the table, naming both statuses', () => {
    expect(apply(built(), { status: 'closed' })).toEqual({
      ok: false,
      errors: { status: 'An incident cannot move from New to Closed.' },
    });
  });

  it('refuses any edit of a closed ticket', () => {
    const ticket = built({ assigneeId: 'per_tech' });
    const resolved = applied(ticket, {
      status: 'resolved',
      resolutionCode: 'solved',
      resolutionNotes: 'Ok.',
    }).ticket;
    const closed = applied(resolved, { status: 'closed' }).ticket;
    expect(apply(closed, { title: 'Rename it' })).toEqual({
      ok: false,
      errors: { form: 'Closed tickets cannot be changed.' },
    });
    expect(apply(closed, { status: 'reopened', reason: 'Again' })).toEqual({
      ok: false,
      errors: { status: 'An incident cannot move from Closed to Reopened.' },
    });
    expect(applied(closed, {}).ticket).toBe(closed);
  });

  it('refuses to change the kind, and validates fields', () => {
    expect(apply(built(), { kind: 'request' })).toEqual({
      ok: false,
      errors: { kind: 'The kind of an existing ticket cannot be changed; create a new ticket instead.' },
    });
    expect(apply(built(), { title: 'x', urgency: 7 as 1 })).toEqual({
      ok: false,
      errors: {
        title: 'Title must be at least 3 characters.',
        urgency: 'Urgency must be 1 (high), 2 (medium) or 3 (low).',
      },
    });
  });

  it('never moves updatedAt backwards when the clock is behind', () => {
    const ticket = built();
    const result = applied(ticket, { title: 'Clock skew' }, { ...edit, now: T0 - 5000 });
    expect(result.ticket.updatedAt).toBe(T0);
    expect(result.ticket.sortDesc).toBe(MAX_TIME - T0);
  });

  it('treats reordered tags and links as unchanged', () => {
    const ticket = built();
    expect(applied(ticket, { tags: ['remote', ' vpn '], ciIds: ['ci_2', 'ci_1', 'ci_2'] }).changes).toEqual(
      [],
    );
    const result = applied(ticket, { tags: ['remote', 'outage'] });
    expect(result.changes).toEqual([{ field: 'tags', from: ['vpn', 'remote'], to: ['remote', 'outage'] }]);
  });
});
