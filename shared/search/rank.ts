/**
 * Scoring one segment: BM25 with field boosts over flat scratch arrays indexed by document
 * slot, the rarest word first; with every word required, later words only touch documents
 * that matched all earlier ones. Only the best `limit` candidates are kept (a bounded heap).
 */
import type { QueryContext } from './query';
import { FIELD, type Postings, type SegmentLike } from './segment';
import { TYPE_CODES, type SearchQuery } from './types';

const K1 = 1.2;
const B = 0.75;
/** An exact identifier this rare is what the user is after: it outranks any text match. */
const IDENT_BONUS = 1000;
const IDENT_MAX_DF = 20;
const TITLE_COVER = 1.5;

function boostOf(mask: number): number {
  if (mask & FIELD.ident) return 3;
  if (mask & FIELD.title) return 2.5;
  if (mask & FIELD.keyword) return 1.5;
  return 1;
}

export interface Lookup {
  postings: Postings;
  term: string;
  factor: number;
  exact: boolean;
}

export interface PreparedToken {
  /** Per segment, the posting lists of this word's expansions. */
  bySegment: Lookup[][];
  total: number;
}

// Scratch space reused across queries, grown to the largest segment.
let acc = new Float32Array(0);
let best = new Float32Array(0);
let bestTitle = new Uint8Array(0);
let count = new Uint8Array(0);
let titleCount = new Uint8Array(0);
let touched = new Int32Array(0);
let union = new Int32Array(0);

function ensureScratch(size: number): void {
  if (acc.length >= size) return;
  const n = Math.max(size, acc.length * 2, 1024);
  acc = new Float32Array(n);
  best = new Float32Array(n);
  bestTitle = new Uint8Array(n);
  count = new Uint8Array(n);
  titleCount = new Uint8Array(n);
  touched = new Int32Array(n);
  union = new Int32Array(n);
}

interface Candidate {
  score: number;
  seg: number;
  doc: number;
  updatedAt: number;
}

/** Bounded min-heap keeping the best `limit` candidates. */
export class TopK {
  readonly items: Candidate[] = [];
  constructor(private readonly limit: number) {}
  private less(a: Candidate, b: Candidate): boolean {
    return a.score < b.score || (a.score === b.score && a.updatedAt < b.updatedAt);
  }
  offer(c: Candidate): void {
    const h = this.items;
    if (h.length < this.limit) {
      h.push(c);
      let i = h.length - 1;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!this.less(h[i]!, h[p]!)) break;
        [h[i], h[p]] = [h[p]!, h[i]!];
        i = p;
      }
      return;
    }
    if (!this.less(h[0]!, c)) return;
    h[0] = c;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && this.less(h[l]!, h[m]!)) m = l;
      if (r < h.length && this.less(h[r]!, h[m]!)) m = r;
      if (m === i) break;
      [h[i], h[m]] = [h[m]!, h[i]!];
      i = m;
    }
  }
  sorted(): Candidate[] {
    return [...this.items].sort((a, b) => b.score - a.score || b.updatedAt - a.updatedAt);
  }
}

interface Filter {
  types: number;
  statuses: Set<string> | null;
  from: number;
  to: number;
  exclude: Set<string> | null;
}

export function makeFilter(q: SearchQuery): Filter {
  let types = 0;
  for (const t of q.types ?? []) types |= 1 << TYPE_CODES[t];
  return {
    types,
    statuses: q.statuses && q.statuses.length > 0 ? new Set(q.statuses) : null,
    from: q.from ?? -Infinity,
    to: q.to ?? Infinity,
    exclude: q.excludeIds && q.excludeIds.length > 0 ? new Set(q.excludeIds) : null,
  };
}

export function scoreSegment(
  seg: SegmentLike,
  s: number,
  tokens: PreparedToken[],
  idf: Map<string, number>,
  df: Map<string, number>,
  ctx: QueryContext,
  all: boolean,
  filter: Filter,
  top: TopK,
): void {
  ensureScratch(seg.size);
  const n = tokens.length;
  const dead = seg.dead;
  const lengths = seg.lengths;
  const avg = ctx.avgLength || 1;
  let unionSize = 0;
  for (let t = 0; t < n; t++) {
    let touchedSize = 0;
    for (const lookup of tokens[t]!.bySegment[s]!) {
      const { docs, tfMasks, start, end } = lookup.postings;
      const weight = lookup.factor * (idf.get(lookup.term) ?? 0);
      const identBonus = lookup.exact && (df.get(lookup.term) ?? Infinity) <= IDENT_MAX_DF;
      for (let j = start; j < end; j++) {
        const d = docs[j]!;
        if (dead[d] || (all && count[d] !== t)) continue;
        const tf = tfMasks[j]! >> 4;
        const mask = tfMasks[j]! & 15;
        const norm = K1 * (1 - B + (B * lengths[d]!) / avg);
        let score = weight * boostOf(mask) * ((tf * (K1 + 1)) / (tf + norm));
        if (identBonus && mask & FIELD.ident) score += IDENT_BONUS;
        if (score > best[d]!) {
          if (best[d] === 0) touched[touchedSize++] = d;
          best[d] = score;
          bestTitle[d] = mask & (FIELD.title | FIELD.ident) ? 1 : 0;
        }
      }
    }
    for (let k = 0; k < touchedSize; k++) {
      const d = touched[k]!;
      if (count[d] === 0) union[unionSize++] = d;
      acc[d]! += best[d]!;
      count[d]!++;
      titleCount[d]! += bestTitle[d]!;
      best[d] = 0;
    }
  }
  const minCount = all ? n : n >= 3 ? 2 : 1;
  for (let k = 0; k < unionSize; k++) {
    const d = union[k]!;
    const c = count[d]!;
    let score = acc[d]!;
    const inTitle = titleCount[d] === n;
    acc[d] = 0;
    count[d] = 0;
    titleCount[d] = 0;
    if (c < minCount) continue;
    if (filter.types && !(filter.types & (1 << seg.typeCodes[d]!))) continue;
    const updatedAt = seg.updatedAts[d]!;
    if (updatedAt < filter.from || updatedAt > filter.to) continue;
    if (filter.statuses && !filter.statuses.has(seg.status(d))) continue;
    if (filter.exclude && filter.exclude.has(seg.docId(d))) continue;
    if (inTitle) score *= TITLE_COVER;
    if (!all) score *= c / n;
    top.offer({ score, seg: s, doc: d, updatedAt });
  }
}
