import {
  bulkLoadTickets,
  createOutpostDatabase,
  filterAndSortRows,
  loadListRows,
  observeActivities,
  queryViewPage,
  seedDemoIfEmpty,
  VIEWS,
  type ListRow,
} from '../data';
import { DEMO_SEED, DEMO_TICKETS } from '../app/database';
import { measure, publishResult } from './stats';
import { firstValueFrom } from 'rxjs';

/**
 * Data-layer benchmark, run by `npm run bench` in headless Chromium against the same database
 * module the app uses. It fills the app's own replica so the script can then time the real UI.
 */
interface MemoryInfo {
  usedJSHeapSize: number;
}

async function run() {
  const params = new URLSearchParams(location.search);
  const count = Number(params.get('tickets') ?? 100_000);
  const runs = Number(params.get('runs') ?? 25);
  const now = Date.now();
  const multiInstance = params.get('multiInstance') !== 'false';
  const chunkSize = Number(params.get('chunk') ?? 2000);
  const db = await createOutpostDatabase({ name: 'outpost', multiInstance });
  await seedDemoIfEmpty(db, { seed: DEMO_SEED, tickets: DEMO_TICKETS, now });
  const people = await db.people.find({ selector: { personKind: 'user' } }).exec();
  const userId = people.find((p) => p.roles.includes('technician'))?.id ?? people[0]?.id ?? '';

  const load = await bulkLoadTickets(db, {
    seed: DEMO_SEED + 1,
    count,
    now,
    chunkSize,
    onProgress: (done) => done % 20_000 === 0 && console.info(`bench: loaded ${done}`),
  });
  console.info(`bench: bulk load ${load.inserted} in ${load.ms} ms`);
  const total = await db.tickets.count().exec();

  const firstPage: Record<string, unknown> = {};
  for (const view of VIEWS) {
    // A different limit each call (50, 51, …) defeats RxDB's query cache, so every run is a
    // real index walk, as on a cold start.
    firstPage[view.id] = await measure(runs, 3, (i) => queryViewPage(db, view.id, { userId }, 50 + i));
  }

  console.info('bench: first pages done');
  const ids = (await db.tickets.find({ limit: runs + 3, sort: [{ sortDesc: 'asc' }] }).exec()).map(
    (d) => d.id,
  );
  const openTicket = await measure(runs, 3, async (i) => {
    const id = ids[i % ids.length] ?? '';
    await db.tickets.findOne(id).exec();
    await firstValueFrom(observeActivities(db, id));
  });

  console.info('bench: open ticket done');
  let rows: ListRow[] = [];
  const t0 = performance.now();
  await loadListRows(db, (chunk) => {
    rows = rows.concat(chunk);
  });
  const projectionMs = performance.now() - t0;
  const filterSort = await measure(runs, 3, (i) =>
    filterAndSortRows(
      rows,
      {
        kinds: ['incident'],
        statuses: [],
        priorities: [],
        assigneeId: null,
        groupId: null,
        text: i % 2 ? 'printer' : '',
      },
      { field: 'priority', dir: 'asc' },
    ),
  );
  const heap = (performance as unknown as { memory?: MemoryInfo }).memory?.usedJSHeapSize ?? null;

  return {
    tickets: { requested: count, totalInReplica: total },
    bulkLoad: {
      inserted: load.inserted,
      ms: Math.round(load.ms),
      docsPerSecond: Math.round(load.inserted / (load.ms / 1000)),
    },
    firstPageMs: firstPage,
    openTicketMs: openTicket,
    listProjection: { rows: rows.length, ms: Math.round(projectionMs) },
    filterAndSortInMemoryMs: filterSort,
    jsHeapBytes: heap,
  };
}

publishResult(run);
