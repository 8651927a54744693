import { useEffect, useSyncExternalStore } from 'react';
import type { TicketDoc } from '../../shared/domain/model';
import {
  laterCheckpoint,
  loadListRowsAt,
  restoreRows,
  saveRowsSnapshot,
  toListRow,
  type ListRow,
  type OutpostDatabase,
  type RowsCheckpoint,
} from '../data';
import type { ViewId } from '../state/ui';
import { useDb } from './database';
import { getSlaClocks, slaStatusOf, type SlaClocksState } from './slaClocks';

/**
 * In-memory projection of every ticket's list columns. Built in chunks after first paint and
 * kept current from the collection's change stream, so ad-hoc filters, sorts and counts over
 * 100k tickets run in memory (tens of ms) instead of scanning IndexedDB on each keystroke.
 */
interface RowsState {
  rows: ListRow[];
  loaded: number;
  total: number;
  ready: boolean;
  error: string | null;
}

const EMPTY: RowsState = { rows: [], loaded: 0, total: 0, ready: false, error: null };

let state: RowsState = EMPTY;
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

function publish(next: Partial<RowsState>): void {
  state = { ...state, ...next };
  for (const l of listeners) l();
}

/** Latest storage checkpoint the projection reflects; saved with it. */
let checkpoint: RowsCheckpoint | null = null;
let saveTimer: ReturnType<typeof setTimeout> | undefined;

/** Persists the projection once writes go quiet, so the next start restores it in one read. */
function scheduleSave(db: OutpostDatabase, delayMs: number): void {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => {
    if (!checkpoint) return;
    saveRowsSnapshot(db, byId.values(), checkpoint).then(
      () => {
        document.documentElement.dataset.rowsSnapshotSaved = String(Date.now());
      },
      (error: unknown) => {
        // Only an accelerator: without it the next start reads every ticket again.
        console.warn('Outpost: could not save the list snapshot', error);
      },
    );
  }, delayMs);
}

async function build(db: OutpostDatabase): Promise<void> {
  await firstScreenShown;
  const restored = await restoreRows(db).catch(() => null);
  if (restored) {
    // Rows set by change events meanwhile are newer than the snapshot: keep them.
    for (const [id, row] of restored.rows) if (!byId.has(id)) byId.set(id, row);
    checkpoint = laterCheckpoint(checkpoint, restored.checkpoint);
    document.documentElement.dataset.rowsSource = 'snapshot';
    return;
  }
  const loaded = await loadListRowsAt(db, (chunk, count, total) => {
    for (const row of chunk) if (!byId.has(row.id)) byId.set(row.id, row);
    publish({ loaded: count, total });
  });
  checkpoint = laterCheckpoint(checkpoint, loaded.checkpoint);
  document.documentElement.dataset.rowsSource = 'full';
  scheduleSave(db, 3000);
}

function start(db: OutpostDatabase): void {
  if (startedFor === db) return;
  startedFor = db;
  byId.clear();
  state = EMPTY;
  // Changes that land while the projection loads are applied on top of it; order does not
  // matter because each event carries the whole document.
  db.tickets.eventBulks$.subscribe((bulk) => {
    for (const ev of bulk.events) {
      if (ev.operation === 'DELETE' || ev.documentData._deleted) byId.delete(ev.documentId);
      else byId.set(ev.documentId, toListRow(ev.documentData as unknown as TicketDoc));
      checkpoint = laterCheckpoint(checkpoint, { id: ev.documentId, lwt: ev.documentData._meta.lwt });
    }
    if (state.ready) {
      publish({ rows: Array.from(byId.values()), total: byId.size, loaded: byId.size });
      scheduleSave(db, 5000);
    }
  });
  build(db).then(
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

export function useTicketRows(): RowsState {
  const db = useDb();
  useEffect(() => start(db), [db]);
  return useSyncExternalStore(subscribe, () => state);
}

/**
 * Membership of a saved view. The SLA views read the clock projection (`clocks`, the current
 * one by default) and show the same clock as the badges (clockToShow).
 */
export function viewPredicate(
  viewId: ViewId,
  userId: string,
  clocks: SlaClocksState = getSlaClocks(),
): (row: ListRow) => boolean {
  switch (viewId) {
    case 'open':
      return (r) => r.phase === 'open';
    case 'mine':
      return (r) => r.phase === 'open' && r.assigneeId === userId;
    case 'unassigned':
      return (r) => r.phase === 'open' && r.assigneeId === '';
    case 'breachingSoon':
      return (r) => r.phase === 'open' && slaStatusOf(clocks.byId.get(r.id)) === 'warning';
    case 'breached':
      return (r) => r.phase === 'open' && slaStatusOf(clocks.byId.get(r.id)) === 'breached';
    case 'done':
      return (r) => r.phase === 'done';
    case 'all':
      return () => true;
  }
}

export function viewCounts(
  rows: ListRow[],
  userId: string,
  clocks: SlaClocksState = getSlaClocks(),
): Record<ViewId, number> {
  const counts: Record<ViewId, number> = {
    open: 0,
    mine: 0,
    unassigned: 0,
    breachingSoon: 0,
    breached: 0,
    all: rows.length,
    done: 0,
  };
  for (const r of rows) {
    if (r.phase === 'done') counts.done++;
    else {
      counts.open++;
      if (r.assigneeId === '') counts.unassigned++;
      else if (r.assigneeId === userId) counts.mine++;
      const sla = slaStatusOf(clocks.byId.get(r.id));
      if (sla === 'warning') counts.breachingSoon++;
      else if (sla === 'breached') counts.breached++;
    }
  }
  return counts;
}
