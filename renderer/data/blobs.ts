/**
 * The bytes of attachments, keyed by file id, in an IndexedDB database of their own.
 *
 * Why not RxDB: a document holds its data in every revision and every query result, and
 * replication would carry it with every metadata change. IndexedDB stores a Blob as a file of
 * its own and hands back a file-backed Blob, so a 20 MB photo is never copied into memory just
 * to list a ticket's attachments.
 *
 * Entries are written once and never changed (files are immutable); a write is one transaction,
 * so a full disk aborts it and nothing half-written stays behind.
 */
import { Subject, type Observable } from 'rxjs';

/** Name of the browser database that holds the bytes (next to RxDB's `outpost`). */
export const BLOB_DB_NAME = 'outpost-files';
const STORE = 'blobs';
const VERSION = 1;

export interface BlobStore {
  /** Stores (or replaces) the bytes of one file; resolves once the write is committed. */
  put(id: string, blob: Blob): Promise<void>;
  get(id: string): Promise<Blob | null>;
  has(id: string): Promise<boolean>;
  delete(id: string): Promise<void>;
  /** Ids of every stored blob: one read instead of one lookup per file. */
  ids(): Promise<Set<string>>;
  /**
   * The id of every blob stored or deleted, here or in another window of this app on the same
   * database (sync downloads run in one window only), so views can refresh.
   */
  readonly changes$: Observable<string>;
  close(): void;
}

export interface BlobStoreOptions {
  /** Database name; tests pass a unique one. */
  name?: string;
  /** IndexedDB implementation; defaults to the browser's. Tests pass fake-indexeddb's. */
  indexedDB?: IDBFactory;
  /** Tell other windows about writes (default true; off where BroadcastChannel is missing). */
  broadcast?: boolean;
}

/** Same-origin windows that share the database hear each other's writes through this. */
function openChannel(name: string, enabled: boolean, onId: (id: string) => void): BroadcastChannel | null {
  if (!enabled || typeof BroadcastChannel !== 'function') return null;
  const channel = new BroadcastChannel(`${name}:changes`);
  channel.onmessage = (event: MessageEvent<unknown>) => {
    if (typeof event.data === 'string') onId(event.data);
  };
  return channel;
}

export function createBlobStore(options: BlobStoreOptions = {}): BlobStore {
  const name = options.name ?? BLOB_DB_NAME;
  const changes = new Subject<string>();
  const channel = openChannel(name, options.broadcast ?? true, (id) => changes.next(id));
  let opening: Promise<IDBDatabase> | null = null;
  let closed = false;

  function database(): Promise<IDBDatabase> {
    if (closed) return Promise.reject(new Error('The file store is closed.'));
    if (!opening) {
      const factory = options.indexedDB ?? globalThis.indexedDB;
      const pending = openDatabase(factory, name, () => {
        // Closed from outside (another window upgrading, the browser clearing storage):
        // reopen on the next call instead of failing every later read.
        if (opening === pending) opening = null;
      });
      opening = pending;
      // A failed open (quota, private mode) is retried on the next call.
      pending.catch(() => {
        if (opening === pending) opening = null;
      });
    }
    return opening;
  }

  async function run<T>(
    mode: IDBTransactionMode,
    action: (store: IDBObjectStore) => IDBRequest<T>,
  ): Promise<T> {
    return transact(await database(), mode, action);
  }

  function announce(id: string): void {
    changes.next(id);
    channel?.postMessage(id);
  }

  return {
    async put(id, blob) {
      await run('readwrite', (store) => store.put(blob, id));
      announce(id);
    },
    async get(id) {
      const value: unknown = await run('readonly', (store) => store.get(id));
      return value instanceof Blob ? value : null;
    },
    async has(id) {
      const key = await run('readonly', (store) => store.getKey(id));
      return key !== undefined;
    },
    async delete(id) {
      await run('readwrite', (store) => store.delete(id));
      announce(id);
    },
    async ids() {
      const keys = await run('readonly', (store) => store.getAllKeys());
      return new Set(keys.filter((key): key is string => typeof key === 'string'));
    },
    changes$: changes.asObservable(),
    close() {
      closed = true;
      const pending = opening;
      opening = null;
      void pending?.then(
        (db) => db.close(),
        () => undefined,
      );
      channel?.close();
      changes.complete();
    },
  };
}

function openDatabase(
  factory: IDBFactory | undefined,
  name: string,
  onLost: () => void,
): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    if (!factory) {
      reject(new Error('This browser offers no IndexedDB: attachments cannot be stored.'));
      return;
    }
    const request = factory.open(name, VERSION);
    request.onupgradeneeded = () => {
      // Out-of-line keys: the value is the Blob itself, keyed by the file id.
      if (!request.result.objectStoreNames.contains(STORE)) request.result.createObjectStore(STORE);
    };
    request.onsuccess = () => {
      const db = request.result;
      db.onversionchange = () => {
        db.close();
        onLost();
      };
      db.onclose = onLost;
      resolve(db);
    };
    request.onerror = () => reject(request.error ?? new Error(`Could not open ${name}.`));
  });
}

/**
 * One request in its own transaction, settled when the transaction is: a write only counts
 * once it is committed, and a quota failure shows up as the transaction's abort error.
 */
function transact<T>(
  db: IDBDatabase,
  mode: IDBTransactionMode,
  action: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  return new Promise((resolve, reject) => {
    let request: IDBRequest<T>;
    let tx: IDBTransaction;
    try {
      // Strict durability for writes: the metadata document is written right after the bytes
      // and must never point at bytes that a crash could still lose.
      tx =
        mode === 'readwrite' ? db.transaction(STORE, mode, { durability: 'strict' }) : db.transaction(STORE);
      request = action(tx.objectStore(STORE));
    } catch (error) {
      // Some failures (a full disk reported synchronously, a closing database) throw here.
      reject(error as Error);
      return;
    }
    tx.oncomplete = () => resolve(request.result);
    tx.onabort = () =>
      reject(tx.error ?? request.error ?? new DOMException('The write was aborted.', 'AbortError'));
  });
}

let shared: BlobStore | null = null;

/** The app's blob store over the browser's IndexedDB, opened on first use. */
export function defaultBlobStore(): BlobStore {
  shared ??= createBlobStore();
  return shared;
}

/** True when an error means the disk (or the browser's storage quota) is full. */
export function isQuotaError(error: unknown): boolean {
  // By name: a DOMException is not an Error subclass in every runtime.
  return (
    typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'QuotaExceededError'
  );
}
