/**
 * The mutable segment: new and changed documents go here until it is frozen. Postings are one
 * small array per term, so adding a document costs microseconds.
 */
import {
  analyzeSource,
  findSorted,
  lowerBound,
  packTfMask,
  storedDoc,
  type Analyzed,
  type Postings,
  type SegmentLike,
  type StoredDoc,
} from './segment';
import type { SearchSource } from './types';

interface PostingList {
  docs: number[];
  tfMasks: number[];
}

/** The segment that takes every new or changed document until it is frozen. */
export class MutableSegment implements SegmentLike {
  readonly id = 0;
  size = 0;
  deadCount = 0;
  dead = new Uint8Array(64);
  readonly lengths: number[] = [];
  readonly typeCodes: number[] = [];
  readonly updatedAts: number[] = [];
  readonly lwts: number[] = [];
  /** Live documents' sources, for persisting this segment (it is re-analyzed on load). */
  readonly sources: (SearchSource | null)[] = [];
  private readonly docs: StoredDoc[] = [];
  private readonly postings = new Map<string, PostingList>();
  private sorted: string[] = [];
  /** New terms not yet in `sorted`: a bulk load would be quadratic if each were spliced in. */
  private pending: string[] = [];

  add(src: SearchSource, analyzed: Analyzed = analyzeSource(src)): { slot: number; newTerms: string[] } {
    const d = this.size++;
    if (d >= this.dead.length) {
      const grown = new Uint8Array(this.dead.length * 2);
      grown.set(this.dead);
      this.dead = grown;
    }
    const doc = storedDoc(src, analyzed.length);
    this.docs.push(doc);
    this.sources.push(src);
    this.lengths.push(doc.length);
    this.typeCodes.push(doc.type);
    this.updatedAts.push(doc.updatedAt);
    this.lwts.push(doc.lwt);
    const newTerms: string[] = [];
    for (let i = 0; i < analyzed.terms.length; i++) {
      const term = analyzed.terms[i]!;
      let list = this.postings.get(term);
      if (!list) {
        list = { docs: [], tfMasks: [] };
        this.postings.set(term, list);
        this.pending.push(term);
        newTerms.push(term);
      }
      list.docs.push(d);
      list.tfMasks.push(packTfMask(analyzed.tfs[i]!, analyzed.masks[i]!));
    }
    return { slot: d, newTerms };
  }

  kill(d: number): void {
    if (d < this.size && !this.dead[d]) {
      this.dead[d] = 1;
      this.deadCount++;
      this.sources[d] = null;
    }
  }

  liveSources(): SearchSource[] {
    return this.sources.filter((s): s is SearchSource => s !== null);
  }

  doc(d: number): StoredDoc {
    return this.docs[d]!;
  }
  docId(d: number): string {
    return this.docs[d]!.id;
  }
  status(d: number): string {
    return this.docs[d]!.status;
  }
  sortedTerms(): readonly string[] {
    if (this.pending.length > 0) {
      if (this.pending.length < 64) {
        for (const term of this.pending) this.sorted.splice(lowerBound(this.sorted, term), 0, term);
      } else {
        this.sorted = this.sorted.concat(this.pending).sort();
      }
      this.pending = [];
    }
    return this.sorted;
  }
  postingsAt(i: number): Postings {
    const list = this.postings.get(this.sorted[i]!)!;
    return { docs: list.docs, tfMasks: list.tfMasks, start: 0, end: list.docs.length };
  }
  find(term: string): number {
    return this.postings.has(term) ? findSorted(this.sortedTerms(), term) : -1;
  }
}
