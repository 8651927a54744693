/**
 * Search benchmark, run by `npm run bench` (search section) in headless Chromium on the app's
 * own replica: fills it up to N tickets, CIs and articles, then times a first full build, the
 * start from the saved index, keystrokes, one-document updates and the index's heap.
 */
import { bulkLoadTickets, createOutpostDatabase, seedDemoIfEmpty, type OutpostDatabase } from '../data';
import { DEMO_SEED, DEMO_TICKETS } from '../app/database';
import { SearchController } from '../search/controller';
import { SearchStore } from '../search/store';
import { ticketSource } from '../../shared/search';
import type { TicketDoc } from '../../shared/domain/model';
import { benchArticle, benchCi } from './searchData';
import { summarize, publishResult } from './stats';

interface MemoryInfo {
  usedJSHeapSize: number;
}
const heap = () => (performance as unknown as { memory?: MemoryInfo }).memory?.usedJSHeapSize ?? NaN;
/** Chromium started with --js-flags=--expose-gc gives window.gc; without it heap figures are rough. */
const gc = () => (window as unknown as { gc?: () => void }).gc?.();
const log = (text: string) => console.info(`bench: ${text}`);

async function fill(db: OutpostDatabase, tickets: number, cis: number, articles: number): Promise<void> {
  const now = Date.now();
  await seedDemoIfEmpty(db, { seed: DEMO_SEED, tickets: DEMO_TICKETS, now });
  const have = await db.tickets.count().exec();
  if (have < tickets) {
    log(`loading ${tickets - have} tickets`);
    await bulkLoadTickets(db, { seed: DEMO_SEED + 1, count: tickets - have, now, chunkSize: 2000 });
  }
  const owner = (await db.people.findOne({ selector: { personKind: 'user' } }).exec())?.id ?? 'per_bench';
  const put = async <T extends { id: string }>(
    name: 'cis' | 'articles',
    want: number,
    make: (i: number, owner: string) => T,
  ) => {
    const collection = db[name] as unknown as {
      findOne(id: string): { exec(): Promise<unknown> };
      bulkInsert(docs: T[]): Promise<{ error: { status: number }[] }>;
    };
    if (want === 0 || (await collection.findOne(make(want - 1, owner).id).exec())) return;
    log(`loading ${want} ${name}`);
    for (let i = 0; i < want; i += 2000) {
      const docs = Array.from({ length: Math.min(2000, want - i) }, (_, k) => make(i + k, owner));
      const { error } = await collection.bulkInsert(docs);
      // Documents of an earlier, interrupted run are already there.
      if (error.some((e) => e.status !== 409)) throw new Error(`could not write the bench ${name}`);
    }
  };
  await put('cis', cis, benchCi);
  await put('articles', articles, benchArticle);
}

/** What an agent types: each prefix of each query is one keystroke. */
const TYPED = [
  'printer jams on tray 2',
  'vpn disconnects',
  'laptop will not boot',
  'outlook password',
  'pritner',
  'lapotp battery',
  'netwrok drive not mapped',
  'INC-DEM0-4242',
  'AT-512345',
  'reset mfa phone',
  'teams audio choppy',
  'disk almost full',
];

async function run() {
  const params = new URLSearchParams(location.search);
  const tickets = Number(params.get('tickets') ?? 100_000);
  const cis = Number(params.get('cis') ?? 20_000);
  const articles = Number(params.get('articles') ?? 5_000);
  const runs = Number(params.get('runs') ?? 5);
  const db = await createOutpostDatabase({
    name: 'outpost',
    multiInstance: params.get('multiInstance') !== 'false',
  });
  await fill(db, tickets, cis, articles);
  const counts = {
    tickets: await db.tickets.count().exec(),
    cis: await db.cis.count().exec(),
    articles: await db.articles.count().exec(),
    people: await db.people.count().exec(),
  };
  log(`replica ${JSON.stringify(counts)}`);

  // First start on this device: no saved index.
  const store = new SearchStore('outpost-search');
  await store.clear();
  store.close();
  const built = new SearchController(db);
  await built.whenReady;
  await built.flush();
  // As the app does a few seconds after the last write: the next start replays from here.
  await built.settle();
  const fullBuild = {
    ms: Math.round(built.stats.loadMs),
    indexingMs: Math.round(built.stats.indexMs),
    documents: built.engine.size,
    segments: built.engine.segmentCount,
    fullBuilds: built.stats.fullBuilds,
  };
  log(`full build ${JSON.stringify(fullBuild)}`);
  await built.close();

  // Later starts: restore the saved index and replay what changed since.
  const startMs: number[] = [];
  const parts: Record<string, number>[] = [];
  let restored: SearchController | null = null;
  for (let i = 0; i < runs; i++) {
    await restored?.close();
    restored = null;
    gc();
    const t0 = performance.now();
    const c = new SearchController(db);
    await c.whenReady;
    startMs.push(performance.now() - t0);
    const { readMs, restoreMs, replayMs, replayed } = c.stats;
    parts.push({
      readMs: Math.round(readMs),
      restoreMs: Math.round(restoreMs),
      replayMs: Math.round(replayMs),
      replayed,
    });
    if (c.stats.fullBuilds !== 0 || !c.stats.restored) throw new Error('the saved index was not used');
    restored = c;
  }
  const c = restored!;
  await c.settle();
  log(`starts ${startMs.map((m) => m.toFixed(0)).join(', ')} ms ${JSON.stringify(parts)}`);

  // Keystrokes: every prefix of every typed query, a few rounds.
  const keystrokes: number[] = [];
  const firstHits: Record<string, string> = {};
  for (let round = 0; round < 3; round++) {
    for (const query of TYPED) {
      for (let n = 1; n <= query.length; n++) {
        const t0 = performance.now();
        const hits = c.search({ text: query.slice(0, n), limit: 50 });
        keystrokes.push(performance.now() - t0);
        if (n === query.length) firstHits[query] = hits[0] ? `${hits[0].title} (${hits[0].type})` : '';
      }
    }
  }
  const filtered: number[] = [];
  for (const query of TYPED) {
    const t0 = performance.now();
    c.search({ text: query, types: ['ticket'], statuses: ['closed', 'resolved'], limit: 50 });
    filtered.push(performance.now() - t0);
  }
  const similar: number[] = [];
  for (const text of [
    'The printer on the second floor keeps jamming on tray 2 and shows 13.B2.D2',
    'My laptop does not boot after the BIOS update, it shows a black screen',
    'Outlook keeps asking for my password since this morning',
  ]) {
    const t0 = performance.now();
    c.search({ text, match: 'any', types: ['ticket'], limit: 5 });
    c.search({ text, match: 'any', types: ['article'], statuses: ['published'], limit: 3 });
    similar.push(performance.now() - t0);
  }

  // One document changes: written through RxDB until the index has it, then the index update
  // alone (stamped like a write made now, so it applies), and the save that follows.
  const sample = (await db.tickets.find({ limit: 200 }).exec()).map((d) => d.toJSON() as TicketDoc);
  const writeToIndex: number[] = [];
  for (let i = 0; i < 20; i++) {
    const doc = await db.tickets.findOne(sample[i]!.id).exec();
    const version = c.engine.version;
    const t0 = performance.now();
    await doc!.incrementalPatch({ title: `Bench edit ${i} of a title` });
    while (c.engine.version === version) {
      if (performance.now() - t0 > 5000) throw new Error('the change did not reach the index');
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    writeToIndex.push(performance.now() - t0);
  }
  const updates: number[] = [];
  let lwt = Date.now();
  for (let i = 0; i < sample.length; i++) {
    const doc = sample[i]!;
    lwt += 0.001;
    const source = ticketSource({ ...doc, title: `${doc.title} (update ${i})` }, lwt);
    const t0 = performance.now();
    c.engine.upsert(source);
    updates.push(performance.now() - t0);
  }
  const t0 = performance.now();
  await c.flush();
  const saveAfterChangesMs = performance.now() - t0;
  await c.settle();
  await c.close();

  // The index's own heap: with one restored index alive (snippets loaded), then without it.
  let alive: SearchController | null = new SearchController(db);
  await alive.whenReady;
  while (alive.engine.segmentsWithoutTexts().length > 0) await new Promise((r) => setTimeout(r, 20));
  gc();
  const heapWith = heap();
  await alive.close();
  alive = null;
  gc();
  const heapIndex = heapWith - heap();

  return {
    replica: counts,
    fullBuild,
    startWithSavedIndexMs: summarize(startMs),
    keystrokeMs: summarize(keystrokes),
    keystrokeWithFiltersMs: summarize(filtered),
    similarTicketsAndArticlesMs: summarize(similar),
    indexUpdateOneDocMs: summarize(updates),
    writeThroughIndexMs: summarize(writeToIndex),
    saveAfter220ChangesMs: Math.round(saveAfterChangesMs),
    indexHeapBytes: Number.isFinite(heapIndex) ? heapIndex : null,
    gcAvailable: typeof (window as unknown as { gc?: unknown }).gc === 'function',
    firstHits,
  };
}

publishResult(run);
