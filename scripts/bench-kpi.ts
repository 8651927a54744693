// `npm run bench -- --only-kpi` (or `npx tsx scripts/bench-kpi.ts --tickets 100000 --runs 25`)
// The dashboard's computation on a generated desk: folding every ticket's timeline into facts,
// the pass over the facts for a period and filters, and the work after one document changes
// (refold that ticket, pass again). Pure code, as the renderer runs it; writes bench-results/kpi.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { generateTeam, generateTickets } from '../shared/demo/generator';
import { computeDashboard, drillIds } from '../shared/domain/kpi/dashboard';
import { isFactActivity, slimFactActivity, ticketFacts, type FactsContext } from '../shared/domain/kpi/facts';
import { NO_KPI_FILTERS, type KpiQuery, type TicketFacts } from '../shared/domain/kpi/model';
import { defaultGranularity, periodOf } from '../shared/domain/kpi/period';
import type { ActivityDoc } from '../shared/domain/model';
import { BUSINESS_CALENDAR_ID } from '../shared/domain/sla';
import { DEFAULT_SLA_CONFIG, calendarFor } from '../shared/domain/slaSettings';
import { argValue } from './lib/browser.mjs';

const args = process.argv.slice(2);
const ticketCount = Number(argValue(args, '--tickets', '100000'));
const runs = Number(argValue(args, '--runs', '25'));
const SEED = 20261128;
const NOW = Date.UTC(2026, 10, 28, 12);

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const round = (v: number) => Math.round(v * 10) / 10;
  return { runs: samples.length, median: round(at(0.5)), p95: round(at(0.95)), max: round(at(1)) };
}

function time(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

const team = generateTeam(SEED);
const { tickets, activities } = generateTickets(SEED, team, {
  start: 0,
  count: ticketCount,
  now: NOW,
  deviceId: 'BNCH',
  withActivities: true,
  spanDays: 365,
});
console.info(
  `KPIs: ${tickets.length.toLocaleString()} tickets, ${activities.length.toLocaleString()} activities`,
);

// As the projection reads them (renderer/data/kpi.ts): only the entries that can move a figure,
// without their text, each ticket's in [parentId, createdAt, id] index order.
const byParent = new Map<string, ActivityDoc[]>();
let factEntries = 0;
for (const activity of activities) {
  if (!isFactActivity(activity)) continue;
  const a = slimFactActivity(activity);
  factEntries++;
  const list = byParent.get(a.parentId);
  if (list) list.push(a);
  else byParent.set(a.parentId, [a]);
}
for (const list of byParent.values())
  list.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
console.info(
  `KPIs: ${tickets.length.toLocaleString()} tickets, ${activities.length.toLocaleString()} activities (${factEntries.toLocaleString()} move a figure)`,
);
const calendars = new Map(
  DEFAULT_SLA_CONFIG.calendars.map((c) => [c.id, calendarFor(DEFAULT_SLA_CONFIG, c.id)]),
);
const ctx: FactsContext = {
  policies: DEFAULT_SLA_CONFIG.policies,
  calendarOf: (id) => calendars.get(id) ?? calendarFor(DEFAULT_SLA_CONFIG, id),
  business: calendarFor(DEFAULT_SLA_CONFIG, BUSINESS_CALENDAR_ID),
  now: NOW,
};
const timeZone = ctx.business.timeZone;

function query(preset: 'last30' | 'last12Months', filters = NO_KPI_FILTERS): KpiQuery {
  const result = periodOf(preset, NOW, timeZone);
  if (!result.ok) throw new Error(result.error);
  return {
    period: result.period,
    granularity: defaultGranularity(result.period),
    filters,
    timeZone,
    now: NOW,
  };
}

const facts = new Map<string, TicketFacts>();
const foldAll = () => {
  for (const t of tickets) facts.set(t.id, ticketFacts(t, byParent.get(t.id) ?? [], ctx));
};
const inputs = { facts: facts.values(), assetStates: [], audits: [] };
const dashboardOf = (q: KpiQuery) => computeDashboard({ ...inputs, facts: facts.values() }, q);

/** Heap in use after a full collection (run with --expose-gc; otherwise a rough figure). */
function heapMB(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1e6;
}

// Warm-up: the first fold compiles the calendars' caches and the JIT. The heap the facts hold is
// measured around it: the timelines stay alive on both sides, only the facts are new.
const heapBefore = heapMB();
foldAll();
const factsHeapMB = Math.round((heapMB() - heapBefore) * 10) / 10;
const foldRuns = Math.max(3, Math.min(runs, 7));
const fold = Array.from({ length: foldRuns }, () => time(foldAll));
const month = query('last30');
const year = query('last12Months');
const filtered = query('last12Months', { ...NO_KPI_FILTERS, priorities: [1, 2], kinds: ['incident'] });
const aggregateMonth = Array.from({ length: runs }, () => time(() => dashboardOf(month)));
const aggregateYear = Array.from({ length: runs }, () => time(() => dashboardOf(year)));
const aggregateFiltered = Array.from({ length: runs }, () => time(() => dashboardOf(filtered)));
const whole = Array.from({ length: foldRuns }, () =>
  time(() => {
    foldAll();
    dashboardOf(year);
  }),
);

// One change: a ticket resolved now; its timeline gains an entry, its facts are refolded.
const oneChange: number[] = [];
for (let i = 0; i < runs; i++) {
  const ticket = tickets[(i * 7919) % tickets.length];
  if (!ticket) continue;
  const entry: ActivityDoc = {
    id: `act-bench-change-${i}`,
    type: 'activity',
    parentId: ticket.id,
    kind: 'change',
    body: '',
    minutes: 0,
    changes: [{ field: 'status', from: ticket.status, to: 'resolved' }],
    createdAt: NOW - 1000,
    createdBy: 'bench',
    updatedAt: NOW - 1000,
    updatedBy: 'bench',
  };
  const timeline = [...(byParent.get(ticket.id) ?? []), entry];
  const changed = { ...ticket, status: 'resolved' as const, resolvedAt: NOW - 1000, phase: 'done' as const };
  oneChange.push(
    time(() => {
      facts.set(ticket.id, ticketFacts(changed, timeline, ctx));
      dashboardOf(month);
    }),
  );
  facts.set(ticket.id, ticketFacts(ticket, byParent.get(ticket.id) ?? [], ctx));
}
const drill = Array.from({ length: runs }, () => time(() => drillIds(facts.values(), year, 'backlog.p2')));
const sample = dashboardOf(year);

const report = {
  date: new Date().toISOString(),
  machine: { cores: cpus().length, node: process.version },
  tickets: tickets.length,
  activities: activities.length,
  factEntries,
  factsHeapMB,
  foldAllMs: stats(fold),
  dashboardLast30Ms: stats(aggregateMonth),
  dashboardLast12MonthsMs: stats(aggregateYear),
  dashboardFilteredMs: stats(aggregateFiltered),
  wholeRecomputeMs: stats(whole),
  afterOneChangeMs: stats(oneChange),
  drillDownMs: stats(drill),
  figures: {
    opened12Months: sample.volume.opened,
    resolved12Months: sample.volume.resolved,
    backlog: sample.backlog.total,
    slaResolutionRate: sample.sla.resolution.rate,
    csatMean: sample.csat.mean,
  },
};
mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/kpi.json', JSON.stringify(report, null, 2));
console.info(JSON.stringify(report, null, 2));
console.info('Report written to bench-results/kpi.json');
