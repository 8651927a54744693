/**
 * Where the index reads the replica: the four searchable collections, their change streams and
 * their storage changes feed (ordered by `_meta.lwt`, as RxDB's replication uses it), read
 * straight from the storage instance so no RxDocument is made per document.
 */
import type { MangoQuery, PreparedQuery, RxCollection, RxDocumentData, RxStorageInstance } from 'rxdb';
import type { Observable, Subscription } from 'rxjs';
import type { ArticleDoc, CiDoc, PersonDoc, TicketDoc } from '../../shared/domain/model';
import { articleSource, ciSource, personSource, ticketSource, type SearchSource } from '../../shared/search';
import type { OutpostDatabase } from '../data';
import { prepareStorageQuery } from '../data/storageQuery';
import type { Checkpoint } from './store';

export const SEARCH_COLLECTIONS = ['tickets', 'cis', 'articles', 'people'] as const;
export type SearchCollection = (typeof SEARCH_COLLECTIONS)[number];

type Mapper = (doc: never, lwt: number) => SearchSource;
const MAPPERS: Record<SearchCollection, Mapper> = {
  tickets: (doc: TicketDoc, lwt) => ticketSource(doc, lwt),
  cis: (doc: CiDoc, lwt) => ciSource(doc, lwt),
  articles: (doc: ArticleDoc, lwt) => articleSource(doc, lwt),
  people: (doc: PersonDoc, lwt) => personSource(doc, lwt),
};

/** One document state: a source to index, or a deletion. */
export type FeedItem =
  | { kind: 'upsert'; source: SearchSource; checkpoint: Checkpoint }
  | { kind: 'delete'; id: string; checkpoint: Checkpoint };

function toItem(collection: SearchCollection, doc: RxDocumentData<unknown>, deleted: boolean): FeedItem {
  const checkpoint = { id: (doc as unknown as { id: string }).id, lwt: doc._meta.lwt };
  if (deleted || doc._deleted) return { kind: 'delete', id: checkpoint.id, checkpoint };
  return { kind: 'upsert', source: MAPPERS[collection](doc as never, doc._meta.lwt), checkpoint };
}

/** The later of two checkpoints, in the order of the changes feed: (lwt, id). */
export function laterOf(a: Checkpoint | null, b: Checkpoint | null): Checkpoint | null {
  if (!a) return b;
  if (!b) return a;
  return b.lwt > a.lwt || (b.lwt === a.lwt && b.id > a.id) ? b : a;
}

/** Every change event of the searchable collections, as feed items per bulk. */
export function followChanges(
  db: OutpostDatabase,
  onItems: (collection: SearchCollection, items: FeedItem[]) => void,
): Subscription[] {
  return SEARCH_COLLECTIONS.map((name) => {
    const events$ = db[name].eventBulks$ as unknown as Observable<{ events: ChangeEventLike[] }>;
    return events$.subscribe((bulk) => {
      onItems(
        name,
        bulk.events.map((ev) =>
          toItem(name, ev.documentData as RxDocumentData<unknown>, ev.operation === 'DELETE'),
        ),
      );
    });
  });
}

interface ChangeEventLike {
  operation: 'INSERT' | 'UPDATE' | 'DELETE';
  documentData: unknown;
}

/**
 * Reads every document state changed after `since` (all documents when null) in batches,
 * oldest first. `onBatch` may be async: the next batch is read once it settles.
 */
/** The changes feed's own index: RxDB keeps it on every collection. */
const LWT_INDEX = ['_meta.lwt', 'id'];

/**
 * What getChangedDocumentsSince asks for, as a plain index range: its `$or` selector is not
 * satisfied by the index, so the storage would run a query matcher on every document; walking
 * [lwt, id] from just after the checkpoint returns the same documents in the same order.
 */
function changesQuery(
  db: OutpostDatabase,
  collection: SearchCollection,
  limit: number,
  after: Checkpoint | null,
): PreparedQuery<unknown> {
  const prepared = prepareStorageQuery(
    db[collection] as unknown as RxCollection<unknown>,
    {
      selector: { '_meta.lwt': { $gte: after?.lwt ?? 0 } },
      sort: [{ '_meta.lwt': 'asc' }, { id: 'asc' }],
      index: LWT_INDEX,
      limit,
    } as MangoQuery<unknown>,
  );
  const plan = prepared.queryPlan;
  if (
    plan.index.join() !== LWT_INDEX.join() ||
    !plan.sortSatisfiedByIndex ||
    !plan.selectorSatisfiedByIndex
  ) {
    throw new Error(`readChangesSince: unexpected query plan ${JSON.stringify(plan)}`);
  }
  if (after) prepared.queryPlan = { ...plan, startKeys: [after.lwt, after.id], inclusiveStart: false };
  return prepared;
}

/**
 * Reads every document state changed after `since` (all documents when null) in batches,
 * oldest first, deletions included. `onBatch` may be async: the next batch is read meanwhile.
 */
export async function readChangesSince(
  db: OutpostDatabase,
  collection: SearchCollection,
  since: Checkpoint | null,
  batchSize: number,
  onBatch: (items: FeedItem[]) => void | Promise<void>,
): Promise<void> {
  const storage = db[collection].storageInstance as RxStorageInstance<unknown, unknown, unknown>;
  const read = async (after: Checkpoint | null) =>
    (await storage.query(changesQuery(db, collection, batchSize, after))).documents;
  let next = read(since);
  for (;;) {
    const documents = await next;
    const last = documents[documents.length - 1];
    const more = documents.length >= batchSize && last !== undefined;
    // The next batch is read while this one is processed.
    if (more) next = read({ id: (last as unknown as { id: string }).id, lwt: last._meta.lwt });
    if (documents.length > 0) await onBatch(documents.map((doc) => toItem(collection, doc, false)));
    if (!more) return;
  }
}

/** Identifies the replica and the shapes the index was built from. */
export async function replicaKey(db: OutpostDatabase): Promise<string> {
  const versions = SEARCH_COLLECTIONS.map((name) => db[name].schema.version).join('.');
  return `${await db.storageToken}|${versions}`;
}
