import { describe, expect, it } from 'vitest';
import { computeDashboard, drillIds } from './dashboard';
import { ticketFacts } from './facts';
import { HOUR, MINUTE, at, factsContext, scenario } from './fixtures';
import { NO_KPI_FILTERS, type AuditFigure, type DrillKey, type KpiQuery } from './model';

const NOW = at(13, 12);

function allFacts(now = NOW) {
  const { tickets, activities } = scenario();
  return tickets.map((t) =>
    ticketFacts(
      t,
      activities.filter((a) => a.parentId === t.id),
      factsContext(now),
    ),
  );
}

/** Mon 2 Nov to Mon 9 Nov (a week that ended before now), by day. */
const WEEK: KpiQuery = {
  period: { from: at(2, 0), to: at(9, 0) },
  granularity: 'day',
  filters: NO_KPI_FILTERS,
  timeZone: 'Europe/London',
  now: NOW,
};

const audits: AuditFigure[] = [
  { id: 'au1', name: 'Floor 1', closedAt: at(3, 12), expected: 40, found: 36 },
  { id: 'au2', name: 'Floor 2', closedAt: at(12, 12), expected: 10, found: 10 },
];

const dashboard = (query: KpiQuery) =>
  computeDashboard({ facts: allFacts(), assetStates: ['deployed', 'deployed', 'in_stock'], audits }, query);

describe('computeDashboard over the hand-worked desk', () => {
  const d = dashboard(WEEK);

  it('stands as of the end of a finished period', () => {
    expect(d.asOf).toBe(at(9, 0));
  });

  it('counts opened and resolved incidents and requests per day', () => {
    // Opened: A, B (Mon 2), C (Fri 6); G was opened in October, H is a question.
    expect(d.volume.opened).toBe(3);
    // Resolved: G and A (Tue 3), B's latest resolution (Wed 4).
    expect(d.volume.resolved).toBe(3);
    expect(d.volume.series).toHaveLength(7);
    expect(d.volume.series.map((p) => [p.opened, p.resolved])).toEqual([
      [2, 0],
      [0, 2],
      [0, 1],
      [0, 0],
      [1, 0],
      [0, 0],
      [0, 0],
    ]);
    expect(d.volume.series[1]).toMatchObject({ start: at(3, 0), end: at(4, 0) });
  });

  it('shows the backlog as it stood at the period end', () => {
    // Only C is open; it was 2 days 8 hours old on Mon 9 Nov 00:00.
    expect(d.backlog.total).toBe(1);
    expect(d.backlog.byPriority.map((p) => p.count)).toEqual([0, 0, 0, 1, 0]);
    expect(d.backlog.byAge.find((b) => b.bucket === '1to3d')?.count).toBe(1);
    expect(d.backlog.matrix[3]).toEqual([0, 1, 0, 0, 0]);
  });

  it('averages resolution and first response times in business hours', () => {
    // A 5 h, B 3.5 h, G 10 h.
    expect(d.resolutionTime).toEqual({ count: 3, meanMs: (18.5 * HOUR) / 3, medianMs: 5 * HOUR });
    // A 30 min, B 10 min, G 10 h (answered by its resolution on Tue 3).
    expect(d.firstResponse).toEqual({ count: 3, meanMs: 12_800_000, medianMs: 30 * MINUTE });
  });

  it('judges SLA targets as of the period end', () => {
    // C breaches its response target on Mon 9 at 12:00: after the period, so still in progress.
    expect(d.sla.response).toEqual({ met: 2, breached: 0, inProgress: 1, rate: 1 });
    expect(d.sla.resolution).toEqual({ met: 2, breached: 0, inProgress: 1, rate: 1 });
  });

  it('reads satisfaction, first contact and reopens', () => {
    // A answered 3 (Thu 5); B's latest answer is 5 (its earlier 2 is replaced).
    expect(d.csat).toEqual({ answers: 2, satisfied: 1, share: 0.5, mean: 4, byScore: [0, 0, 1, 0, 1] });
    // Of A, B, G only G was resolved without Pending, hand-over or reopening.
    expect(d.fcr).toEqual({ resolved: 3, firstContact: 1, rate: 1 / 3 });
    expect(d.reopen).toEqual({ resolved: 3, reopened: 1, rate: 1 / 3 });
  });

  it('counts problems, changes, assets and audits', () => {
    expect(d.problems).toEqual({
      resolved: 1,
      timeToResolve: { count: 1, meanMs: 32 * HOUR, medianMs: 32 * HOUR },
    });
    expect(d.changes).toEqual({
      closed: 2,
      byCode: [
        { code: 'rolled_back', count: 1 },
        { code: 'successful', count: 1 },
      ],
      successful: 1,
      rate: 0.5,
    });
    expect(d.assets.total).toBe(3);
    expect(d.assets.byState.find((s) => s.state === 'deployed')?.count).toBe(2);
    expect(d.audits).toMatchObject({ closed: 1, expected: 40, found: 36, rate: 0.9 });
  });
});

describe('a period still running', () => {
  const month: KpiQuery = { ...WEEK, period: { from: at(1, 0), to: at(1, 0, 0, 12) }, granularity: 'week' };
  const d = dashboard(month);

  it('stands as of now, when C has breached both targets', () => {
    expect(d.asOf).toBe(NOW);
    expect(d.sla.response).toEqual({ met: 2, breached: 1, inProgress: 0, rate: 2 / 3 });
    expect(d.sla.resolution).toEqual({ met: 2, breached: 1, inProgress: 0, rate: 2 / 3 });
    // C is 6 days 20 hours old now.
    expect(d.backlog.byAge.find((b) => b.bucket === '3to7d')?.count).toBe(1);
    expect(d.audits.closed).toBe(2);
  });

  it('buckets by Monday-based weeks clipped to the period', () => {
    expect(d.volume.series.map((p) => p.start)).toEqual([
      at(1, 0),
      at(2, 0),
      at(9, 0),
      at(16, 0),
      at(23, 0),
      at(30, 0),
    ]);
    expect(d.volume.series.map((p) => p.opened)).toEqual([0, 3, 0, 0, 0, 0]);
  });
});

describe('filters', () => {
  it('narrows by kind, group, agent, category and priority', () => {
    const only = (patch: Partial<KpiQuery['filters']>) =>
      dashboard({ ...WEEK, filters: { ...NO_KPI_FILTERS, ...patch } });
    // H, opened Tue 3 Nov and still open.
    expect(only({ kinds: ['question'] }).volume.opened).toBe(1);
    expect(only({ kinds: ['question'] }).backlog.total).toBe(1);
    expect(only({ groupIds: ['g2'] }).volume.opened).toBe(1);
    expect(only({ assigneeIds: ['u1'] }).volume.resolved).toBe(2);
    expect(only({ priorities: [2] }).volume.opened).toBe(1);
    expect(only({ categories: ['Hardware'] }).volume.opened).toBe(3);
    expect(only({ categories: ['Hard'] }).volume.opened).toBe(0);
  });
});

describe('drillIds', () => {
  const facts = allFacts();
  const cases: [DrillKey, string[]][] = [
    ['opened', ['a', 'b', 'c']],
    [`opened@${at(2, 0)}`, ['a', 'b']],
    ['resolved', ['a', 'b', 'g']],
    ['backlog.p4', ['c']],
    ['sla.response.inProgress', ['c']],
    ['fcr.yes', ['g']],
    ['reopen.yes', ['b']],
    ['csat.5', ['b']],
    ['problems.resolved', ['d']],
    ['changes.rolled_back', ['e']],
  ];
  it.each(cases)('%s lists exactly the tickets counted', (key, ids) => {
    expect(drillIds(facts, WEEK, key).sort()).toEqual(ids);
  });

  it('agrees with every count of the dashboard', () => {
    const d = dashboard(WEEK);
    expect(drillIds(facts, WEEK, 'backlog')).toHaveLength(d.backlog.total);
    expect(drillIds(facts, WEEK, 'csat')).toHaveLength(d.csat.answers);
    expect(drillIds(facts, WEEK, 'changes.closed')).toHaveLength(d.changes.closed);
    for (const p of d.volume.series) {
      expect(drillIds(facts, WEEK, `resolved@${p.start}`)).toHaveLength(p.resolved);
    }
  });
});

describe('a malformed document', () => {
  it('counts in the totals but never in another figure', () => {
    const facts = allFacts();
    const c = facts.find((f) => f.id === 'c');
    if (!c) throw new Error('c');
    const odd = { ...c, id: 'odd', priority: 9 as never };
    const d = computeDashboard({ facts: [...facts, odd], assetStates: [], audits: [] }, WEEK);
    expect(d.backlog.total).toBe(2);
    expect(d.backlog.byPriority.map((p) => p.count)).toEqual([0, 0, 0, 1, 0]);
    expect(d.csat.byScore).toEqual([0, 0, 1, 0, 1]);
    expect(d.backlog.matrix.flat().reduce((a, b) => a + b, 0)).toBe(1);
    // Both are 2 days 8 hours old at the period end.
    expect(d.backlog.byAge.map((b) => b.count)).toEqual([0, 2, 0, 0, 0]);
    expect(d.volume.series.map((p) => p.resolved)).toEqual([0, 2, 1, 0, 0, 0, 0]);
  });
});

describe('an empty desk', () => {
  it('has zero counts and no rates', () => {
    const d = computeDashboard({ facts: [], assetStates: [], audits: [] }, WEEK);
    expect(d.volume.opened).toBe(0);
    expect(d.resolutionTime).toEqual({ count: 0, meanMs: null, medianMs: null });
    expect(d.sla.response.rate).toBeNull();
    expect(d.csat.mean).toBeNull();
    expect(d.changes.rate).toBeNull();
    expect(d.audits.rate).toBeNull();
  });
});
