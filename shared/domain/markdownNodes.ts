/**
 * The inline nodes of the Markdown AST and the helpers around them: link destinations, entity
 * names, plain text, and the clean-ups applied to parsed nodes (no links inside links, adjacent
 * text merged, emphasis depth bounded).
 */

export type MdInline =
  | { type: 'text'; value: string }
  | { type: 'code'; value: string }
  | { type: 'emphasis'; children: MdInline[] }
  | { type: 'strong'; children: MdInline[] }
  | { type: 'link'; href: string; external: boolean; children: MdInline[] }
  /** `ref` names an attachment of the article (its id or file name). */
  | { type: 'image'; ref: string; alt: string }
  | { type: 'break' };

/** Emphasis deeper than this is flattened: nobody writes it, and it would only deepen the tree. */
export const MAX_INLINE_DEPTH = 24;
const MAX_DESTINATION = 2048;
const MAX_TITLE = 300;
const MAX_PAREN_DEPTH = 32;

/** Characters a backslash escapes (ASCII punctuation). */
export const ESCAPABLE = /[!-/:-@[-`{-~]/;

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  copy: '\u00a9',
  reg: '\u00ae',
  hellip: '\u2026',
  ndash: '\u2013',
  mdash: '\u2014',
};
// A destination ends at whitespace or a control character.
// eslint-disable-next-line no-control-regex
const SPACE_OR_CONTROL = /[\s\u0000-\u001f]/;
/** `(destination "title")` right after `]`: the destination and where parsing resumes. */
export function parseDestination(text: string, at: number): { destination: string; end: number } | null {
  if (text.charAt(at) !== '(') return null;
  let i = at + 1;
  const skipSpace = () => {
    while (i < text.length && /[ \t\n]/.test(text.charAt(i))) i++;
  };
  skipSpace();
  let destination = '';
  if (text.charAt(i) === '<') {
    const close = text.indexOf('>', i + 1);
    if (close === -1 || close - i > MAX_DESTINATION) return null;
    destination = text.slice(i + 1, close);
    if (/[\n<]/.test(destination)) return null;
    i = close + 1;
  } else {
    let depth = 0;
    const start = i;
    while (i < text.length && i - start <= MAX_DESTINATION) {
      const c = text.charAt(i);
      if (c === '\\' && ESCAPABLE.test(text.charAt(i + 1))) {
        destination += text.charAt(i + 1);
        i += 2;
        continue;
      }
      if (SPACE_OR_CONTROL.test(c)) break;
      if (c === '(') {
        depth++;
        if (depth > MAX_PAREN_DEPTH) return null;
      }
      if (c === ')') {
        if (depth === 0) break;
        depth--;
      }
      destination += c;
      i++;
    }
    if (depth !== 0 || i - start > MAX_DESTINATION) return null;
  }
  skipSpace();
  const quote = text.charAt(i);
  if (quote === '"' || quote === "'" || quote === '(') {
    const closing = quote === '(' ? ')' : quote;
    const close = text.indexOf(closing, i + 1);
    if (close === -1 || close - i > MAX_TITLE) return null;
    i = close + 1;
    skipSpace();
  }
  if (text.charAt(i) !== ')') return null;
  return { destination, end: i + 1 };
}

export function plainText(nodes: readonly MdInline[]): string {
  let out = '';
  for (const n of nodes) {
    if (n.type === 'text' || n.type === 'code') out += n.value;
    else if (n.type === 'image') out += n.alt;
    else if (n.type === 'break') out += ' ';
    else out += plainText(n.children);
  }
  return out;
}

/** Link text cannot hold links: inner ones keep only their text. */
export function unlink(nodes: MdInline[]): MdInline[] {
  return nodes.flatMap((n): MdInline[] => {
    if (n.type === 'link') return unlink(n.children);
    if (n.type === 'emphasis' || n.type === 'strong') return [{ ...n, children: unlink(n.children) }];
    return [n];
  });
}

export function mergeText(nodes: MdInline[]): MdInline[] {
  const out: MdInline[] = [];
  for (const n of nodes) {
    const last = out[out.length - 1];
    if (n.type === 'text' && last?.type === 'text')
      out[out.length - 1] = { type: 'text', value: last.value + n.value };
    else if (!(n.type === 'text' && n.value === '')) out.push(n);
  }
  return out;
}

export function limitDepth(nodes: MdInline[], depth: number): MdInline[] {
  return mergeText(
    nodes.flatMap((n): MdInline[] => {
      if (n.type !== 'emphasis' && n.type !== 'strong' && n.type !== 'link') return [n];
      const children = limitDepth(n.children, depth + 1);
      if (depth >= MAX_INLINE_DEPTH && n.type !== 'link') return children;
      return [{ ...n, children }];
    }),
  );
}

/** The text an entity reference (`&amp;`, `&#106;`, `&#x6A;`) stands for; undefined for unknown names. */
export function decodeEntity(m: RegExpExecArray): string | undefined {
  if (m[1] !== undefined || m[2] !== undefined) {
    const code = m[1] !== undefined ? Number(m[1]) : parseInt(m[2] ?? '0', 16);
    const valid = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
    return valid ? String.fromCodePoint(code) : '\ufffd';
  }
  return Object.hasOwn(NAMED_ENTITIES, m[3] ?? '') ? NAMED_ENTITIES[m[3] ?? ''] : undefined;
}

function count(text: string, ch: string): number {
  let n = 0;
  for (const c of text) if (c === ch) n++;
  return n;
}

/** A bare URL without the sentence punctuation after it, nor an unmatched closing paren. */
export function trimUrl(raw: string): string {
  let url = raw;
  for (;;) {
    const last = url.charAt(url.length - 1);
    if (/[.,:;!?'"*_~]/.test(last)) url = url.slice(0, -1);
    else if (last === ')' && count(url, '(') < count(url, ')')) url = url.slice(0, -1);
    else return url;
  }
}
