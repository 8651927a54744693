import { Fragment } from 'react';
import type { SearchHighlight } from '../../search';

/**
 * Text with its matched ranges marked. Built from text nodes and <mark> elements only: the
 * text comes from documents anyone could have written, so it is never parsed as HTML.
 */
export function Highlighted({ text, ranges }: { text: string; ranges: readonly [number, number][] }) {
  const parts: { text: string; hit: boolean }[] = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start < at || end <= start || end > text.length) continue;
    if (start > at) parts.push({ text: text.slice(at, start), hit: false });
    parts.push({ text: text.slice(start, end), hit: true });
    at = end;
  }
  if (at < text.length) parts.push({ text: text.slice(at), hit: false });
  return (
    <>
      {parts.map((p, i) =>
        p.hit ? (
          <mark key={i} data-testid="search-mark" style={{ padding: 0, borderRadius: 2 }}>
            {p.text}
          </mark>
        ) : (
          <Fragment key={i}>{p.text}</Fragment>
        ),
      )}
    </>
  );
}

export function highlightOf(
  highlights: readonly SearchHighlight[],
  field: string,
): SearchHighlight | undefined {
  return highlights.find((h) => h.field === field);
}
