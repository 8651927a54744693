/**
 * Builds the in-memory list projection (listRows.ts) of ALL tickets, in chunks, after first
 * paint. It walks the `sortDesc` index straight through the storage instance:
 * - no RxDocument per ticket (100k of them would fill the document cache for nothing);
 * - keyset pagination: each chunk starts strictly after the last (sortDesc, id) seen, so the
 *   cost per chunk stays flat; `skip` would re-walk everything skipped, quadratic over 100k.
 * RxDB's query planner cannot express "after this (sortDesc, id) pair" from a selector, so
 * the start key of the planned index range is set directly, and the plan is checked first.
 */
import type { PreparedQuery, RxDocumentData } from 'rxdb';
import type { TicketDoc } from '../../shared/domain/model';
import type { OutpostDatabase } from './database';
import { toListRow, type ListRow } from './listRows';
import { prepareStorageQuery } from './storageQuery';
import { checkpointOf, laterCheckpoint, type RowsCheckpoint } from './rowsSnapshot';

/** The internal form of schema index ['sortDesc']: RxDB prepends _deleted, appends the key. */
const WALK_INDEX = ['_deleted', 'sortDesc', 'id'];

interface Cursor {
  sortDesc: number;
  id: string;
}

function chunkQuery(db: OutpostDatabase, limit: number, after: Cursor | null): PreparedQuery<TicketDoc> {
  const prepared = prepareStorageQuery(db.tickets, {
    selector: { _deleted: { $eq: false } } as never,
    sort: [{ sortDesc: 'asc' }, { id: 'asc' }],
    index: WALK_INDEX,
    limit,
  });
  const plan = prepared.queryPlan;
  if (
    plan.index.join() !== WALK_INDEX.join() ||
    !plan.sortSatisfiedByIndex ||
    !plan.selectorSatisfiedByIndex
  ) {
    // A future RxDB could plan this differently; fail loudly rather than load a wrong list.
    throw new Error(`loadListRows: unexpected query plan ${JSON.stringify(plan)}`);
  }
  if (after) {
    prepared.queryPlan = {
      ...plan,
      // Keep the planned _deleted key; start strictly after the last row seen.
      startKeys: [plan.startKeys[0], after.sortDesc, after.id],
      inclusiveStart: false,
    };
  }
  return prepared;
}

/**
 * Loads every ticket as a ListRow, newest first, calling `onChunk` after each chunk with the
 * new rows, the rows loaded so far and the expected total. Resolves with all rows.
 * Writes that land during the walk may be missed or seen in their old state: callers apply
 * the collection's change stream on top (each event carries the whole document).
 */
export async function loadListRows(
  db: OutpostDatabase,
  onChunk: (rows: ListRow[], loaded: number, total: number) => void,
  chunkSize = 5000,
): Promise<ListRow[]> {
  return (await loadListRowsAt(db, onChunk, chunkSize)).rows;
}

/** As loadListRows, with the latest storage checkpoint among the rows read (for snapshots). */
export async function loadListRowsAt(
  db: OutpostDatabase,
  onChunk: (rows: ListRow[], loaded: number, total: number) => void,
  chunkSize = 5000,
): Promise<{ rows: ListRow[]; checkpoint: RowsCheckpoint | null }> {
  if (!Number.isInteger(chunkSize) || chunkSize < 1)
    throw new RangeError('chunkSize must be a positive integer');
  // Counting is slow on IndexedDB (hundreds of ms); run it alongside the first chunk.
  const totalPromise = db.tickets.count().exec();
  const all: ListRow[] = [];
  const seen = new Set<string>();
  let after: Cursor | null = null;
  let total = -1;
  let checkpoint: RowsCheckpoint | null = null;
  for (;;) {
    const result = await db.tickets.storageInstance.query(chunkQuery(db, chunkSize, after));
    const docs = result.documents as RxDocumentData<TicketDoc>[];
    if (total < 0) total = await totalPromise;
    const rows: ListRow[] = [];
    for (const doc of docs) {
      if (seen.has(doc.id)) continue;
      seen.add(doc.id);
      rows.push(toListRow(doc));
      checkpoint = laterCheckpoint(checkpoint, checkpointOf(doc));
    }
    all.push(...rows);
    const last = docs[docs.length - 1];
    if (rows.length > 0 || docs.length === 0) onChunk(rows, all.length, Math.max(total, all.length));
    if (!last || docs.length < chunkSize) break;
    if (
      after &&
      !(last.sortDesc > after.sortDesc || (last.sortDesc === after.sortDesc && last.id > after.id))
    ) {
      throw new Error('loadListRows: the index walk did not advance');
    }
    after = { sortDesc: last.sortDesc, id: last.id };
  }
  return { rows: all, checkpoint };
}
