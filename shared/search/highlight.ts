/**
 * Where a hit matched, as character ranges over the stored text, computed for the few hits
 * shown (never during scoring). Ranges are data: the UI renders them as text, never as HTML.
 */
import { identTerm, tokenize, type Token } from './analyze';
import type { StoredDoc } from './segment';
import type { SearchHighlight } from './types';

const SNIPPET = 180;
const LEAD = 50;

export function matchRanges(text: string, matched: ReadonlySet<string>): [number, number][] {
  const ranges: [number, number][] = [];
  const tokens: Token[] = tokenize(text);
  for (const t of tokens) if (matched.has(t.term)) ranges.push([t.start, t.end]);
  return mergeRanges(ranges);
}

export function mergeRanges(ranges: [number, number][]): [number, number][] {
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: [number, number][] = [];
  for (const r of ranges) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

/** A window of the text around its first match, with the ranges moved into the window. */
export function snippet(text: string, ranges: [number, number][]): SearchHighlight | null {
  const first = ranges[0];
  if (!first) return null;
  let start = Math.max(0, first[0] - LEAD);
  if (start > 0) {
    const space = text.indexOf(' ', start);
    start = space >= 0 && space < first[0] ? space + 1 : start;
  }
  let end = Math.min(text.length, start + SNIPPET);
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > first[1]) end = space;
  }
  const head = start > 0 ? '…' : '';
  const shift = head.length - start;
  const body = text.slice(start, end);
  const moved: [number, number][] = [];
  for (const [a, b] of ranges) {
    if (a >= end) break;
    if (b <= start) continue;
    moved.push([Math.max(a, start) + shift, Math.min(b, end) + shift]);
  }
  return { field: 'body', text: head + body + (end < text.length ? '…' : ''), ranges: moved };
}

export function highlightDoc(doc: StoredDoc, matched: ReadonlySet<string>): SearchHighlight[] {
  const out: SearchHighlight[] = [
    { field: 'title', text: doc.title, ranges: matchRanges(doc.title, matched) },
  ];
  for (const value of doc.idents.split('\n')) {
    if (!value) continue;
    const whole = identTerm(value);
    const ranges: [number, number][] =
      whole && matched.has(whole) ? [[0, value.length]] : matchRanges(value, matched);
    if (ranges.length > 0) out.push({ field: 'ident', text: value, ranges });
  }
  const body = snippet(doc.text, matchRanges(doc.text, matched));
  if (body) out.push(body);
  return out;
}
