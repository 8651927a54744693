/**
 * A persisted copy of the KPI facts, so a replica of 100,000 tickets does not re-read every
 * timeline (tens of seconds of IndexedDB reads) each time the dashboard is first opened after a
 * start. Like the list snapshot it is only an accelerator: it records when it was taken, and
 * restoring it names every ticket whose document or timeline changed since, for the projection
 * to refold. A different format, schema or SLA configuration discards it for a full load.
 */
import { getChangedDocumentsSince } from 'rxdb';
import { decodeFacts, encodeFacts, type FactColumns } from '../../shared/domain/kpi/factsColumns';
import type { TicketFacts } from '../../shared/domain/kpi/model';
import type { OutpostDatabase } from './database';

export const FACTS_SNAPSHOT_DOC_ID = 'kpiFactsSnapshot';
/** 2: facts in columns (factsColumns.ts). */
const FORMAT = 2;
/** Replays this much history before the snapshot too: a write's `lwt` is taken before its
 * change event is delivered. Re-folding a ticket is harmless. */
const REPLAY_MARGIN_MS = 5_000;
const CATCH_UP_BATCH = 2000;

interface StoredFacts {
  format: number;
  tickets: number;
  activities: number;
  /** The SLA configuration the facts were folded with (its JSON). */
  config: string;
  /** Every change written before this instant (less the margin) is in the facts. */
  takenAt: number;
  facts: FactColumns;
}

export async function saveFactsSnapshot(
  db: OutpostDatabase,
  facts: Iterable<TicketFacts>,
  config: string,
  takenAt: number,
): Promise<void> {
  const stored: StoredFacts = {
    format: FORMAT,
    tickets: db.tickets.schema.version,
    activities: db.activities.schema.version,
    config,
    takenAt,
    facts: encodeFacts(facts),
  };
  await db.upsertLocal<StoredFacts>(FACTS_SNAPSHOT_DOC_ID, stored);
}

type StorageOf =
  OutpostDatabase['tickets']['storageInstance'] | OutpostDatabase['activities']['storageInstance'];

/** What `pick` names of every document of a collection changed since `since` (deleted ones too). */
async function changedSince(
  storage: StorageOf,
  since: number,
  pick: (doc: { id: string; parentId?: string }) => string,
): Promise<Set<string>> {
  const ids = new Set<string>();
  let cursor: { id: string; lwt: number } = { id: '', lwt: since };
  for (;;) {
    const { documents, checkpoint } = await getChangedDocumentsSince(
      storage as OutpostDatabase['tickets']['storageInstance'],
      CATCH_UP_BATCH,
      cursor,
    );
    for (const doc of documents as { id: string; parentId?: string }[]) ids.add(pick(doc));
    if (documents.length < CATCH_UP_BATCH) return ids;
    cursor = checkpoint as { id: string; lwt: number };
  }
}

/**
 * The stored facts and the tickets to refold (changed, or with new timeline entries, since the
 * snapshot was taken), or null when there is no usable snapshot for this configuration.
 */
export async function restoreFactsSnapshot(
  db: OutpostDatabase,
  config: string,
): Promise<{ facts: Map<string, TicketFacts>; changed: Set<string>; takenAt: number } | null> {
  const doc = await db.getLocal<StoredFacts>(FACTS_SNAPSHOT_DOC_ID);
  if (!doc) return null;
  const stored = doc.toJSON().data as Partial<StoredFacts>;
  if (
    stored.format !== FORMAT ||
    stored.tickets !== db.tickets.schema.version ||
    stored.activities !== db.activities.schema.version ||
    stored.config !== config ||
    typeof stored.takenAt !== 'number'
  ) {
    return null;
  }
  const list = decodeFacts(stored.facts);
  if (!list) return null;
  const since = Math.max(0, stored.takenAt - REPLAY_MARGIN_MS);
  const changed = await changedSince(db.tickets.storageInstance, since, (t) => t.id);
  // Timeline entries name their ticket; entries of articles, CIs or audits name no ticket and
  // are dropped when their refold finds no ticket.
  for (const id of await changedSince(db.activities.storageInstance, since, (a) => a.parentId ?? '')) {
    if (id !== '') changed.add(id);
  }
  return { facts: new Map(list.map((f) => [f.id, f])), changed, takenAt: stored.takenAt };
}
