/**
 * Deterministic demo and benchmark tickets.
 *
 * Ticket N is generated from its own random stream derived from (seed, N), so any chunking of
 * the index range (0..999 then 1000..1999, or 0..1999 at once) yields identical documents. That
 * lets seeding and benchmarks insert in batches without keeping the whole set in memory.
 */
import { ID_PREFIX, newId } from '../domain/ids';
import { MAX_TIME } from '../domain/model';
import type { ActivityDoc, Level, TicketDoc, TicketKind, TicketStatus } from '../domain/model';
import { formatTicketNumber } from '../domain/numbering';
import { priorityOf } from '../domain/priority';
import {
  STATUS_MACHINES,
  pendingReasonsFor,
  phaseOf,
  resolutionCodesFor,
  type ResolutionCode,
} from '../domain/status';
import { chance, createRandom, pick, randomInt, weighted, type Random } from './random';
import type { DemoTeam } from './team';
import { indexTeam, type TeamIndex } from './team-index';
import { TAGS, TEMPLATES } from './ticket-templates';
import * as text from './ticket-text';

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
  /** Adds 0-3 comments, notes or work logs per ticket. */
  withActivities?: boolean;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;

const pickKind = weighted<TicketKind>([
  ['incident', 55],
  ['request', 30],
  ['question', 8],
  ['problem', 2],
  ['change', 2.5],
  ['release', 0.5],
  ['project', 0.5],
  ['task', 1.5],
]);
// Mostly low impact and medium urgency, which lands most tickets on P3/P4 as in real desks.
const pickImpact = weighted<Level>([
  [1, 10],
  [2, 35],
  [3, 55],
]);
const pickUrgency = weighted<Level>([
  [1, 12],
  [2, 48],
  [3, 40],
]);
const pickOpenStatus = weighted<TicketStatus>([
  ['new', 15],
  ['assigned', 20],
  ['in_progress', 40],
  ['pending', 20],
  ['reopened', 5],
]);
const pickActivityKind = weighted<'comment' | 'note' | 'worklog'>([
  ['comment', 45],
  ['note', 25],
  ['worklog', 30],
]);
/** Used when a custom team has no CI of the kind a title mentions. */
const FALLBACK_NAMES: Readonly<Record<string, string>> = {
  laptop: 'my laptop',
  desktop: 'my PC',
  mobile: 'my phone',
  printer: 'the office printer',
  server: 'the file server',
  app: 'the ERP system',
  ap: 'the 2nd floor access point',
  firewall: 'the office firewall',
};
/** Typical hours to resolve by priority; each ticket varies from 0.2x to 1.8x. */
const RESOLVE_HOURS = [0, 4, 16, 48, 120, 360] as const;

function family(kind: TicketKind): text.TextFamily {
  return kind === 'incident' || kind === 'request' || kind === 'question' ? kind : 'work';
}

/** Open statuses drawn for the queue-style machines, mapped onto each kind's own process. */
function openStatusFor(kind: TicketKind, drawn: TicketStatus, random: Random): TicketStatus {
  if (kind === 'change')
    return pick(random, ['new', 'assess', 'authorize', 'scheduled', 'implement'] as const);
  const machine = STATUS_MACHINES[kind].transitions;
  if (drawn === 'pending' && pendingReasonsFor(kind).length === 0) return 'in_progress';
  if (drawn !== 'new' && machine[drawn].length === 0) return 'in_progress';
  return drawn;
}

/** Probability that a ticket of this age is still open: recent work is open, old work is done. */
function openProbability(ageDays: number): number {
  if (ageDays < 2) return 0.8;
  if (ageDays < 7) return 0.45;
  if (ageDays < 30) return 0.15;
  if (ageDays < 90) return 0.05;
  return 0.015;
}

/** Business-hours creation time in the `spanDays` before now; most weekend days are redrawn. */
function createdTime(random: Random, now: number, spanDays: number): number {
  let day = 0;
  for (let attempt = 0; attempt < 3; attempt++) {
    day = Math.floor(random() * spanDays);
    const weekday = (Math.floor((now - day * DAY) / DAY) + 4) % 7; // 1970-01-01 was a Thursday
    if ((weekday !== 0 && weekday !== 6) || random() < 0.15) break;
  }
  const midnight = Math.floor((now - day * DAY) / DAY) * DAY;
  const time = midnight + 7 * HOUR + Math.floor(random() * 11 * HOUR);
  return Math.max(now - spanDays * DAY, Math.min(time, now - Math.floor(random() * HOUR)));
}

const codePickers = new Map<TicketKind, (random: Random) => ResolutionCode>();
function pickResolution(random: Random, kind: TicketKind): ResolutionCode {
  let picker = codePickers.get(kind);
  if (!picker) {
    picker = weighted(resolutionCodesFor(kind).map((code) => [code, text.RESOLUTION_WEIGHTS[code]] as const));
    codePickers.set(kind, picker);
  }
  return picker(random);
}

function generateTicket(
  seed: number,
  index: number,
  ix: TeamIndex,
  opts: TicketOptions,
  activities: ActivityDoc[] | null,
) {
  const random = createRandom(seed, index);
  const { now } = opts;
  const kind = pickKind(random);
  const [template, category, groupKey] = pick(random, TEMPLATES[kind]);
  const createdAt = createdTime(random, now, opts.spanDays ?? 365);
  const requester = chance(random, 0.8) ? pick(random, ix.requesters) : pick(random, ix.users);
  const person = pick(random, ix.users).name;
  const site = pick(random, ix.sites);
  const ciIds: string[] = [];
  let device = '';
  const title = template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    if (key === 'person') return person;
    if (key === 'site') return site;
    if (key === 'n') return String(randomInt(random, 1, 12));
    const pool = ix.pools[key];
    // Prefer the requester's own device: "VPN drops on LDN-LT-0412" should be their laptop.
    const ci =
      ix.owned.get(`${requester.id}:${key}`) ?? (pool && pool.length > 0 ? pick(random, pool) : null);
    if (!ci) return FALLBACK_NAMES[key] ?? whole;
    ciIds.push(ci.id);
    device ||= ci.name;
    return ci.name;
  });
  const ctx = { requester: requester.name, person, site, device: device || 'standard laptop' };
  const description = text.describe(random, family(kind), ctx);
  const impact = pickImpact(random);
  const urgency = pickUrgency(random);
  const priority = priorityOf(impact, urgency, ix.matrix);
  const groupId = ix.groupByKey.get(groupKey) ?? '';
  const members = ix.members.get(groupId) ?? ix.agents;

  const ageMs = now - createdAt;
  let status: TicketStatus;
  let assigneeId = '';
  let pendingReason: TicketDoc['pendingReason'] = '';
  let resolutionCode = '';
  let resolutionNotes = '';
  let resolvedAt = 0;
  let closedAt = 0;
  let updatedAt: number;
  if (chance(random, openProbability(ageMs / DAY))) {
    status = openStatusFor(kind, pickOpenStatus(random), random);
    if (status !== 'new') assigneeId = pick(random, members);
    if (status === 'pending') pendingReason = pick(random, pendingReasonsFor(kind));
    updatedAt = createdAt + Math.floor(random() * ageMs);
  } else {
    assigneeId = pick(random, members);
    const hours = RESOLVE_HOURS[priority] * (0.2 + random() * 1.6);
    resolvedAt = Math.min(now, createdAt + Math.floor(hours * HOUR));
    // Requesters confirm within two days, or the ticket auto-closes after five.
    const closeAfter = chance(random, 0.4) ? randomInt(random, 1, 48) * HOUR : 5 * DAY;
    status = resolvedAt + closeAfter <= now || kind === 'change' ? 'closed' : 'resolved';
    if (status === 'closed') closedAt = Math.min(now, resolvedAt + closeAfter);
    const code = pickResolution(random, kind);
    resolutionCode = code;
    resolutionNotes = pick(random, text.RESOLUTION_NOTES[code]);
    updatedAt = closedAt || resolvedAt;
  }
  const tags = chance(random, 0.2) ? [...new Set([pick(random, TAGS), pick(random, TAGS)])] : [];
  const createdBy = chance(random, 0.6) ? requester.id : pick(random, ix.agents);
  const id = newId(ID_PREFIX.ticket, createdAt, random);
  const ticket: TicketDoc = {
    id,
    type: 'ticket',
    kind,
    number: formatTicketNumber(kind, opts.deviceId, index + 1),
    title,
    description,
    status,
    pendingReason,
    impact,
    urgency,
    priority,
    category,
    requesterId: requester.id,
    assigneeId,
    groupId,
    ciIds: [...new Set(ciIds)],
    tags,
    resolutionCode,
    resolutionNotes,
    phase: phaseOf(status),
    sortDesc: MAX_TIME - updatedAt,
    createdAt,
    createdBy,
    updatedAt,
    updatedBy: assigneeId || createdBy,
    resolvedAt,
    closedAt,
  };
  if (activities) {
    // Drawn after the ticket, so enabling activities never changes the tickets themselves.
    const count = randomInt(random, 0, 3);
    const times = Array.from(
      { length: count },
      () => createdAt + Math.floor(random() * (updatedAt - createdAt)),
    );
    times.sort((a, b) => a - b);
    const staff = assigneeId || pick(random, ix.agents);
    for (const at of times) {
      const kindOfEntry = pickActivityKind(random);
      const fromRequester = kindOfEntry === 'comment' && chance(random, 0.5);
      const body =
        kindOfEntry === 'worklog'
          ? pick(random, text.WORKLOGS)
          : kindOfEntry === 'note'
            ? pick(random, text.NOTES)
            : pick(random, fromRequester ? text.COMMENTS_FROM_REQUESTER : text.COMMENTS_FROM_AGENT);
      const author = fromRequester ? requester.id : staff;
      activities.push({
        id: newId(ID_PREFIX.activity, at, random),
        type: 'activity',
        parentId: id,
        kind: kindOfEntry,
        body,
        minutes: kindOfEntry === 'worklog' ? randomInt(random, 1, 36) * 5 : 0,
        changes: [],
        createdAt: at,
        createdBy: author,
        updatedAt: at,
        updatedBy: author,
      });
    }
    // Every timeline starts where a ticket made in the app starts: its creation.
    activities.push({
      id: newId(ID_PREFIX.activity, createdAt, random),
      type: 'activity',
      parentId: id,
      kind: 'created',
      body: '',
      minutes: 0,
      changes: [],
      createdAt,
      createdBy,
      updatedAt: createdAt,
      updatedBy: createdBy,
    });
  }
  return ticket;
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
  const ix = indexTeam(team);
  const tickets: TicketDoc[] = new Array<TicketDoc>(count);
  const activities: ActivityDoc[] = [];
  const sink = options.withActivities ? activities : null;
  for (let i = 0; i < count; i++) tickets[i] = generateTicket(seed, start + i, ix, options, sink);
  return { tickets, activities };
}
