/**
 * One ticket's timeline folded into the instants the KPIs need. Same rules as the SLA clocks
 * (shared/domain/sla.ts): the status history comes from the timeline's status changes, the
 * first response is the first public reply by staff or the first move out of New. Working time
 * is counted on the team's business calendar, with Pending and resolved time left out.
 */
import { workingMsBetween, type BusinessCalendar } from '../calendar';
import type { ActivityDoc, TicketDoc } from '../model';
import {
  firstResponseAt,
  policyFor,
  resolutionPhase,
  clocksFrom,
  statusHistory,
  timeline,
  type ClockState,
  type SlaPolicy,
  type StatusEvent,
} from '../sla';
import type { DoneSpell, TicketFacts } from './model';

export interface FactsContext {
  policies: readonly SlaPolicy[];
  /** The calendar a policy names (unknown ids fall back as the SLA settings decide). */
  calendarOf: (calendarId: string) => BusinessCalendar;
  /** The team's business hours: resolution and response times are counted on it. */
  business: BusinessCalendar;
  now: number;
}

/** Which activities can change a ticket's facts (the rest of a timeline is never read). */
export function isFactActivity(activity: ActivityDoc): boolean {
  if (activity.kind === 'comment' || activity.kind === 'survey') return true;
  if (activity.kind !== 'change' && activity.kind !== 'escalation') return false;
  return activity.changes.some(
    (c) => c.field === 'status' || c.field === 'assigneeId' || c.field === 'groupId',
  );
}

const FACT_FIELDS: ReadonlySet<string> = new Set(['status', 'assigneeId', 'groupId']);

/** What the facts read of an entry: no text, only the changes that matter. */
export function slimFactActivity(activity: ActivityDoc): ActivityDoc {
  return { ...activity, body: '', changes: activity.changes.filter((c) => FACT_FIELDS.has(c.field)) };
}

function doneSpells(events: readonly StatusEvent[], business: BusinessCalendar): DoneSpell[] {
  const spells: DoneSpell[] = [];
  let phase: 'running' | 'paused' | 'stopped' | null = null;
  let since = 0;
  let work = 0;
  for (const event of events) {
    const next = resolutionPhase(event.status);
    if (next === phase) continue;
    if (phase === 'running') work += workingMsBetween(business, since, event.at);
    const last = spells[spells.length - 1];
    if (phase === 'stopped' && last) last.endedAt = event.at;
    if (next === 'stopped') spells.push({ at: event.at, workMs: work, endedAt: null });
    phase = next;
    since = event.at;
  }
  return spells;
}

/** When a clock breached, or will breach if it keeps running; null when it cannot. */
function breachOf(clock: ClockState): number | null {
  if (clock.breachedAt !== null) return clock.breachedAt;
  return clock.status === 'running' || clock.status === 'warning' ? clock.dueAt : null;
}

/** Handed on from one person or group to another (a first assignment does not count). */
function isHandOver(a: ActivityDoc): boolean {
  if (a.kind !== 'change' && a.kind !== 'escalation') return false;
  for (const c of a.changes) {
    if ((c.field === 'assigneeId' || c.field === 'groupId') && c.from !== '' && c.from !== c.to) return true;
  }
  return false;
}

function isScore(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5;
}

export function ticketFacts(
  ticket: TicketDoc,
  activities: readonly ActivityDoc[],
  ctx: FactsContext,
): TicketFacts {
  const entries = timeline(ticket, activities, ctx.now);
  const events = statusHistory(ticket, entries);
  const respondedAt = firstResponseAt(ticket, entries, events);
  const policy = policyFor(ticket, ctx.policies);
  let sla: TicketFacts['sla'] = null;
  if (policy) {
    const state = clocksFrom(ticket, events, respondedAt, policy, ctx.calendarOf(policy.calendarId), ctx.now);
    sla = { responseBreachAt: breachOf(state.response), resolutionBreachAt: breachOf(state.resolution) };
  }
  // One walk for the latest survey and any hand-over: a dashboard folds 100,000 timelines.
  let survey: TicketFacts['survey'] = null;
  let handedOver = false;
  for (const a of entries) {
    if (a.kind === 'survey' && isScore(a.score)) survey = { at: a.createdAt, score: a.score };
    else if (!handedOver && isHandOver(a)) handedOver = true;
  }
  return {
    id: ticket.id,
    number: ticket.number,
    kind: ticket.kind,
    priority: ticket.priority,
    groupId: ticket.groupId,
    assigneeId: ticket.assigneeId,
    category: ticket.category,
    status: ticket.status,
    resolutionCode: ticket.resolutionCode,
    createdAt: ticket.createdAt,
    done: doneSpells(events, ctx.business),
    respondedAt,
    responseWorkMs:
      respondedAt === null ? null : workingMsBetween(ctx.business, ticket.createdAt, respondedAt),
    sla,
    survey,
    singleTouch: !handedOver && !events.some((e) => e.status === 'pending'),
  };
}
