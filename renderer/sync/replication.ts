/**
 * One RxDB replication per synced collection, all fed by the shared changes feed and pushing
 * through the client's single work lane.
 */
import { Subject } from 'rxjs';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import type { RxCollection } from 'rxdb';
import type { ChangesFeed, RoutedChange, Seq } from './feed';
import { pushRows, type PushContext } from './push';

export interface Checkpoint {
  seq: Seq;
}

/** Documents per pull answer and per push request (files carry their binary inline). */
const PULL_BATCH = 1000;
const PUSH_BATCH = 1000;
const FILE_PUSH_BATCH = 4;

export interface CollectionReplication {
  name: string;
  state: RxReplicationState<unknown, Checkpoint>;
  wake: Subject<'RESYNC'>;
}

/**
 * Where a collection's last scan without any of its documents ended, by the sequence it
 * started from. RxDB stores a pull checkpoint only when documents arrive, so a collection with
 * nothing new would otherwise walk the whole feed again on every wake-up and every start.
 */
export interface ScanMemory {
  get(collection: string): Promise<{ from: string; to: Seq } | null>;
  set(collection: string, scan: { from: string; to: Seq } | null): Promise<void>;
}

export interface ReplicationSetup {
  identifier: string;
  feed: ChangesFeed;
  scans: ScanMemory;
  push: Omit<PushContext, 'collection' | 'isEqual'>;
  /** Wraps every handler call so the engine sees failures (offline, session expired). */
  guard: <T>(run: () => Promise<T>) => Promise<T>;
  /** Push rows seen, before they are sent (pending-change accounting). */
  onPushAttempt: (collection: string, ids: string[]) => void;
  retryTime: number;
}

export function replicateCollection(
  name: string,
  collection: RxCollection,
  setup: ReplicationSetup,
): CollectionReplication {
  const wake = new Subject<'RESYNC'>();
  const isEqual = (a: object, b: object) =>
    collection.conflictHandler.isEqual(a as never, b as never, 'push');
  const context: PushContext = { ...setup.push, collection: name, isEqual };
  const state = replicateRxCollection<unknown, Checkpoint>({
    replicationIdentifier: setup.identifier,
    collection,
    live: true,
    retryTime: setup.retryTime,
    // Several windows share one replica: only the elected leader talks to the server.
    waitForLeadership: true,
    autoStart: true,
    pull: {
      batchSize: PULL_BATCH,
      stream$: wake.asObservable(),
      handler: (checkpoint, batchSize) =>
        setup.guard(() => pullFor(setup.feed, setup.scans, name, checkpoint, batchSize)),
    },
    push: {
      batchSize: name === 'files' ? FILE_PUSH_BATCH : PUSH_BATCH,
      handler: (rows) => {
        setup.onPushAttempt(
          name,
          rows.map((row) => (row.newDocumentState as unknown as { id: string }).id),
        );
        return setup.guard(() => pushRows(context, rows));
      },
    },
  });
  return { name, state: state as RxReplicationState<unknown, Checkpoint>, wake };
}

/**
 * This collection's documents after `checkpoint`, walking shared pages until it has a batch or
 * reaches the end of the feed. Returning fewer than `batchSize` tells RxDB it is caught up, so
 * pages without documents of this collection are skipped rather than answered empty.
 */
async function pullFor(
  feed: ChangesFeed,
  scans: ScanMemory,
  collection: string,
  checkpoint: Checkpoint | undefined,
  batchSize: number,
): Promise<{ documents: RoutedChange['doc'][]; checkpoint: Checkpoint }> {
  const start = String(checkpoint?.seq ?? 0);
  const scanned = await scans.get(collection);
  let since: Seq = scanned && scanned.from === start ? scanned.to : (checkpoint?.seq ?? 0);
  const documents: RoutedChange['doc'][] = [];
  for (;;) {
    const page = await feed.page(since);
    if (page.rows.length === 0) break;
    for (const change of page.routed) {
      if (change.collection === collection) documents.push(change.doc);
    }
    since = page.lastSeq;
    if (documents.length >= batchSize) break;
  }
  // With documents RxDB stores the new checkpoint itself; without, remember how far we got.
  if (documents.length === 0) {
    if (String(since) !== start) await scans.set(collection, { from: start, to: since });
  } else if (scanned) {
    await scans.set(collection, null);
  }
  return { documents, checkpoint: { seq: since } };
}
