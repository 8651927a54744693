/**
 * Index segments. New and changed documents go to one small mutable segment; once it holds
 * enough documents it is frozen into a compact, immutable one (typed-array postings under a
 * sorted term list, so a prefix is a binary search). Frozen segments are persisted one record
 * each and never rewritten for a single change: a changed document is marked dead where it was
 * (a tombstone) and indexed again in the mutable segment.
 */
import { CONTROL_CHARS, identTerm, terms } from './analyze';
import type { SearchSource } from './types';
import { TYPE_CODES } from './types';

export const FIELD = { ident: 1, title: 2, keyword: 4, body: 8 } as const;

const MAX_INDEXED_CHARS = 50_000;
/** Stored text per document for highlights and snippets: bounded so memory stays flat. */
const STORED_TITLE = 300;
const STORED_TEXT = 400;

export interface Analyzed {
  terms: string[];
  tfs: number[];
  masks: number[];
  length: number;
}

export function analyzeSource(src: SearchSource): Analyzed {
  const index = new Map<string, number>();
  const out: Analyzed = { terms: [], tfs: [], masks: [], length: 0 };
  const adder = (mask: number) => (term: string) => {
    let i = index.get(term);
    if (i === undefined) {
      i = out.terms.length;
      index.set(term, i);
      out.terms.push(term);
      out.tfs.push(0);
      out.masks.push(0);
    }
    out.tfs[i] = Math.min(255, out.tfs[i]! + 1);
    out.masks[i]! |= mask;
    out.length++;
  };
  const ident = adder(FIELD.ident);
  for (const value of src.idents) {
    const whole = identTerm(value);
    if (whole) ident(whole);
    terms(value, ident);
  }
  terms(src.title.slice(0, MAX_INDEXED_CHARS), adder(FIELD.title));
  terms(src.keywords.slice(0, MAX_INDEXED_CHARS), adder(FIELD.keyword));
  terms(src.body.slice(0, MAX_INDEXED_CHARS), adder(FIELD.body));
  out.length = Math.min(65_535, Math.max(1, out.length));
  return out;
}

/** Text kept per document for showing a hit (control characters replaced by spaces). */
export interface StoredDoc {
  id: string;
  type: number;
  status: string;
  updatedAt: number;
  lwt: number;
  length: number;
  title: string;
  subtitle: string;
  text: string;
  /** Identifier values joined by '\n'. */
  idents: string;
}

const clean = (s: string, max: number) => s.slice(0, max).replace(CONTROL_CHARS, ' ');

export function storedDoc(src: SearchSource, length: number): StoredDoc {
  return {
    id: src.id,
    type: TYPE_CODES[src.type],
    status: src.status,
    updatedAt: src.updatedAt,
    lwt: src.lwt,
    length,
    title: clean(src.title, STORED_TITLE),
    subtitle: clean(src.subtitle, STORED_TITLE),
    text: clean(src.body, STORED_TEXT),
    idents: src.idents.map((v) => clean(v, 200)).join('\n'),
  };
}

export interface Postings {
  docs: ArrayLike<number>;
  /** Term frequency (capped at 15) << 4 | field bits: one byte per posting. */
  tfMasks: ArrayLike<number>;
  start: number;
  end: number;
}

/** What queries and compaction read from a segment, mutable or frozen. */
export interface SegmentLike {
  readonly id: number;
  /** Document slots, dead ones included. */
  readonly size: number;
  readonly dead: ArrayLike<number>;
  readonly deadCount: number;
  readonly lengths: ArrayLike<number>;
  readonly typeCodes: ArrayLike<number>;
  readonly updatedAts: ArrayLike<number>;
  readonly lwts: ArrayLike<number>;
  doc(d: number): StoredDoc;
  docId(d: number): string;
  status(d: number): string;
  sortedTerms(): readonly string[];
  postingsAt(i: number): Postings;
  /** Index in sortedTerms, or -1. */
  find(term: string): number;
}

export function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function findSorted(sorted: readonly string[], key: string): number {
  const i = lowerBound(sorted, key);
  return sorted[i] === key ? i : -1;
}

/** [lo, hi) of the terms starting with `prefix`. */
export function prefixRange(sorted: readonly string[], prefix: string): [number, number] {
  const lo = lowerBound(sorted, prefix);
  let hi = lo;
  while (hi < sorted.length && sorted[hi]!.startsWith(prefix)) hi++;
  return [lo, hi];
}

/**
 * Strings of one field for every document of a segment as one string and end offsets: one
 * allocation instead of one per document, cheap to store, and a value is sliced out only for
 * the few hits shown.
 */
export interface TextColumn {
  text: string;
  ends: Uint32Array;
}

export function packColumn(values: readonly string[]): TextColumn {
  const ends = new Uint32Array(values.length);
  let at = 0;
  values.forEach((v, i) => {
    at += v.length;
    ends[i] = at;
  });
  return { text: values.join(''), ends };
}

export function columnAt(column: TextColumn, d: number): string {
  return column.text.slice(d === 0 ? 0 : column.ends[d - 1]!, column.ends[d]!);
}

export function validColumn(column: TextColumn | null | undefined, size: number): column is TextColumn {
  return (
    typeof column?.text === 'string' &&
    column.ends instanceof Uint32Array &&
    column.ends.length === size &&
    (size === 0 ? column.text.length === 0 : column.ends[size - 1] === column.text.length)
  );
}

/** The persisted form of a frozen segment: typed arrays and packed strings clone fast. */
export interface SegmentData {
  id: number;
  size: number;
  ids: TextColumn;
  titles: TextColumn;
  subtitles: TextColumn;
  idents: TextColumn;
  /** Body snippets: persisted apart and loaded after the index is usable (null until then). */
  texts: TextColumn | null;
  typeCodes: Uint8Array;
  statusTable: string[];
  statusCodes: Uint8Array;
  updatedAts: Float64Array;
  lwts: Float64Array;
  lengths: Uint16Array;
  /** Sorted terms, packed. */
  terms: TextColumn;
  termStart: Uint32Array;
  /** Document slots: 16 bits while a segment holds fewer than 65,536 documents. */
  postDoc: Uint16Array | Uint32Array;
  postTfMask: Uint8Array;
}

export const packTfMask = (tf: number, mask: number): number => (Math.min(tf, 15) << 4) | (mask & 15);

export function docArray(size: number, values: ArrayLike<number>): Uint16Array | Uint32Array {
  return size <= 0xffff ? Uint16Array.from(values) : Uint32Array.from(values);
}
