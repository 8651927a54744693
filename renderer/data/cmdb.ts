/**
 * Whole-CMDB reads for the in-memory model behind the CMDB pages: every CI, every relation and
 * a small link record per ticket that names CIs. Impact analysis walks thousands of edges, which
 * must not wait on IndexedDB per hop; 20,000 CIs and 60,000 edges fit in memory comfortably.
 *
 * Reads go straight to the storage in primary-key order, a chunk at a time (keyset, never skip),
 * without building an RxDocument per row. Callers apply the change streams on top.
 */
import type { Subscription } from 'rxjs';
import type { RxCollection, RxDocumentData } from 'rxdb';
import type {
  CiDoc,
  RelationDoc,
  TicketDoc,
  TicketKind,
  TicketPhase,
  TicketStatus,
} from '../../shared/domain/model';
import type { OutpostDatabase } from './database';
import { prepareStorageQuery } from './storageQuery';

export const CMDB_CHUNK = 2000;

/** RxDB's internal primary-key index: `_deleted` first, then the id. */
const WALK_INDEX = ['_deleted', 'id'];

/** Every live document of `collection`, in id order, `chunk` at a time. */
export async function loadAllDocs<T extends { id: string }>(
  collection: RxCollection<T>,
  onChunk: (docs: RxDocumentData<T>[]) => void,
  chunk = CMDB_CHUNK,
): Promise<void> {
  let after: string | null = null;
  for (;;) {
    const selector: Record<string, unknown> = { _deleted: { $eq: false } };
    if (after !== null) selector.id = { $gt: after };
    const prepared = prepareStorageQuery(collection, {
      selector: selector as never,
      sort: [{ id: 'asc' } as never],
      index: WALK_INDEX,
      limit: chunk,
    });
    const plan = prepared.queryPlan;
    if (
      plan.index.join() !== WALK_INDEX.join() ||
      !plan.sortSatisfiedByIndex ||
      !plan.selectorSatisfiedByIndex
    ) {
      // Another plan would scan the whole collection for every chunk; fail loudly instead.
      throw new Error(`loadAllDocs: unexpected query plan ${JSON.stringify(plan)}`);
    }
    const docs = (await collection.storageInstance.query(prepared)).documents;
    if (docs.length > 0) onChunk(docs);
    if (docs.length < chunk) return;
    after = docs[docs.length - 1]!.id;
  }
}

function plain<T>(doc: RxDocumentData<T>): T {
  const {
    _deleted: _d,
    _meta: _m,
    _rev: _r,
    _attachments: _a,
    ...rest
  } = doc as RxDocumentData<T> & Record<string, unknown>;
  return rest as T;
}

/** What the CMDB needs of a ticket: enough to list it on a CI page and in impact results. */
export interface TicketLink {
  id: string;
  number: string;
  kind: TicketKind;
  title: string;
  status: TicketStatus;
  phase: TicketPhase;
  ciIds: string[];
  updatedAt: number;
}

export function toTicketLink(t: TicketDoc): TicketLink {
  return {
    id: t.id,
    number: t.number,
    kind: t.kind,
    title: t.title,
    status: t.status,
    phase: t.phase,
    ciIds: [...t.ciIds],
    updatedAt: t.updatedAt,
  };
}

export interface CmdbData {
  cis: CiDoc[];
  relations: RelationDoc[];
}

/** Every CI and relation. */
export async function loadCmdb(db: OutpostDatabase): Promise<CmdbData> {
  const data: CmdbData = { cis: [], relations: [] };
  await loadAllDocs(db.cis, (docs) => {
    for (const d of docs) data.cis.push(plain(d));
  });
  await loadAllDocs(db.relations, (docs) => {
    for (const d of docs) data.relations.push(plain(d));
  });
  return data;
}

/**
 * A link per ticket that names CIs. Tickets have no index on `ciIds` (RxDB cannot index array
 * items), so this walks every ticket once; the CMDB pages load it after the CMDB itself.
 */
export async function loadTicketLinks(db: OutpostDatabase): Promise<TicketLink[]> {
  const links: TicketLink[] = [];
  await loadAllDocs(db.tickets, (docs) => {
    for (const d of docs) if (d.ciIds.length > 0) links.push(toTicketLink(d));
  });
  return links;
}

export interface CmdbChangeHandlers {
  ci: (id: string, doc: CiDoc | null) => void;
  relation: (id: string, doc: RelationDoc | null) => void;
  ticket: (id: string, link: TicketLink | null) => void;
  /** After each batch of events: one re-render per batch, not per document. */
  flush: () => void;
}

/** Follows the three collections; each event carries the whole document (null = deleted). */
export function followCmdb(db: OutpostDatabase, handlers: CmdbChangeHandlers): Subscription {
  const subscription = db.cis.eventBulks$.subscribe((bulk) => {
    for (const ev of bulk.events) {
      const gone = ev.operation === 'DELETE' || ev.documentData._deleted;
      handlers.ci(ev.documentId, gone ? null : plain(ev.documentData as RxDocumentData<CiDoc>));
    }
    handlers.flush();
  });
  subscription.add(
    db.relations.eventBulks$.subscribe((bulk) => {
      for (const ev of bulk.events) {
        const gone = ev.operation === 'DELETE' || ev.documentData._deleted;
        handlers.relation(ev.documentId, gone ? null : plain(ev.documentData as RxDocumentData<RelationDoc>));
      }
      handlers.flush();
    }),
  );
  subscription.add(
    db.tickets.eventBulks$.subscribe((bulk) => {
      for (const ev of bulk.events) {
        const doc = ev.documentData as RxDocumentData<TicketDoc>;
        const gone = ev.operation === 'DELETE' || doc._deleted || doc.ciIds.length === 0;
        handlers.ticket(ev.documentId, gone ? null : toTicketLink(doc));
      }
      handlers.flush();
    }),
  );
  return subscription;
}
