/**
 * Properties of the SLA clocks over generated ticket histories: pauses, holidays, clock changes
 * in London and New York, tickets open for months, reopening, and the replica guarantees (any
 * arrival order, duplicates, a policy changed afterwards). The calendar arithmetic itself is
 * checked minute by minute in calendar.test.ts and serves as the reference here.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALWAYS_ON, officeHours, workingMsBetween, type BusinessCalendar } from './calendar';
import { TICKET_STATUSES, type ActivityDoc, type TicketDoc, type TicketStatus } from './model';
import { slaState, type SlaPolicy, type SlaState } from './sla';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const utc = (iso: string): number => Date.parse(iso);

/** Statuses during which the resolution clock does not count. */
const PAUSED = new Set<TicketStatus>(['pending']);
const STOPPED = new Set<TicketStatus>(['resolved', 'closed', 'cancelled']);
const counts = (status: TicketStatus): boolean => !PAUSED.has(status) && !STOPPED.has(status);

function ticket(created: number, overrides: Partial<TicketDoc> = {}): TicketDoc {
  return {
    id: 't1',
    type: 'ticket',
    kind: 'incident',
    number: 'INC-AAAA-0001',
    title: 'Mail is down',
    description: '',
    status: 'new',
    pendingReason: '',
    impact: 2,
    urgency: 2,
    priority: 3,
    category: '',
    requesterId: 'req',
    assigneeId: '',
    groupId: '',
    ciIds: [],
    tags: [],
    resolutionCode: '',
    resolutionNotes: '',
    phase: 'open',
    sortDesc: 0,
    createdAt: created,
    createdBy: 'req',
    updatedAt: created,
    updatedBy: 'req',
    resolvedAt: 0,
    closedAt: 0,
    ...overrides,
  };
}

function entry(
  id: string,
  kind: ActivityDoc['kind'],
  at: number,
  by: string,
  extra: Partial<ActivityDoc> = {},
) {
  const doc: ActivityDoc = {
    id,
    type: 'activity',
    parentId: 't1',
    kind,
    body: '',
    minutes: 0,
    changes: [],
    createdAt: at,
    createdBy: by,
    updatedAt: at,
    updatedBy: by,
    ...extra,
  };
  return doc;
}

interface Step {
  gap: number;
  kind: 'change' | 'comment' | 'note';
  status: TicketStatus;
  byRequester: boolean;
}

const step: fc.Arbitrary<Step> = fc.record({
  // Same-instant entries are common (one save records several changes), so ties are frequent;
  // long gaps make tickets that stay open or pending for months.
  gap: fc.oneof(
    { weight: 2, arbitrary: fc.constant(0) },
    { weight: 6, arbitrary: fc.integer({ min: 0, max: 3 * DAY }) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 45 * DAY }) },
  ),
  kind: fc.constantFrom('change', 'change', 'comment', 'note'),
  status: fc.constantFrom(...TICKET_STATUSES),
  byRequester: fc.boolean(),
});

/** Entries in generation order; ids follow that order, as (createdAt, id) does. */
function build(steps: readonly Step[], created: number): ActivityDoc[] {
  let at = created;
  let status: TicketStatus = 'new';
  return steps.map((s, i) => {
    at += s.gap;
    const id = `h${String(i).padStart(3, '0')}`;
    const by = s.byRequester ? 'req' : 'agent';
    if (s.kind !== 'change') return entry(id, s.kind, at, by);
    const from = status;
    status = s.status;
    return entry(id, 'change', at, by, { changes: [{ field: 'status', from, to: s.status }] });
  });
}

const statusChanges = (acts: readonly ActivityDoc[]) => acts.filter((a) => a.kind === 'change');

/** The status in force at `at` (entries at `at` included). */
function statusAt(acts: readonly ActivityDoc[], at: number): TicketStatus {
  let status: TicketStatus = 'new';
  for (const a of statusChanges(acts)) if (a.createdAt <= at) status = a.changes[0]?.to as TicketStatus;
  return status;
}

/** Reference: working time of every interval during which the status let the clock count. */
function countedMs(
  acts: readonly ActivityDoc[],
  created: number,
  now: number,
  cal: BusinessCalendar,
): number {
  let total = 0;
  let status: TicketStatus = 'new';
  let since = created;
  for (const a of statusChanges(acts).filter((x) => x.createdAt <= now)) {
    if (counts(status)) total += workingMsBetween(cal, since, a.createdAt);
    status = a.changes[0]?.to as TicketStatus;
    since = a.createdAt;
  }
  return counts(status) ? total + workingMsBetween(cal, since, now) : total;
}

/** Every day 08:00-12:00 and 13:00-18:00, weekends too, so the Sunday clock changes fall in it. */
const everyDay = (timeZone: string, holidays: string[] = []): BusinessCalendar => ({
  timeZone,
  week: Array.from({ length: 7 }, () => [
    [480, 720],
    [780, 1080],
  ]),
  holidays,
});

/** A night shift across the hour the clocks skip or repeat. */
const nights: BusinessCalendar = {
  timeZone: 'America/New_York',
  week: Array.from({ length: 7 }, () => [
    [0, 180],
    [1320, 1440],
  ]),
  holidays: ['2026-11-26'],
};

const calendars: BusinessCalendar[] = [
  ALWAYS_ON,
  officeHours('Europe/London', ['2026-04-03', '2026-04-06', '2026-12-25', '2026-12-28']),
  officeHours('America/New_York', ['2026-07-03', '2026-11-26']),
  everyDay('Europe/London', ['2026-03-29']),
  everyDay('America/New_York'),
  nights,
];

/** The 2026 clock changes: London 29 Mar / 25 Oct, New York 8 Mar / 1 Nov. */
const SWITCHES = ['2026-03-08', '2026-03-29', '2026-10-25', '2026-11-01'].map((d) => utc(`${d}T00:00:00Z`));

const createdArb = fc.oneof(
  fc.integer({ min: utc('2026-01-01T00:00:00Z'), max: utc('2026-12-01T00:00:00Z') }),
  fc
    .tuple(fc.constantFrom(...SWITCHES), fc.integer({ min: -4 * DAY, max: 2 * DAY }))
    .map(([s, offset]) => s + offset),
);

const historyArb = fc.record({
  steps: fc.array(step, { maxLength: 12 }),
  created: createdArb,
  cal: fc.constantFrom(...calendars),
  later: fc.integer({ min: 0, max: 40 * DAY }),
});

const policy = (responseMs: number, resolutionMs: number, id = 'p', warnAt = 0.75): SlaPolicy => ({
  id,
  name: id,
  match: {},
  responseMs,
  resolutionMs,
  calendarId: 'any',
  warnAt,
});
const P = policy(4 * HOUR, 24 * HOUR);

const elapsed = (s: SlaState) => [s.response.elapsedMs, s.resolution.elapsedMs];

describe('SLA clock properties', () => {
  it('counts exactly the working time of the unpaused, unstopped intervals', () => {
    fc.assert(
      fc.property(historyArb, ({ steps, created, cal, later }) => {
        const acts = build(steps, created);
        const now = created + later;
        const state = slaState(ticket(created), acts, P, cal, now);
        expect(state.resolution.elapsedMs).toBe(countedMs(acts, created, now, cal));
        expect(state.response.elapsedMs).toBeLessThanOrEqual(workingMsBetween(cal, created, now));
      }),
      { numRuns: 300 },
    );
  });

  it('never counts time outside working hours or while paused or stopped', () => {
    fc.assert(
      fc.property(
        historyArb,
        fc.integer({ min: 1, max: 5 * DAY }),
        ({ steps, created, cal, later }, more) => {
          const acts = build(steps, created);
          const t = ticket(created);
          const from = created + later;
          // Up to the next status change after `from`: one status holds throughout (from, to).
          const next = statusChanges(acts).find((a) => a.createdAt > from)?.createdAt ?? Infinity;
          const to = Math.min(from + more, next);
          const grown = slaState(t, acts, P, cal, to).resolution.elapsedMs;
          const before = slaState(t, acts, P, cal, from).resolution.elapsedMs;
          const working = workingMsBetween(cal, from, to);
          expect(grown - before).toBe(counts(statusAt(acts, from)) ? working : 0);
          if (working === 0) {
            expect(elapsed(slaState(t, acts, P, cal, to))).toEqual(elapsed(slaState(t, acts, P, cal, from)));
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('never goes backwards as time passes, and a breach stays put', () => {
    fc.assert(
      fc.property(
        historyArb,
        fc.integer({ min: 0, max: 10 * DAY }),
        ({ steps, created, cal, later }, more) => {
          const acts = build(steps, created);
          const t = ticket(created);
          const before = slaState(t, acts, P, cal, created + later);
          const after = slaState(t, acts, P, cal, created + later + more);
          for (const clock of ['response', 'resolution'] as const) {
            expect(after[clock].elapsedMs).toBeGreaterThanOrEqual(before[clock].elapsedMs);
            if (before[clock].breachedAt !== null)
              expect(after[clock].breachedAt).toBe(before[clock].breachedAt);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('gives every replica the same answer, whatever the order or duplication of the activities', () => {
    fc.assert(
      fc.property(
        historyArb.chain((h) => {
          const acts = build(h.steps, h.created);
          return fc.tuple(
            fc.constant(h),
            fc.constant(acts),
            fc.shuffledSubarray([...acts, ...acts], { minLength: acts.length * 2 }),
            fc.subarray(acts),
          );
        }),
        ([{ created, cal, later }, acts, shuffled, extra]) => {
          const t = ticket(created);
          const expected = slaState(t, acts, P, cal, created + later);
          expect(slaState(t, [...extra, ...shuffled], P, cal, created + later)).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps elapsed and paused time when the policy is re-assigned', () => {
    fc.assert(
      fc.property(
        historyArb,
        fc.nat(),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 99 }),
        ({ steps, created, cal, later }, where, hours, warn) => {
          const acts = build(steps, created);
          const now = created + later;
          const other = policy(hours * 15 * MIN, hours * HOUR, 'other', warn / 100);
          // The re-assignment itself is a change entry on the timeline, at some point in it.
          const at = acts.length === 0 ? created : (acts[where % acts.length]?.createdAt ?? created);
          const reassigned = [
            ...acts,
            entry('h999', 'change', at, 'agent', {
              changes: [{ field: 'slaPolicyId', from: '', to: 'other' }],
            }),
          ];
          const t = ticket(created, { slaPolicyId: 'other' });
          const before = slaState(ticket(created), acts, P, cal, now);
          const after = slaState(t, reassigned, other, cal, now);
          expect(elapsed(after)).toEqual(elapsed(before));
          // A breach shows over a pause, and the shorter target may be breached already.
          if (after.resolution.breachedAt === null && before.resolution.breachedAt === null) {
            expect(after.resolution.status === 'paused').toBe(before.resolution.status === 'paused');
          }
          expect(after.resolution.metAt).toBe(before.resolution.metAt);
          expect(after.response.metAt).toBe(before.response.metAt);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('resumes a reopened ticket where it stopped, never from zero, never counting the resolved time', () => {
    fc.assert(
      fc.property(
        historyArb,
        fc.integer({ min: 0, max: 60 * DAY }),
        fc.integer({ min: 0, max: 20 * DAY }),
        ({ steps, created, cal, later }, resolvedFor, workedAfter) => {
          const acts = build(steps, created);
          const last = acts[acts.length - 1]?.createdAt ?? created;
          const resolvedAt = last + later;
          const reopenedAt = resolvedAt + resolvedFor;
          const from = statusAt(acts, resolvedAt);
          const history = [
            ...acts,
            entry('h900', 'change', resolvedAt, 'agent', {
              changes: [{ field: 'status', from, to: 'resolved' }],
            }),
            entry('h901', 'change', reopenedAt, 'agent', {
              changes: [{ field: 'status', from: 'resolved', to: 'reopened' }],
            }),
          ];
          const t = ticket(created);
          const atResolve = slaState(t, history, P, cal, resolvedAt).resolution;
          const whileResolved = slaState(t, history, P, cal, reopenedAt - 1).resolution;
          const now = reopenedAt + workedAfter;
          const resumed = slaState(t, history, P, cal, now).resolution;
          if (resolvedFor > 0) expect(whileResolved.elapsedMs).toBe(atResolve.elapsedMs);
          expect(resumed.elapsedMs).toBe(atResolve.elapsedMs + workingMsBetween(cal, reopenedAt, now));
          expect(resumed.metAt).toBeNull();
          if (atResolve.breachedAt !== null) expect(resumed.breachedAt).toBe(atResolve.breachedAt);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('puts a running clock due exactly when its target is used up, and breaches right after', () => {
    fc.assert(
      fc.property(historyArb, ({ steps, created, cal, later }) => {
        const acts = build(steps, created);
        const now = (acts[acts.length - 1]?.createdAt ?? created) + later;
        const t = ticket(created);
        const state = slaState(t, acts, P, cal, now);
        for (const name of ['response', 'resolution'] as const) {
          const clock = state[name];
          if (clock.status !== 'running' && clock.status !== 'warning') continue;
          const due = clock.dueAt ?? 0;
          expect(due).toBeGreaterThanOrEqual(now);
          const atDue = slaState(t, acts, P, cal, due)[name];
          expect(atDue).toMatchObject({ elapsedMs: clock.targetMs, status: 'warning', dueAt: due });
          expect(slaState(t, acts, P, cal, due + 1)[name]).toMatchObject({
            status: 'breached',
            breachedAt: due,
          });
          // Warned from three quarters of the target on, not before.
          expect(clock.status === 'warning').toBe(clock.elapsedMs >= 0.75 * clock.targetMs);
        }
      }),
      { numRuns: 100 },
    );
  });
});
