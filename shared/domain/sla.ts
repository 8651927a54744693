/**
 * SLA policies and clocks. A clock is never stored: it is recomputed from the ticket and its
 * timeline, so every replica reaches the same answer from the same documents, in whatever order
 * they synced, and changing a ticket's policy re-reads the same history (paused time included).
 *
 * Rules (the timeline is the source of truth):
 * - Response: runs from creation until the first public comment by someone other than the
 *   requester, or the first move out of New, whichever comes first. Pending does not pause it.
 * - Resolution: runs while the ticket is open, pauses while Pending, stops on Resolved or Closed.
 *   Reopening resumes it where it stopped (time spent resolved is not counted); it does not reset
 *   to zero, otherwise resolving and reopening would wipe out a breach.
 * - Both clocks only count working time of the policy's calendar.
 */
import { addWorkingMs, workingMsBetween, type BusinessCalendar } from './calendar';
import type { ActivityDoc, Priority, TicketDoc, TicketKind, TicketStatus } from './model';
import { TICKET_STATUSES } from './model';

export interface SlaMatch {
  /** Missing or empty = any. */
  kinds?: TicketKind[];
  priorities?: Priority[];
  categories?: string[];
}

export interface SlaPolicy {
  id: string;
  name: string;
  match: SlaMatch;
  responseMs: number;
  resolutionMs: number;
  calendarId: string;
  /** Share of the target after which a running clock shows a warning (0.75 by default). */
  warnAt: number;
}

/** Kinds the default policies cover. */
export const SLA_KINDS: readonly TicketKind[] = ['incident', 'request', 'question', 'problem'];

/** Calendar ids used by the default policies; the team maps them to calendars in settings. */
export const ALWAYS_ON_CALENDAR_ID = '24x7';
export const BUSINESS_CALENDAR_ID = 'business';
export const DEFAULT_WARN_AT = 0.75;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** A business day is the default office day, 09:00-17:00 (see officeHours in calendar.ts). */
const BUSINESS_DAY = 8 * HOUR;

const byPriority = (
  priority: Priority,
  name: string,
  responseMs: number,
  resolutionMs: number,
  calendarId: string,
): SlaPolicy => ({
  id: `default-p${priority}`,
  name,
  // Service clocks are for the desk's queues; changes, releases and projects run to plans.
  match: { kinds: [...SLA_KINDS], priorities: [priority] },
  responseMs,
  resolutionMs,
  calendarId,
  warnAt: DEFAULT_WARN_AT,
});

/**
 * Defaults by priority. P1 to P3 run round the clock (P3: answered within 2 h, resolved within a
 * day); P4 and P5 count business hours only, an 8-hour business day each (P4 resolved within 3
 * business days, P5 within 5).
 */
export const DEFAULT_SLA_POLICIES: readonly SlaPolicy[] = Object.freeze([
  byPriority(1, 'P1 Critical', 15 * MINUTE, 4 * HOUR, ALWAYS_ON_CALENDAR_ID),
  byPriority(2, 'P2 High', 1 * HOUR, 8 * HOUR, ALWAYS_ON_CALENDAR_ID),
  byPriority(3, 'P3 Moderate', 2 * HOUR, 24 * HOUR, ALWAYS_ON_CALENDAR_ID),
  byPriority(4, 'P4 Low', 4 * HOUR, 3 * BUSINESS_DAY, BUSINESS_CALENDAR_ID),
  byPriority(5, 'P5 Planning', 1 * BUSINESS_DAY, 5 * BUSINESS_DAY, BUSINESS_CALENDAR_ID),
]);

function accepts<T>(list: readonly T[] | undefined, value: T): boolean {
  return list === undefined || list.length === 0 || list.includes(value);
}

function specificity(match: SlaMatch): number {
  return [match.kinds, match.priorities, match.categories].filter((l) => l !== undefined && l.length > 0)
    .length;
}

/**
 * The matching policy that constrains the most fields; ties go to the smallest id (plain code
 * unit order, not locale order, so every device picks the same one).
 */
export function choosePolicy(ticket: TicketDoc, policies: readonly SlaPolicy[]): SlaPolicy | undefined {
  let best: SlaPolicy | undefined;
  for (const policy of policies) {
    const { kinds, priorities, categories } = policy.match;
    if (
      !accepts(kinds, ticket.kind) ||
      !accepts(priorities, ticket.priority) ||
      !accepts(categories, ticket.category)
    ) {
      continue;
    }
    if (best === undefined) {
      best = policy;
      continue;
    }
    const diff = specificity(policy.match) - specificity(best.match);
    if (diff > 0 || (diff === 0 && policy.id < best.id)) best = policy;
  }
  return best;
}

/**
 * The policy that applies to `ticket`: the one chosen by hand while it still exists, otherwise
 * the automatic choice. A hand-picked policy deleted from the settings falls back to automatic.
 */
export function policyFor(ticket: TicketDoc, policies: readonly SlaPolicy[]): SlaPolicy | undefined {
  const chosen = ticket.slaPolicyId ? policies.find((p) => p.id === ticket.slaPolicyId) : undefined;
  return chosen ?? choosePolicy(ticket, policies);
}

// ---------------------------------------------------------------------------------------------
// Clocks

export type ClockStatus = 'running' | 'paused' | 'met' | 'breached' | 'warning';

export interface ClockState {
  /** Breached wins over paused and met: a missed target stays missed. */
  status: ClockStatus;
  /** Working time counted so far (up to the stop for a stopped clock). */
  elapsedMs: number;
  targetMs: number;
  /** Deadline if the clock keeps running; the missed deadline once breached; null while paused or met. */
  dueAt: number | null;
  /** The deadline that was passed while the clock ran, if any. */
  breachedAt: number | null;
  /** When the goal was reached (response given, ticket resolved), on time or late. */
  metAt: number | null;
}

export interface SlaState {
  response: ClockState;
  resolution: ClockState;
}

/** A stretch of time during which the clock counts (calendar permitting). */
interface Span {
  from: number;
  to: number;
}

type Phase = 'running' | 'paused' | 'stopped';

const STATUS_SET: ReadonlySet<unknown> = new Set(TICKET_STATUSES);

function isStatus(value: unknown): value is TicketStatus {
  return STATUS_SET.has(value);
}

/** Already one copy of each of the ticket's entries, in strict (createdAt, id) order, none after `nowMs`. */
function inTimelineOrder(ticket: TicketDoc, activities: readonly ActivityDoc[], nowMs: number): boolean {
  let previous: ActivityDoc | undefined;
  for (const a of activities) {
    if (a.parentId !== ticket.id || a.createdAt > nowMs) return false;
    if (
      previous &&
      (previous.createdAt > a.createdAt || (previous.createdAt === a.createdAt && previous.id >= a.id))
    )
      return false;
    previous = a;
  }
  return true;
}

/**
 * One copy of each activity, in (createdAt, id) order, none after `nowMs`. Timelines read from
 * the [parentId, createdAt] index are usually in that order already; they are used as they are
 * (the dashboard folds 100,000 of them).
 */
export function timeline(
  ticket: TicketDoc,
  activities: readonly ActivityDoc[],
  nowMs: number,
): readonly ActivityDoc[] {
  if (inTimelineOrder(ticket, activities, nowMs)) return activities;
  const byId = new Map<string, ActivityDoc>();
  for (const a of activities) {
    if (a.parentId === ticket.id && a.createdAt <= nowMs && !byId.has(a.id)) byId.set(a.id, a);
  }
  return [...byId.values()].sort(
    (a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

export interface StatusEvent {
  at: number;
  status: TicketStatus;
}

/**
 * Status history. The creation status is the first recorded change's `from`, or the ticket's
 * own status when nothing has changed it. Devices' clocks disagree a little, so nothing is
 * allowed to happen before the ticket was created.
 */
export function statusHistory(ticket: TicketDoc, entries: readonly ActivityDoc[]): StatusEvent[] {
  const events: StatusEvent[] = [];
  for (const entry of entries) {
    if (entry.kind !== 'change') continue;
    const change = entry.changes.find((c) => c.field === 'status');
    if (change === undefined || !isStatus(change.to)) continue;
    if (events.length === 0) {
      events.push({ at: ticket.createdAt, status: isStatus(change.from) ? change.from : 'new' });
    }
    events.push({ at: Math.max(entry.createdAt, ticket.createdAt), status: change.to });
  }
  if (events.length === 0) return stampedHistory(ticket);
  return events;
}

/**
 * A record with no status changes on its timeline (imported, or written by an older tool) can
 * still carry its resolved and closed stamps: they are the best history there is. Without them
 * the record has been in its status since creation.
 */
function stampedHistory(ticket: TicketDoc): StatusEvent[] {
  const { createdAt, resolvedAt, closedAt, status } = ticket;
  const done = status === 'resolved' || status === 'closed';
  if (!done || !(resolvedAt > createdAt || closedAt > createdAt)) return [{ at: createdAt, status }];
  const events: StatusEvent[] = [{ at: createdAt, status: 'new' }];
  if (resolvedAt > createdAt) events.push({ at: resolvedAt, status: 'resolved' });
  if (status === 'closed' && closedAt > createdAt)
    events.push({ at: Math.max(closedAt, resolvedAt), status: 'closed' });
  return events;
}

export function resolutionPhase(status: TicketStatus): Phase {
  if (status === 'pending') return 'paused';
  return status === 'resolved' || status === 'closed' || status === 'cancelled' ? 'stopped' : 'running';
}

/** Running spans up to now, the phase the clock is in now, and when it last stopped. */
function resolutionSpans(
  events: readonly StatusEvent[],
  nowMs: number,
): { spans: Span[]; phase: Phase; stoppedAt: number | null } {
  const spans: Span[] = [];
  let phase: Phase | null = null;
  let since = 0;
  let stoppedAt: number | null = null;
  for (const event of events) {
    const next = resolutionPhase(event.status);
    if (next === phase) continue;
    if (phase === 'running') spans.push({ from: since, to: event.at });
    if (next === 'stopped') stoppedAt = event.at;
    phase = next;
    since = event.at;
  }
  if (phase === 'running') spans.push({ from: since, to: Math.max(since, nowMs) });
  // statusHistory always yields at least the creation status, so phase is set by now.
  phase ??= 'running';
  return { spans, phase, stoppedAt: phase === 'stopped' ? stoppedAt : null };
}

/** First public reply by staff, or first move out of New (at creation if created past New). */
export function firstResponseAt(
  ticket: TicketDoc,
  entries: readonly ActivityDoc[],
  events: readonly StatusEvent[],
): number | null {
  const moved = events.find((e) => e.status !== 'new')?.at ?? null;
  const reply = entries.find((a) => a.kind === 'comment' && a.createdBy !== ticket.requesterId);
  const replied = reply === undefined ? null : Math.max(reply.createdAt, ticket.createdAt);
  if (moved === null) return replied;
  return replied === null ? moved : Math.min(moved, replied);
}

/**
 * Folds running spans into a clock. The deadline is passed once the clock is running at any
 * instant after the moment the target was used up; reaching it exactly is still on time.
 */
function clockFrom(
  spans: readonly Span[],
  phase: Phase,
  stoppedAt: number | null,
  targetMs: number,
  warnAt: number,
  calendar: BusinessCalendar,
): ClockState {
  let elapsed = 0;
  let elapsedBeforeLast = 0;
  let breachedAt: number | null = null;
  for (const span of spans) {
    const worked = workingMsBetween(calendar, span.from, span.to);
    if (breachedAt === null && elapsed + worked >= targetMs) {
      const deadline = addWorkingMs(calendar, span.from, targetMs - elapsed);
      if (deadline < span.to) breachedAt = deadline;
    }
    elapsedBeforeLast = elapsed;
    elapsed += worked;
  }
  const last = spans[spans.length - 1];
  // The deadline if the clock keeps running: the remaining target counted from the current span.
  const projected =
    phase === 'running' && breachedAt === null && last !== undefined
      ? addWorkingMs(calendar, last.from, targetMs - elapsedBeforeLast)
      : null;
  const metAt = phase === 'stopped' ? stoppedAt : null;
  if (breachedAt !== null)
    return { status: 'breached', elapsedMs: elapsed, targetMs, dueAt: breachedAt, breachedAt, metAt };
  if (phase === 'stopped')
    return { status: 'met', elapsedMs: elapsed, targetMs, dueAt: null, breachedAt: null, metAt };
  if (phase === 'paused')
    return { status: 'paused', elapsedMs: elapsed, targetMs, dueAt: null, breachedAt: null, metAt: null };
  const warn = elapsed >= targetMs * (Number.isFinite(warnAt) ? warnAt : DEFAULT_WARN_AT);
  return {
    status: warn ? 'warning' : 'running',
    elapsedMs: elapsed,
    targetMs,
    dueAt: projected,
    breachedAt: null,
    metAt: null,
  };
}

/** Both clocks of `ticket` as they stand at `nowMs`, from its timeline (activities after now are ignored). */
export function slaState(
  ticket: TicketDoc,
  activities: readonly ActivityDoc[],
  policy: SlaPolicy,
  calendar: BusinessCalendar,
  nowMs: number,
): SlaState {
  const entries = timeline(ticket, activities, nowMs);
  const events = statusHistory(ticket, entries);
  return clocksFrom(ticket, events, firstResponseAt(ticket, entries, events), policy, calendar, nowMs);
}

/** Both clocks from a status history and first response already read off the timeline. */
export function clocksFrom(
  ticket: TicketDoc,
  events: readonly StatusEvent[],
  respondedAt: number | null,
  policy: SlaPolicy,
  calendar: BusinessCalendar,
  nowMs: number,
): SlaState {
  const created = ticket.createdAt;
  const responseSpan = { from: created, to: Math.max(created, respondedAt ?? nowMs) };
  const response = clockFrom(
    [responseSpan],
    respondedAt === null ? 'running' : 'stopped',
    respondedAt,
    policy.responseMs,
    policy.warnAt,
    calendar,
  );

  const { spans, phase, stoppedAt } = resolutionSpans(events, nowMs);
  const resolution = clockFrom(spans, phase, stoppedAt, policy.resolutionMs, policy.warnAt, calendar);
  return { response, resolution };
}

// ---------------------------------------------------------------------------------------------
// The clock to show

export type ClockName = 'response' | 'resolution';

export interface ShownClock {
  name: ClockName;
  clock: ClockState;
}

/** Lower is more urgent. */
const URGENCY: Readonly<Record<ClockStatus, number>> = {
  breached: 0,
  warning: 1,
  running: 2,
  paused: 3,
  met: 4,
};

/**
 * The one clock a badge, the ticket page and the saved views show: the most urgent status, then
 * the earlier deadline (the longer-missed one once breached). Between two settled clocks the
 * resolution clock tells the ticket's outcome. One function, so the list, the page and the
 * "Breaching soon" / "Breached" views always agree.
 */
export function clockToShow(state: SlaState): ShownClock {
  const response: ShownClock = { name: 'response', clock: state.response };
  const resolution: ShownClock = { name: 'resolution', clock: state.resolution };
  const a = state.response;
  const b = state.resolution;
  const rank = URGENCY[a.status] - URGENCY[b.status];
  if (rank !== 0) return rank < 0 ? response : resolution;
  if (a.dueAt !== null && b.dueAt !== null && a.dueAt < b.dueAt) return response;
  return resolution;
}
