/**
 * Writes documents that are not on the server yet, in batches through `_bulk_docs`. A document
 * already there, even deleted, is left alone: re-running never duplicates, overwrites or
 * brings back what someone removed.
 */
import { docPath, type CouchClient } from './couch';
import type { WireDoc } from '../../shared/sync/wire';

export interface WriteSummary {
  written: number;
  /** Already on the server (including deleted ones), so skipped. */
  existing: number;
}

const BATCH = 500;

interface AllDocsRow {
  key: string;
  error?: string;
  value?: { rev: string; deleted?: boolean };
}

interface BulkResult {
  id: string;
  ok?: boolean;
  error?: string;
  reason?: string;
}

async function presentIds(client: CouchClient, db: string, ids: string[]): Promise<Set<string>> {
  const result = await client.post<{ rows: AllDocsRow[] }>(`${docPath(db)}/_all_docs`, { keys: ids });
  return new Set(result.rows.filter((row) => row.value !== undefined).map((row) => row.key));
}

export async function writeMissing(client: CouchClient, db: string, docs: WireDoc[]): Promise<WriteSummary> {
  const summary: WriteSummary = { written: 0, existing: 0 };
  for (let start = 0; start < docs.length; start += BATCH) {
    const batch = docs.slice(start, start + BATCH);
    const present = await presentIds(
      client,
      db,
      batch.map((doc) => doc._id),
    );
    const missing = batch.filter((doc) => !present.has(doc._id));
    summary.existing += batch.length - missing.length;
    if (missing.length === 0) continue;
    const results = await client.post<BulkResult[]>(`${docPath(db)}/_bulk_docs`, { docs: missing });
    for (const result of results) {
      if (result.ok) summary.written += 1;
      // Written by someone else between the check and the write: it exists, which is the goal.
      else if (result.error === 'conflict') summary.existing += 1;
      else {
        throw new Error(
          `The server refused ${result.id} (${result.error}: ${result.reason ?? 'no reason'}); ` +
            `${summary.written} document(s) were written before it.`,
        );
      }
    }
  }
  return summary;
}
