/**
 * The sync engine: replicates every synced collection of one replica with one team database
 * and publishes what it is doing to the sync store.
 *
 * It never decides what a document means: routing and safety checks come from the wire codec,
 * conflicts from each collection's conflict handler, refusals from the server's
 * validate_doc_update. It owns the connection, the phases the user sees, pending-change
 * accounting, and what to do on failure (offline: retry; session gone: pause and ask).
 */
import { combineLatest, debounceTime, filter, merge, type Observable, type Subscription } from 'rxjs';
import type { OutpostDatabase } from '../data';
import { CouchClient, CouchError, OfflineError } from './couch';
import { ChangesFeed, type ChangeRow, type RoutedChange, type Seq } from './feed';
import type { Rejection } from './push';
import { RevisionCache } from './revs';
import { replicateCollection, type CollectionReplication, type ScanMemory } from './replication';
import { setSyncState, type SyncPhase } from './store';

/** RxDB tags the writes its replication makes (pulled documents, checkpoints) with this. */
const REPLICATION_CONTEXT_PREFIX = 'replication-';

export interface WireCodec {
  /** Collections that replicate, in the order they are started. */
  collections: readonly string[];
  route: (row: ChangeRow) => RoutedChange | null;
  toWire: (doc: Record<string, unknown> & { id: string; _deleted?: boolean }) => Record<string, unknown>;
  fromServer: (
    raw: Record<string, unknown>,
  ) => { doc: Record<string, unknown> & { id: string } } | { problem: string };
}

export interface EngineHooks {
  onRejected: (rejection: Rejection) => Promise<void>;
  onQuarantined: (docId: string, reason: string) => Promise<void>;
  attachmentsFor?: (doc: Record<string, unknown> & { id: string }) => Promise<Record<string, unknown> | null>;
  /** New file documents arrived: fetch their content (one request at a time, work lane). */
  fetchMissingContent?: (request: (path: string) => Promise<Response>) => Promise<void>;
  /** Is the session still valid? Called when the server answers 401. */
  renewSession: () => Promise<boolean>;
}

export interface EngineOptions {
  db: OutpostDatabase;
  serverUrl: string;
  database: string;
  codec: WireCodec;
  hooks: EngineHooks;
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
  /** Back-off before retrying a failed request (ms). */
  retryTime?: number;
  now?: () => number;
}

export class SyncEngine {
  private readonly client: CouchClient;
  private readonly feed: ChangesFeed;
  private replications: CollectionReplication[] = [];
  private subscriptions: Subscription[] = [];
  private readonly pending = new Set<string>();
  private readonly revs = new RevisionCache();
  /** Ids of documents the server refused in this session, until their conflict is resolved. */
  readonly refused = new Set<string>();
  private reachable = true;
  private needsLogin = false;
  private problem: string | null = null;
  private active = false;
  private progress: { done: number; total: number } | null = null;
  private serverTotal = 0;
  private stopped = false;
  /** Where the live feed is: a restart after the network returns continues from here. */
  private liveSince: Seq = 'now';
  private readonly scans: ScanMemory;

  constructor(private readonly options: EngineOptions) {
    this.client = new CouchClient({
      serverUrl: options.serverUrl,
      database: options.database,
      fetch: options.fetch,
      onReachability: (reachable) => this.setReachable(reachable),
    });
    this.scans = localScanMemory(options.db, this.client.dbUrl);
    this.feed = new ChangesFeed(this.client, {
      route: (row) => this.route(row),
      sentBody: (id, rev) => this.revs.takeSent(id, rev),
      expectsOwnWrites: () => this.revs.hasUnseenSent(),
      onPage: (page) => this.countPage(page.rows.length, page.pending),
    });
  }

  /** Starts every replication and the live feed; resolves once they are set up (not synced). */
  async start(): Promise<void> {
    this.publish();
    const since = await this.readStartSequence();
    const { db, codec, hooks } = this.options;
    for (const name of codec.collections) {
      const collection = db.collections[name as keyof OutpostDatabase['collections']];
      if (!collection) continue;
      this.replications.push(
        replicateCollection(name, collection as never, {
          identifier: `outpost-couch|${this.client.dbUrl}`,
          feed: this.feed,
          scans: this.scans,
          retryTime: this.options.retryTime ?? 5_000,
          guard: (run) => this.guard(run),
          onPushAttempt: (coll, ids) => this.markPending(coll, ids),
          push: {
            client: this.client,
            toWire: codec.toWire,
            fromServer: codec.fromServer,
            attachmentsFor: name === 'files' ? hooks.attachmentsFor : undefined,
            onRejected: hooks.onRejected,
            onQuarantined: hooks.onQuarantined,
            onAcknowledged: (ids) => this.acknowledge(name, ids),
            refused: this.refused,
            revs: this.revs,
          },
        }),
      );
    }
    this.watch();
    this.startLive(since);
  }

  private startLive(since: Seq): void {
    this.liveSince = since;
    this.feed.startLive(since, {
      onChange: () => this.wakeAll(),
      onError: () => undefined,
      onSeq: (seq) => {
        this.liveSince = seq;
      },
      retryDelay: (attempt) => Math.min(30_000, (this.options.retryTime ?? 5_000) * attempt),
    });
  }

  /** Stops replicating; local data and RxDB checkpoints stay for the next start. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.feed.stopLive();
    for (const sub of this.subscriptions) sub.unsubscribe();
    this.subscriptions = [];
    await Promise.all(this.replications.map((r) => r.state.cancel()));
    this.replications = [];
  }

  /** Retry now: wakes every collection instead of waiting for the back-off. */
  syncNow(): void {
    if (this.needsLogin) return;
    this.feed.invalidateTail();
    this.wakeAll();
    for (const r of this.replications) r.state.reSync();
  }

  /**
   * The operating system says the network went away or came back. Offline shows at once (a
   * long-poll could otherwise hang on for its full timeout); back online, sync resumes now.
   */
  networkChanged(online: boolean): void {
    if (this.stopped) return;
    if (!online) {
      this.feed.stopLive();
      this.setReachable(false);
      return;
    }
    this.startLive(this.liveSince);
    this.syncNow();
  }

  /** After the user signed in again: resume where the replications paused. */
  async resume(): Promise<void> {
    this.needsLogin = false;
    this.problem = null;
    await Promise.all(this.replications.map((r) => r.state.start()));
    this.startLive(this.liveSince);
    this.syncNow();
    this.publish();
  }

  /** Resolves once every collection has caught up with the server for the first time. */
  async awaitInitialSync(): Promise<void> {
    await Promise.all(this.replications.map((r) => r.state.awaitInitialReplication()));
  }

  /** Resolves when every collection has pulled and pushed everything it knows of. */
  async awaitInSync(): Promise<void> {
    await Promise.all(this.replications.map((r) => r.state.awaitInSync()));
  }

  /** Routes a change and remembers its revision for later pushes of edits to it. */
  private route(row: ChangeRow): RoutedChange | null {
    const change = this.options.codec.route(row);
    if (change) this.revs.rememberPulled(String(change.doc.id), change.rev, change.doc);
    return change;
  }

  private async readStartSequence(): Promise<Seq> {
    try {
      const info = await this.guard(() =>
        this.client.json<{ update_seq?: Seq; doc_count?: number; doc_del_count?: number }>(''),
      );
      this.serverTotal = (info.doc_count ?? 0) + (info.doc_del_count ?? 0);
      return info.update_seq ?? 'now';
    } catch {
      // Offline at start: the live feed begins at "now" and the pull handlers catch up from
      // their own checkpoints once the server answers.
      return 'now';
    }
  }

  private watch(): void {
    const actives = this.replications.map((r) => r.state.active$);
    if (actives.length > 0) {
      this.subscriptions.push(
        combineLatest(actives).subscribe((flags) => {
          this.active = flags.some(Boolean);
          if (!this.active) this.progress = null;
          this.publish();
        }),
      );
    }
    // While the server is out of reach, count the user's writes as pending now, not only when
    // RxDB next retries the push. The replication's own writes of pulled documents are not
    // changes to send: a pull answer that lands just after the network dropped would otherwise
    // stay "waiting" for ever, since nothing ever pushes (or acknowledges) it.
    for (const r of this.replications) {
      const collection = this.options.db.collections[r.name as keyof OutpostDatabase['collections']];
      const bulks = collection.eventBulks$ as Observable<{
        context: string;
        events: { documentId: string }[];
      }>;
      this.subscriptions.push(
        bulks
          .pipe(
            filter(() => !this.reachable || this.needsLogin),
            filter((bulk) => !bulk.context.startsWith(REPLICATION_CONTEXT_PREFIX)),
          )
          .subscribe((bulk) =>
            this.markPending(
              r.name,
              bulk.events.map((e) => e.documentId),
            ),
          ),
      );
    }
    const files = this.replications.find((r) => r.name === 'files');
    const fetchContent = this.options.hooks.fetchMissingContent;
    if (files && fetchContent) {
      this.subscriptions.push(
        merge(files.state.received$, files.state.active$.pipe(filter((a) => !a)))
          .pipe(debounceTime(300))
          .subscribe(() => void fetchContent((path) => this.client.request(path)).catch(() => undefined)),
      );
    }
  }

  private async guard<T>(run: () => Promise<T>): Promise<T> {
    try {
      const result = await run();
      if (this.problem) {
        this.problem = null;
        this.publish();
      }
      return result;
    } catch (err) {
      await this.noteFailure(err);
      throw err;
    }
  }

  private async noteFailure(err: unknown): Promise<void> {
    if (this.stopped || err instanceof OfflineError) return;
    if (err instanceof CouchError && err.status === 401) {
      const valid = await this.options.hooks.renewSession().catch(() => false);
      if (!valid) return this.pauseForLogin();
      // A valid session refused: this account is not a member of the team database.
      this.problem = `Your account cannot open the team database "${this.options.database}".`;
    } else if (err instanceof CouchError && err.status === 404 && err.reason.includes('exist')) {
      this.problem = `The team database "${this.options.database}" does not exist on ${this.options.serverUrl}.`;
    } else if (err instanceof CouchError && err.status === 403) {
      this.problem = `The server refused access: ${err.reason}`;
    } else {
      this.problem = err instanceof Error ? err.message : String(err);
    }
    this.publish();
  }

  private async pauseForLogin(): Promise<void> {
    if (this.needsLogin) return;
    this.needsLogin = true;
    this.publish();
    // Nothing more goes to the server until the user signs in again (no 401 every back-off).
    this.feed.stopLive();
    await Promise.all(this.replications.map((r) => r.state.pause()));
  }

  private setReachable(reachable: boolean): void {
    if (this.reachable === reachable) return;
    this.reachable = reachable;
    // Back online: wake the collections now rather than after their back-off.
    if (reachable) queueMicrotask(() => this.syncNow());
    this.publish();
  }

  private countPage(rows: number, pending: number | null): void {
    const done = (this.progress?.done ?? 0) + rows;
    const total = pending !== null ? done + pending : Math.max(done, this.serverTotal);
    this.progress = pending === 0 && rows === 0 ? null : { done, total };
    this.publish();
  }

  private markPending(collection: string, ids: string[]): void {
    for (const id of ids) this.pending.add(`${collection}:${id}`);
    this.publish();
  }

  private acknowledge(collection: string, ids: string[]): void {
    for (const id of ids) this.pending.delete(`${collection}:${id}`);
    this.publish();
  }

  private wakeAll(): void {
    for (const r of this.replications) r.wake.next('RESYNC');
  }

  private publish(): void {
    if (this.stopped) return;
    const phase = this.phase();
    setSyncState({
      phase,
      pending: this.pending.size,
      progress: phase === 'pulling' ? this.progress : null,
      message: this.messageFor(phase),
      ...(phase === 'in-sync' ? { lastSyncedAt: (this.options.now ?? Date.now)() } : {}),
    });
  }

  private phase(): SyncPhase {
    if (this.needsLogin) return 'needs-login';
    if (!this.reachable) return 'offline';
    if (this.problem) return 'error';
    if (this.replications.length === 0) return 'connecting';
    if (this.active) return this.progress ? 'pulling' : this.pending.size > 0 ? 'pushing' : 'pulling';
    return this.pending.size > 0 ? 'pushing' : 'in-sync';
  }

  private messageFor(phase: SyncPhase): string | null {
    if (phase === 'needs-login')
      return 'The server no longer accepts this session. Sign in again; local changes are kept.';
    if (phase === 'offline')
      return `Cannot reach ${this.options.serverUrl}. Changes are kept on this device.`;
    if (phase === 'error') return this.problem;
    return null;
  }
}

/** Scan positions in local documents of the replica (never replicated), one per collection. */
function localScanMemory(db: OutpostDatabase, dbUrl: string): ScanMemory {
  const cache = new Map<string, { from: string; to: Seq } | null>();
  const key = (collection: string) => `sync-scan-${collection}`;
  return {
    async get(collection) {
      if (cache.has(collection)) return cache.get(collection) ?? null;
      const doc = await db.getLocal<{ target: string; from: string; to: Seq }>(key(collection));
      const data = doc?.toJSON().data;
      const scan = data && data.target === dbUrl ? { from: data.from, to: data.to } : null;
      cache.set(collection, scan);
      return scan;
    },
    async set(collection, scan) {
      cache.set(collection, scan);
      if (scan) await db.upsertLocal(key(collection), { target: dbUrl, ...scan });
      else await (await db.getLocal(key(collection)))?.remove();
    },
  };
}
