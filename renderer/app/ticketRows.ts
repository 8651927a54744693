import { useEffect, useSyncExternalStore } from 'react';
import type { TicketDoc } from '../../shared/domain/model';
import { loadListRows, toListRow, type ListRow, type OutpostDatabase } from '../data';
import type { ViewId } from '../state/ui';
import { useDb } from './database';

/**
 * In-memory projection of every ticket's list columns. Built in chunks after first paint and
 * kept current from the collection's change stream, so ad-hoc filters, sorts and counts over
 * 100k tickets run in memory (tens of ms) instead of scanning IndexedDB on each keystroke.
 */
interface RowsSnapshot {
  rows: ListRow[];
  loaded: number;
  total: number;
  ready: boolean;
  error: string | null;
}

const EMPTY: RowsSnapshot = { rows: [], loaded: 0, total: 0, ready: false, error: null };

let snapshot: RowsSnapshot = EMPTY;
let releaseGate: () => void = () => undefined;
/** The projection reads every ticket; it waits until the first screen has its own data so
 * those reads never queue ahead of the first page in IndexedDB. */
const firstScreenShown = new Promise<void>((resolve) => {
  releaseGate = resolve;
});

/** Called once the first screen (list page, ticket page, settings…) has rendered its data. */
export function markFirstScreenShown(): void {
  releaseGate();
}
let startedFor: OutpostDatabase | null = null;
const listeners = new Set<() => void>();
const byId = new Map<string, ListRow>();

function publish(next: Partial<RowsSnapshot>): void {
  snapshot = { ...snapshot, ...next };
  for (const l of listeners) l();
}

function start(db: OutpostDatabase): void {
  if (startedFor === db) return;
  startedFor = db;
  byId.clear();
  snapshot = EMPTY;
  // Changes that land while the projection loads are applied on top of it; order does not
  // matter because each event carries the whole document.
  db.tickets.eventBulks$.subscribe((bulk) => {
    for (const ev of bulk.events) {
      if (ev.operation === 'DELETE' || ev.documentData._deleted) byId.delete(ev.documentId);
      else byId.set(ev.documentId, toListRow(ev.documentData as unknown as TicketDoc));
    }
    if (snapshot.ready) publish({ rows: Array.from(byId.values()), total: byId.size, loaded: byId.size });
  });
  firstScreenShown
    .then(() =>
      loadListRows(db, (chunk, loaded, total) => {
        for (const row of chunk) if (!byId.has(row.id)) byId.set(row.id, row);
        publish({ loaded, total });
      }),
    )
    .then(
      () => {
        performance.mark('outpost:rows-ready');
        // Readiness signal for tests and the benchmark: the whole list is filterable from here on.
        document.documentElement.dataset.rowsReady = 'true';
        publish({ rows: Array.from(byId.values()), loaded: byId.size, total: byId.size, ready: true });
      },
      (error: unknown) => publish({ error: error instanceof Error ? error.message : String(error) }),
    );
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useTicketRows(): RowsSnapshot {
  const db = useDb();
  useEffect(() => start(db), [db]);
  return useSyncExternalStore(subscribe, () => snapshot);
}

export function viewPredicate(viewId: ViewId, userId: string): (row: ListRow) => boolean {
  switch (viewId) {
    case 'open':
      return (r) => r.phase === 'open';
    case 'mine':
      return (r) => r.phase === 'open' && r.assigneeId === userId;
    case 'unassigned':
      return (r) => r.phase === 'open' && r.assigneeId === '';
    case 'done':
      return (r) => r.phase === 'done';
    case 'all':
      return () => true;
  }
}

export function viewCounts(rows: ListRow[], userId: string): Record<ViewId, number> {
  const counts: Record<ViewId, number> = { open: 0, mine: 0, unassigned: 0, all: rows.length, done: 0 };
  for (const r of rows) {
    if (r.phase === 'done') counts.done++;
    else {
      counts.open++;
      if (r.assigneeId === '') counts.unassigned++;
      else if (r.assigneeId === userId) counts.mine++;
    }
  }
  return counts;
}
