/**
 * The worked history of a plain demo ticket (incident, request, question): picked up, sometimes
 * handed on, left waiting, resolved, reopened and closed, recorded as the app records those edits.
 *
 * The demo desk mostly keeps to the default SLA targets. Each ticket's response and resolution
 * times are drawn in the working time of its default policy's calendar (round the clock for P1
 * to P3, office hours for P4 and P5), mostly within the target and sometimes late, so a dashboard
 * over demo data shows the compliance, first-contact resolution and reopen rates of a real desk.
 * What ends up on a plain ticket (status stamps, updatedAt) is drawn here whether or not the
 * timeline is kept, so switching activities on never changes a ticket; incidents of a problem
 * get a history fitted to their finished ticket instead (linkedHistory).
 */
import { addWorkingMs, workingMsBetween, type BusinessCalendar } from '../domain/calendar';
import type { Priority, TicketDoc, TicketKind, TicketStatus } from '../domain/model';
import { DEFAULT_SLA_POLICIES } from '../domain/sla';
import { DEFAULT_SLA_CONFIG, calendarFor, isRoundTheClock } from '../domain/slaSettings';
import { pendingReasonsFor, resolutionCodesFor, type ResolutionCode } from '../domain/status';
import { DAY, HOUR, MINUTE, closeDelay, type GenContext } from './draft';
import { chance, pick, weighted, type Random } from './random';
import * as text from './ticket-text';
import {
  edit,
  historyOf,
  lastAt,
  reply,
  schedule,
  settle,
  startLife as start,
  type History,
  type Life,
  type Tracked,
} from './timeline';

/** Shares of tickets: answered in time, resolved in time, handed on, waiting, reopened. */
const ON_TIME_RESPONSE = 0.88;
const ON_TIME_RESOLUTION = 0.89;
const HANDED_ON = 0.1;
const WAITED = 0.1;
const REOPENED = 0.045;
/** Some tickets are first answered by a reply, the move out of New coming later. */
const REPLY_FIRST = 0.25;

/** A ticket younger than this is still New: nobody could have worked it yet. */
export const UNTOUCHED_MS = 10 * MINUTE;

interface Clock {
  calendar: BusinessCalendar;
  responseMs: number;
  resolutionMs: number;
  /** A working day on this calendar: waits are drawn in days, as a desk thinks of them. */
  dayMs: number;
}

/** The clock each priority runs on under the default policies. */
const CLOCKS: readonly Clock[] = ([1, 2, 3, 4, 5] as const).map((priority: Priority): Clock => {
  const policy = DEFAULT_SLA_POLICIES.find((p) => p.match.priorities?.includes(priority));
  const calendar = calendarFor(DEFAULT_SLA_CONFIG, policy?.calendarId ?? '');
  return {
    calendar,
    responseMs: policy?.responseMs ?? 8 * HOUR,
    resolutionMs: policy?.resolutionMs ?? 5 * DAY,
    dayMs: isRoundTheClock(calendar) ? DAY : 8 * HOUR,
  };
});

const clockOf = (priority: Priority): Clock => CLOCKS[priority - 1] as Clock;

const codePickers = new Map<TicketKind, (random: Random) => ResolutionCode>();
export function pickResolution(random: Random, kind: TicketKind): ResolutionCode {
  let picker = codePickers.get(kind);
  if (!picker) {
    picker = weighted(resolutionCodesFor(kind).map((code) => [code, text.RESOLUTION_WEIGHTS[code]] as const));
    codePickers.set(kind, picker);
  }
  return picker(random);
}

const REPLIES = [
  'Thanks for reporting this; it is logged and someone will pick it up shortly.',
  'Received, thank you. We will update you here.',
  'Thanks, we are looking at the details now.',
];
const REOPEN_REASONS: Readonly<Record<string, readonly string[]>> = {
  incident: [
    'It has started happening again.',
    'Still not working for me this morning.',
    'The fix only lasted a day.',
  ],
  request: ['This is not quite what I asked for.', 'Only part of the request was done.'],
  question: ['That did not answer my question, sorry.', 'The steps do not match what I see.'],
};

/** A share of the working time left, for a move after which the clock kept running. */
const share = (random: Random): number => 0.3 + random();

/** Working time to the first response: mostly within the target, sometimes late. */
function responseWork(random: Random, clock: Clock): number {
  const target = clock.responseMs;
  return chance(random, ON_TIME_RESPONSE)
    ? target * (0.03 + 0.92 * random() ** 2)
    : target * (1.05 + 1.5 * random());
}

/** Working time the resolution clock runs in all, at least well past the response. */
function resolutionWork(random: Random, clock: Clock, response: number): number {
  const target = clock.resolutionMs;
  const work = chance(random, ON_TIME_RESOLUTION)
    ? target * (0.05 + 0.9 * random() ** 1.5)
    : target * (1.03 + 0.8 * random());
  return Math.max(work, response + 0.1 * target);
}

/** A wait in working time: the requester answers within a day or so, vendors take longer. */
function waitWork(random: Random, clock: Clock, reason: string): number {
  const days = reason === 'awaiting_requester' ? 0.1 + 1.4 * random() : 0.3 + 3.7 * random() ** 1.5;
  return days * clock.dayMs;
}

/**
 * Who had the ticket before it was handed to its final assignee: usually the Service Desk
 * passing it to the owning group, otherwise a colleague in the same group.
 */
function previousHolder(
  g: GenContext,
  random: Random,
  ticket: TicketDoc,
): Pick<Tracked, 'groupId' | 'assigneeId'> | null {
  const desk = g.ix.groupByKey.get('desk') ?? '';
  const final = ticket.assigneeId;
  if (desk !== '' && ticket.groupId !== desk && chance(random, 0.7)) {
    const pool = (g.ix.members.get(desk) ?? []).filter((id) => id !== final);
    if (pool.length > 0) return { groupId: desk, assigneeId: pick(random, pool) };
  }
  const pool = (g.ix.members.get(ticket.groupId) ?? []).filter((id) => id !== final);
  return pool.length > 0 ? { groupId: ticket.groupId, assigneeId: pick(random, pool) } : null;
}

/** A life starting with the previous holder's group when the ticket was handed on. */
function begin(ticket: TicketDoc, from: Pick<Tracked, 'groupId'> | null): { life: Life; clock: Clock } {
  const clock = clockOf(ticket.priority);
  return { life: start(ticket, from?.groupId ?? ticket.groupId, clock.calendar), clock };
}

/** The first response: a staff reply then the pick-up, or the pick-up itself. */
function respond(
  g: GenContext,
  random: Random,
  life: Life,
  first: string,
  response: number,
  to: TicketStatus,
): void {
  const by = chance(random, 0.7) ? first : pick(random, g.ix.agents);
  if (chance(random, REPLY_FIRST)) {
    reply(life, by, pick(random, REPLIES), 'first', response);
    edit(life, { status: to, assigneeId: first }, by, 'run', share(random));
  } else {
    edit(life, { status: to, assigneeId: first }, by, 'first', response);
  }
}

/** Picked up, started and maybe handed on: the ticket ends In progress with its final assignee. */
function pickUp(g: GenContext, random: Random, life: Life, response: number, from: string | null): void {
  const { ticket } = life;
  const first = from ?? ticket.assigneeId;
  respond(g, random, life, first, response, chance(random, 0.5) ? 'assigned' : 'in_progress');
  if (life.state.status === 'assigned') edit(life, { status: 'in_progress' }, first, 'run', share(random));
  if (from !== null) {
    const handOn = { status: 'assigned', assigneeId: ticket.assigneeId, groupId: ticket.groupId } as const;
    edit(life, handOn, first, 'run', share(random));
    edit(life, { status: 'in_progress' }, ticket.assigneeId, 'run', share(random));
  }
}

const reopenReason = (random: Random, kind: TicketKind): string =>
  pick(random, REOPEN_REASONS[kind] ?? REOPEN_REASONS.incident ?? []);

/**
 * A resolved ticket's life, ending at its resolution (and closure when the grace period is
 * over by now). Sets status, resolvedAt, closedAt and updatedAt; the resolution code and notes
 * and the final assignee must be set already.
 */
export function resolvedHistory(g: GenContext, random: Random, ticket: TicketDoc): History {
  const { now } = g;
  const { createdAt, kind, resolutionCode, resolutionNotes } = ticket;
  const final = ticket.assigneeId;
  const from = chance(random, HANDED_ON) ? previousHolder(g, random, ticket) : null;
  const { life, clock } = begin(ticket, from);
  const response = responseWork(random, clock);
  const work = resolutionWork(random, clock, response);
  pickUp(g, random, life, response, from?.assigneeId ?? null);

  let fromPending = 0;
  if (chance(random, WAITED)) {
    const reason = pick(random, pendingReasonsFor(kind));
    edit(life, { status: 'pending', pendingReason: reason }, final, 'run', share(random));
    const wait = waitWork(random, clock, reason);
    // The answer sometimes settles it: resolved straight from Pending.
    if (chance(random, 0.7)) edit(life, { status: 'in_progress' }, final, 'pause', wait);
    else fromPending = wait;
  }
  if (fromPending === 0 && chance(random, REOPENED)) {
    const notes = pick(random, text.RESOLUTION_NOTES[resolutionCode as ResolutionCode]);
    edit(life, { status: 'resolved', resolutionCode, resolutionNotes: notes }, final, 'run', share(random));
    const gap = (0.1 + 1.9 * random()) * clock.dayMs;
    edit(life, { status: 'reopened' }, ticket.requesterId, 'pause', gap, reopenReason(random, kind));
    if (chance(random, 0.6)) edit(life, { status: 'in_progress' }, final, 'run', share(random));
  }
  const resolution = { status: 'resolved', resolutionCode, resolutionNotes } as const;
  if (fromPending > 0) edit(life, resolution, final, 'pause', fromPending);
  else edit(life, resolution, final, 'run', share(random));
  schedule(life, work - response, createdAt + Math.floor(0.9 * (now - createdAt)));

  ticket.resolvedAt = lastAt(life);
  const delay = closeDelay(random);
  ticket.status = ticket.resolvedAt + delay <= now ? 'closed' : 'resolved';
  if (ticket.status === 'closed') {
    ticket.closedAt = ticket.resolvedAt + delay;
    // Requesters confirm within two days; otherwise the grace period ran out.
    settle(life, { status: 'closed' }, delay < 5 * DAY ? ticket.requesterId : final, ticket.closedAt);
  }
  ticket.updatedAt = lastAt(life);
  return historyOf(life);
}

/**
 * An open ticket's life up to its current status, assignee and pending reason (set already).
 * Tickets open for long mostly spent that time waiting, as on a real desk; a wait or a
 * resolution that ended recently lets the clock run again from there. Sets updatedAt.
 */
export function openHistory(g: GenContext, random: Random, ticket: TicketDoc): History {
  const { now } = g;
  const { createdAt, kind, status } = ticket;
  const age = now - createdAt;
  const limit = createdAt + Math.floor(0.85 * age);
  const final = ticket.assigneeId;
  const from = status !== 'new' && chance(random, HANDED_ON) ? previousHolder(g, random, ticket) : null;
  const { life, clock } = begin(ticket, from);
  const response = responseWork(random, clock);
  ticket.updatedAt = createdAt;
  if (status === 'new') {
    // Untouched so far; often acknowledged by a reply while it waits in the queue.
    const at = addWorkingMs(clock.calendar, createdAt, Math.round(response));
    if (at > limit || !chance(random, 0.6)) return { steps: [], reply: null };
    return { steps: [], reply: { at, by: pick(random, g.ix.agents), body: pick(random, REPLIES) } };
  }
  // The working time spent before the ticket came to rest in its status.
  const spent = resolutionWork(random, clock, response) * (0.15 + 0.6 * random());
  let resume: { patch: Partial<Tracked>; by: string; body: string } | null = null;
  if (status === 'assigned') {
    respond(g, random, life, from?.assigneeId ?? final, response, 'assigned');
    if (from !== null) edit(life, { assigneeId: final, groupId: ticket.groupId }, from.assigneeId, 'run', 1);
  } else {
    pickUp(g, random, life, response, from?.assigneeId ?? null);
    if (status === 'pending') {
      edit(life, { status, pendingReason: ticket.pendingReason }, final, 'run', share(random));
    } else if (status === 'in_progress' && chance(random, age > DAY ? 0.8 : 0.25)) {
      const reason = pick(random, pendingReasonsFor(kind));
      edit(life, { status: 'pending', pendingReason: reason }, final, 'run', share(random));
      resume = { patch: { status: 'in_progress' }, by: final, body: '' };
    } else if (status === 'reopened') {
      const resolutionCode = pickResolution(random, kind);
      const resolutionNotes = pick(random, text.RESOLUTION_NOTES[resolutionCode]);
      edit(life, { status: 'resolved', resolutionCode, resolutionNotes }, final, 'run', share(random));
      resume = { patch: { status: 'reopened' }, by: ticket.requesterId, body: reopenReason(random, kind) };
    }
  }
  schedule(life, Math.max(0, spent - response), limit);
  if (resume) {
    // Back to work recently enough that the clock (paused until then) is mostly still in time.
    const previous = lastAt(life);
    const left = Math.max(0, clock.resolutionMs - spent);
    const since = chance(random, 0.85)
      ? left * (0.05 + 0.9 * random())
      : left + clock.resolutionMs * random();
    const at = Math.max(previous + Math.ceil(0.15 * (now - previous)), now - Math.floor(since));
    settle(life, resume.patch, resume.by, at, resume.body);
  }
  ticket.updatedAt = lastAt(life);
  return historyOf(life);
}

/**
 * The history of an incident raised against a problem, whose ticket is final already (see
 * problems.ts): picked up, maybe handed to the problem's group, waiting on the problem when it
 * took long, and resolved by its workaround or fix, or still waiting or back in progress. Its
 * last edit is at the ticket's last change.
 */
export function linkedHistory(g: GenContext, random: Random, ticket: TicketDoc): History | undefined {
  const { createdAt, updatedAt, resolvedAt, closedAt, status } = ticket;
  const end = resolvedAt || updatedAt;
  const final = ticket.assigneeId;
  if (final === '' || end - createdAt < 2 * MINUTE) return undefined;
  // The desk often hands these on to the group that owns the problem.
  const from = chance(random, 0.3) ? previousHolder(g, random, ticket) : null;
  const { life, clock } = begin(ticket, from);
  const response = responseWork(random, clock);
  const work = resolutionWork(random, clock, response);
  pickUp(g, random, life, response, from?.assigneeId ?? null);
  // What took longer than the working time drawn waited on the problem for a while.
  const done = resolvedAt > 0;
  const waited = done ? workingMsBetween(clock.calendar, createdAt, end) > work : status === 'in_progress';
  if (waited) {
    edit(life, { status: 'pending', pendingReason: 'awaiting_problem' }, final, 'run', share(random));
  }
  const spent = waited ? work * (0.1 + 0.5 * random()) : work;
  schedule(life, Math.max(0, spent - response), createdAt + Math.floor(0.8 * (end - createdAt)));
  if (done) {
    const { resolutionCode, resolutionNotes } = ticket;
    settle(life, { status: 'resolved', resolutionCode, resolutionNotes }, final, resolvedAt);
    if (closedAt > 0) settle(life, { status: 'closed' }, final, closedAt);
  } else {
    settle(life, { status, pendingReason: ticket.pendingReason }, final, updatedAt);
  }
  return historyOf(life);
}
