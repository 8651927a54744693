/**
 * Sync benchmark page, driven by `npm run bench`: an empty replica pulls the team database from
 * a real server through the real engine, then edits made offline are pushed back. The page
 * signs in like the app does in browser mode (session cookie); the script passes a bench-only
 * account it created for the run.
 */
import { createOutpostDatabase, type OutpostDatabase } from '../data';
import { browserAuthBackend } from '../sync/auth';
import { useSyncStore } from '../sync/store';
import { createEngine } from '../sync/wiring';

export interface SyncBenchResult {
  docs: number;
  pullMs: number;
  pullDocsPerSec: number;
  edits: number;
  pushMs: number;
  pushDocsPerSec: number;
  requests: number;
}

declare global {
  interface Window {
    __syncBenchResult?: SyncBenchResult | { error: string };
  }
}

async function run(): Promise<SyncBenchResult> {
  const params = new URLSearchParams(location.search);
  const serverUrl = params.get('server') ?? '';
  const database = params.get('db') ?? '';
  const name = params.get('user') ?? '';
  const password = params.get('password') ?? '';
  const docs = Number(params.get('docs') ?? 10_000);
  const edits = Number(params.get('edits') ?? docs);

  const login = await browserAuthBackend().login(serverUrl, name, password);
  if (!login.ok) throw new Error(login.message);
  const db: OutpostDatabase = await createOutpostDatabase({
    name: `sync-bench-${Date.now()}`,
    multiInstance: false,
  });
  let online = true;
  let requests = 0;
  let networkMs = 0;
  const engine = createEngine({
    db,
    serverUrl,
    database,
    user: login.user,
    retryTime: 200,
    fetch: async (input, init) => {
      requests++;
      if (!online) throw new TypeError('offline (benchmark)');
      const started = performance.now();
      const res = await fetch(input, init);
      // Time to the full body: what the engine waits for before it can work.
      const copy = res.clone();
      await copy.arrayBuffer();
      if (!input.includes('feed=longpoll')) networkMs += performance.now() - started;
      if (params.get('trace'))
        console.info(
          `bench: ${Math.round(started)} +${Math.round(performance.now() - started)} ${input.replace(serverUrl, '').slice(0, 90)}`,
        );
      return res;
    },
  });

  const pullStart = performance.now();
  await engine.start();
  // Waits on the replication itself: a live count query would re-run on every write and
  // measure IndexedDB counting instead of sync.
  await engine.awaitInitialSync();
  const pullMs = performance.now() - pullStart;
  const pulled = await db.tickets.count().exec();
  if (pulled !== docs) throw new Error(`pulled ${pulled} of ${docs} tickets`);
  console.info(`bench: pulled ${docs} docs in ${Math.round(pullMs)} ms, network ${Math.round(networkMs)} ms`);
  networkMs = 0;

  // Offline edits: nothing reaches the server until the network comes back.
  online = false;
  const all = await db.tickets.find({ limit: edits }).exec();
  const now = Date.now();
  await db.tickets.bulkUpsert(
    all.map((doc, i) => ({
      ...doc.toMutableJSON(),
      title: `Edited offline ${i}`,
      updatedAt: now + i,
      updatedBy: login.user.personId,
    })),
  );
  const pushStart = performance.now();
  online = true;
  engine.syncNow();
  await waitForPushed();
  await engine.awaitInSync();
  const pushMs = performance.now() - pushStart;
  console.info(
    `bench: pushed ${all.length} edits in ${Math.round(pushMs)} ms, network ${Math.round(networkMs)} ms`,
  );
  await engine.stop();
  await db.remove();
  return {
    docs,
    pullMs: Math.round(pullMs),
    pullDocsPerSec: Math.round(docs / (pullMs / 1000)),
    edits: all.length,
    pushMs: Math.round(pushMs),
    pushDocsPerSec: Math.round(all.length / (pushMs / 1000)),
    requests,
  };
}

/** Resolves when the engine reports no local change waiting for the server. */
function waitForPushed(): Promise<void> {
  return new Promise((resolve) => {
    const check = (state: { pending: number; phase: string }) =>
      state.pending === 0 && state.phase === 'in-sync';
    if (check(useSyncStore.getState())) return resolve();
    const stop = useSyncStore.subscribe((state) => {
      if (!check(state)) return;
      stop();
      resolve();
    });
  });
}

run().then(
  (result) => {
    window.__syncBenchResult = result;
    document.getElementById('out')!.textContent = JSON.stringify(result, null, 2);
  },
  (err: unknown) => {
    window.__syncBenchResult = { error: err instanceof Error ? err.message : String(err) };
  },
);
