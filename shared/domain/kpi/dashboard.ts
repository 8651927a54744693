/**
 * The dashboard's figures from ticket facts. Every figure is defined once, in `visit`, as the
 * drill keys a ticket contributes to; the dashboard counts the keys and the ticket list shows
 * the tickets that emit one, so a figure and the list behind it cannot disagree.
 *
 * Definitions (the period is [from, to); figures stand as of `asOf` = min(now, to)):
 * - opened: created in the period. resolved: its latest resolution up to asOf falls in the
 *   period (once per ticket, even if reopened afterwards).
 * - backlog: created by asOf and not resolved, closed or cancelled at asOf; age at asOf.
 * - resolution time: business working time to that resolution, Pending time left out.
 * - first response: business working time to the first response, for responses in the period.
 * - SLA compliance: tickets created in the period under a policy; breached once a deadline has
 *   passed by asOf, met once resolved (responded) without that, otherwise in progress. The
 *   instants come from the timeline, i.e. when the work was done, not when it synced.
 * - satisfaction: each ticket's latest answer, when given in the period.
 * - first-contact resolution and reopen rate: over the tickets resolved in the period.
 * - problems: resolved in the period, their time to resolve. changes: closed in the period,
 *   by closure code; successful ones count as success.
 */
import { CI_STATES, type CiState, type Priority } from '../model';
import {
  AGE_BUCKETS,
  DESK_KINDS,
  type AgeBucket,
  type AuditFigure,
  type Compliance,
  type Dashboard,
  type DrillKey,
  type DurationStats,
  type KpiQuery,
  type TicketFacts,
} from './model';
import { bucketBounds, bucketIndex } from './period';

const DAY = 86_400_000;
const PRIORITIES: readonly Priority[] = [1, 2, 3, 4, 5];
const PRIORITY_SET: ReadonlySet<number> = new Set(PRIORITIES);
/** Closure codes of a change that went in as planned. */
const SUCCESSFUL_CHANGE = 'successful';

export function ageBucket(ageMs: number): AgeBucket {
  if (ageMs < DAY) return 'lt1d';
  if (ageMs < 3 * DAY) return '1to3d';
  if (ageMs < 7 * DAY) return '3to7d';
  if (ageMs < 30 * DAY) return '7to30d';
  return 'gt30d';
}

interface Context {
  from: number;
  to: number;
  asOf: number;
  bounds: number[];
  kinds: ReadonlySet<string>;
  groups: ReadonlySet<string> | null;
  assignees: ReadonlySet<string> | null;
  categories: readonly string[];
  priorities: ReadonlySet<number> | null;
}

const orNull = <T>(list: readonly T[]): ReadonlySet<T> | null => (list.length > 0 ? new Set(list) : null);

function contextOf(query: KpiQuery): Context {
  const { period, filters } = query;
  return {
    from: period.from,
    to: period.to,
    asOf: Math.min(query.now, period.to),
    bounds: bucketBounds(period, query.granularity, query.timeZone),
    kinds: new Set(filters.kinds.length > 0 ? filters.kinds : DESK_KINDS),
    groups: orNull(filters.groupIds),
    assignees: orNull(filters.assigneeIds),
    categories: filters.categories,
    priorities: orNull(filters.priorities),
  };
}

/** A category filter keeps its sub-categories: "Hardware" keeps "Hardware/Laptop". */
function categoryMatches(category: string, wanted: readonly string[]): boolean {
  return wanted.some((c) => category === c || category.startsWith(`${c}/`));
}

function passesFilters(f: TicketFacts, ctx: Context): boolean {
  if (ctx.groups && !ctx.groups.has(f.groupId)) return false;
  if (ctx.assignees && !ctx.assignees.has(f.assigneeId)) return false;
  if (ctx.priorities && !ctx.priorities.has(f.priority)) return false;
  return ctx.categories.length === 0 || categoryMatches(f.category, ctx.categories);
}

/** Still resolved, closed or cancelled at `t`. */
function doneAt(f: TicketFacts, t: number): boolean {
  for (const spell of f.done) if (spell.at <= t && (spell.endedAt === null || spell.endedAt > t)) return true;
  return false;
}

/** The latest resolution up to `asOf`, if it falls in the period. */
function resolutionInPeriod(f: TicketFacts, ctx: Context) {
  for (let i = f.done.length - 1; i >= 0; i--) {
    const spell = f.done[i];
    if (spell === undefined || spell.at > ctx.asOf) continue;
    return spell.at >= ctx.from && spell.at < ctx.to ? spell : null;
  }
  return null;
}

function outcome(breachAt: number | null, reached: boolean, asOf: number): 'met' | 'breached' | 'inProgress' {
  // Reaching the deadline exactly is on time; the clock must have run past it.
  if (breachAt !== null && breachAt < asOf) return 'breached';
  return reached ? 'met' : 'inProgress';
}

// ---------------------------------------------------------------------------------------------
// Figures as numbered slots: counting 100,000 tickets into an array is several times faster than
// into a map of string keys. `slotOf` turns a drill key into its slot for the ticket list.

const FIXED = [
  'opened',
  'resolved',
  'backlog',
  'resolutionTime',
  'firstResponse',
  'sla.response.met',
  'sla.response.breached',
  'sla.response.inProgress',
  'sla.resolution.met',
  'sla.resolution.breached',
  'sla.resolution.inProgress',
  'csat',
  'fcr',
  'fcr.yes',
  'reopen',
  'reopen.yes',
  'problems.resolved',
  'changes.closed',
] as const satisfies readonly DrillKey[];
type FixedKey = (typeof FIXED)[number];
const FIXED_SLOT = new Map<string, number>(FIXED.map((key, i) => [key, i]));
const fixed = (key: FixedKey): number => FIXED_SLOT.get(key) ?? 0;
const S = {
  opened: fixed('opened'),
  resolved: fixed('resolved'),
  backlog: fixed('backlog'),
  resolutionTime: fixed('resolutionTime'),
  firstResponse: fixed('firstResponse'),
  responseMet: fixed('sla.response.met'),
  resolutionMet: fixed('sla.resolution.met'),
  csat: fixed('csat'),
  fcr: fixed('fcr'),
  fcrYes: fixed('fcr.yes'),
  reopen: fixed('reopen'),
  reopenYes: fixed('reopen.yes'),
  problems: fixed('problems.resolved'),
  changes: fixed('changes.closed'),
};
const OUTCOME_OFFSET = { met: 0, breached: 1, inProgress: 2 } as const;
const BACKLOG_PRIORITY = FIXED.length;
const BACKLOG_AGE = BACKLOG_PRIORITY + 5;
const BACKLOG_CELL = BACKLOG_AGE + AGE_BUCKETS.length;
const CSAT_SCORE = BACKLOG_CELL + 5 * AGE_BUCKETS.length;
const SERIES = CSAT_SCORE + 5;
const AGE_INDEX = new Map<string, number>(AGE_BUCKETS.map((b, i) => [b, i]));

interface Slots {
  buckets: number;
  /** Closure codes of changes get slots after the series, in the order they are met. */
  codes: Map<string, number>;
}

/** Out-of-period instants (never asked for) land in a slot nothing reads rather than a figure's. */
const NOWHERE = -1;
const openedSlot = (i: number): number => (i < 0 ? NOWHERE : SERIES + i);
const resolvedSlot = (slots: Slots, i: number): number => (i < 0 ? NOWHERE : SERIES + slots.buckets + i);
function codeSlot(slots: Slots, code: string): number {
  let slot = slots.codes.get(code);
  if (slot === undefined) {
    slot = SERIES + 2 * slots.buckets + slots.codes.size;
    slots.codes.set(code, slot);
  }
  return slot;
}

function ageIndex(ageMs: number): number {
  return AGE_INDEX.get(ageBucket(ageMs)) ?? 0;
}

/** The slot a drill key counts in, or -1 for a key this period cannot hold. */
function slotOf(key: DrillKey, ctx: Context, slots: Slots): number {
  const known = FIXED_SLOT.get(key);
  if (known !== undefined) return known;
  const series = /^(opened|resolved)@(\d+)$/.exec(key);
  if (series) {
    const i = ctx.bounds.indexOf(Number(series[2]));
    if (i < 0 || i >= slots.buckets) return -1;
    return series[1] === 'opened' ? openedSlot(i) : resolvedSlot(slots, i);
  }
  const backlog = /^backlog(?:\.p(\d))?(?:\.age\.(\w+))?$/.exec(key);
  if (backlog) {
    const p = Number(backlog[1] ?? 0);
    const age = backlog[2] === undefined ? -1 : (AGE_INDEX.get(backlog[2]) ?? -2);
    if (age === -2 || p > 5) return -1;
    if (p > 0 && age >= 0) return BACKLOG_CELL + (p - 1) * AGE_BUCKETS.length + age;
    return p > 0 ? BACKLOG_PRIORITY + p - 1 : BACKLOG_AGE + age;
  }
  const csat = /^csat\.([1-5])$/.exec(key);
  if (csat) return CSAT_SCORE + Number(csat[1]) - 1;
  if (key.startsWith('changes.')) return codeSlot(slots, key.slice('changes.'.length));
  return -1;
}

type Emit = (slot: number, value?: number) => void;

function inPeriod(t: number | null, ctx: Context): t is number {
  return t !== null && t >= ctx.from && t < ctx.to && t <= ctx.asOf;
}

/** The figures one ticket counts in. */
function visit(f: TicketFacts, ctx: Context, slots: Slots, emit: Emit): void {
  if (!passesFilters(f, ctx)) return;
  const resolved = resolutionInPeriod(f, ctx);
  if (f.kind === 'problem' && resolved) emit(S.problems, resolved.workMs);
  if (f.kind === 'change' && resolved && f.status === 'closed' && f.resolutionCode !== '') {
    emit(S.changes);
    emit(codeSlot(slots, f.resolutionCode));
  }
  if (!ctx.kinds.has(f.kind)) return;

  const done = doneAt(f, ctx.asOf);
  if (inPeriod(f.createdAt, ctx)) {
    emit(S.opened);
    emit(openedSlot(bucketIndex(ctx.bounds, f.createdAt)));
    if (f.sla) {
      const responded = f.respondedAt !== null && f.respondedAt <= ctx.asOf;
      emit(S.responseMet + OUTCOME_OFFSET[outcome(f.sla.responseBreachAt, responded, ctx.asOf)]);
      emit(S.resolutionMet + OUTCOME_OFFSET[outcome(f.sla.resolutionBreachAt, done, ctx.asOf)]);
    }
  }
  if (resolved) {
    emit(S.resolved);
    emit(resolvedSlot(slots, bucketIndex(ctx.bounds, resolved.at)));
    emit(S.resolutionTime, resolved.workMs);
    emit(S.fcr);
    const reopened = f.done.some((s) => s.endedAt !== null && s.endedAt <= ctx.asOf);
    if (f.singleTouch && !reopened) emit(S.fcrYes);
    emit(S.reopen);
    if (reopened) emit(S.reopenYes);
  }
  if (inPeriod(f.respondedAt, ctx) && f.responseWorkMs !== null) emit(S.firstResponse, f.responseWorkMs);
  if (f.createdAt <= ctx.asOf && f.createdAt < ctx.to && !done) {
    const age = ageIndex(ctx.asOf - f.createdAt);
    emit(S.backlog);
    emit(BACKLOG_AGE + age);
    // Slots are positions: a priority outside 1-5 (a document no check caught) must not land
    // in a neighbouring figure's slot.
    if (PRIORITY_SET.has(f.priority)) {
      emit(BACKLOG_PRIORITY + f.priority - 1);
      emit(BACKLOG_CELL + (f.priority - 1) * AGE_BUCKETS.length + age);
    }
  }
  if (f.survey && inPeriod(f.survey.at, ctx)) {
    const score = f.survey.score;
    emit(S.csat, score);
    if (score >= 1 && score <= 5) emit(CSAT_SCORE + score - 1);
  }
}

function durationStats(values: number[] | undefined): DurationStats {
  if (!values || values.length === 0) return { count: 0, meanMs: null, medianMs: null };
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  const median =
    sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  let sum = 0;
  for (const v of values) sum += v;
  return { count: values.length, meanMs: sum / values.length, medianMs: median };
}

const rate = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/** Slots whose values are kept for means and medians; the others are only counted. */
const VALUED = [S.resolutionTime, S.firstResponse, S.problems, S.csat];

export interface DashboardInputs {
  facts: Iterable<TicketFacts>;
  /** Lifecycle state of every CI that is an asset. */
  assetStates: Iterable<CiState>;
  /** Closed audit campaigns (all of them; the period picks). */
  audits: readonly AuditFigure[];
}

export function computeDashboard(inputs: DashboardInputs, query: KpiQuery): Dashboard {
  const ctx = contextOf(query);
  const slots: Slots = { buckets: ctx.bounds.length - 1, codes: new Map() };
  const counts: number[] = new Array<number>(SERIES + 2 * slots.buckets).fill(0);
  const values = new Map<number, number[]>(VALUED.map((slot) => [slot, []]));
  const emit: Emit = (slot, value) => {
    if (slot === NOWHERE) return;
    counts[slot] = (counts[slot] ?? 0) + 1;
    if (value !== undefined) values.get(slot)?.push(value);
  };
  for (const f of inputs.facts) visit(f, ctx, slots, emit);
  const count = (slot: number): number => counts[slot] ?? 0;
  const fixedCount = (key: FixedKey): number => count(fixed(key));

  const series = ctx.bounds.slice(0, -1).map((start, i) => ({
    start,
    end: ctx.bounds[i + 1] ?? ctx.to,
    opened: count(openedSlot(i)),
    resolved: count(resolvedSlot(slots, i)),
  }));
  const scores = values.get(S.csat) ?? [];
  const byScore = [0, 1, 2, 3, 4].map((i) => count(CSAT_SCORE + i));
  const satisfied = (byScore[3] ?? 0) + (byScore[4] ?? 0);
  const codes = [...slots.codes]
    .map(([code, slot]) => ({ code, count: count(slot) }))
    .sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : 1));
  const states = new Map<CiState, number>();
  let assetTotal = 0;
  for (const state of inputs.assetStates) {
    states.set(state, (states.get(state) ?? 0) + 1);
    assetTotal++;
  }
  const audits = inputs.audits
    .filter((a) => a.closedAt >= ctx.from && a.closedAt < ctx.to && a.closedAt <= ctx.asOf)
    .sort((a, b) => a.closedAt - b.closedAt || (a.id < b.id ? -1 : 1));
  const expected = audits.reduce((s, a) => s + a.expected, 0);
  const found = audits.reduce((s, a) => s + a.found, 0);
  const fcr = fixedCount('fcr.yes');
  const reopened = fixedCount('reopen.yes');
  const successful = slots.codes.has(SUCCESSFUL_CHANGE) ? count(codeSlot(slots, SUCCESSFUL_CHANGE)) : 0;
  const compliance = (clock: 'response' | 'resolution'): Compliance => {
    const met = fixedCount(`sla.${clock}.met`);
    const breached = fixedCount(`sla.${clock}.breached`);
    return {
      met,
      breached,
      inProgress: fixedCount(`sla.${clock}.inProgress`),
      rate: rate(met, met + breached),
    };
  };

  return {
    query,
    asOf: ctx.asOf,
    volume: { opened: count(S.opened), resolved: count(S.resolved), series },
    backlog: {
      total: count(S.backlog),
      byPriority: PRIORITIES.map((priority) => ({ priority, count: count(BACKLOG_PRIORITY + priority - 1) })),
      byAge: AGE_BUCKETS.map((bucket, i) => ({ bucket, count: count(BACKLOG_AGE + i) })),
      matrix: PRIORITIES.map((p) =>
        AGE_BUCKETS.map((_, i) => count(BACKLOG_CELL + (p - 1) * AGE_BUCKETS.length + i)),
      ),
    },
    resolutionTime: durationStats(values.get(S.resolutionTime)),
    firstResponse: durationStats(values.get(S.firstResponse)),
    sla: { response: compliance('response'), resolution: compliance('resolution') },
    csat: {
      answers: scores.length,
      satisfied,
      share: rate(satisfied, scores.length),
      mean: scores.length > 0 ? scores.reduce((s, v) => s + v, 0) / scores.length : null,
      byScore,
    },
    fcr: { resolved: count(S.fcr), firstContact: fcr, rate: rate(fcr, count(S.fcr)) },
    reopen: { resolved: count(S.reopen), reopened, rate: rate(reopened, count(S.reopen)) },
    problems: { resolved: count(S.problems), timeToResolve: durationStats(values.get(S.problems)) },
    changes: {
      closed: count(S.changes),
      byCode: codes,
      successful,
      rate: rate(successful, count(S.changes)),
    },
    assets: {
      total: assetTotal,
      byState: CI_STATES.map((state) => ({ state, count: states.get(state) ?? 0 })),
    },
    audits: { closed: audits.length, expected, found, rate: rate(found, expected), list: audits },
  };
}

/** The tickets behind one figure: exactly those the dashboard counted for it. */
export function drillIds(facts: Iterable<TicketFacts>, query: KpiQuery, key: DrillKey): string[] {
  const ctx = contextOf(query);
  const slots: Slots = { buckets: ctx.bounds.length - 1, codes: new Map() };
  const wanted = slotOf(key, ctx, slots);
  const ids: string[] = [];
  if (wanted < 0) return ids;
  for (const f of facts) {
    let hit = false;
    visit(f, ctx, slots, (slot) => {
      if (slot === wanted) hit = true;
    });
    if (hit) ids.push(f.id);
  }
  return ids;
}
