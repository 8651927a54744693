/**
 * A persisted copy of the in-memory list projection, so a replica of 100k tickets does not
 * re-read every ticket at each start (seconds) before filters work. The snapshot is only an
 * accelerator: it records the storage checkpoint it reflects, and restoring it replays every
 * change since that checkpoint from the collection's `_meta.lwt` index. Anything odd about it
 * (another format, another schema version, torn columns) discards it for a full load.
 */
import { getChangedDocumentsSince, type RxDocumentData } from 'rxdb';
import { MAX_TIME, type TicketDoc } from '../../shared/domain/model';
import type { OutpostDatabase } from './database';
import { toListRow, type ListRow } from './listRows';

export const ROWS_SNAPSHOT_DOC_ID = 'listRowsSnapshot';
/** 2: adds `parentId`. */
const FORMAT = 2;
/** Replays this much history before the checkpoint too: a write from another window gets its
 * `lwt` before its transaction commits, so it can arrive after a later one. Commits take well
 * under a second; re-applying a change is harmless. */
const REPLAY_MARGIN_MS = 5_000;
const CATCH_UP_BATCH = 2000;

export interface RowsCheckpoint {
  id: string;
  lwt: number;
}

/** Columns rather than row objects: a third of the size, and cheaper to store and clone. */
interface StoredSnapshot {
  format: number;
  schemaVersion: number;
  checkpoint: RowsCheckpoint;
  columns: {
    id: string[];
    number: string[];
    kind: string[];
    title: string[];
    status: string[];
    priority: number[];
    assigneeId: string[];
    groupId: string[];
    category: string[];
    phase: string[];
    updatedAt: number[];
    createdAt: number[];
    parentId: string[];
  };
}

type Columns = StoredSnapshot['columns'];
const COLUMN_NAMES = [
  'id',
  'number',
  'kind',
  'title',
  'status',
  'priority',
  'assigneeId',
  'groupId',
  'category',
  'phase',
  'updatedAt',
  'createdAt',
  'parentId',
] as const satisfies readonly (keyof Columns)[];

/** The later of two checkpoints, in the order RxDB's changes feed uses: (lwt, id). */
export function laterCheckpoint(a: RowsCheckpoint | null, b: RowsCheckpoint | null): RowsCheckpoint | null {
  if (!a) return b;
  if (!b) return a;
  return b.lwt > a.lwt || (b.lwt === a.lwt && b.id > a.id) ? b : a;
}

export function checkpointOf(doc: RxDocumentData<TicketDoc>): RowsCheckpoint {
  return { id: doc.id, lwt: doc._meta.lwt };
}

export function toColumns(rows: Iterable<ListRow>): Columns {
  const columns = Object.fromEntries(COLUMN_NAMES.map((name) => [name, []])) as unknown as Columns;
  for (const row of rows) {
    for (const name of COLUMN_NAMES) (columns[name] as unknown[]).push(row[name]);
  }
  return columns;
}

export function fromColumns(columns: Columns): ListRow[] | null {
  const length = columns.id?.length;
  if (!Array.isArray(columns.id)) return null;
  for (const name of COLUMN_NAMES) {
    if (!Array.isArray(columns[name]) || columns[name].length !== length) return null;
  }
  const rows: ListRow[] = new Array(length);
  for (let i = 0; i < length; i++) {
    const updatedAt = columns.updatedAt[i]!;
    rows[i] = {
      id: columns.id[i]!,
      number: columns.number[i]!,
      kind: columns.kind[i] as ListRow['kind'],
      title: columns.title[i]!,
      status: columns.status[i] as ListRow['status'],
      priority: columns.priority[i] as ListRow['priority'],
      assigneeId: columns.assigneeId[i]!,
      groupId: columns.groupId[i]!,
      category: columns.category[i]!,
      phase: columns.phase[i] as ListRow['phase'],
      updatedAt,
      createdAt: columns.createdAt[i]!,
      sortDesc: MAX_TIME - updatedAt,
      parentId: columns.parentId[i]!,
    };
  }
  return rows;
}

export async function saveRowsSnapshot(
  db: OutpostDatabase,
  rows: Iterable<ListRow>,
  checkpoint: RowsCheckpoint,
): Promise<void> {
  const snapshot: StoredSnapshot = {
    format: FORMAT,
    schemaVersion: db.tickets.schema.version,
    checkpoint,
    columns: toColumns(rows),
  };
  await db.upsertLocal<StoredSnapshot>(ROWS_SNAPSHOT_DOC_ID, snapshot);
}

/**
 * The projection as of now: the stored snapshot plus every change since its checkpoint, or
 * null when there is no usable snapshot.
 */
export async function restoreRows(
  db: OutpostDatabase,
): Promise<{ rows: Map<string, ListRow>; checkpoint: RowsCheckpoint } | null> {
  const doc = await db.getLocal<StoredSnapshot>(ROWS_SNAPSHOT_DOC_ID);
  if (!doc) return null;
  const stored = doc.toJSON().data as Partial<StoredSnapshot>;
  if (
    stored.format !== FORMAT ||
    stored.schemaVersion !== db.tickets.schema.version ||
    typeof stored.checkpoint?.lwt !== 'number' ||
    typeof stored.checkpoint.id !== 'string' ||
    !stored.columns
  ) {
    return null;
  }
  const list = fromColumns(stored.columns);
  if (!list) return null;
  const rows = new Map(list.map((row) => [row.id, row]));
  let checkpoint: RowsCheckpoint = stored.checkpoint;
  let cursor: RowsCheckpoint = { id: '', lwt: Math.max(0, checkpoint.lwt - REPLAY_MARGIN_MS) };
  for (;;) {
    const { documents, checkpoint: next } = await getChangedDocumentsSince(
      db.tickets.storageInstance,
      CATCH_UP_BATCH,
      cursor,
    );
    for (const changed of documents as RxDocumentData<TicketDoc>[]) {
      if (changed._deleted) rows.delete(changed.id);
      else rows.set(changed.id, toListRow(changed));
      checkpoint = laterCheckpoint(checkpoint, checkpointOf(changed)) ?? checkpoint;
    }
    if (documents.length < CATCH_UP_BATCH) break;
    cursor = next as RowsCheckpoint;
  }
  return { rows, checkpoint };
}
