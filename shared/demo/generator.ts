/**
 * Deterministic demo and benchmark tickets.
 *
 * Plain tickets (incidents, requests, questions) come from their own random stream derived from
 * (seed, N). Process records come in families (a problem with its incidents, a release with its
 * changes, a project with its tasks; see plan.ts) generated whole from the family's stream, so
 * links between them hold. Either way any chunking of the index range (0..999 then 1000..1999,
 * or 0..1999 at once) yields identical documents, which lets seeding and benchmarks insert in
 * batches without keeping the whole set in memory.
 */
import type { ActivityDoc, TicketDoc, TicketStatus } from '../domain/model';
import { pendingReasonsFor } from '../domain/status';
import { changeFamily } from './changes';
import { DAY, createdTime, draftTicket, finish, memberOf, type GenContext } from './draft';
import { BLOCK, planBlock, type FamilyPlan } from './plan';
import { UNTOUCHED_MS, linkedHistory, openHistory, pickResolution, resolvedHistory } from './plain-timeline';
import { problemFamily } from './problems';
import { projectFamily } from './projects';
import { releaseFamily } from './releases';
import { createRandom, chance, pick, randomInt, weighted, type Random } from './random';
import type { DemoTeam } from './team';
import { indexTeam } from './team-index';
import { TEMPLATES, type PlainKind } from './ticket-templates';
import * as text from './ticket-text';
import { addSurvey, entry, historyEntries, memberActivities, type History, type Member } from './timeline';

export { DEMO_TEAM_NOW, generateTeam, type DemoTeam, type TeamOptions } from './team';

export interface TicketOptions {
  /** Index of the first ticket; numbers are `index + 1`. */
  start: number;
  count: number;
  /** Reference time: tickets are created in the `spanDays` before it. */
  now: number;
  /** How far back creation dates reach (default 365). A short span gives a busier open backlog,
   * which suits a demo desk; a year suits benchmarks and KPIs. */
  spanDays?: number;
  deviceId: string;
  /** Adds the timelines: creation, the saved edits that worked each record (status changes,
   * hand-overs, waits, reopenings), 0-3 comments, notes or work logs, CAB votes and
   * satisfaction surveys. */
  withActivities?: boolean;
}

/** Plain tickets only: problems, changes, releases, projects and tasks come in families. */
const pickKind = weighted<PlainKind>([
  ['incident', 55],
  ['request', 30],
  ['question', 8],
]);
/**
 * Open statuses by age: the queue (New, Assigned) holds recent tickets; what has been open for
 * days is mostly waiting on someone, or back in progress after a wait.
 */
const OPEN_STATUS_BY_AGE = [
  [
    1,
    weighted<TicketStatus>([
      ['new', 35],
      ['assigned', 25],
      ['in_progress', 32],
      ['pending', 7],
      ['reopened', 1],
    ]),
  ],
  [
    3,
    weighted<TicketStatus>([
      ['new', 20],
      ['assigned', 18],
      ['in_progress', 35],
      ['pending', 22],
      ['reopened', 5],
    ]),
  ],
  [
    Infinity,
    weighted<TicketStatus>([
      ['new', 5],
      ['assigned', 7],
      ['in_progress', 30],
      ['pending', 50],
      ['reopened', 8],
    ]),
  ],
] as const;
function pickOpenStatus(random: Random, ageMs: number): TicketStatus {
  if (ageMs < UNTOUCHED_MS) return 'new';
  const picker = OPEN_STATUS_BY_AGE.find(([days]) => ageMs < days * DAY) ?? OPEN_STATUS_BY_AGE[2];
  return picker[1](random);
}
const pickActivityKind = weighted<'comment' | 'note' | 'worklog'>([
  ['comment', 45],
  ['note', 25],
  ['worklog', 30],
]);

/** Probability that a ticket of this age is still open: recent work is open, old work is done. */
function openProbability(ageDays: number): number {
  if (ageDays < 2) return 0.8;
  if (ageDays < 7) return 0.45;
  if (ageDays < 30) return 0.15;
  if (ageDays < 90) return 0.05;
  return 0.015;
}

/**
 * An incident, request or question from its own stream: open or resolved by its age, with the
 * history that got it there (see plain-timeline.ts), 0-3 entries and maybe a survey.
 */
function plainTicket(g: GenContext, index: number, activities: ActivityDoc[] | null): TicketDoc {
  const { ix, now } = g;
  const random = createRandom(g.seed, index);
  const kind = pickKind(random);
  const [template, category, group] = pick(random, TEMPLATES[kind]);
  const createdAt = createdTime(random, now, g.spanDays);
  const ticket = draftTicket(g, random, index, { kind, template, category, group, createdAt });
  const ageMs = now - createdAt;
  let history: History;
  if (ageMs < UNTOUCHED_MS || chance(random, openProbability(ageMs / DAY))) {
    ticket.status = pickOpenStatus(random, ageMs);
    if (ticket.status !== 'new') ticket.assigneeId = memberOf(random, ix, ticket.groupId);
    if (ticket.status === 'pending') ticket.pendingReason = pick(random, pendingReasonsFor(kind));
    history = openHistory(g, random, ticket);
  } else {
    ticket.assigneeId = memberOf(random, ix, ticket.groupId);
    const code = pickResolution(random, kind);
    ticket.resolutionCode = code;
    ticket.resolutionNotes = pick(random, text.RESOLUTION_NOTES[code]);
    history = resolvedHistory(g, random, ticket);
  }
  finish(ticket);
  const last = history.steps[history.steps.length - 1];
  if (last) ticket.updatedBy = last.by;
  if (activities) plainActivities(g, random, ticket, history, activities);
  return ticket;
}

/**
 * The saved edits, the first reply, and a few comments, notes and work logs. Entries on an
 * open ticket may come after its last edit (writing one does not change the ticket); on a
 * resolved one they stop at closure, and notes and work logs at the resolution.
 */
function plainActivities(
  g: GenContext,
  random: Random,
  ticket: TicketDoc,
  history: History,
  out: ActivityDoc[],
): void {
  const { createdAt } = ticket;
  // Every timeline starts where a ticket made in the app starts: its creation.
  out.push(entry(random, ticket.id, 'created', createdAt, ticket.createdBy));
  historyEntries(random, ticket, history, out);
  const done = ticket.resolvedAt > 0;
  const queued = ticket.status === 'new';
  const count = randomInt(random, 0, 3);
  const staff = ticket.assigneeId || pick(random, g.ix.agents);
  for (let i = 0; i < count; i++) {
    // Nobody works a ticket still in the queue: it only gets comments.
    const kind = queued ? 'comment' : pickActivityKind(random);
    const end = !done ? g.now : kind === 'comment' ? ticket.updatedAt : ticket.resolvedAt;
    const at = createdAt + Math.floor(random() * (end - createdAt));
    const fromRequester = kind === 'comment' && chance(random, 0.5);
    const body =
      kind === 'worklog'
        ? pick(random, text.WORKLOGS)
        : kind === 'note'
          ? pick(random, text.NOTES)
          : pick(random, fromRequester ? text.COMMENTS_FROM_REQUESTER : text.COMMENTS_FROM_AGENT);
    const minutes = kind === 'worklog' ? randomInt(random, 1, 36) * 5 : 0;
    out.push(entry(random, ticket.id, kind, at, fromRequester ? ticket.requesterId : staff, body, minutes));
  }
  addSurvey(g, random, ticket, out);
}

const FAMILY_MAKERS = {
  problem: problemFamily,
  release: releaseFamily,
  project: projectFamily,
} as const;

function makeFamily(g: GenContext, family: FamilyPlan): Member[] {
  const fr = createRandom(g.seed, family.stream);
  if (family.kind === 'change') return changeFamily(g, fr, family.slots, family.stratum);
  return FAMILY_MAKERS[family.kind](g, fr, family.slots);
}

export function generateTickets(
  seed: number,
  team: DemoTeam,
  options: TicketOptions,
): { tickets: TicketDoc[]; activities: ActivityDoc[] } {
  const { start, count } = options;
  if (!Number.isSafeInteger(start) || start < 0 || !Number.isSafeInteger(count) || count < 0) {
    throw new RangeError('start and count must be non-negative integers.');
  }
  const g: GenContext = {
    seed,
    now: options.now,
    spanDays: options.spanDays ?? 365,
    deviceId: options.deviceId,
    ix: indexTeam(team),
  };
  const end = start + count;
  const tickets: TicketDoc[] = new Array<TicketDoc>(count);
  const activities: ActivityDoc[] = [];
  const sink = options.withActivities ? activities : null;
  for (let block = Math.floor(start / BLOCK); block * BLOCK < end; block++) {
    const plan = planBlock(seed, block, g.spanDays);
    // Whole families, even when only some of their members are in range: links must hold.
    const members = new Map<number, Member>();
    for (const family of plan.families) {
      if (!family.slots.some((slot) => slot >= start && slot < end)) continue;
      for (const m of makeFamily(g, family)) members.set(m.index, m);
    }
    const last = Math.min(end, (block + 1) * BLOCK);
    for (let index = Math.max(start, block * BLOCK); index < last; index++) {
      const m = members.get(index);
      if (!m) {
        tickets[index - start] = plainTicket(g, index, sink);
        continue;
      }
      tickets[index - start] = m.ticket;
      // Incidents of a problem come with their family but are worked like any other.
      const worked = m.ticket.kind === 'incident' && m.steps.length === 0;
      if (sink) memberActivities(g, m, sink, worked ? linkedHistory(g, m.random, m.ticket) : undefined);
    }
  }
  return { tickets, activities };
}
