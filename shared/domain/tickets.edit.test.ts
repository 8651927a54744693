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
      errors: { form: 'Closed and cancelled tickets cannot be changed.' },
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

describe('applyTicketEdit on process records', () => {
  const HOUR = 3_600_000;
  const WINDOW = { plannedStart: T0 + 72 * HOUR, plannedEnd: T0 + 75 * HOUR };
  const PLAN = {
    changeType: 'normal',
    risk: 'moderate',
    implementationPlan: 'Patch the cluster node by node.',
    backoutPlan: 'Restore the snapshots.',
    ...WINDOW,
  } as const;

  function change(status: 'new' | 'assess' = 'assess', process = {}): TicketDoc {
    return built({ kind: 'change', title: 'Patch the ESX cluster', status, process });
  }

  it('applies process fields and lists them after the ticket fields', () => {
    const result = applied(change(), { title: 'Patch the ESX cluster, wave 2', process: { risk: 'high' } });
    expect(result.ticket).toMatchObject({ title: 'Patch the ESX cluster, wave 2', risk: 'high' });
    expect(result.changes).toEqual([
      { field: 'title', from: 'Patch the ESX cluster', to: 'Patch the ESX cluster, wave 2' },
      { field: 'risk', from: null, to: 'high' },
    ]);
    expect(result.ticket.updatedAt).toBe(edit.now);
  });

  it('returns the same ticket when the process values are unchanged', () => {
    const ticket = change('assess', { risk: 'low' });
    const result = applied(ticket, { process: { risk: 'low' } });
    expect(result.ticket).toBe(ticket);
    expect(result.changes).toEqual([]);
  });

  it('refuses process fields the kind does not use and bad values, saving nothing', () => {
    const ticket = built();
    const result = apply(ticket, { process: { rootCause: 'x' } });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors)).toEqual(['rootCause']);
    expect(
      apply(change(), { process: { plannedStart: WINDOW.plannedEnd, plannedEnd: WINDOW.plannedStart } }),
    ).toEqual({ ok: false, errors: { plannedEnd: 'The end must be after the start.' } });
  });

  it('links an incident to a problem through parentId, recorded on the timeline', () => {
    const result = applied(built(), { process: { parentId: 'tkt_problem' } });
    expect(result.ticket.parentId).toBe('tkt_problem');
    expect(result.changes).toEqual([{ field: 'parentId', from: null, to: 'tkt_problem' }]);
  });

  it('never auto-assigns a change: the assignee is an owner, not a pick-up from a queue', () => {
    const owned = applied(change('new'), { assigneeId: 'per_tech' });
    expect(owned.ticket).toMatchObject({ status: 'new', assigneeId: 'per_tech' });
    expect(owned.changes).toEqual([{ field: 'assigneeId', from: '', to: 'per_tech' }]);
    // Sending it back to New keeps its owner.
    const assessed = applied(owned.ticket, { status: 'assess' }).ticket;
    expect(applied(assessed, { status: 'new' }).ticket).toMatchObject({
      status: 'new',
      assigneeId: 'per_tech',
    });
  });

  it('checks the plan against the status, with the facts of the same save', () => {
    expect(apply(change(), { status: 'authorize' })).toEqual({
      ok: false,
      errors: { changeType: 'Choose the change type first.' },
    });
    // Plan and submission in one save: the guards see the patched values.
    const submitted = applied(change(), { status: 'authorize', process: PLAN });
    expect(submitted.ticket).toMatchObject({ status: 'authorize', ...PLAN });
    expect(submitted.changes[0]).toEqual({ field: 'status', from: 'assess', to: 'authorize' });
  });

  it('schedules from Authorize only with the CAB approval from ctx.guards', () => {
    const inCab = applied(change('assess', PLAN), { status: 'authorize' }).ticket;
    expect(apply(inCab, { status: 'scheduled' })).toEqual({
      ok: false,
      errors: { status: 'The CAB has not approved this change yet.' },
    });
    expect(apply(inCab, { status: 'scheduled' }, { ...edit, guards: { cabApproved: false } })).toEqual({
      ok: false,
      errors: { status: 'The CAB has not approved this change yet.' },
    });
    const scheduled = applied(inCab, { status: 'scheduled' }, { ...edit, guards: { cabApproved: true } });
    expect(scheduled.ticket.status).toBe('scheduled');
  });

  it('cancels with a reason, then refuses every edit of the cancelled change', () => {
    const ticket = change('assess', PLAN);
    expect(apply(ticket, { status: 'cancelled' })).toEqual({
      ok: false,
      errors: { reason: 'A reason is required to cancel.' },
    });
    const later = { ...edit, now: edit.now + HOUR };
    const cancelled = applied(
      ticket,
      { status: 'cancelled', reason: 'Replaced by a vendor upgrade.' },
      later,
    );
    expect(cancelled.ticket).toMatchObject({ status: 'cancelled', phase: 'done', closedAt: later.now });
    expect(apply(cancelled.ticket, { title: 'Revive it' })).toEqual({
      ok: false,
      errors: { form: 'Closed and cancelled tickets cannot be changed.' },
    });
    expect(apply(cancelled.ticket, { process: { risk: 'low' } })).toEqual({
      ok: false,
      errors: { form: 'Closed and cancelled tickets cannot be changed.' },
    });
    expect(apply(cancelled.ticket, { status: 'assess' })).toEqual({
      ok: false,
      errors: { status: 'A change cannot move from Cancelled to Assess.' },
    });
    expect(applied(cancelled.ticket, {}).ticket).toBe(cancelled.ticket);
  });

  it('refuses process edits of a closed record too', () => {
    const problem = built({ kind: 'problem', assigneeId: 'per_tech' });
    const resolved = applied(problem, {
      status: 'resolved',
      resolutionCode: 'fixed',
      resolutionNotes: 'Driver replaced.',
    }).ticket;
    const closed = applied(resolved, { status: 'closed' }).ticket;
    expect(apply(closed, { process: { knownError: true } })).toEqual({
      ok: false,
      errors: { form: 'Closed and cancelled tickets cannot be changed.' },
    });
  });

  it('releases a release only when ctx.guards says it is ready', () => {
    const release = built({
      kind: 'release',
      title: 'ERP 24.3',
      assigneeId: 'per_tech',
      process: { version: '24.3' },
    });
    const going = applied(release, { status: 'in_progress' }).ticket;
    const patch: TicketPatch = { status: 'resolved', resolutionCode: 'released', resolutionNotes: 'Live.' };
    expect(apply(going, patch)).toEqual({
      ok: false,
      errors: {
        status: 'A release can only be released once every included change is approved and implemented.',
      },
    });
    expect(applied(going, patch, { ...edit, guards: { releaseReady: true } }).ticket).toMatchObject({
      status: 'resolved',
      phase: 'done',
    });
  });

  it('completes a task only when its dependencies are done; cancelling stays possible', () => {
    const task = applied(built({ kind: 'task', title: 'Re-image laptops', assigneeId: 'per_tech' }), {
      status: 'in_progress',
    }).ticket;
    const waiting = { ...edit, guards: { openDependencies: ['TSK-K7Q2-0003'] } };
    const done: TicketPatch = { status: 'resolved', resolutionCode: 'completed', resolutionNotes: 'Done.' };
    expect(apply(task, done, waiting)).toEqual({
      ok: false,
      errors: {
        status: 'This task cannot be completed before the tasks it depends on are done: TSK-K7Q2-0003.',
      },
    });
    const cancel: TicketPatch = {
      status: 'resolved',
      resolutionCode: 'cancelled',
      resolutionNotes: 'Dropped.',
    };
    expect(applied(task, cancel, waiting).ticket.status).toBe('resolved');
  });

  it('a closed change may still leave its release, and nothing else may change', () => {
    const release = 'tkt_release';
    const closing: TicketPatch = {
      status: 'closed',
      resolutionCode: 'rolled_back',
      resolutionNotes: 'Backed out.',
    };
    const review = {
      ...change('assess', { ...PLAN, parentId: release }),
      status: 'review' as const,
      assigneeId: 'per_tech',
    };
    const closed = applied(review, closing).ticket;
    expect(closed).toMatchObject({
      status: 'closed',
      phase: 'done',
      resolvedAt: edit.now,
      closedAt: edit.now,
    });
    const out = applied(closed, { process: { parentId: '' } }).ticket;
    expect(out.parentId).toBe('');
    expect(out.status).toBe('closed');
    expect(apply(closed, { process: { parentId: '', risk: 'low' } })).toEqual({
      ok: false,
      errors: { form: 'Closed and cancelled tickets cannot be changed.' },
    });
  });

  it('starts a task only when ctx.guards lists no open dependency', () => {
    const task = built({ kind: 'task', title: 'Re-image laptops', assigneeId: 'per_tech' });
    expect(
      apply(task, { status: 'in_progress' }, { ...edit, guards: { openDependencies: ['TSK-K7Q2-0003'] } }),
    ).toEqual({
      ok: false,
      errors: { status: 'This task cannot start before the tasks it depends on are done: TSK-K7Q2-0003.' },
    });
    expect(
      applied(task, { status: 'in_progress' }, { ...edit, guards: { openDependencies: [] } }).ticket.status,
    ).toBe('in_progress');
  });
});
