/** Sentences for backup and restore results (kept apart so they can be checked without React). */
import type { BackupSummary, RestorePlan, RestoreResult } from '../../data/backup';
import { isStorageFullError } from '../../data/storageQuery';

const plural = (count: number, one: string, many = `${one}s`) =>
  `${count.toLocaleString()} ${count === 1 ? one : many}`;

export function describeSummary(summary: BackupSummary): string {
  const parts = [plural(summary.documents, 'record'), plural(summary.blobs, 'attachment')];
  if (summary.missingBlobs > 0) {
    parts.push(`${plural(summary.missingBlobs, 'attachment')} not on this device yet (left out)`);
  }
  return parts.join(', ');
}

export function describeBackupError(error: unknown): string {
  if (isStorageFullError(error))
    return 'The disk is full: the backup was not made. Free some disk space and try again.';
  const message = error instanceof Error ? error.message : String(error);
  return `The backup was not made: ${message}`;
}

/** Per collection, how many checked documents the plan would restore. */
export function planCounts(plan: RestorePlan): { collection: string; count: number }[] {
  return [...plan.documents.entries()]
    .map(([collection, docs]) => ({ collection, count: docs.length }))
    .sort((a, b) => a.collection.localeCompare(b.collection));
}

/** A warning when the backup comes from another sync target than this replica's. */
export function sourceWarning(
  plan: RestorePlan,
  current: { serverUrl: string; database: string } | null,
): string | null {
  const source = plan.header.source;
  if (!source) return null;
  if (current && source.serverUrl === current.serverUrl && source.database === current.database) return null;
  return `This backup comes from the team database "${source.database}" on ${source.serverUrl}. Restored records become part of ${current ? `"${current.database}" on ${current.serverUrl}` : 'this device’s replica'} and are synced there.`;
}

export function describeRestore(result: RestoreResult): string {
  const parts = [`${plural(result.written, 'record')} restored`];
  if (result.blobsWritten > 0) parts.push(`${plural(result.blobsWritten, 'attachment')} restored`);
  if (result.keptNewer > 0)
    parts.push(`${plural(result.keptNewer, 'record')} already here in the same or a newer version`);
  if (result.keptDeleted > 0)
    parts.push(`${plural(result.keptDeleted, 'record')} deleted here since the backup (not brought back)`);
  if (result.failed.length > 0) parts.push(`${plural(result.failed.length, 'record')} could not be written`);
  return `${parts.join('; ')}.`;
}
