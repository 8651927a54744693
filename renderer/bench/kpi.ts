import { generateTeam, generateTickets } from '../../shared/demo/generator';
import { computeDashboard } from '../../shared/domain/kpi/dashboard';
import { ticketFacts, type FactsContext } from '../../shared/domain/kpi/facts';
import { NO_KPI_FILTERS, type TicketFacts } from '../../shared/domain/kpi/model';
import { defaultGranularity, periodOf } from '../../shared/domain/kpi/period';
import { BUSINESS_CALENDAR_ID } from '../../shared/domain/sla';
import { DEFAULT_SLA_CONFIG, calendarFor } from '../../shared/domain/slaSettings';
import { createOutpostDatabase } from '../data';
import { publishResult } from './stats';
import { loadAllTickets, loadFactActivities } from '../data/kpi';
import { restoreFactsSnapshot, saveFactsSnapshot } from '../data/factsSnapshot';

/**
 * KPI load benchmark, run by `npm run bench -- --only-kpi` in headless Chromium: fills its own
 * replica with a generated desk (tickets with their timelines) through the data layer, then
 * times what the dashboard's projection does on first use: every ticket read in chunks, each
 * chunk's fact-bearing entries read from the [parentId, createdAt] index and folded, then the
 * first dashboard.
 */
async function run() {
  const params = new URLSearchParams(location.search);
  const count = Number(params.get('tickets') ?? 100_000);
  const seed = 20261128;
  const now = Date.now();
  const db = await createOutpostDatabase({ name: `outpost-kpi-bench-${now}`, multiInstance: false });
  const team = generateTeam(seed);
  let activityCount = 0;
  const t0 = performance.now();
  for (let start = 0; start < count; start += 5000) {
    const { tickets, activities } = generateTickets(seed, team, {
      start,
      count: Math.min(5000, count - start),
      now,
      deviceId: 'BNCH',
      withActivities: true,
      spanDays: 365,
    });
    await db.tickets.bulkInsert(tickets);
    for (let i = 0; i < activities.length; i += 10_000)
      await db.activities.bulkInsert(activities.slice(i, i + 10_000));
    activityCount += activities.length;
    console.info(`bench: kpi filled ${start + tickets.length} tickets, ${activityCount} activities`);
  }
  const fillMs = performance.now() - t0;

  const config = DEFAULT_SLA_CONFIG;
  const ctx: FactsContext = {
    policies: config.policies,
    calendarOf: (id) => calendarFor(config, id),
    business: calendarFor(config, BUSINESS_CALENDAR_ID),
    now: Date.now(),
  };
  const facts = new Map<string, TicketFacts>();
  let readMs = 0;
  let foldMs = 0;
  const t1 = performance.now();
  await loadAllTickets(db, async (chunk) => {
    const r = performance.now();
    const timelines = await loadFactActivities(
      db,
      chunk.map((t) => t.id),
    );
    const f = performance.now();
    readMs += f - r;
    for (const ticket of chunk)
      facts.set(ticket.id, ticketFacts(ticket, timelines.get(ticket.id) ?? [], ctx));
    foldMs += performance.now() - f;
  });
  const loadMs = performance.now() - t1;
  const period = periodOf('last30', ctx.now, ctx.business.timeZone);
  if (!period.ok) throw new Error(period.error);
  const t2 = performance.now();
  const dashboard = computeDashboard(
    { facts: facts.values(), assetStates: [], audits: [] },
    {
      period: period.period,
      granularity: defaultGranularity(period.period),
      filters: NO_KPI_FILTERS,
      timeZone: ctx.business.timeZone,
      now: ctx.now,
    },
  );
  const dashboardMs = performance.now() - t2;
  // Later starts: the facts come back from their snapshot instead of every timeline.
  const t3 = performance.now();
  await saveFactsSnapshot(db, facts.values(), 'bench', Date.now());
  const saveMs = performance.now() - t3;
  // As after a restart: a new instance, nothing of the snapshot cached in memory.
  const name = db.name;
  await db.close();
  const reopened = await createOutpostDatabase({ name, multiInstance: false });
  const t4 = performance.now();
  const restored = await restoreFactsSnapshot(reopened, 'bench');
  const restoreMs = performance.now() - t4;
  if (restored?.facts.size !== facts.size) throw new Error('the snapshot did not restore every ticket');
  const round = (ms: number) => Math.round(ms);
  return {
    tickets: facts.size,
    activities: activityCount,
    fillMs: round(fillMs),
    firstLoadMs: round(loadMs),
    timelineReadsMs: round(readMs),
    foldMs: round(foldMs),
    firstDashboardMs: round(dashboardMs),
    snapshotSaveMs: round(saveMs),
    snapshotRestoreMs: round(restoreMs),
    opened30Days: dashboard.volume.opened,
  };
}

publishResult(run);
