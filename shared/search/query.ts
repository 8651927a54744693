/**
 * Query evaluation: words are expanded once (exact stem, typos, prefix completions), looked up
 * in every segment, then scored segment by segment into flat scratch arrays with BM25 and
 * field boosts. With `all` words required, the rarest word goes first and later words only
 * touch documents that matched every earlier one; only the top `limit` are materialized.
 */
import { identTerm, isAlphaTerm, tokenize } from './analyze';
import { typoBudget, withinDistance } from './distance';
import { highlightDoc } from './highlight';
import { makeFilter, scoreSegment, TopK, type Lookup, type PreparedToken } from './rank';
import { lowerBound, prefixRange, type SegmentLike } from './segment';
import { SEARCH_DOC_TYPES, type SearchHit, type SearchQuery } from './types';

export interface QueryContext {
  segments: readonly SegmentLike[];
  /** Sorted alphabetic vocabulary of the whole index: where typos are looked for. */
  alpha: readonly string[];
  liveCount: number;
  avgLength: number;
}

export interface QueryToken {
  term: string;
  surface: string;
  prefix: boolean;
  compound: boolean;
  parts: QueryToken[];
}

const MAX_PREFIX_TERMS = 48;
const MAX_PREFIX_SCAN = 4000;
const MAX_ANY_TOKENS = 16;
const MAX_TOKENS = 32;
const MAX_SIMILAR_TYPO_WORDS = 8;
/** Typos are looked for only for words found in fewer documents than this. */
const TYPO_ONLY_BELOW = 20;
const DEFAULT_LIMIT = 50;

const IDENT_LIKE = /[-_./@:#]/;
const DIGIT = /\p{N}/u;
const EDGE_PUNCT = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;

function wordTokens(text: string): QueryToken[] {
  return tokenize(text)
    .filter((t) => !t.compound)
    .map((t) => ({ term: t.term, surface: t.surface, prefix: false, compound: false, parts: [] }));
}

/** Words of a query; the last one is a prefix unless the text ends with a space. */
export function parseQuery(text: string): QueryToken[] {
  const tokens: QueryToken[] = [];
  const chunks = text.split(/\s+/).filter(Boolean);
  const typing = !/\s$/.test(text);
  chunks.forEach((chunk, i) => {
    const bare = chunk.replace(EDGE_PUNCT, '');
    if (!bare) return;
    const whole = identTerm(bare);
    if (whole && IDENT_LIKE.test(bare) && (DIGIT.test(bare) || bare.includes('@'))) {
      tokens.push({ term: whole, surface: whole, prefix: false, compound: true, parts: wordTokens(bare) });
      return;
    }
    const words = wordTokens(bare);
    if (words.length === 0 && typing && i === chunks.length - 1 && chunks.length === 1 && whole) {
      // A lone common word ("out", "in") may be the start of another one: "outlook", "invoice".
      words.push({ term: whole, surface: whole, prefix: false, compound: false, parts: [] });
    }
    tokens.push(...words);
  });
  const seen = new Set<string>();
  const unique = tokens.filter((t) => !seen.has(t.term) && seen.add(t.term));
  const last = unique[unique.length - 1];
  if (last && typing) {
    last.prefix = true;
    const lastPart = last.parts[last.parts.length - 1];
    if (lastPart) lastPart.prefix = true;
  }
  return unique;
}

interface Expansion {
  factor: number;
  exact: boolean;
}

function documentCount(term: string, ctx: QueryContext): number {
  let n = 0;
  for (const seg of ctx.segments) {
    const i = seg.find(term);
    if (i >= 0) {
      const p = seg.postingsAt(i);
      n += p.end - p.start;
    }
  }
  return n;
}

function expand(token: QueryToken, ctx: QueryContext, typos: boolean): Map<string, Expansion> {
  const out = new Map<string, Expansion>();
  const put = (term: string, factor: number, exact: boolean) => {
    const had = out.get(term);
    if (!had || had.factor < factor) out.set(term, { factor, exact: exact || (had?.exact ?? false) });
  };
  put(token.term, 1, true);
  const alphaWord = !token.compound && isAlphaTerm(token.term);
  // A word found in plenty of documents as typed is not a typo: skip the vocabulary scan.
  const common = documentCount(token.term, ctx) >= TYPO_ONLY_BELOW;
  const budget = typos && alphaWord && !common ? typoBudget(token.term.length) : 0;
  if (budget > 0) {
    const len = token.term.length;
    for (const word of ctx.alpha) {
      if (Math.abs(word.length - len) > budget || word === token.term) continue;
      const d = withinDistance(token.term, word, budget);
      if (d <= budget) put(word, d === 1 ? 0.6 : 0.4, false);
    }
  }
  if (!token.prefix) return out;
  const prefix = token.compound ? token.term : token.surface;
  const found = new Set<string>();
  for (const seg of ctx.segments) {
    const sorted = seg.sortedTerms();
    const [lo, hi] = prefixRange(sorted, prefix);
    for (let i = lo; i < Math.min(hi, lo + MAX_PREFIX_SCAN); i++) found.add(sorted[i]!);
  }
  const completions = [...found].sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  for (const term of completions.slice(0, MAX_PREFIX_TERMS)) {
    put(term, 0.5 + (0.4 * prefix.length) / term.length, false);
  }
  if (typos && alphaWord && !common && prefix.length >= 5) {
    // A typo inside a word still being typed: compare with the same length of each word.
    const first = prefix[0]!;
    const alpha = ctx.alpha;
    for (let i = lowerBound(alpha, first); i < alpha.length && alpha[i]!.startsWith(first); i++) {
      const word = alpha[i]!;
      if (word.length < prefix.length) continue;
      if (withinDistance(prefix, word.slice(0, prefix.length), 1) <= 1) put(word, 0.4, false);
    }
  }
  return out;
}

function prepare(
  token: QueryToken,
  ctx: QueryContext,
  typos: boolean,
  df: Map<string, number>,
  matched: Set<string>,
): PreparedToken {
  const bySegment: Lookup[][] = ctx.segments.map(() => []);
  let total = 0;
  for (const [term, exp] of expand(token, ctx, typos)) {
    ctx.segments.forEach((seg, s) => {
      const i = seg.find(term);
      if (i < 0) return;
      const postings = seg.postingsAt(i);
      const count = postings.end - postings.start;
      if (count === 0) return;
      bySegment[s]!.push({ postings, term, factor: exp.factor, exact: exp.exact });
      df.set(term, (df.get(term) ?? 0) + count);
      matched.add(term);
      total += count;
    });
  }
  return { bySegment, total };
}

function evaluate(query: SearchQuery, ctx: QueryContext, all: boolean, similar: boolean): SearchHit[] {
  const any = !all;
  let parsed = parseQuery(query.text).slice(0, MAX_TOKENS);
  // "Similar to this text" looks for whole words only.
  if (similar) parsed = parsed.map((t) => ({ ...t, prefix: false }));
  const df = new Map<string, number>();
  const matched = new Set<string>();
  let prepared: PreparedToken[] = [];
  parsed.forEach((token, i) => {
    // Typos cost a vocabulary scan per word: a long "similar to" text gets them on a few words.
    const typos = !similar || i < MAX_SIMILAR_TYPO_WORDS;
    const p = prepare(token, ctx, typos, df, matched);
    if (p.total > 0 || !token.compound || token.parts.length === 0) {
      prepared.push(p);
      return;
    }
    // An identifier-like word found nowhere whole: look for its parts instead.
    for (const part of token.parts) prepared.push(prepare(part, ctx, typos, df, matched));
  });
  if (any) {
    prepared = prepared.filter((p) => p.total > 0);
    prepared.sort((a, b) => a.total - b.total);
    prepared = prepared.slice(0, MAX_ANY_TOKENS);
  } else {
    if (prepared.some((p) => p.total === 0) && prepared.length === 1) return [];
    prepared.sort((a, b) => a.total - b.total);
  }
  if (prepared.length === 0) return [];
  const N = Math.max(1, ctx.liveCount);
  const idf = new Map<string, number>();
  for (const [term, raw] of df) {
    // Postings of dead versions still count in df until their segment is compacted.
    const n = Math.min(raw, N);
    idf.set(term, Math.log(1 + (N - n + 0.5) / (n + 0.5)));
  }
  const filter = makeFilter(query);
  const top = new TopK(Math.max(1, query.limit ?? DEFAULT_LIMIT));
  ctx.segments.forEach((seg, s) => scoreSegment(seg, s, prepared, idf, df, ctx, all, filter, top));
  return top.sorted().map(({ score, seg, doc }) => {
    const stored = ctx.segments[seg]!.doc(doc);
    return {
      type: SEARCH_DOC_TYPES[stored.type] ?? 'ticket',
      id: stored.id,
      title: stored.title,
      subtitle: stored.subtitle,
      score: Math.round(score * 1000) / 1000,
      highlights: highlightDoc(stored, matched),
      status: stored.status,
      updatedAt: stored.updatedAt,
    };
  });
}

export function runQuery(query: SearchQuery, ctx: QueryContext): SearchHit[] {
  if (query.match === 'any') return evaluate(query, ctx, false, true);
  const hits = evaluate(query, ctx, true, false);
  // Nothing holds every word: show what holds most of them rather than nothing.
  if (hits.length === 0 && parseQuery(query.text).length > 1) return evaluate(query, ctx, false, false);
  return hits;
}
