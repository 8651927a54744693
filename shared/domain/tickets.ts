/**
 * Pure ticket operations: build a new ticket document, apply an edit, match search text.
 * The data layer persists what these return; every rule about what a valid ticket looks like
 * lives here so that all processes (UI, import, sync repair) apply the same rules.
 */
import { MAX_TIME } from './model';
import type { ActivityDoc, FieldChange, TicketDoc, TicketStatus } from './model';
import { priorityOf, type PriorityMatrix } from './priority';
import { applyProcessPatch, changeFacts, validateProcessPatch, type ProcessPatch } from './process';
import { checkStatusFields, checkTransition, hasQueue, phaseOf, type TransitionFields } from './status';
import {
  FORM_ERROR_KEY,
  isValid,
  validateTicketInput,
  type FieldErrors,
  type TicketInput,
} from './validation';

export interface BuildTicketContext {
  id: string;
  number: string;
  now: number;
  userId: string;
  matrix?: PriorityMatrix;
}

/** Facts from other records that some transitions depend on (CAB votes, included changes...). */
export interface ProcessGuards {
  cabApproved?: boolean;
  releaseReady?: boolean;
  openDependencies?: readonly string[];
}

export type BuildTicketResult =
  { ok: true; ticket: TicketDoc; activity: Omit<ActivityDoc, 'id'> } | { ok: false; errors: FieldErrors };

export type TicketPatch = Partial<TicketInput> & {
  /** Why the status changes; required to reopen, recorded by the caller on the timeline. */
  reason?: string;
  /** Kind-specific fields (see process.ts). */
  process?: ProcessPatch;
};

export interface EditContext {
  now: number;
  userId: string;
  matrix?: PriorityMatrix;
  guards?: ProcessGuards;
}

export type EditTicketResult =
  { ok: true; ticket: TicketDoc; changes: FieldChange[] } | { ok: false; errors: FieldErrors };

/** Trimmed, without blanks, first spelling wins for case-insensitive duplicates ("VIP", "vip"). */
function normalizeTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of tags) {
    const tag = raw.trim();
    const key = tag.toLowerCase();
    if (tag !== '' && !seen.has(key)) {
      seen.add(key);
      out.push(tag);
    }
  }
  return out;
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids.filter((id) => id !== ''))];
}

function isDone(status: TicketStatus): boolean {
  return status === 'resolved' || status === 'closed';
}

export function buildTicket(input: TicketInput, ctx: BuildTicketContext): BuildTicketResult {
  const errors = { ...validateTicketInput(input), ...validateProcessPatch(input.kind, input.process ?? {}) };
  if (!isValid(errors)) return { ok: false, errors };

  const assigneeId = (input.assigneeId ?? '').trim();
  // Creating with an assignee is the same as creating then assigning (GLPI behaves alike).
  const status: TicketStatus =
    input.status ?? (assigneeId === '' || !hasQueue(input.kind) ? 'new' : 'assigned');
  if (status === 'reopened') {
    return { ok: false, errors: { status: 'A ticket cannot be created as Reopened.' } };
  }
  const done = isDone(status);
  const fields: TransitionFields = {
    assigneeId,
    pendingReason: status === 'pending' ? (input.pendingReason ?? '') : '',
    // A resolution only means something on a resolved ticket; drop stray values from forms.
    resolutionCode: done ? (input.resolutionCode ?? '').trim() : '',
    resolutionNotes: done ? (input.resolutionNotes ?? '') : '',
  };
  const statusErrors = checkStatusFields(input.kind, status, fields);
  if (!isValid(statusErrors)) return { ok: false, errors: statusErrors };

  const { now, userId } = ctx;
  const ticket: TicketDoc = {
    id: ctx.id,
    type: 'ticket',
    kind: input.kind,
    number: ctx.number,
    title: input.title.trim(),
    description: input.description ?? '',
    status,
    pendingReason: status === 'pending' ? (input.pendingReason ?? '') : '',
    impact: input.impact,
    urgency: input.urgency,
    priority: priorityOf(input.impact, input.urgency, ctx.matrix),
    category: (input.category ?? '').trim(),
    requesterId: input.requesterId.trim(),
    assigneeId,
    groupId: (input.groupId ?? '').trim(),
    ciIds: unique(input.ciIds ?? []),
    tags: normalizeTags(input.tags ?? []),
    resolutionCode: fields.resolutionCode,
    resolutionNotes: fields.resolutionNotes,
    phase: phaseOf(status),
    sortDesc: MAX_TIME - now,
    createdAt: now,
    createdBy: userId,
    updatedAt: now,
    updatedBy: userId,
    resolvedAt: done ? now : 0,
    closedAt: status === 'closed' ? now : 0,
  };
  const withProcess = applyProcessPatch(ticket, input.process ?? {}).ticket;
  const activity: Omit<ActivityDoc, 'id'> = {
    type: 'activity',
    parentId: ticket.id,
    kind: 'created',
    body: '',
    minutes: 0,
    changes: [],
    createdAt: now,
    createdBy: userId,
    updatedAt: now,
    updatedBy: userId,
  };
  return { ok: true, ticket: withProcess, activity };
}

/** Fields reported as changes, in timeline order. Derived bookkeeping fields are left out. */
export const TRACKED_FIELDS = [
  'status',
  'pendingReason',
  'title',
  'description',
  'impact',
  'urgency',
  'priority',
  'category',
  'requesterId',
  'assigneeId',
  'groupId',
  'ciIds',
  'tags',
  'resolutionCode',
  'resolutionNotes',
] as const satisfies readonly (keyof TicketDoc)[];

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => item === b[i]);
  }
  return a === b;
}

/** Reordering links or tags is not a change worth a timeline entry; keep the stored order then. */
function sameSet(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((item) => set.has(item));
}

export function applyTicketEdit(ticket: TicketDoc, patch: TicketPatch, ctx: EditContext): EditTicketResult {
  if (patch.kind !== undefined && patch.kind !== ticket.kind) {
    // The kind is part of the ticket number, and numbers are never reissued.
    return {
      ok: false,
      errors: { kind: 'The kind of an existing ticket cannot be changed; create a new ticket instead.' },
    };
  }
  const merged: TicketInput = {
    kind: ticket.kind,
    title: patch.title ?? ticket.title,
    description: patch.description ?? ticket.description,
    impact: patch.impact ?? ticket.impact,
    urgency: patch.urgency ?? ticket.urgency,
    category: patch.category ?? ticket.category,
    requesterId: patch.requesterId ?? ticket.requesterId,
    assigneeId: patch.assigneeId ?? ticket.assigneeId,
    groupId: patch.groupId ?? ticket.groupId,
    ciIds: patch.ciIds ?? ticket.ciIds,
    tags: patch.tags ?? ticket.tags,
    status: patch.status ?? ticket.status,
    pendingReason: patch.pendingReason ?? ticket.pendingReason,
    resolutionCode: patch.resolutionCode ?? ticket.resolutionCode,
    resolutionNotes: patch.resolutionNotes ?? ticket.resolutionNotes,
  };
  const errors = {
    ...validateTicketInput(merged),
    ...validateProcessPatch(ticket.kind, patch.process ?? {}),
  };
  if (!isValid(errors)) return { ok: false, errors };

  let assigneeId = merged.assigneeId.trim();
  let status: TicketStatus = patch.status ?? ticket.status;
  if (status === ticket.status && hasQueue(ticket.kind)) {
    // Assigning a queued ticket picks it up; clearing the assignee of an Assigned ticket puts it
    // back in the queue. Mirrors buildTicket, so New <=> unassigned holds after any edit. (A
    // form that echoes the unchanged status counts as not asking for a status change.)
    if (ticket.status === 'new' && assigneeId !== '') status = 'assigned';
    else if (ticket.status === 'assigned' && assigneeId === '') status = 'new';
  } else if (
    status === 'new' &&
    ticket.status !== 'new' &&
    patch.assigneeId === undefined &&
    hasQueue(ticket.kind)
  ) {
    assigneeId = ''; // explicit "unassign" by status
  }
  const reopening = status === 'reopened' && ticket.status !== 'reopened';
  const fields: TransitionFields = {
    assigneeId,
    pendingReason: status === 'pending' ? (merged.pendingReason ?? '') : '',
    resolutionCode: reopening ? '' : (merged.resolutionCode ?? '').trim(),
    resolutionNotes: reopening ? '' : (merged.resolutionNotes ?? ''),
    reason: patch.reason,
    ...ctx.guards,
  };

  const ciIds = unique(merged.ciIds ?? []);
  const tags = normalizeTags(merged.tags ?? []);
  const impactOrUrgencyChanged = merged.impact !== ticket.impact || merged.urgency !== ticket.urgency;
  const next: TicketDoc = {
    ...ticket,
    title: merged.title.trim(),
    description: merged.description ?? '',
    status,
    pendingReason: status === 'pending' ? (merged.pendingReason ?? '') : '',
    impact: merged.impact,
    urgency: merged.urgency,
    // Only re-derive on an impact/urgency change: a later matrix edit must not silently
    // re-prioritise every existing ticket the next time someone fixes a typo in it.
    priority: impactOrUrgencyChanged
      ? priorityOf(merged.impact, merged.urgency, ctx.matrix)
      : ticket.priority,
    category: (merged.category ?? '').trim(),
    requesterId: merged.requesterId.trim(),
    assigneeId,
    groupId: (merged.groupId ?? '').trim(),
    ciIds: sameSet(ciIds, ticket.ciIds) ? ticket.ciIds : ciIds,
    tags: sameSet(tags, ticket.tags) ? ticket.tags : tags,
    resolutionCode: fields.resolutionCode,
    resolutionNotes: fields.resolutionNotes,
  };

  const processed = applyProcessPatch(next, patch.process ?? {});
  Object.assign(next, processed.ticket);
  if (ticket.kind === 'change') fields.change = changeFacts(next);
  const changes: FieldChange[] = [];
  for (const field of TRACKED_FIELDS) {
    const from = ticket[field];
    const to = next[field];
    if (!sameValue(from, to)) {
      changes.push({
        field,
        from: Array.isArray(from) ? from.slice() : from,
        to: Array.isArray(to) ? to.slice() : to,
      });
    }
  }
  changes.push(...processed.changes);
  if (changes.length === 0) return { ok: true, ticket, changes };

  if (status !== ticket.status) {
    const result = checkTransition(ticket.kind, ticket.status, status, fields);
    if (!result.ok) return result;
  } else if (ticket.status === 'closed' || ticket.status === 'cancelled') {
    // Only the link to a parent may still move: a failed change must be able to leave its
    // release. Everything reported about the closed work itself stays as it was.
    if (!changes.every((c) => c.field === 'parentId')) {
      return { ok: false, errors: { [FORM_ERROR_KEY]: 'Closed and cancelled tickets cannot be changed.' } };
    }
  } else {
    const statusErrors = checkStatusFields(ticket.kind, status, fields);
    if (!isValid(statusErrors)) return { ok: false, errors: statusErrors };
  }

  // Another device's clock may be ahead: never move updatedAt backwards, so "last change wins"
  // comparisons and the newest-first index stay consistent.
  const now = Math.max(ctx.now, ticket.updatedAt);
  const entering = (target: TicketStatus): boolean => status === target && ticket.status !== target;
  // Changes end at Closed without passing Resolved: closing is when their work was done.
  const finished = entering('resolved') || (entering('closed') && ticket.resolvedAt === 0);
  next.resolvedAt = finished ? now : reopening ? 0 : ticket.resolvedAt;
  next.closedAt = entering('closed') || entering('cancelled') ? now : ticket.closedAt;
  next.phase = phaseOf(status);
  next.updatedAt = now;
  next.updatedBy = ctx.userId;
  next.sortDesc = MAX_TIME - now;
  return { ok: true, ticket: next, changes };
}

/**
 * Predicate for list filtering. Every whitespace-separated term must occur (case-insensitively)
 * in the number, title or description: "vpn drops" finds "Home VPN drops hourly" but not every
 * VPN ticket. Build it once per query: lower-casing the query per ticket would dominate big lists.
 */
export function createTicketMatcher(
  query: string,
): (ticket: Pick<TicketDoc, 'number' | 'title' | 'description'>) => boolean {
  const terms = query
    .toLowerCase()
    .split(/\s+/)
    .filter((term) => term !== '');
  if (terms.length === 0) return () => true;
  return (ticket) => {
    const number = ticket.number.toLowerCase();
    const title = ticket.title.toLowerCase();
    let description: string | null = null; // long; lower-cased only when needed
    for (const term of terms) {
      if (number.includes(term) || title.includes(term)) continue;
      description ??= ticket.description.toLowerCase();
      if (!description.includes(term)) return false;
    }
    return true;
  };
}

export function ticketMatchesText(
  ticket: Pick<TicketDoc, 'number' | 'title' | 'description'>,
  q: string,
): boolean {
  return createTicketMatcher(q)(ticket);
}
