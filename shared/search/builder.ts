/**
 * Builds a frozen segment straight from documents, for the first full build: postings go to a
 * flat typed log (term, doc, tf and fields) instead of one small array per term, so indexing
 * 100k documents makes little garbage, and the log is bucketed by term once at the end.
 */
import { analyzeSource, packColumn, packTfMask, storedDoc, type SegmentData } from './segment';
import type { SearchSource } from './types';

function grow<T extends Int32Array | Uint16Array>(a: T, make: (n: number) => T): T {
  const b = make(a.length * 2);
  b.set(a);
  return b;
}

export class SegmentBuilder {
  private readonly termIds = new Map<string, number>();
  private readonly termStrs: string[] = [];
  private counts: number[] = [];
  private logTerm = new Int32Array(1 << 16);
  private logDoc = new Int32Array(1 << 16);
  private logTfMask = new Uint16Array(1 << 16);
  private logSize = 0;
  private readonly ids: string[] = [];
  private readonly titles: string[] = [];
  private readonly subtitles: string[] = [];
  private readonly texts: string[] = [];
  private readonly idents: string[] = [];
  private readonly typeCodes: number[] = [];
  private readonly statuses: string[] = [];
  private readonly updatedAts: number[] = [];
  private readonly lwts: number[] = [];
  private readonly lengths: number[] = [];

  get size(): number {
    return this.ids.length;
  }

  add(src: SearchSource): void {
    const analyzed = analyzeSource(src);
    const doc = storedDoc(src, analyzed.length);
    const d = this.ids.length;
    this.ids.push(doc.id);
    this.titles.push(doc.title);
    this.subtitles.push(doc.subtitle);
    this.texts.push(doc.text);
    this.idents.push(doc.idents);
    this.typeCodes.push(doc.type);
    this.statuses.push(doc.status);
    this.updatedAts.push(doc.updatedAt);
    this.lwts.push(doc.lwt);
    this.lengths.push(doc.length);
    for (let i = 0; i < analyzed.terms.length; i++) {
      const term = analyzed.terms[i]!;
      let id = this.termIds.get(term);
      if (id === undefined) {
        id = this.termStrs.length;
        this.termIds.set(term, id);
        this.termStrs.push(term);
        this.counts.push(0);
      }
      this.counts[id]!++;
      if (this.logSize === this.logTerm.length) {
        this.logTerm = grow(this.logTerm, (n) => new Int32Array(n));
        this.logDoc = grow(this.logDoc, (n) => new Int32Array(n));
        this.logTfMask = grow(this.logTfMask, (n) => new Uint16Array(n));
      }
      this.logTerm[this.logSize] = id;
      this.logDoc[this.logSize] = d;
      this.logTfMask[this.logSize] = (analyzed.tfs[i]! << 8) | analyzed.masks[i]!;
      this.logSize++;
    }
  }

  build(id: number): SegmentData {
    const termCount = this.termStrs.length;
    const strs = this.termStrs;
    const order = Array.from({ length: termCount }, (_, i) => i).sort((a, b) =>
      strs[a]! < strs[b]! ? -1 : strs[a]! > strs[b]! ? 1 : 0,
    );
    const rank = new Int32Array(termCount);
    const termStart = new Uint32Array(termCount + 1);
    for (let r = 0; r < termCount; r++) {
      rank[order[r]!] = r;
      termStart[r + 1] = termStart[r]! + this.counts[order[r]!]!;
    }
    const total = this.logSize;
    const postDoc = this.ids.length <= 0xffff ? new Uint16Array(total) : new Uint32Array(total);
    const postTfMask = new Uint8Array(total);
    const cursor = termStart.slice(0, termCount);
    // The log is in document order, so each term's postings come out sorted by document.
    for (let p = 0; p < total; p++) {
      const at = cursor[rank[this.logTerm[p]!]!]!++;
      postDoc[at] = this.logDoc[p]!;
      postTfMask[at] = packTfMask(this.logTfMask[p]! >> 8, this.logTfMask[p]! & 255);
    }
    const statusTable: string[] = [];
    const statusIndex = new Map<string, number>();
    const statusCodes = Uint8Array.from(this.statuses, (s) => {
      let code = statusIndex.get(s);
      if (code === undefined) {
        code = statusTable.length;
        if (code > 255) throw new RangeError('More than 255 distinct statuses in one segment.');
        statusIndex.set(s, code);
        statusTable.push(s);
      }
      return code;
    });
    return {
      id,
      size: this.ids.length,
      ids: packColumn(this.ids),
      titles: packColumn(this.titles),
      subtitles: packColumn(this.subtitles),
      idents: packColumn(this.idents),
      texts: packColumn(this.texts),
      typeCodes: Uint8Array.from(this.typeCodes),
      statusTable,
      statusCodes,
      updatedAts: Float64Array.from(this.updatedAts),
      lwts: Float64Array.from(this.lwts),
      lengths: Uint16Array.from(this.lengths),
      terms: packColumn(order.map((i) => strs[i]!)),
      termStart,
      postDoc,
      postTfMask,
    };
  }
}
