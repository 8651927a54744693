/**
 * Backups of the local replica: every collection's documents and the attachment bytes from the
 * blob store, as one JSON Lines file.
 *
 *   {"format":"outpost-backup","version":1,"scope":"full",…}      header
 *   {"collection":"tickets","doc":{…}}                            one line per document
 *   {"blob":"fil_…","contentType":"image/png","size":123,"data":"<base64>"}
 *   {"end":true,"documents":N,"blobs":M}                           trailer: the file is complete
 *
 * JSON Lines because a replica can be hundreds of megabytes: it is written in chunks, and a
 * damaged line costs that line, not the file. Only live documents are written (a restore never
 * deletes anything). Restoring reads the whole file first and checks every line with the same
 * safety and schema checks a document from the server gets (backupFormat.ts); only then, and
 * only after the user saw the report, is anything written.
 */
import { getChangedDocumentsSince, type RxCollection, type RxStorageDefaultCheckpoint } from 'rxdb';
import { defaultBlobStore, type BlobStore } from './blobs';
import type { OutpostDatabase } from './database';
import { isStorageFullError } from './storageQuery';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  type BackupHeader,
  type BackupScope,
  type RestorePlan,
} from './backupFormat';

export * from './backupFormat';

/** Documents read per storage query while writing. */
const PAGE = 500;
/** Chunks handed to `write`: small enough for one IPC message, large enough to be few. */
export const BACKUP_CHUNK_CHARS = 4 * 1024 * 1024;

type Row = Record<string, unknown> & { id: string };

export interface WriteBackupOptions {
  scope: BackupScope;
  /** 'changes': documents written to this replica after this time (epoch ms). */
  since?: number;
  now: number;
  /** The sync target the replica belongs to, recorded so a restore can warn about a mismatch. */
  source?: BackupHeader['source'];
  blobs?: BlobStore;
  /** Receives the file in order; a rejection stops the backup. */
  write: (chunk: string) => Promise<void>;
  chunkChars?: number;
}

export interface BackupSummary {
  documents: number;
  blobs: number;
  /** Attachments whose bytes are not on this device yet (still to be downloaded). */
  missingBlobs: number;
}

/** A document as the app sees it: RxDB's bookkeeping (`_meta`, `_rev`, …) left out. */
function plain(doc: Record<string, unknown>): Row {
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(doc)) if (!key.startsWith('_')) result[key] = doc[key];
  return result as Row;
}

/** Every live document of a collection written after `since`, in pages (oldest write first). */
async function* changedDocuments(collection: RxCollection, since: number): AsyncGenerator<Row[]> {
  let checkpoint: RxStorageDefaultCheckpoint = { id: '', lwt: since };
  for (;;) {
    const page = await getChangedDocumentsSince<Record<string, unknown>, RxStorageDefaultCheckpoint>(
      collection.storageInstance as never,
      PAGE,
      checkpoint,
    );
    const live = page.documents.filter((doc) => doc._deleted !== true).map(plain);
    if (live.length > 0) yield live;
    if (page.documents.length < PAGE) return;
    checkpoint = page.checkpoint;
  }
}

/** True when any collection holds a document written after `since` (one read each). */
export async function hasChangesSince(db: OutpostDatabase, since: number): Promise<boolean> {
  for (const collection of Object.values(db.collections) as RxCollection[]) {
    const page = await getChangedDocumentsSince<unknown, RxStorageDefaultCheckpoint>(
      collection.storageInstance as never,
      1,
      { id: '', lwt: since },
    );
    if (page.documents.length > 0) return true;
  }
  return false;
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  // In slices: String.fromCharCode with millions of arguments overflows the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/**
 * Writes the backup through `write`. 'full' covers every document; 'changes' the documents
 * written since `since`, so a series of them never misses an unsynced change when `since` is
 * the last moment the replica was known to be in sync.
 */
export async function writeBackup(db: OutpostDatabase, options: WriteBackupOptions): Promise<BackupSummary> {
  const chunkChars = options.chunkChars ?? BACKUP_CHUNK_CHARS;
  const blobs = options.blobs ?? defaultBlobStore();
  const since = options.scope === 'full' ? 0 : Math.max(0, options.since ?? 0);
  let buffer = '';
  const flush = async (force: boolean) => {
    while (buffer.length >= chunkChars || (force && buffer.length > 0)) {
      const chunk = buffer.slice(0, chunkChars);
      buffer = buffer.slice(chunk.length);
      await options.write(chunk);
    }
  };
  const line = async (value: unknown) => {
    buffer += `${JSON.stringify(value)}\n`;
    if (buffer.length >= chunkChars) await flush(false);
  };

  const names = Object.keys(db.collections).sort();
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    scope: options.scope,
    createdAt: options.now,
    since,
    source: options.source ?? null,
    collections: names,
  };
  await line(header);
  const summary: BackupSummary = { documents: 0, blobs: 0, missingBlobs: 0 };
  const files: Row[] = [];
  for (const name of names) {
    const collection = db.collections[name as keyof OutpostDatabase['collections']] as RxCollection;
    for await (const docs of changedDocuments(collection, since)) {
      for (const doc of docs) {
        await line({ collection: name, doc });
        summary.documents++;
        if (name === 'files') files.push(doc);
      }
    }
  }
  for (const file of files) {
    const blob = await blobs.get(file.id);
    if (!blob) {
      summary.missingBlobs++;
      continue;
    }
    const data = bytesToBase64(new Uint8Array(await blob.arrayBuffer()));
    await line({ blob: file.id, contentType: String(file.contentType ?? ''), size: blob.size, data });
    summary.blobs++;
  }
  await line({ end: true, documents: summary.documents, blobs: summary.blobs });
  await flush(true);
  return summary;
}

export interface RestoreResult {
  /** Documents written (new, or newer in the backup than here). */
  written: number;
  /** Documents this replica already has in the same or a newer version: left as they are. */
  keptNewer: number;
  /** Documents deleted on this device since the backup: not brought back. */
  keptDeleted: number;
  blobsWritten: number;
  failed: { id: string; message: string }[];
  /** Set when the restore stopped before the end (the disk filled up): what was written stays. */
  stopped: string | null;
}

const STOPPED_DISK_FULL =
  'The disk is full: the restore stopped. What is listed as written is in the replica; free some space and restore the same file again to add the rest.';

function updatedAtOf(doc: Record<string, unknown>): number {
  return typeof doc.updatedAt === 'number'
    ? doc.updatedAt
    : typeof doc.createdAt === 'number'
      ? doc.createdAt
      : 0;
}

/**
 * Writes what a checked plan holds: attachment bytes first (a file document must never point at
 * bytes that are not there), then documents collection by collection. A document this replica
 * has in the same or a newer version, or has deleted since, is left alone. A full disk stops the
 * restore with a clear message; nothing written before is undone and the result says what it was.
 */
export async function applyRestore(
  db: OutpostDatabase,
  plan: RestorePlan,
  options: { blobs?: BlobStore } = {},
): Promise<RestoreResult> {
  const blobs = options.blobs ?? defaultBlobStore();
  const result: RestoreResult = {
    written: 0,
    keptNewer: 0,
    keptDeleted: 0,
    blobsWritten: 0,
    failed: [],
    stopped: null,
  };
  try {
    const stored = await blobs.ids();
    for (const [id, blob] of plan.blobs) {
      if (stored.has(id)) continue;
      await blobs.put(id, new Blob([blob.data as BlobPart], { type: blob.contentType }));
      result.blobsWritten++;
    }
    for (const [name, docs] of plan.documents) {
      const collection = db.collections[name as keyof OutpostDatabase['collections']] as
        RxCollection | undefined;
      if (!collection) {
        for (const doc of docs)
          result.failed.push({ id: doc.id, message: `this replica has no ${name} collection` });
        continue;
      }
      for (let i = 0; i < docs.length; i += PAGE) {
        const slice = docs.slice(i, i + PAGE);
        const existing = await collection.storageInstance.findDocumentsById(
          slice.map((doc) => doc.id),
          true,
        );
        const here = new Map(
          existing.map((doc) => [String((doc as Row).id), doc as Record<string, unknown>]),
        );
        const fresh = slice.filter((doc) => {
          const current = here.get(doc.id);
          if (!current) return true;
          if (current._deleted === true) {
            result.keptDeleted++;
            return false;
          }
          if (updatedAtOf(current) >= updatedAtOf(doc)) {
            result.keptNewer++;
            return false;
          }
          return true;
        });
        if (fresh.length === 0) continue;
        const outcome = await collection.bulkUpsert(fresh);
        result.written += outcome.success.length;
        for (const error of outcome.error) {
          if (isStorageFullError(error)) throw error;
          result.failed.push({
            id: String(error.documentId),
            message: `could not be written (${error.status})`,
          });
        }
      }
    }
  } catch (error) {
    if (!isStorageFullError(error)) throw error;
    result.stopped = STOPPED_DISK_FULL;
  }
  return result;
}
