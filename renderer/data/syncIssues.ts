/**
 * Rejected changes and quarantined documents: what the sync engine sets aside instead of
 * stalling. The engine records them; the UI lists them and lets the user retry or discard.
 */
import type { Observable } from 'rxjs';
import type { OutpostDatabase } from './database';
import type { CollectionName, SyncIssueDoc } from './schemas';

/** Longest excerpt of a hostile document kept for the report. */
const QUARANTINE_EXCERPT_MAX = 2_000;

const LOCAL_FIELDS = ['_meta', '_rev', '_attachments', '_deleted'];

export function observeSyncIssues(db: OutpostDatabase): Observable<SyncIssueDoc[]> {
  return db.syncissues.find({ sort: [{ createdAt: 'desc' }] }).$ as unknown as Observable<SyncIssueDoc[]>;
}

export interface RejectionRecord {
  collection: CollectionName;
  docId: string;
  status: number;
  reason: string;
  title: string;
  /** The refused local state (deleted flag included). */
  doc: Record<string, unknown>;
  /** The server's state at the time, or null if the document did not exist there. */
  base: Record<string, unknown> | null;
  now: number;
}

export async function recordRejection(db: OutpostDatabase, rec: RejectionRecord): Promise<void> {
  await db.syncissues.upsert({
    id: `rej_${rec.docId}`,
    type: 'syncissue',
    issue: 'rejected',
    docId: rec.docId,
    collectionName: rec.collection,
    reason: rec.reason,
    status: rec.status,
    title: rec.title,
    payload: JSON.stringify({ doc: rec.doc, base: rec.base }),
    createdAt: rec.now,
  });
}

export interface QuarantineRecord {
  docId: string;
  collection: string;
  reason: string;
  excerpt: string;
  now: number;
}

export async function recordQuarantine(db: OutpostDatabase, rec: QuarantineRecord): Promise<void> {
  await db.syncissues.upsert({
    id: `qua_${rec.docId.slice(0, 76)}`,
    type: 'syncissue',
    issue: 'quarantined',
    docId: rec.docId.slice(0, 200),
    collectionName: rec.collection,
    reason: rec.reason,
    status: 0,
    title: rec.docId.slice(0, 80),
    payload: rec.excerpt.slice(0, QUARANTINE_EXCERPT_MAX),
    createdAt: rec.now,
  });
}

/** Drops the issue; for a rejection the refused change is gone for good. */
export async function discardSyncIssue(db: OutpostDatabase, id: string): Promise<void> {
  const doc = await db.syncissues.findOne(id).exec();
  if (doc) await doc.remove();
}

export type RetryResult = { ok: true } | { ok: false; error: string };

/**
 * Re-applies a refused change as a new local edit: only the fields the refused state changed
 * relative to the server's state at the time, on top of the document as it is now, so edits
 * others made since are kept. The issue goes away; the push runs again.
 */
export async function retryRejected(
  db: OutpostDatabase,
  id: string,
  session: { userId: string; now: number },
): Promise<RetryResult> {
  const issue = await db.syncissues.findOne(id).exec();
  if (!issue || issue.issue !== 'rejected') return { ok: false, error: 'This change is no longer waiting.' };
  let parsed: { doc: Record<string, unknown>; base: Record<string, unknown> | null };
  try {
    parsed = JSON.parse(issue.payload) as typeof parsed;
  } catch {
    return { ok: false, error: 'The refused change could not be read.' };
  }
  const collection = db.collections[issue.collectionName as CollectionName];
  if (!collection) return { ok: false, error: `Unknown collection "${issue.collectionName}".` };
  const patch = changedFields(parsed.doc, parsed.base);
  const current = await collection.findOne(issue.docId).exec();
  const stamp = { updatedAt: session.now, updatedBy: session.userId };
  try {
    if (current) {
      if (parsed.doc._deleted === true) await current.remove();
      else await current.incrementalPatch({ ...patch, ...stamp } as never);
    } else if (parsed.doc._deleted !== true) {
      await collection.upsert({ ...stripLocal(parsed.doc), ...stamp } as never);
    }
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  await issue.remove();
  return { ok: true };
}

function stripLocal(doc: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc)) if (!LOCAL_FIELDS.includes(key)) out[key] = value;
  return out;
}

/** Fields of `doc` whose JSON differs from `base` (all fields when there was no base). */
function changedFields(
  doc: Record<string, unknown>,
  base: Record<string, unknown> | null,
): Record<string, unknown> {
  const clean = stripLocal(doc);
  if (!base) return clean;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(clean)) {
    if (key === 'id' || key === 'updatedAt' || key === 'updatedBy') continue;
    if (JSON.stringify(value) !== JSON.stringify(base[key])) out[key] = value;
  }
  return out;
}
