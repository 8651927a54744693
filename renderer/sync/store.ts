/**
 * What the sync engine tells the UI. The engine is the only writer; components read it with
 * `useSyncStore(selector)`. Credentials never live here.
 */
import { create } from 'zustand';

export type SyncPhase =
  /** No server configured or signed out: the replica works alone. */
  | 'signed-out'
  /** Signed in, but the server cannot be reached (network down, server stopped). */
  | 'offline'
  | 'connecting'
  /** Catching up with the server; `progress` says how far. */
  | 'pulling'
  | 'pushing'
  | 'in-sync'
  /** The server refused the session (wrong or expired credentials): sign in again. */
  | 'needs-login'
  | 'error';

export interface SyncUser {
  /** CouchDB user name. */
  name: string;
  /** Outpost roles: requester, technician, agent, manager, admin. */
  roles: string[];
  /** The person document this account acts as (from its `person:<id>` role), '' if none. */
  personId: string;
}

export interface SyncState {
  phase: SyncPhase;
  /** Server base URL (no database), e.g. http://127.0.0.1:5984 */
  serverUrl: string;
  /** Team database name. */
  database: string;
  user: SyncUser | null;
  /** Documents received in the current catch-up and the server's pending total. */
  progress: { done: number; total: number } | null;
  /** Local changes not yet acknowledged by the server. */
  pending: number;
  /** Wall-clock time of the last moment the replica was known to be in sync. */
  lastSyncedAt: number | null;
  /** Human-readable reason for `error`, `offline` or `needs-login`. */
  message: string | null;
}

export const INITIAL_SYNC_STATE: SyncState = {
  phase: 'signed-out',
  serverUrl: '',
  database: '',
  user: null,
  progress: null,
  pending: 0,
  lastSyncedAt: null,
  message: null,
};

export const useSyncStore = create<SyncState>(() => INITIAL_SYNC_STATE);

/** Engine-side update helper (components never call it). */
export function setSyncState(patch: Partial<SyncState>): void {
  useSyncStore.setState(patch);
}
