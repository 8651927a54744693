/**
 * The UI's handle on sync: sign in, sign out, sync now. It owns the one engine of this window,
 * remembers the server target (never the password), and wires the engine to the data module.
 *
 * A replica belongs to one team database. Signing in to a different target than the one this
 * replica was filled from (including the local demo data of a fresh install) starts from an
 * empty replica, so documents of one team never leak into another's database.
 */
import { authBackend } from './auth';
import { createEngine } from './wiring';
import type { SyncEngine } from './engine';
import { INITIAL_SYNC_STATE, setSyncState, useSyncStore, type SyncUser } from './store';
import type { OutpostDatabase } from '../data';
import { useUi } from '../state/ui';

export interface SignInInput {
  /** Server base URL without the database, e.g. http://127.0.0.1:5984 */
  serverUrl: string;
  database: string;
  name: string;
  password: string;
}

export type SignInResult = { ok: true; user: SyncUser } | { ok: false; message: string };

interface StoredTarget {
  serverUrl: string;
  database: string;
  /** Null after sign-out: the target is remembered, sync stays off until the next sign-in. */
  user: SyncUser | null;
  /** The target this replica's data came from. */
  replicaOf: string;
}

const TARGET_KEY = 'outpost.sync.target';

let db: OutpostDatabase | null = null;
let engine: SyncEngine | null = null;

function readTarget(): StoredTarget | null {
  try {
    const raw = localStorage.getItem(TARGET_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<StoredTarget>;
    if (typeof parsed.serverUrl !== 'string' || typeof parsed.database !== 'string') return null;
    return {
      serverUrl: parsed.serverUrl,
      database: parsed.database,
      user: parsed.user ?? null,
      replicaOf: typeof parsed.replicaOf === 'string' ? parsed.replicaOf : '',
    };
  } catch {
    return null;
  }
}

function writeTarget(target: StoredTarget): void {
  localStorage.setItem(TARGET_KEY, JSON.stringify(target));
}

function targetKey(serverUrl: string, database: string): string {
  return `${serverUrl.replace(/\/+$/, '')}/${database}`;
}

/** True when this replica is (or was) filled from a sync server: no local demo data then. */
export function replicaIsSynced(): boolean {
  return Boolean(readTarget()?.replicaOf);
}

/** Called once the database is open: resumes sync for a signed-in user. */
export function attachDatabase(database: OutpostDatabase): void {
  db = database;
  listenToNetwork();
  const target = readTarget();
  setSyncState({
    ...INITIAL_SYNC_STATE,
    serverUrl: target?.serverUrl ?? '',
    database: target?.database ?? '',
  });
  if (target?.user) void startEngine(target, target.user);
}

export async function signIn(input: SignInInput): Promise<SignInResult> {
  const serverUrl = input.serverUrl.trim().replace(/\/+$/, '');
  const outcome = await authBackend().login(serverUrl, input.name.trim(), input.password);
  if (!outcome.ok) return { ok: false, message: outcome.message };
  const key = targetKey(serverUrl, input.database);
  const previous = readTarget();
  const target: StoredTarget = { serverUrl, database: input.database, user: outcome.user, replicaOf: key };
  writeTarget(target);
  if (previous?.replicaOf !== key && db) {
    // This replica holds another team's data or the local demo: start empty, then reload so
    // every view opens on the new replica.
    await stopEngine();
    await db.remove();
    window.location.reload();
    return { ok: true, user: outcome.user };
  }
  if (engine && useSyncStore.getState().phase === 'needs-login') {
    setSyncState({ user: outcome.user });
    await engine.resume();
  } else {
    await startEngine(target, outcome.user);
  }
  return { ok: true, user: outcome.user };
}

export async function signOut(): Promise<void> {
  const target = readTarget();
  await stopEngine();
  if (target) {
    writeTarget({ ...target, user: null });
    await authBackend()
      .logout(target.serverUrl)
      .catch(() => undefined);
  }
  setSyncState({
    ...INITIAL_SYNC_STATE,
    serverUrl: target?.serverUrl ?? '',
    database: target?.database ?? '',
  });
}

/** Retry now (after an error or while offline) instead of waiting for the back-off. */
export function syncNow(): void {
  engine?.syncNow();
}

let listening = false;

/** The operating system's online/offline signal reaches the engine at once. */
function listenToNetwork(): void {
  if (listening) return;
  listening = true;
  window.addEventListener('offline', () => engine?.networkChanged(false));
  window.addEventListener('online', () => engine?.networkChanged(true));
}

async function startEngine(target: StoredTarget, user: SyncUser): Promise<void> {
  if (!db) return;
  await stopEngine();
  if (user.personId) useUi.getState().setUserId(user.personId);
  setSyncState({ serverUrl: target.serverUrl, database: target.database, user, phase: 'connecting' });
  engine = createEngine({ db, serverUrl: target.serverUrl, database: target.database, user });
  await engine.start();
}

async function stopEngine(): Promise<void> {
  const running = engine;
  engine = null;
  if (running) await running.stop();
}
