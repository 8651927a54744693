/**
 * Keeps the search index of one replica: restores the persisted index and replays what changed
 * in the replica since its checkpoints (edits made while the app was closed, documents synced
 * meanwhile), or builds it in full when there is no usable copy; then follows every change
 * event, saves what changed once writes go quiet, and freezes or merges segments when idle.
 */
import type { Subscription } from 'rxjs';
import { SearchEngine, type SearchHit, type SearchQuery, type TextColumn } from '../../shared/search';
import type { OutpostDatabase } from '../data';
import {
  SEARCH_COLLECTIONS,
  followChanges,
  laterOf,
  replicaKey,
  type FeedItem,
  type SearchCollection,
} from './feed';
import { buildIndex, readSince } from './load';
import { SearchStore, type Checkpoint, type SearchStoreOptions, type StateRecord } from './store';

async function timed<T>(name: string, work: Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await work;
  performance.measure(name, { start, end: performance.now() });
  return result;
}

/** 3: packed text columns, snippets stored apart, one byte per posting for tf and fields. */
const FORMAT = 3;
/**
 * See rowsSnapshot.ts: a write from another window gets its `lwt` before it commits, so it can
 * arrive after a later one. A checkpoint saved this long after its last write is settled: every
 * write before it had committed and reached this window, and the replay starts right at it.
 */
const REPLAY_MARGIN_MS = 5_000;

export interface SearchControllerOptions extends SearchStoreOptions {
  /** Index database name (default: `<replica name>-search`). */
  storeName?: string;
  /** Resolves when a full build may start reading the whole replica. */
  buildGate?: Promise<void>;
  /** How far before the saved checkpoint the replay starts (default 5 s, see REPLAY_MARGIN_MS). */
  replayMarginMs?: number;
  /** Quiet time before a save (ms). */
  saveDelayMs?: number;
  /** Documents in the mutable segment before it is frozen (default DEFAULT_FREEZE_AT). */
  freezeAt?: number;
  /** Quiet time before segments are frozen or merged (ms). */
  maintainDelayMs?: number;
  onChange?: () => void;
}

export interface SearchStats {
  /** How many times the index was built from every document (not restored). */
  fullBuilds: number;
  restored: boolean;
  /** Document states applied from the changes feed after a restore. */
  replayed: number;
  saves: number;
  /** Time spent indexing during a full build (the rest of it is reading the replica). */
  indexMs: number;
  /** Start to ready, and its parts when restored: reading the store, rebuilding the engine, replay. */
  loadMs: number;
  readMs: number;
  restoreMs: number;
  replayMs: number;
}

export class SearchController {
  engine: SearchEngine = new SearchEngine();
  ready = false;
  error: string | null = null;
  readonly stats: SearchStats = {
    fullBuilds: 0,
    restored: false,
    replayed: 0,
    saves: 0,
    indexMs: 0,
    loadMs: 0,
    readMs: 0,
    restoreMs: 0,
    replayMs: 0,
  };
  private readonly store: SearchStore;
  private readonly checkpoints: Record<SearchCollection, Checkpoint | null> = {
    tickets: null,
    cis: null,
    articles: null,
    people: null,
  };
  private sourceKey = '';
  /** Generation of the saved state this index matches (see StateRecord.generation). */
  private generation = 0;
  private checkpointsMoved = false;
  private queued: [SearchCollection, FeedItem[]][] = [];
  private subscriptions: Subscription[] = [];
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private maintainTimer: ReturnType<typeof setTimeout> | undefined;
  private settleTimer: ReturnType<typeof setTimeout> | undefined;
  private adoptTimer: ReturnType<typeof setTimeout> | undefined;
  private saving: Promise<void> | null = null;
  private leader = false;
  /** Set when this window starts saving after another one did: write everything once. */
  private takeOver = false;
  private closed = false;
  readonly whenReady: Promise<void>;

  constructor(
    private readonly db: OutpostDatabase,
    private readonly options: SearchControllerOptions = {},
  ) {
    this.store = new SearchStore(options.storeName ?? `${db.name}-search`, options);
    // Events are queued until the index is loaded, then applied in order; a version older
    // than the one indexed is ignored, so overlaps with the loading reads do no harm.
    this.subscriptions = followChanges(db, (collection, items) => {
      if (this.ready) this.apply(collection, items);
      else this.queued.push([collection, items]);
    });
    this.whenReady = this.start();
  }

  search(query: SearchQuery): SearchHit[] {
    return this.ready ? this.engine.search(query) : [];
  }

  private async start(): Promise<void> {
    const t0 = performance.now();
    try {
      this.sourceKey = `${FORMAT}|${await replicaKey(this.db)}`;
      const restored = await this.restore();
      if (!restored) await this.build();
      for (const [collection, items] of this.queued.splice(0)) this.apply(collection, items, false);
      this.stats.loadMs = performance.now() - t0;
      this.ready = true;
      this.options.onChange?.();
      this.watchLeadership();
      if (!restored || this.engine.hasUnsavedChanges()) this.scheduleSave(0);
      this.adoptInSlices();
      void this.loadTexts();
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
      this.options.onChange?.();
      throw error;
    }
  }

  private async restore(): Promise<boolean> {
    const t0 = performance.now();
    const failed = (error: unknown) => {
      console.warn('Outpost: the saved search index could not be read; rebuilding it', error);
      return null;
    };
    const usable = (state: StateRecord | null | undefined): state is StateRecord =>
      !!state && state.format === FORMAT && state.sourceKey === this.sourceKey;
    const state = await this.store.readState().catch(failed);
    if (!usable(state)) return false;
    // The segments and the changes since the checkpoints are read side by side.
    const changes = timed('outpost:search-read-changes', readSince(this.db, state, this.margin()));
    changes.catch(() => undefined);
    const stored = await timed('outpost:search-read-segments', this.store.load().catch(failed));
    if (!stored || stored.state.generation !== state.generation) return false;
    // Let the change reads reach the disk before the CPU-bound rebuild below.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const t1 = performance.now();
    const engine = SearchEngine.restore({
      nextId: stored.state.nextId,
      segments: stored.segments,
      tombstones: stored.tombstones,
      delta: stored.delta,
    });
    if (!engine) return false;
    const t2 = performance.now();
    const replay = await changes;
    const t3 = performance.now();
    this.engine = engine;
    this.generation = stored.state.generation ?? 0;
    for (const name of SEARCH_COLLECTIONS) {
      this.checkpoints[name] = stored.state.checkpoints?.[name] ?? null;
      this.stats.replayed += replay[name].length;
      this.apply(name, replay[name], false);
    }
    const t4 = performance.now();
    this.stats.restored = true;
    this.stats.readMs = t1 - t0;
    this.stats.restoreMs = t2 - t1;
    this.stats.replayMs = t4 - t2;
    // Visible in a performance profile and to the benchmark.
    performance.measure('outpost:search-read', { start: t0, end: t1 });
    performance.measure('outpost:search-restore', { start: t1, end: t2 });
    performance.measure('outpost:search-replay', { start: t3, end: t4 });
    return true;
  }

  /** Completes the id map of a restored index a few milliseconds at a time (see adoptSome). */
  private adoptInSlices(): void {
    const step = () => {
      if (!this.closed && !this.engine.adoptSome(8)) this.adoptTimer = setTimeout(step, 0);
    };
    this.adoptTimer = setTimeout(step, 0);
  }

  /** Body snippets, read once the index is usable; segments merge only once they have them. */
  private async loadTexts(): Promise<void> {
    const ids = this.engine.segmentsWithoutTexts();
    if (ids.length > 0 && !this.closed) {
      const texts = await this.store.loadTexts(ids).catch((error: unknown) => {
        console.warn('Outpost: the search snippets could not be read', error);
        return new Map<number, TextColumn>();
      });
      if (this.closed) return;
      for (const id of ids) this.engine.attachTexts(id, texts.get(id) ?? null);
      this.options.onChange?.();
    }
    this.scheduleMaintain();
  }

  private async build(): Promise<void> {
    await this.options.buildGate;
    await this.store.clear().catch(() => undefined);
    const built = await buildIndex(this.db, (ms) => {
      this.stats.indexMs += ms;
    });
    Object.assign(this.checkpoints, built.checkpoints);
    this.engine = built.engine;
    this.stats.fullBuilds++;
    this.checkpointsMoved = true;
  }

  private margin(): number {
    return this.options.replayMarginMs ?? REPLAY_MARGIN_MS;
  }

  /** Milliseconds until every checkpoint is settled (0 when it is already). */
  private untilSettled(): number {
    const latest = Math.max(0, ...SEARCH_COLLECTIONS.map((name) => this.checkpoints[name]?.lwt ?? 0));
    return Math.max(0, latest + this.margin() + 1 - Date.now());
  }

  /**
   * Waits until the checkpoints are settled and saves them, so the next start replays only
   * what changed after them (the benchmark calls this; the app does it on its own after writes).
   */
  async settle(): Promise<void> {
    await this.whenReady;
    const wait = this.untilSettled();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    this.checkpointsMoved = true;
    await this.flush();
  }

  private apply(collection: SearchCollection, items: FeedItem[], notify = true): void {
    let changed = false;
    for (const item of items) {
      if (item.kind === 'upsert') changed = this.engine.upsert(item.source) || changed;
      else changed = this.engine.remove(item.id, item.checkpoint.lwt) || changed;
      const next = laterOf(this.checkpoints[collection], item.checkpoint);
      if (next !== this.checkpoints[collection]) {
        this.checkpoints[collection] = next;
        this.checkpointsMoved = true;
      }
    }
    if (!notify) return;
    if (changed) this.options.onChange?.();
    this.scheduleSave();
    this.scheduleMaintain();
  }

  /** Resolves once this window may save (it is the leader, or the only window). */
  private leadership: Promise<void> = Promise.resolve();

  private watchLeadership(): void {
    if (!this.db.multiInstance) {
      this.leader = true;
      return;
    }
    this.leadership = this.db.waitForLeadership().then(async () => {
      // Another window saved since this one loaded: its segments may differ from ours, so
      // this window writes its whole index once and sweeps what it does not know.
      const state = await this.store.readState().catch(() => undefined);
      if (this.closed) return;
      if (state && (state.generation ?? 0) !== this.generation) {
        this.takeOver = true;
        this.engine.markAllUnsaved();
      }
      this.leader = true;
      this.scheduleSave(0);
    });
  }

  private scheduleSave(delayMs = this.options.saveDelayMs ?? 1500): void {
    if (this.closed || !this.ready) return;
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => void this.save(), delayMs);
  }

  private scheduleMaintain(): void {
    if (this.closed || !this.engine.needsMaintenance(this.options.freezeAt)) return;
    clearTimeout(this.maintainTimer);
    this.maintainTimer = setTimeout(() => {
      if (this.closed) return;
      this.engine.maintain(this.options.freezeAt);
      this.options.onChange?.();
      this.scheduleSave(0);
    }, this.options.maintainDelayMs ?? 3000);
  }

  /** Writes what changed since the last save (one window of several writes: the leader). */
  save(): Promise<void> {
    if (this.saving) return this.saving.then(() => this.save());
    if (!this.ready || !this.leader || this.closed) return Promise.resolve();
    if (!this.engine.hasUnsavedChanges() && !this.checkpointsMoved) return Promise.resolve();
    const changes = this.engine.changes();
    const checkpoints = { ...this.checkpoints };
    const sweep = this.takeOver || changes.added.length === changes.segmentIds.length;
    const generation = this.generation + 1;
    this.checkpointsMoved = false;
    this.saving = this.store
      .save(changes, { format: FORMAT, sourceKey: this.sourceKey, checkpoints, generation }, sweep)
      .then(
        () => {
          this.generation = generation;
          this.engine.markSaved(changes);
          this.takeOver = false;
          this.stats.saves++;
          // Save once more when the checkpoints have settled (a tiny write: the state only).
          const wait = this.untilSettled();
          if (wait > 0) {
            clearTimeout(this.settleTimer);
            this.settleTimer = setTimeout(() => {
              this.checkpointsMoved = true;
              void this.save();
            }, wait);
          }
        },
        (error: unknown) => {
          // Only an accelerator: unsaved parts stay marked and go with the next save.
          this.checkpointsMoved = true;
          console.warn('Outpost: could not save the search index', error);
        },
      )
      .finally(() => {
        this.saving = null;
      });
    return this.saving;
  }

  /** Saves now, once this window may (tests and the benchmark). */
  async flush(): Promise<void> {
    await this.whenReady;
    await this.leadership;
    clearTimeout(this.saveTimer);
    await this.save();
  }

  async close(): Promise<void> {
    // No timer, save or event handling starts from here on.
    this.closed = true;
    for (const s of this.subscriptions) s.unsubscribe();
    this.subscriptions = [];
    const clear = () => {
      clearTimeout(this.saveTimer);
      clearTimeout(this.maintainTimer);
      clearTimeout(this.settleTimer);
      clearTimeout(this.adoptTimer);
    };
    clear();
    await this.whenReady.catch(() => undefined);
    await this.saving;
    clear();
    this.store.close();
  }
}
