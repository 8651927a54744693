/**
 * The search index: frozen segments plus one mutable segment, a map from document id to its
 * live slot, and the alphabetic vocabulary typos are matched against. A change never rewrites
 * a frozen segment: the old version gets a tombstone and the new one goes to the mutable
 * segment. `maintain()` freezes and merges segments when the caller has a quiet moment, and
 * the engine reports exactly what changed since the last save so persisting stays small.
 */
import { runQuery, type QueryContext } from './query';
import { AlphaVocabulary } from './vocabulary';
import { compact, FrozenSegment } from './frozen';
import { MutableSegment } from './mutable';
import { analyzeSource, packColumn, type SegmentData, type SegmentLike, type TextColumn } from './segment';
import type { SearchHit, SearchQuery, SearchSource } from './types';

const SLOT = 2 ** 21;
export const DEFAULT_FREEZE_AT = 2048;
/** Segments with fewer live documents than this are merged together once there are several. */
const SMALL_SEGMENT = 8192;
const MERGE_SMALL_COUNT = 4;
/** A segment this dead is rewritten without its dead documents. */
const DEAD_SHARE = 0.4;

export interface EngineChanges {
  seq: number;
  /** Ids of every frozen segment, in order: the persisted set must be exactly these. */
  segmentIds: number[];
  nextId: number;
  added: SegmentData[];
  dropped: number[];
  tombstones: { id: number; dead: Uint8Array }[];
  /** Sources of the mutable segment when it changed, else null. */
  delta: SearchSource[] | null;
}

export interface RestoreInput {
  nextId: number;
  segments: SegmentData[];
  tombstones: Map<number, Uint8Array>;
  delta: SearchSource[];
}

export class SearchEngine {
  private frozen: FrozenSegment[] = [];
  private delta = new MutableSegment();
  private readonly locs = new Map<string, number>();
  /** Deletions seen this session, so an older copy read late cannot bring a document back. */
  private readonly deleted = new Map<string, number>();
  private readonly vocabulary = new AlphaVocabulary();
  /** Restored segments whose documents are not in `locs` yet (see adoptSome). */
  private unadopted: FrozenSegment[] = [];
  private liveCount = 0;
  private lengthSum = 0;
  private nextId = 1;
  /** Bumps on every applied change; the UI re-runs its query when it moves. */
  version = 0;
  private seq = 0;
  /** Frozen segments not yet persisted. */
  private readonly unsaved = new Set<number>();
  private readonly dropped = new Set<number>();
  private readonly tombDirty = new Map<number, number>();
  private deltaDirty = 0;

  get size(): number {
    return this.liveCount;
  }

  get segmentCount(): number {
    return this.frozen.length;
  }

  get deltaSize(): number {
    return this.delta.size;
  }

  private segmentOf(loc: number): FrozenSegment | MutableSegment | undefined {
    const id = Math.floor(loc / SLOT);
    return id === 0 ? this.delta : this.frozen.find((s) => s.id === id);
  }

  /**
   * Fills the id map from restored segments for up to `budgetMs`; true once complete. Queries
   * never need the map, so a restored index is usable before this ends; any change finishes
   * it first.
   */
  adoptSome(budgetMs: number): boolean {
    const t0 = Date.now();
    while (this.unadopted.length > 0 && Date.now() - t0 < budgetMs) this.adopt(this.unadopted.shift()!);
    return this.unadopted.length === 0;
  }

  private ensureLocs(): void {
    while (this.unadopted.length > 0) this.adopt(this.unadopted.shift()!);
  }

  /** Storage write time of the version indexed for `id`, or undefined. */
  lwtOf(id: string): number | undefined {
    this.ensureLocs();
    const loc = this.locs.get(id);
    if (loc === undefined) return undefined;
    return this.segmentOf(loc)?.lwts[loc % SLOT];
  }

  has(id: string): boolean {
    this.ensureLocs();
    return this.locs.has(id);
  }

  private kill(loc: number): void {
    const seg = this.segmentOf(loc);
    const slot = loc % SLOT;
    if (!seg || seg.dead[slot]) return;
    seg.kill(slot);
    this.liveCount--;
    this.lengthSum -= seg.lengths[slot]!;
    this.seq++;
    if (seg.id === 0) this.deltaDirty = this.seq;
    else this.tombDirty.set(seg.id, this.seq);
  }

  /** Indexes a document version; ignored (false) when an equal or newer one is indexed. */
  upsert(src: SearchSource): boolean {
    this.ensureLocs();
    const loc = this.locs.get(src.id);
    if (loc !== undefined) {
      const seg = this.segmentOf(loc);
      if (seg && seg.lwts[loc % SLOT]! >= src.lwt) return false;
      this.kill(loc);
    } else {
      const gone = this.deleted.get(src.id);
      if (gone !== undefined && gone >= src.lwt) return false;
      this.deleted.delete(src.id);
    }
    this.addToDelta(src);
    this.deltaDirty = ++this.seq;
    this.version++;
    return true;
  }

  private addToDelta(src: SearchSource): void {
    const { slot, newTerms } = this.delta.add(src, analyzeSource(src));
    this.vocabulary.add(newTerms);
    this.locs.set(src.id, slot);
    this.liveCount++;
    this.lengthSum += this.delta.lengths[slot]!;
  }

  /** Removes a document deleted at `lwt`; false when the indexed version is newer. */
  remove(id: string, lwt: number): boolean {
    this.ensureLocs();
    const loc = this.locs.get(id);
    if (loc !== undefined) {
      const seg = this.segmentOf(loc);
      if (seg && seg.lwts[loc % SLOT]! > lwt) return false;
      this.kill(loc);
      this.locs.delete(id);
    }
    this.deleted.set(id, Math.max(lwt, this.deleted.get(id) ?? 0));
    this.version++;
    return loc !== undefined;
  }

  search(query: SearchQuery): SearchHit[] {
    if (!query.text.trim()) return [];
    const ctx: QueryContext = {
      segments: [...this.frozen, this.delta],
      alpha: this.vocabulary.words(),
      liveCount: this.liveCount,
      avgLength: this.liveCount > 0 ? this.lengthSum / this.liveCount : 1,
    };
    return runQuery(query, ctx);
  }

  needsMaintenance(freezeAt = DEFAULT_FREEZE_AT): boolean {
    if (this.delta.size >= freezeAt) return true;
    const ready = this.frozen.filter((s) => s.hasTexts);
    if (ready.some((s) => s.size > 0 && s.deadCount >= s.size * DEAD_SHARE)) return true;
    return ready.filter((s) => s.size - s.deadCount < SMALL_SEGMENT).length >= MERGE_SMALL_COUNT;
  }

  /** Freezes a full mutable segment and merges or rewrites segments that need it. */
  maintain(freezeAt = DEFAULT_FREEZE_AT): void {
    this.ensureLocs();
    if (this.delta.size >= freezeAt) this.freeze();
    // A segment whose snippets are not loaded yet waits: merging it would lose them.
    const ready = this.frozen.filter((s) => s.hasTexts);
    for (const seg of ready) {
      if (seg.size > 0 && seg.deadCount >= seg.size * DEAD_SHARE) this.replace([seg]);
    }
    const small = this.frozen.filter((s) => s.hasTexts && s.size - s.deadCount < SMALL_SEGMENT);
    if (small.length >= MERGE_SMALL_COUNT) this.replace(small);
  }

  /** Ids of frozen segments whose body snippets are not loaded yet. */
  segmentsWithoutTexts(): number[] {
    return this.frozen.filter((s) => !s.hasTexts).map((s) => s.id);
  }

  /** Adds a segment's body snippets; null (lost) gives it empty ones, so it can still merge. */
  attachTexts(id: number, texts: TextColumn | null): boolean {
    const seg = this.frozen.find((s) => s.id === id);
    if (!seg) return false;
    const ok =
      (texts && seg.attachTexts(texts)) || seg.attachTexts(packColumn(new Array<string>(seg.size).fill('')));
    this.version++;
    return ok;
  }

  /** Turns the mutable segment into a frozen one (no-op when it holds nothing live). */
  freeze(): void {
    if (this.delta.size === 0) return;
    this.ensureLocs();
    const parts: SegmentLike[] = [this.delta];
    const { data, moved } = compact(parts, this.nextId++);
    this.delta = new MutableSegment();
    this.deltaDirty = ++this.seq;
    this.install(data, moved, []);
  }

  private replace(parts: FrozenSegment[]): void {
    const { data, moved } = compact(parts, this.nextId++);
    this.install(data, moved, parts);
  }

  private install(data: SegmentData, moved: [string, number][], replaced: FrozenSegment[]): void {
    const seg = data.size > 0 ? FrozenSegment.fromData(data) : null;
    const at = replaced.length > 0 ? this.frozen.indexOf(replaced[0]!) : this.frozen.length;
    const gone = new Set(replaced);
    const kept = this.frozen.filter((s) => !gone.has(s));
    if (seg) kept.splice(Math.min(at, kept.length), 0, seg);
    this.frozen = kept;
    for (const part of replaced) {
      if (!this.unsaved.delete(part.id)) this.dropped.add(part.id);
      this.tombDirty.delete(part.id);
    }
    if (seg) {
      this.unsaved.add(seg.id);
      for (const [id, slot] of moved) this.locs.set(id, seg.id * SLOT + slot);
    }
    this.seq++;
  }

  hasUnsavedChanges(): boolean {
    return this.deltaDirty > 0 || this.tombDirty.size > 0 || this.unsaved.size > 0 || this.dropped.size > 0;
  }

  /** What to write to bring the persisted copy up to date (nothing is cleared until markSaved). */
  changes(): EngineChanges {
    return {
      seq: this.seq,
      segmentIds: this.frozen.map((s) => s.id),
      nextId: this.nextId,
      added: this.frozen.filter((s) => this.unsaved.has(s.id)).map((s) => s.toData()),
      dropped: [...this.dropped],
      tombstones: [...this.tombDirty.keys()].flatMap((id) => {
        const seg = this.frozen.find((s) => s.id === id);
        return seg ? [{ id, dead: seg.dead.slice() }] : [];
      }),
      delta: this.deltaDirty > 0 ? this.delta.liveSources() : null,
    };
  }

  /** Everything must be written again (this window takes over saving from another one). */
  markAllUnsaved(): void {
    for (const seg of this.frozen) {
      this.unsaved.add(seg.id);
      this.tombDirty.set(seg.id, ++this.seq);
    }
    this.deltaDirty = ++this.seq;
  }

  markSaved(saved: EngineChanges): void {
    for (const data of saved.added) this.unsaved.delete(data.id);
    for (const id of saved.dropped) this.dropped.delete(id);
    for (const [id, seq] of this.tombDirty) if (seq <= saved.seq) this.tombDirty.delete(id);
    if (saved.delta && this.deltaDirty <= saved.seq) this.deltaDirty = 0;
  }

  /** Next free segment id, for a segment built outside the engine (see SegmentBuilder). */
  allocateSegmentId(): number {
    return this.nextId++;
  }

  /**
   * Takes a segment built from storage reads. Documents changed meanwhile are indexed already
   * in a newer version, and those keep their place: the stale copy is marked dead.
   */
  appendSegment(data: SegmentData): void {
    const seg = FrozenSegment.fromData(data);
    if (!seg) throw new Error('appendSegment: malformed segment');
    this.ensureLocs();
    this.nextId = Math.max(this.nextId, seg.id + 1);
    this.frozen.push(seg);
    this.unsaved.add(seg.id);
    this.count(seg);
    this.vocabulary.mergeSorted([seg.terms]);
    this.adopt(seg);
    this.version++;
  }

  /** Adds a segment's live documents to the document count and total length. */
  private count(seg: FrozenSegment): void {
    for (let d = 0; d < seg.size; d++) {
      if (seg.dead[d]) continue;
      this.liveCount++;
      this.lengthSum += seg.lengths[d]!;
    }
  }

  /**
   * Points the id map at a segment's live documents. A copy older than one already indexed
   * (a document changed while a build read it, or a torn save) is marked dead.
   */
  private adopt(seg: FrozenSegment): void {
    const deleted = this.deleted.size > 0 ? this.deleted : null;
    for (let d = 0; d < seg.size; d++) {
      if (seg.dead[d]) continue;
      const id = seg.docId(d);
      const lwt = seg.lwts[d]!;
      const had = this.locs.get(id);
      const gone = deleted?.get(id);
      if (
        (had !== undefined && this.segmentOf(had)!.lwts[had % SLOT]! >= lwt) ||
        (gone !== undefined && gone >= lwt)
      ) {
        this.kill(seg.id * SLOT + d);
        continue;
      }
      if (had !== undefined) this.kill(had);
      this.locs.set(id, seg.id * SLOT + d);
    }
  }

  /** An engine from its persisted parts, or null when any part is unusable. */
  static restore(input: RestoreInput): SearchEngine | null {
    const engine = new SearchEngine();
    engine.nextId = input.nextId;
    for (const data of input.segments) {
      const seg = FrozenSegment.fromData(data);
      if (!seg || seg.id >= input.nextId) return null;
      const dead = input.tombstones.get(seg.id);
      if (dead) seg.setDead(dead);
      engine.frozen.push(seg);
      engine.count(seg);
    }
    engine.vocabulary.mergeSorted(engine.frozen.map((seg) => seg.terms));
    engine.unadopted = [...engine.frozen];
    // Saved with the tombstones of their older copies, so no check against the segments is
    // needed now; adopting a segment later still keeps the newer of two live copies.
    for (const src of input.delta) {
      if (!engine.locs.has(src.id)) engine.addToDelta(src);
    }
    engine.version = 0;
    return engine;
  }
}
