/**
 * Frozen segments: immutable postings in typed arrays under a sorted term list (a prefix is a
 * binary search), persisted one record each and never rewritten for a single change: a
 * changed document is marked dead where it was (a tombstone) and indexed again in the mutable
 * segment. `compact` merges segments without their dead documents.
 */
import {
  columnAt,
  docArray,
  findSorted,
  packColumn,
  validColumn,
  type Postings,
  type SegmentData,
  type SegmentLike,
  type StoredDoc,
  type TextColumn,
} from './segment';

export class FrozenSegment implements SegmentLike {
  readonly id: number;
  readonly size: number;
  dead: Uint8Array;
  deadCount = 0;
  readonly lengths: Uint16Array;
  readonly typeCodes: Uint8Array;
  readonly updatedAts: Float64Array;
  readonly lwts: Float64Array;
  readonly terms: string[];
  readonly termStart: Uint32Array;
  readonly postDoc: Uint16Array | Uint32Array;
  readonly postTfMask: Uint8Array;
  private readonly ids: string[];
  private texts: TextColumn | null;

  private constructor(
    private readonly data: SegmentData,
    ids: string[],
    termList: string[],
  ) {
    this.id = data.id;
    this.size = data.size;
    this.dead = new Uint8Array(data.size);
    this.lengths = data.lengths;
    this.typeCodes = data.typeCodes;
    this.updatedAts = data.updatedAts;
    this.lwts = data.lwts;
    this.terms = termList;
    this.termStart = data.termStart;
    this.postDoc = data.postDoc;
    this.postTfMask = data.postTfMask;
    this.ids = ids;
    this.texts = data.texts;
  }

  /** A segment from its persisted form, or null when the record is torn or of another shape. */
  static fromData(data: SegmentData): FrozenSegment | null {
    const n = data?.size;
    if (!Number.isInteger(n) || n < 0 || !Number.isInteger(data.id) || data.id < 1) return null;
    const columnsOk =
      validColumn(data.ids, n) &&
      validColumn(data.titles, n) &&
      validColumn(data.subtitles, n) &&
      validColumn(data.idents, n) &&
      (data.texts === null || validColumn(data.texts, n));
    const sizedOk =
      data.typeCodes?.length === n &&
      data.statusCodes?.length === n &&
      data.updatedAts?.length === n &&
      data.lwts?.length === n &&
      data.lengths?.length === n &&
      Array.isArray(data.statusTable);
    if (!columnsOk || !sizedOk || !data.terms?.ends) return null;
    const termCount = data.terms.ends.length;
    const postings = data.postDoc?.length;
    if (
      !validColumn(data.terms, termCount) ||
      data.termStart?.length !== termCount + 1 ||
      data.termStart[termCount] !== postings ||
      data.postTfMask?.length !== postings
    ) {
      return null;
    }
    const ids = Array.from({ length: n }, (_, d) => columnAt(data.ids, d));
    const termList = Array.from({ length: termCount }, (_, i) => columnAt(data.terms, i));
    return new FrozenSegment(data, ids, termList);
  }

  get hasTexts(): boolean {
    return this.texts !== null;
  }

  /** Adds the body snippets loaded after the segment; false when they do not fit it. */
  attachTexts(texts: TextColumn): boolean {
    if (!validColumn(texts, this.size)) return false;
    this.texts = texts;
    this.data.texts = texts;
    return true;
  }

  doc(d: number): StoredDoc {
    return {
      id: this.ids[d]!,
      type: this.typeCodes[d]!,
      status: this.status(d),
      updatedAt: this.updatedAts[d]!,
      lwt: this.lwts[d]!,
      length: this.lengths[d]!,
      title: columnAt(this.data.titles, d),
      subtitle: columnAt(this.data.subtitles, d),
      text: this.texts ? columnAt(this.texts, d) : '',
      idents: columnAt(this.data.idents, d),
    };
  }
  docId(d: number): string {
    return this.ids[d]!;
  }
  status(d: number): string {
    return this.data.statusTable[this.data.statusCodes[d]!] ?? '';
  }
  sortedTerms(): readonly string[] {
    return this.terms;
  }
  postingsAt(i: number): Postings {
    return {
      docs: this.postDoc,
      tfMasks: this.postTfMask,
      start: this.termStart[i]!,
      end: this.termStart[i + 1]!,
    };
  }
  find(term: string): number {
    return findSorted(this.terms, term);
  }

  /** The persisted form (shared, not copied: frozen data never changes). */
  toData(): SegmentData {
    return this.data;
  }

  setDead(dead: Uint8Array): void {
    if (dead.length !== this.size) return;
    this.dead = dead;
    let count = 0;
    for (let i = 0; i < dead.length; i++) if (dead[i]) count++;
    this.deadCount = count;
  }

  kill(d: number): void {
    if (d < this.size && !this.dead[d]) {
      this.dead[d] = 1;
      this.deadCount++;
    }
  }
}

/**
 * One frozen segment holding the live documents of `parts`, in order. Returns the new slot of
 * every live document so the caller can repoint its id map. Terms are merged from the parts'
 * sorted lists, so no sort of all terms is needed.
 */
export function compact(parts: SegmentLike[], id: number): { data: SegmentData; moved: [string, number][] } {
  const remaps: Int32Array[] = [];
  const moved: [string, number][] = [];
  const statusTable: string[] = [];
  const statusIndex = new Map<string, number>();
  const docs: StoredDoc[] = [];
  for (const part of parts) {
    const remap = new Int32Array(part.size).fill(-1);
    for (let d = 0; d < part.size; d++) {
      if (part.dead[d]) continue;
      remap[d] = docs.length;
      const doc = part.doc(d);
      moved.push([doc.id, docs.length]);
      docs.push(doc);
      if (!statusIndex.has(doc.status)) {
        statusIndex.set(doc.status, statusTable.length);
        statusTable.push(doc.status);
      }
    }
    remaps.push(remap);
  }
  const n = docs.length;
  const termList: string[] = [];
  const starts: number[] = [0];
  const postDoc: number[] = [];
  const postTfMask: number[] = [];
  const cursors = parts.map(() => 0);
  const lists = parts.map((p) => p.sortedTerms());
  for (;;) {
    let next: string | null = null;
    for (let k = 0; k < parts.length; k++) {
      const t = lists[k]![cursors[k]!];
      if (t !== undefined && (next === null || t < next)) next = t;
    }
    if (next === null) break;
    const before = postDoc.length;
    for (let k = 0; k < parts.length; k++) {
      if (lists[k]![cursors[k]!] !== next) continue;
      const p = parts[k]!.postingsAt(cursors[k]!);
      const remap = remaps[k]!;
      for (let j = p.start; j < p.end; j++) {
        const to = remap[p.docs[j]!]!;
        if (to < 0) continue;
        postDoc.push(to);
        postTfMask.push(p.tfMasks[j]!);
      }
      cursors[k]!++;
    }
    if (postDoc.length > before) {
      termList.push(next);
      starts.push(postDoc.length);
    }
  }
  if (statusTable.length > 255) throw new RangeError('More than 255 distinct statuses in one segment.');
  const data: SegmentData = {
    id,
    size: n,
    ids: packColumn(docs.map((d) => d.id)),
    titles: packColumn(docs.map((d) => d.title)),
    subtitles: packColumn(docs.map((d) => d.subtitle)),
    idents: packColumn(docs.map((d) => d.idents)),
    texts: packColumn(docs.map((d) => d.text)),
    typeCodes: Uint8Array.from(docs, (d) => d.type),
    statusTable,
    statusCodes: Uint8Array.from(docs, (d) => statusIndex.get(d.status)!),
    updatedAts: Float64Array.from(docs, (d) => d.updatedAt),
    lwts: Float64Array.from(docs, (d) => d.lwt),
    lengths: Uint16Array.from(docs, (d) => d.length),
    terms: packColumn(termList),
    termStart: Uint32Array.from(starts),
    postDoc: docArray(n, postDoc),
    postTfMask: Uint8Array.from(postTfMask),
  };
  return { data, moved };
}
