/**
 * The one Outpost database: created here, outside React, and handed to components through a
 * provider (CONVENTIONS item 5). Nothing else calls createRxDatabase.
 */
import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase, type RxStorage } from 'rxdb';
import { RxDBLeaderElectionPlugin } from 'rxdb/plugins/leader-election';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { DexieSettings } from 'rxdb';
import { createConflictHandlers } from './conflicts';
import { emptyHookSlot, type ConflictHookSlot, type ConflictHooks } from './conflictHooks';
import { COLLECTION_DEFINITIONS, type OutpostDocTypes } from './schemas';

export type OutpostCollections = {
  [K in keyof OutpostDocTypes]: RxCollection<OutpostDocTypes[K]>;
};
export type OutpostDatabase = RxDatabase<OutpostCollections>;

export interface CreateOutpostDatabaseOptions {
  name: string;
  /**
   * IndexedDB implementation; defaults to the browser's. Tests pass fake-indexeddb.
   * Typed like Dexie's option (structurally an IDBFactory) so the module also type-checks
   * in Node-typed test code, which has no DOM types.
   */
  indexedDB?: DexieSettings['indexedDB'];
  /** Key-range constructor matching `indexedDB` (fake-indexeddb's with fake-indexeddb). */
  IDBKeyRange?: DexieSettings['IDBKeyRange'];
  /**
   * Unit tests only: RxDB dev-mode checks (schemas, queries, frozen documents) plus z-schema
   * validation of every write. Never in production: domain functions validate, dev-mode adds
   * an iframe to an external site, and the validator costs every write.
   */
  devMode?: boolean;
  /**
   * Share change events with other windows through a BroadcastChannel (default true: the app
   * can open several windows on one database). Tests pass false.
   */
  multiInstance?: boolean;
  /**
   * Tests only: open a subset of the collections. The free tier caps open collections per
   * JavaScript context at 13, so tests that run several replicas side by side open only what
   * they exercise. The app always opens all of them.
   */
  collections?: readonly (keyof OutpostDocTypes)[];
}

addRxPlugin(RxDBMigrationSchemaPlugin);
addRxPlugin(RxDBLocalDocumentsPlugin);
// Several windows share one replica; only the elected one replicates with the server.
addRxPlugin(RxDBLeaderElectionPlugin);

/**
 * Dev-mode is a global plugin: once added in a JS context, every later database must use a
 * validating storage too (RxDB throws DVM1 otherwise). Remember it and wrap from then on.
 */
let devModeLoaded = false;

async function enableDevMode(): Promise<void> {
  if (devModeLoaded) return;
  // Loaded on demand so production bundles never contain dev-mode (Vite splits the chunk).
  const devMode = await import('rxdb/plugins/dev-mode');
  devMode.disableWarnings();
  addRxPlugin(devMode.RxDBDevModePlugin);
  devModeLoaded = true;
}

async function buildStorage(options: CreateOutpostDatabaseOptions): Promise<RxStorage<unknown, unknown>> {
  const settings: DexieSettings = {};
  if (options.indexedDB) settings.indexedDB = options.indexedDB;
  if (options.IDBKeyRange) settings.IDBKeyRange = options.IDBKeyRange;
  const dexie = getRxStorageDexie(settings);
  if (options.devMode) await enableDevMode();
  if (!devModeLoaded) return dexie;
  // z-schema, not ajv: ajv compiles validators with eval, which the app's CSP forbids.
  const { wrappedValidateZSchemaStorage } = await import('rxdb/plugins/validate-z-schema');
  return wrappedValidateZSchemaStorage({ storage: dexie });
}

/**
 * Opens (or creates) the database and its collections, running pending schema
 * migrations before it resolves, so callers never see half-migrated data.
 */
export async function createOutpostDatabase(options: CreateOutpostDatabaseOptions): Promise<OutpostDatabase> {
  const db = await createRxDatabase<OutpostCollections>({
    name: options.name,
    storage: await buildStorage(options),
    multiInstance: options.multiInstance ?? true,
    eventReduce: true,
    // Device identity and the ticket counter live in local documents (never replicated).
    localDocuments: true,
    // Vite's hot reload re-runs this module: close the stale instance instead of failing.
    closeDuplicates: true,
  });
  const slot = emptyHookSlot();
  const handlers = createConflictHandlers(slot);
  try {
    const creators = Object.fromEntries(
      Object.entries(COLLECTION_DEFINITIONS)
        .filter(
          ([name]) => !options.collections || options.collections.includes(name as keyof OutpostDocTypes),
        )
        .map(([name, def]) => [
          name,
          {
            schema: def.schema,
            migrationStrategies: def.migrationStrategies,
            autoMigrate: true,
            conflictHandler: handlers[name as keyof OutpostDocTypes],
          },
        ]),
    );
    await db.addCollections(creators);
    HOOK_SLOTS.set(db, slot);
  } catch (err) {
    // A failed open must not hold collections: the free tier allows 13 per JS context.
    await closeQuietly(db);
    throw err;
  }
  return db;
}

const HOOK_SLOTS = new WeakMap<OutpostDatabase, ConflictHookSlot>();

/** Installs what a merge does beyond the document itself (notices, refused changes). */
export function setConflictHooks(db: OutpostDatabase, hooks: ConflictHooks): void {
  const slot = HOOK_SLOTS.get(db);
  if (slot) slot.current = hooks;
}

/**
 * Closes the database, reporting (not throwing) a failure: used on shutdown and in test
 * teardown where a second error would hide the first.
 */
export async function closeQuietly(db: OutpostDatabase | RxDatabase | null | undefined): Promise<void> {
  if (!db || db.closed) return;
  try {
    await db.close();
  } catch (err) {
    console.warn('Outpost database did not close cleanly', err);
  }
}
