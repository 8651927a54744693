// Backup files of the replica in <userData>/backups. The renderer produces the content (it is
// the only side that can read the database) and streams it here in chunks; this module decides
// names, writes atomically (a temporary file renamed into place after an fsync) and rotates.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { BACKUP_KINDS, type BackupFileInfo, type BackupKind } from '../shared/ipc/contract';
import { IpcFailure } from './validate';

/** Newest files kept per kind; older ones are deleted after each successful backup. */
export const BACKUP_KEEP: Readonly<Record<BackupKind, number>> = { auto: 10, manual: 5 };
/** One backup may not grow past this (a replica of 100,000 tickets is far below it). */
export const BACKUP_MAX_BYTES = 4 * 1024 * 1024 * 1024;
/** An unfinished backup older than this is abandoned (its window was closed or reloaded). */
const STALE_MS = 30 * 60 * 1000;

const NAME = /^outpost-(auto|manual)-(\d{8})-(\d{6})-(\d{3})\.jsonl$/;
const PARTIAL = /^outpost-.*\.jsonl\.partial$/;

const pad = (value: number, size = 2) => String(value).padStart(size, '0');

/** outpost-auto-20250131-235959-123.jsonl (UTC): sorts by time as plain text. */
export function backupFileName(kind: BackupKind, at: number): string {
  const d = new Date(at);
  const date = `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
  return `outpost-${kind}-${date}-${time}-${pad(d.getUTCMilliseconds(), 3)}.jsonl`;
}

/** The kind and time a backup's name says, or null for any other file in the folder. */
export function parseBackupFileName(name: string): { kind: BackupKind; createdAt: number } | null {
  const match = NAME.exec(name);
  if (!match) return null;
  const [, kind, date = '', time = '', ms = ''] = match;
  const createdAt = Date.UTC(
    Number(date.slice(0, 4)),
    Number(date.slice(4, 6)) - 1,
    Number(date.slice(6, 8)),
    Number(time.slice(0, 2)),
    Number(time.slice(2, 4)),
    Number(time.slice(4, 6)),
    Number(ms),
  );
  if (!Number.isFinite(createdAt) || backupFileName(kind as BackupKind, createdAt) !== name) return null;
  return { kind: kind as BackupKind, createdAt };
}

/** Backup files to delete so that only the newest `keep[kind]` of each kind remain. */
export function planRotation(
  names: readonly string[],
  keep: Readonly<Record<BackupKind, number>> = BACKUP_KEEP,
): string[] {
  const doomed: string[] = [];
  for (const kind of BACKUP_KINDS) {
    const ofKind = names
      .map((name) => ({ name, parsed: parseBackupFileName(name) }))
      .filter((entry) => entry.parsed?.kind === kind)
      .sort(
        (a, b) => (b.parsed?.createdAt ?? 0) - (a.parsed?.createdAt ?? 0) || b.name.localeCompare(a.name),
      );
    doomed.push(...ofKind.slice(Math.max(0, keep[kind])).map((entry) => entry.name));
  }
  return doomed;
}

export type BackupHandle = {
  write(data: string): Promise<unknown>;
  sync(): Promise<void>;
  close(): Promise<void>;
};

export type BackupFs = {
  mkdir(dir: string, options: { recursive: true }): Promise<unknown>;
  open(filePath: string, flags: 'wx', mode: number): Promise<BackupHandle>;
  rename(from: string, to: string): Promise<void>;
  unlink(filePath: string): Promise<void>;
  readdir(dir: string): Promise<string[]>;
  stat(filePath: string): Promise<{ size: number }>;
};

type Session = {
  handle: BackupHandle;
  temp: string;
  name: string;
  kind: BackupKind;
  bytes: number;
  startedAt: number;
};

function isDiskFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}

function storageFailure(error: unknown, what: string): IpcFailure {
  if (error instanceof IpcFailure) return error;
  if (isDiskFull(error)) {
    return new IpcFailure(
      'disk_full',
      `The disk is full: ${what} could not be written. Free some space and try again.`,
    );
  }
  return new IpcFailure('storage_error', `${what} could not be written to the backups folder.`);
}

export type BackupStore = ReturnType<typeof createBackupStore>;

export function createBackupStore(deps: {
  dir: string;
  fs: BackupFs;
  now?: () => number;
  keep?: Readonly<Record<BackupKind, number>>;
  maxBytes?: number;
}) {
  const { fs, dir } = deps;
  const now = deps.now ?? Date.now;
  const maxBytes = deps.maxBytes ?? BACKUP_MAX_BYTES;
  const sessions = new Map<string, Session>();

  function sessionOf(id: string): Session {
    const session = sessions.get(id);
    if (!session)
      throw new IpcFailure(
        'invalid_argument',
        'That backup is not in progress (it was finished or abandoned).',
      );
    return session;
  }

  async function discard(id: string, session: Session): Promise<void> {
    sessions.delete(id);
    await session.handle.close().catch(() => undefined);
    await fs.unlink(session.temp).catch(() => undefined);
  }

  async function dropStale(): Promise<void> {
    for (const [id, session] of sessions) {
      if (now() - session.startedAt > STALE_MS) await discard(id, session);
    }
  }

  async function list(): Promise<BackupFileInfo[]> {
    let names: string[];
    try {
      names = await fs.readdir(dir);
    } catch {
      return [];
    }
    const infos: BackupFileInfo[] = [];
    for (const name of names) {
      const parsed = parseBackupFileName(name);
      if (!parsed) continue;
      const size = await fs.stat(path.join(dir, name)).then(
        (s) => s.size,
        () => null,
      );
      if (size !== null) infos.push({ name, kind: parsed.kind, createdAt: parsed.createdAt, bytes: size });
    }
    return infos.sort((a, b) => b.createdAt - a.createdAt);
  }

  return {
    dir,
    list,

    /** Removes partial files a crash left behind (at start, before any backup runs). */
    async cleanUp(): Promise<void> {
      const names = await fs.readdir(dir).catch(() => [] as string[]);
      await Promise.all(
        names
          .filter((name) => PARTIAL.test(name))
          .map((name) => fs.unlink(path.join(dir, name)).catch(() => undefined)),
      );
    },

    async begin(kind: BackupKind): Promise<{ id: string }> {
      await dropStale();
      if (sessions.size >= 2) throw new IpcFailure('not_allowed', 'Another backup is still being written.');
      let name = backupFileName(kind, now());
      const taken = new Set(await fs.readdir(dir).catch(() => [] as string[]));
      // Two backups in one millisecond: the second waits its turn in the name, not on disk.
      for (let bump = 1; taken.has(name) || [...sessions.values()].some((s) => s.name === name); bump++) {
        name = backupFileName(kind, now() + bump);
      }
      const temp = path.join(dir, `${name}.partial`);
      try {
        await fs.mkdir(dir, { recursive: true });
        const handle = await fs.open(temp, 'wx', 0o600);
        const id = randomBytes(16).toString('hex');
        sessions.set(id, { handle, temp, name, kind, bytes: 0, startedAt: now() });
        return { id };
      } catch (error) {
        throw storageFailure(error, 'The backup');
      }
    },

    async append(id: string, chunk: string): Promise<void> {
      const session = sessionOf(id);
      const size = Buffer.byteLength(chunk, 'utf8');
      if (session.bytes + size > maxBytes) {
        await discard(id, session);
        throw new IpcFailure('not_allowed', 'The backup is larger than the backups folder accepts.');
      }
      try {
        await session.handle.write(chunk);
        session.bytes += size;
      } catch (error) {
        await discard(id, session);
        throw storageFailure(error, 'The backup');
      }
    },

    async commit(id: string): Promise<BackupFileInfo> {
      const session = sessionOf(id);
      sessions.delete(id);
      const target = path.join(dir, session.name);
      try {
        // On disk before the rename, so a crash leaves either the old set of backups or the new file.
        await session.handle.sync();
        await session.handle.close();
        await fs.rename(session.temp, target);
      } catch (error) {
        await session.handle.close().catch(() => undefined);
        await fs.unlink(session.temp).catch(() => undefined);
        throw storageFailure(error, 'The backup');
      }
      const names = await fs.readdir(dir).catch(() => [] as string[]);
      for (const name of planRotation(names, deps.keep)) {
        await fs.unlink(path.join(dir, name)).catch(() => undefined);
      }
      const info = parseBackupFileName(session.name);
      return {
        name: session.name,
        kind: session.kind,
        createdAt: info?.createdAt ?? now(),
        bytes: session.bytes,
      };
    },

    async abort(id: string): Promise<void> {
      const session = sessions.get(id);
      if (session) await discard(id, session);
    },
  };
}

export type StatFs = (dir: string) => Promise<{ bsize: number; bavail: number; blocks: number }>;

/** Free space for this user (bavail, not bfree: root's reserved blocks are not ours to use). */
export async function diskSpace(
  dir: string,
  statfs: StatFs,
): Promise<{ freeBytes: number; totalBytes: number }> {
  try {
    const stats = await statfs(dir);
    return { freeBytes: stats.bavail * stats.bsize, totalBytes: stats.blocks * stats.bsize };
  } catch {
    throw new IpcFailure('storage_error', 'The free space of the data folder could not be read.');
  }
}
