/**
 * The search index on the device: its own IndexedDB database (next to the replica `outpost`),
 * one record per frozen segment, one per segment's tombstones, one for the small mutable
 * segment and one for the state (segment list and the replica checkpoints it reflects).
 * A save writes only what changed, in one transaction, so a crash leaves the previous state.
 */
import Dexie, { type DexieOptions, type Table } from 'dexie';
import type { EngineChanges, SearchSource, SegmentData, TextColumn } from '../../shared/search';

export interface Checkpoint {
  id: string;
  lwt: number;
}

export interface StateRecord {
  key: 'state';
  format: number;
  /** Which replica (and which schema versions) this index was built from. */
  sourceKey: string;
  nextId: number;
  segmentIds: number[];
  checkpoints: Record<string, Checkpoint | null>;
  /** Counts saves: a window that finds another number than it wrote knows another one saved. */
  generation: number;
  savedAt: number;
}

interface SegmentRecord {
  id: number;
  data: SegmentData;
}

/** Body snippets of a segment, apart: the index is usable before they are read. */
interface TextsRecord {
  id: number;
  texts: TextColumn;
}

interface TombstoneRecord {
  id: number;
  dead: Uint8Array;
}

interface DeltaRecord {
  key: 'delta';
  sources: SearchSource[];
}

export interface StoredIndex {
  state: StateRecord;
  segments: SegmentData[];
  tombstones: Map<number, Uint8Array>;
  delta: SearchSource[];
}

class SearchDexie extends Dexie {
  state!: Table<StateRecord, string>;
  segments!: Table<SegmentRecord, number>;
  tombstones!: Table<TombstoneRecord, number>;
  delta!: Table<DeltaRecord, string>;
  texts!: Table<TextsRecord, number>;

  constructor(name: string, options: DexieOptions) {
    super(name, options);
    this.version(1).stores({ state: 'key', segments: 'id', tombstones: 'id', delta: 'key', texts: 'id' });
  }
}

export interface SearchStoreOptions {
  /** IndexedDB implementation; tests pass fake-indexeddb's. */
  indexedDB?: DexieOptions['indexedDB'];
  IDBKeyRange?: DexieOptions['IDBKeyRange'];
}

export class SearchStore {
  private readonly db: SearchDexie;

  constructor(name: string, options: SearchStoreOptions = {}) {
    const dexieOptions: DexieOptions = {};
    if (options.indexedDB) dexieOptions.indexedDB = options.indexedDB;
    if (options.IDBKeyRange) dexieOptions.IDBKeyRange = options.IDBKeyRange;
    this.db = new SearchDexie(name, dexieOptions);
  }

  /** The stored index, or null when there is none or a part of it is missing. */
  async load(): Promise<StoredIndex | null> {
    const db = this.db;
    return db.transaction('r', db.state, db.segments, db.tombstones, db.delta, async () => {
      const state = await db.state.get('state');
      if (!state || !Array.isArray(state.segmentIds)) return null;
      const records = await db.segments.bulkGet(state.segmentIds);
      const segments: SegmentData[] = [];
      for (const record of records) {
        if (!record) return null;
        segments.push({ ...record.data, texts: null });
      }
      const tombstones = new Map<number, Uint8Array>();
      for (const t of await db.tombstones.bulkGet(state.segmentIds)) {
        if (t && t.dead instanceof Uint8Array) tombstones.set(t.id, t.dead);
      }
      const delta = (await db.delta.get('delta'))?.sources ?? [];
      return { state, segments, tombstones, delta: Array.isArray(delta) ? delta : [] };
    });
  }

  /** Body snippets of the given segments (missing ones are left out). */
  async loadTexts(ids: number[]): Promise<Map<number, TextColumn>> {
    const out = new Map<number, TextColumn>();
    for (const record of await this.db.texts.bulkGet(ids)) if (record) out.set(record.id, record.texts);
    return out;
  }

  async save(
    changes: EngineChanges,
    state: Omit<StateRecord, 'key' | 'segmentIds' | 'nextId' | 'savedAt'>,
    /** Also remove records of segments the state does not list (left by another window). */
    sweep = false,
  ): Promise<void> {
    const db = this.db;
    await db.transaction('rw', [db.state, db.segments, db.tombstones, db.delta, db.texts], async () => {
      if (changes.added.length > 0) {
        await db.segments.bulkPut(
          changes.added.map((data) => ({ id: data.id, data: { ...data, texts: null } })),
        );
        const texts = changes.added.flatMap((d) => (d.texts ? [{ id: d.id, texts: d.texts }] : []));
        await db.texts.bulkPut(texts);
      }
      if (changes.tombstones.length > 0) await db.tombstones.bulkPut(changes.tombstones);
      if (changes.dropped.length > 0) {
        await db.segments.bulkDelete(changes.dropped);
        await db.tombstones.bulkDelete(changes.dropped);
        await db.texts.bulkDelete(changes.dropped);
      }
      if (sweep) {
        const keep = new Set(changes.segmentIds);
        const stale = (await db.segments.toCollection().primaryKeys()).filter((id) => !keep.has(id));
        await db.segments.bulkDelete(stale);
        await db.tombstones.bulkDelete(stale);
        await db.texts.bulkDelete(stale);
      }
      if (changes.delta) await db.delta.put({ key: 'delta', sources: changes.delta });
      await db.state.put({
        ...state,
        key: 'state',
        segmentIds: changes.segmentIds,
        nextId: changes.nextId,
        savedAt: Date.now(),
      });
    });
  }

  async readState(): Promise<StateRecord | undefined> {
    return this.db.state.get('state');
  }

  async clear(): Promise<void> {
    const db = this.db;
    await db.transaction('rw', [db.state, db.segments, db.tombstones, db.delta, db.texts], async () => {
      await Promise.all([
        db.state.clear(),
        db.segments.clear(),
        db.tombstones.clear(),
        db.delta.clear(),
        db.texts.clear(),
      ]);
    });
  }

  close(): void {
    this.db.close();
  }
}
