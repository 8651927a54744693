/**
 * Test support for sync suites: replicas (RxDB on fake-indexeddb) syncing with a real server
 * through the real engine, each with its own network switch.
 *
 * Replicas open only the collections a suite exercises: the free RxDB tier allows 13 open
 * collections per JavaScript context, and suites run two or three replicas side by side.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import {
  closeQuietly,
  createBlobStore,
  createOutpostDatabase,
  type OutpostDatabase,
} from '../../renderer/data';
import type { CollectionName } from '../../renderer/data';
import type { SyncEngine } from '../../renderer/sync/engine';
import { useSyncStore } from '../../renderer/sync/store';
import { createEngine } from '../../renderer/sync/wiring';
import type { BlobStore } from '../../renderer/data';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { couchRequest, startTestServer, uniqueName, type TestServer, type TestUser } from '../server/harness';

export interface Replica {
  name: string;
  db: OutpostDatabase;
  engine: SyncEngine;
  blobs: BlobStore;
  user: TestUser;
  /** Every URL this replica requested, in order. */
  requests: string[];
  /** Changes the password sent from now on (a user signing in again). */
  setPassword(password: string): void;
  /** Cuts or restores this replica's network (requests fail like an unplugged cable). */
  setOnline(online: boolean): void;
  close(): Promise<void>;
}

export interface ReplicaOptions {
  collections?: CollectionName[];
  /** Overrides the password sent to the server (wrong-credential tests). */
  password?: string;
  renewSession?: () => Promise<boolean>;
  /** RxDB dev-mode checks on every write (default true; large volumes turn it off for speed). */
  devMode?: boolean;
}

const DEFAULT_COLLECTIONS: CollectionName[] = ['tickets', 'activities', 'syncissues'];

export async function openReplica(
  server: TestServer,
  database: string,
  user: TestUser,
  options: ReplicaOptions = {},
): Promise<Replica> {
  const name = uniqueName('replica');
  const db = await createOutpostDatabase({
    name,
    indexedDB,
    IDBKeyRange,
    devMode: options.devMode ?? true,
    multiInstance: false,
    collections: options.collections ?? DEFAULT_COLLECTIONS,
  });
  let online = true;
  const basic = (password: string) => `Basic ${Buffer.from(`${user.name}:${password}`).toString('base64')}`;
  let auth = basic(options.password ?? user.password);
  const requests: string[] = [];
  const fetchAs = async (input: string, init: RequestInit): Promise<Response> => {
    requests.push(input);
    if (!online) throw new TypeError('fetch failed (network is off)');
    // Node's fetch has no cookie jar: Basic auth stands in for the session cookie.
    const { cache: _cache, credentials: _credentials, ...rest } = init;
    return fetch(input, {
      ...rest,
      headers: { ...(init.headers as Record<string, string>), Authorization: auth },
    });
  };
  const blobs = createBlobStore({ name: `${name}-files`, indexedDB, broadcast: false });
  const engine = createEngine({
    db,
    serverUrl: server.url,
    database,
    user: { name: user.name, roles: [user.role], personId: user.personId },
    fetch: fetchAs,
    retryTime: 100,
    renewSession: options.renewSession ?? (async () => true),
    blobs,
  });
  await engine.start();
  return {
    name,
    db,
    engine,
    blobs,
    user,
    requests,
    setPassword(password) {
      auth = basic(password);
    },
    setOnline(next) {
      online = next;
      if (next) engine.syncNow();
    },
    async close() {
      await engine.stop();
      await closeQuietly(db);
    },
  };
}

/** All documents of a type on the server, by id, as the admin sees them. */
export async function serverDocs(
  server: TestServer,
  database: string,
): Promise<Map<string, Record<string, unknown>>> {
  const res = await couchRequest(server.url, `/${database}/_all_docs?include_docs=true`, {
    as: server.admin,
  });
  const rows = (res.body as { rows: { id: string; doc: Record<string, unknown> }[] }).rows;
  return new Map(rows.filter((r) => !r.id.startsWith('_design/')).map((r) => [r.id, r.doc]));
}

/** Writes documents straight to the server as the admin (bypassing every client). */
export async function adminBulk(server: TestServer, database: string, docs: unknown[]): Promise<unknown[]> {
  const res = await couchRequest(server.url, `/${database}/_bulk_docs`, {
    method: 'POST',
    as: server.admin,
    body: { docs },
  });
  if (res.status >= 300) throw new Error(`bulk write failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as unknown[];
}

/**
 * Drives the replicas until `check` holds: each round asks every engine to sync now and waits
 * for its replications to be idle. Bounded by rounds of real work, never by a clock.
 */
export async function syncUntil(
  replicas: Replica[],
  check: () => Promise<boolean>,
  rounds = 40,
): Promise<void> {
  for (let round = 0; round < rounds; round++) {
    if (await check()) return;
    for (const replica of replicas) {
      replica.engine.syncNow();
      await replica.engine.awaitInSync();
    }
    // Let the long-poll answers and RESYNC wake-ups that the last round caused run.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  if (!(await check())) throw new Error(`replicas did not converge after ${rounds} rounds`);
}

/** The phase the sync store shows (the store is global; suites read it right after an action). */
export function syncPhase(): string {
  return useSyncStore.getState().phase;
}

export interface SyncSuite {
  /** The suite's server (started before the first test). */
  server(): TestServer;
  /** Opens a replica that is closed after the current test. */
  replica(database: string, user: TestUser, options?: ReplicaOptions): Promise<Replica>;
}

/** One server per test file, and replicas closed after each test. */
export function syncSuite(): SyncSuite {
  let server: TestServer | undefined;
  const open: Replica[] = [];
  beforeAll(async () => {
    server = await startTestServer();
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((r) => r.close()));
  });
  const current = () => {
    if (!server) throw new Error('The sync server is not started yet.');
    return server;
  };
  return {
    server: current,
    async replica(database, user, options) {
      const r = await openReplica(current(), database, user, options);
      open.push(r);
      return r;
    },
  };
}
