import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { SearchHit, SearchQuery } from '../../shared/search';
import type { OutpostDatabase } from '../data';
import { useDb } from '../app/database';
import { SearchController } from './controller';

/**
 * One search index per replica for the whole window, started by the first component that asks
 * for it (the command palette is always mounted, so at start-up).
 */
interface Snapshot {
  ready: boolean;
  version: number;
}

let controller: SearchController | null = null;
let startedFor: OutpostDatabase | null = null;
let snapshot: Snapshot = { ready: false, version: 0 };
const listeners = new Set<() => void>();
let publishTimer: ReturnType<typeof setTimeout> | undefined;

function publish(): void {
  clearTimeout(publishTimer);
  publishTimer = undefined;
  snapshot = { ready: controller?.ready ?? false, version: snapshot.version + 1 };
  for (const l of listeners) l();
}

/** Bursts of changes (a sync pull) re-run visible searches once, not once per document. */
function publishSoon(): void {
  publishTimer ??= setTimeout(publish, 80);
}

/**
 * A first full build reads every document: it waits until the ticket list has read its own
 * (or ten seconds), so the two never compete for the disk at start-up.
 */
function listLoaded(): Promise<void> {
  const html = document.documentElement;
  return new Promise((resolve) => {
    if (html.dataset.rowsReady === 'true') return resolve();
    const observer = new MutationObserver(() => {
      if (html.dataset.rowsReady !== 'true') return;
      observer.disconnect();
      resolve();
    });
    observer.observe(html, { attributes: true, attributeFilter: ['data-rows-ready'] });
    setTimeout(() => {
      observer.disconnect();
      resolve();
    }, 10_000);
  });
}

export function startSearchIndex(db: OutpostDatabase): SearchController {
  if (controller && startedFor === db) return controller;
  void controller?.close();
  startedFor = db;
  performance.mark('outpost:search-start');
  const started = new SearchController(db, { buildGate: listLoaded(), onChange: publishSoon });
  controller = started;
  started.whenReady.then(
    () => {
      if (controller !== started) return;
      performance.mark('outpost:search-ready');
      // Readiness signal for tests and the benchmark.
      document.documentElement.dataset.searchSource = started.stats.restored ? 'saved' : 'built';
      document.documentElement.dataset.searchReady = 'true';
      publish();
    },
    (error: unknown) => {
      console.error('Outpost: the search index could not be loaded', error);
      publish();
    },
  );
  return started;
}

/** The running index, if any (benchmark and diagnostics). */
export function currentSearchController(): SearchController | null {
  return controller;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export interface SearchIndexHandle {
  ready: boolean;
  /** Moves whenever the index changed: `search` is a new function then, so memos re-run. */
  version: number;
  error: string | null;
  search(query: SearchQuery): SearchHit[];
}

export function useSearchIndex(): SearchIndexHandle {
  const db = useDb();
  useEffect(() => {
    startSearchIndex(db);
  }, [db]);
  const snap = useSyncExternalStore(subscribe, () => snapshot);
  return useMemo(
    () => ({
      ready: snap.ready,
      version: snap.version,
      error: controller?.error ?? null,
      search: (query: SearchQuery) => (controller && startedFor === db ? controller.search(query) : []),
    }),
    [snap, db],
  );
}
