/**
 * Automatic backups of unsynced changes (desktop app, into the data folder, rotated there).
 *
 * Which documents are unsynced is read from the replica itself: RxDB stamps every write with
 * its local write time (`_meta.lwt`), and the sync store says when the replica was last in
 * sync (nothing pending, nothing in flight). Every document written after that moment, less a
 * margin for writes still on their way to the push, may be unsynced: that set is backed up, a
 * superset of the unsynced changes (pulled documents of the same period come along). A replica
 * that was never in sync (local only, or signed out before its first sync) has only unsynced
 * data, so its backup is the whole replica.
 */

/** Writes made this long before "in sync" was reported are still treated as unsynced. */
export const IN_SYNC_MARGIN_MS = 60_000;
export const AUTO_BACKUP_INTERVAL_MS = 10 * 60_000;
/** The first check after start comes sooner: the previous session may have ended unsynced. */
export const FIRST_CHECK_MS = 60_000;

const WATERMARK_KEY = 'outpost.backup.inSyncAt';
const LAST_BACKUP_KEY = 'outpost.backup.lastAutoAt';

type KeyValue = Pick<Storage, 'getItem' | 'setItem'>;

function readNumber(store: KeyValue, key: string): number {
  const value = Number(store.getItem(key));
  return Number.isFinite(value) && value > 0 ? value : 0;
}

/** The moment from which writes count as unsynced, kept across restarts. */
export function watermarkStore(store: KeyValue) {
  return {
    sinceUnsynced: () => readNumber(store, WATERMARK_KEY),
    /** Called whenever the sync store reports 'in-sync'. It only moves forward. */
    markInSync(now: number) {
      const next = now - IN_SYNC_MARGIN_MS;
      if (next > readNumber(store, WATERMARK_KEY)) store.setItem(WATERMARK_KEY, String(next));
    },
    lastBackupAt: () => readNumber(store, LAST_BACKUP_KEY),
    setLastBackupAt: (at: number) => store.setItem(LAST_BACKUP_KEY, String(at)),
  };
}

export type AutoBackupOutcome =
  | { kind: 'written'; name: string; at: number }
  | { kind: 'nothing-new' }
  | { kind: 'skipped'; reason: 'busy' | 'low-space' | 'not-leader' }
  | { kind: 'failed'; message: string };

export interface AutoBackupDeps {
  now: () => number;
  sinceUnsynced: () => number;
  lastBackupAt: () => number;
  setLastBackupAt: (at: number) => void;
  hasChangesSince: (since: number) => Promise<boolean>;
  /** Writes a 'changes' backup of everything after `since`; resolves with the file name. */
  backUp: (since: number) => Promise<string>;
  /** True while the disk is nearly full: a backup would only make it worse. */
  lowOnSpace: () => boolean;
  /** Several windows share one replica: only one of them backs it up. */
  isLeader: () => boolean;
  onOutcome?: (outcome: AutoBackupOutcome) => void;
  timers?: {
    setTimeout: (callback: () => void, ms: number) => unknown;
    clearTimeout: (handle: unknown) => void;
  };
  intervalMs?: number;
  firstCheckMs?: number;
}

/**
 * One check: back up when something was written since the last automatic backup that is also
 * after the in-sync watermark (an unsynced change not in any backup yet).
 */
export function createAutoBackup(deps: AutoBackupDeps) {
  let running = false;
  let timer: unknown = null;
  let stopped = false;
  const timers = deps.timers ?? {
    setTimeout: (callback: () => void, ms: number) => setTimeout(callback, ms),
    clearTimeout: (handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  };

  async function check(): Promise<AutoBackupOutcome> {
    if (running) return { kind: 'skipped', reason: 'busy' };
    if (!deps.isLeader()) return { kind: 'skipped', reason: 'not-leader' };
    if (deps.lowOnSpace()) return { kind: 'skipped', reason: 'low-space' };
    running = true;
    try {
      const since = deps.sinceUnsynced();
      const startedAt = deps.now();
      if (!(await deps.hasChangesSince(Math.max(since, deps.lastBackupAt())))) return { kind: 'nothing-new' };
      const name = await deps.backUp(since);
      deps.setLastBackupAt(startedAt);
      return { kind: 'written', name, at: startedAt };
    } catch (error) {
      return { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
    } finally {
      running = false;
    }
  }

  const run = async (): Promise<AutoBackupOutcome> => {
    const outcome = await check();
    deps.onOutcome?.(outcome);
    return outcome;
  };

  const schedule = (ms: number) => {
    if (stopped) return;
    timer = timers.setTimeout(() => {
      void run().finally(() => schedule(deps.intervalMs ?? AUTO_BACKUP_INTERVAL_MS));
    }, ms);
  };

  return {
    start: () => schedule(deps.firstCheckMs ?? FIRST_CHECK_MS),
    runNow: run,
    stop() {
      stopped = true;
      if (timer !== null) timers.clearTimeout(timer);
    },
  };
}
