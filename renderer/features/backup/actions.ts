/**
 * Where a backup goes: into the desktop app's data folder through the shell (rotated there),
 * or to a file the browser downloads. Restoring reads a file the user picked.
 */
import type { BackupFileInfo, BackupKind, OutpostApi } from '../../../shared/ipc/contract';
import type { OutpostDatabase } from '../../data';
import {
  readBackup,
  writeBackup,
  type BackupScope,
  type BackupSummary,
  type ReadBackupResult,
} from '../../data/backup';
import { useSyncStore } from '../../sync/store';

/** The sync target the replica belongs to, recorded in the backup's first line. */
function currentSource() {
  const { serverUrl, database } = useSyncStore.getState();
  return serverUrl && database ? { serverUrl, database } : null;
}

function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

export async function backUpToDataFolder(
  api: OutpostApi,
  db: OutpostDatabase,
  options: { kind: BackupKind; scope: BackupScope; since?: number; now?: number },
): Promise<BackupFileInfo & { summary: BackupSummary }> {
  const { id } = unwrap(await api['backup:begin'](options.kind));
  try {
    const summary = await writeBackup(db, {
      scope: options.scope,
      since: options.since,
      now: options.now ?? Date.now(),
      source: currentSource(),
      write: async (chunk) => void unwrap(await api['backup:append'](id, chunk)),
    });
    return { ...unwrap(await api['backup:commit'](id)), summary };
  } catch (error) {
    await api['backup:abort'](id).catch(() => undefined);
    throw error;
  }
}

export function backupDownloadName(now: number): string {
  const stamp = new Date(now).toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  return `outpost-backup-${stamp}.jsonl`;
}

/** The whole replica as a file the browser saves (a save dialog in the desktop app). */
export async function downloadBackup(db: OutpostDatabase, now = Date.now()): Promise<BackupSummary> {
  const parts: string[] = [];
  const summary = await writeBackup(db, {
    scope: 'full',
    now,
    source: currentSource(),
    write: async (chunk) => void parts.push(chunk),
  });
  const url = URL.createObjectURL(new Blob(parts, { type: 'application/x-ndjson' }));
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = backupDownloadName(now);
    link.click();
  } finally {
    // The download has its own reference once started.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
  return summary;
}

/** Larger than any backup Outpost writes for a replica that fits on a laptop. */
export const MAX_RESTORE_BYTES = 1024 * 1024 * 1024;

export async function readBackupFile(file: File): Promise<ReadBackupResult> {
  if (file.size === 0) return { ok: false, message: 'The file is empty.' };
  if (file.size > MAX_RESTORE_BYTES) {
    return { ok: false, message: 'The file is larger than 1 GB: this is not an Outpost backup.' };
  }
  let text: string;
  try {
    text = await file.text();
  } catch {
    return { ok: false, message: 'The file could not be read.' };
  }
  return readBackup(text);
}

export { currentSource };
