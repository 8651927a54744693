/**
 * A small, safe Markdown dialect for knowledge articles, parsed into plain data (an AST) that
 * the renderer turns into elements. Safety comes from what the AST can hold, not from cleaning
 * HTML afterwards:
 * - there is no HTML node: tags in the source are text and are shown as typed;
 * - a link holds only an http(s) URL or an in-app `#/` route (safeHref); any other target
 *   (`javascript:`, `data:`, `vbscript:`, `file:`, entity-encoded or obfuscated schemes, ...)
 *   leaves the link text as plain text;
 * - an image holds only a reference to an attachment of the article (`attachment:<id or name>`);
 *   anything else is shown as its alt text.
 *
 * Blocks: ATX headings, paragraphs, fenced and indented code, bullet and ordered lists (items
 * may hold nested blocks), block quotes, GFM tables and thematic breaks. Nesting is bounded
 * (MAX_BLOCK_DEPTH) and every step is near-linear, so hostile input cannot stall the page.
 */
import { parseInline, plainText, type MdInline } from './markdownInline';

export { plainText, type MdInline };

export type TableAlign = 'left' | 'center' | 'right' | null;

export type MdBlock =
  | { type: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; children: MdInline[] }
  | { type: 'paragraph'; children: MdInline[] }
  | { type: 'code'; lang: string; value: string }
  | { type: 'list'; ordered: boolean; start: number; items: MdBlock[][] }
  | { type: 'quote'; children: MdBlock[] }
  | { type: 'table'; align: TableAlign[]; head: MdInline[][]; rows: MdInline[][][] }
  | { type: 'rule' };

/** Lists and quotes nested deeper than this are read as plain paragraphs. */
export const MAX_BLOCK_DEPTH = 6;
export const MAX_TABLE_COLUMNS = 32;
const ATTACHMENT_REF_MAX = 255;

/** Characters never allowed in a link: whitespace, controls, quotes, angle brackets, backslash. */
// eslint-disable-next-line no-control-regex
const URL_FORBIDDEN = /[\s\u0000-\u001f\u007f-\u009f"'<>\\`]/;

/**
 * The href a Markdown link may carry, or null: `http://` / `https://` with a host and no
 * credentials (external), or an in-app route starting with `#/`.
 */
export function safeHref(raw: string): { href: string; external: boolean } | null {
  const value = raw.trim();
  if (value === '' || value.length > 2048 || URL_FORBIDDEN.test(value)) return null;
  const web = /^(https?):\/\/([^/?#]+)(.*)$/i.exec(value);
  if (web) {
    const authority = web[2] ?? '';
    // user:password@host hides where a link really goes.
    if (
      authority.includes('@') ||
      !/^[\p{L}\p{N}.-]+(:\d{1,5})?$|^\[[0-9a-fA-F:.]+\](:\d{1,5})?$/u.test(authority)
    ) {
      return null;
    }
    return { href: `${(web[1] ?? '').toLowerCase()}://${authority}${web[3] ?? ''}`, external: true };
  }
  if (/^#\/[A-Za-z0-9_\-./?=&%~+]*$/.test(value)) return { href: value, external: false };
  return null;
}

/** The attachment an image points at (`attachment:<id or file name>`), or null for anything else. */
export function attachmentRef(raw: string): string | null {
  const m = /^attachment:(.+)$/i.exec(raw.trim());
  const ref = m?.[1]?.trim() ?? '';
  if (ref === '' || ref.length > ATTACHMENT_REF_MAX) return null;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f/\\]/.test(ref)) return null;
  return ref;
}

const TARGETS = { href: safeHref, image: attachmentRef };

function inline(text: string): MdInline[] {
  return parseInline(text, TARGETS);
}

function isBlank(line: string): boolean {
  return line.trim() === '';
}

function indentOf(line: string): number {
  let n = 0;
  while (line.charCodeAt(n) === 32) n++;
  return n;
}

interface ListMarker {
  ordered: boolean;
  start: number;
  bullet: string;
  /** Column where the item's content starts. */
  content: number;
  empty: boolean;
}

function listMarker(line: string): ListMarker | null {
  const m = /^( {0,3})([-+*]|(\d{1,9})([.)]))( +|$)/.exec(line);
  if (!m) return null;
  const markerEnd = (m[1] ?? '').length + (m[2] ?? '').length;
  const spaces = (m[5] ?? '').length;
  const empty = isBlank(line.slice(markerEnd));
  // Five or more spaces start indented code inside the item: the content starts after one.
  const content = markerEnd + (spaces >= 5 || empty ? 1 : spaces);
  return {
    ordered: m[3] !== undefined,
    start: m[3] !== undefined ? Number(m[3]) : 1,
    bullet: m[3] !== undefined ? (m[4] ?? '.') : (m[2] ?? '-'),
    content,
    empty,
  };
}

const HEADING = /^ {0,3}(#{1,6})(?=[ \t]|$)(.*)$/;
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const FENCE = /^( {0,3})(`{3,}|~{3,})(.*)$/;
const QUOTE = /^ {0,3}>/;

function fenceOpen(line: string): { indent: number; marker: string; lang: string } | null {
  const m = FENCE.exec(line);
  if (!m) return null;
  const marker = m[2] ?? '';
  const info = m[3] ?? '';
  if (marker.startsWith('`') && info.includes('`')) return null;
  return { indent: (m[1] ?? '').length, marker, lang: info.trim().split(/\s+/)[0] ?? '' };
}

function isFenceClose(line: string, marker: string): boolean {
  const trimmed = line.replace(/^ {0,3}/, '');
  const ch = marker.charAt(0);
  let n = 0;
  while (trimmed.charAt(n) === ch) n++;
  return n >= marker.length && isBlank(trimmed.slice(n));
}

function splitRow(line: string): string[] {
  let text = line.trim();
  if (text.startsWith('|')) text = text.slice(1);
  if (text.endsWith('|') && !text.endsWith('\\|')) text = text.slice(0, -1);
  const cells: string[] = [];
  let cell = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === '\\' && text.charAt(i + 1) === '|') {
      cell += '|';
      i++;
    } else if (c === '|') {
      cells.push(cell.trim());
      cell = '';
    } else {
      cell += c;
    }
  }
  cells.push(cell.trim());
  return cells;
}

function tableAlign(line: string, columns: number): TableAlign[] | null {
  if (!line.includes('-') || !/^[\s|:-]+$/.test(line)) return null;
  const cells = splitRow(line);
  if (cells.length !== columns || !cells.every((c) => /^:?-+:?$/.test(c))) return null;
  return cells.map((c) =>
    c.startsWith(':') && c.endsWith(':')
      ? 'center'
      : c.endsWith(':')
        ? 'right'
        : c.startsWith(':')
          ? 'left'
          : null,
  );
}

/** Whether `line` starts a block that ends a paragraph. */
function interruptsParagraph(line: string, depth: number): boolean {
  if (HEADING.test(line) || RULE.test(line) || fenceOpen(line)) return true;
  if (depth < MAX_BLOCK_DEPTH && QUOTE.test(line)) return true;
  const marker = depth < MAX_BLOCK_DEPTH ? listMarker(line) : null;
  return marker !== null && !marker.empty && (!marker.ordered || marker.start === 1);
}

class BlockParser {
  private i = 0;
  private readonly out: MdBlock[] = [];

  constructor(
    private readonly lines: readonly string[],
    private readonly depth: number,
  ) {}

  parse(): MdBlock[] {
    const lines = this.lines;
    while (this.i < lines.length) {
      const line = lines[this.i] ?? '';
      if (isBlank(line)) this.i++;
      else if (fenceOpen(line)) this.fenced();
      else if (indentOf(line) >= 4) this.indentedCode();
      else if (HEADING.test(line)) this.heading(line);
      else if (RULE.test(line)) {
        this.out.push({ type: 'rule' });
        this.i++;
      } else if (this.depth < MAX_BLOCK_DEPTH && QUOTE.test(line)) this.quote();
      else if (this.depth < MAX_BLOCK_DEPTH && listMarker(line)) this.list();
      else if (!this.table()) this.paragraph();
    }
    return this.out;
  }

  private fenced(): void {
    const open = fenceOpen(this.lines[this.i] ?? '');
    if (!open) return;
    const body: string[] = [];
    this.i++;
    while (this.i < this.lines.length) {
      const line = this.lines[this.i] ?? '';
      this.i++;
      if (isFenceClose(line, open.marker)) break;
      // Content loses up to the fence's own indentation.
      body.push(line.slice(Math.min(open.indent, indentOf(line))));
    }
    this.out.push({ type: 'code', lang: open.lang.slice(0, 40), value: body.join('\n') });
  }

  private indentedCode(): void {
    const body: string[] = [];
    while (this.i < this.lines.length) {
      const line = this.lines[this.i] ?? '';
      if (!isBlank(line) && indentOf(line) < 4) break;
      body.push(line.slice(Math.min(4, indentOf(line))));
      this.i++;
    }
    while (body.length > 0 && isBlank(body[body.length - 1] ?? '')) body.pop();
    this.out.push({ type: 'code', lang: '', value: body.join('\n') });
  }

  private heading(line: string): void {
    const m = HEADING.exec(line);
    const level = (m?.[1] ?? '#').length as 1 | 2 | 3 | 4 | 5 | 6;
    // A closing run of # is decoration when a space separates it from the text.
    const text = (m?.[2] ?? '')
      .trim()
      .replace(/(^|[ \t])#+$/, '')
      .trim();
    this.out.push({ type: 'heading', level, children: inline(text) });
    this.i++;
  }

  private quote(): void {
    const inner: string[] = [];
    while (this.i < this.lines.length) {
      const line = this.lines[this.i] ?? '';
      if (QUOTE.test(line)) {
        inner.push(line.replace(/^ {0,3}> ?/, ''));
      } else if (
        !isBlank(line) &&
        inner.length > 0 &&
        !isBlank(inner[inner.length - 1] ?? '') &&
        !interruptsParagraph(line, this.depth)
      ) {
        // A lazy continuation line of the quoted paragraph.
        inner.push(line);
      } else {
        break;
      }
      this.i++;
    }
    this.out.push({ type: 'quote', children: new BlockParser(inner, this.depth + 1).parse() });
  }

  private list(): void {
    const first = listMarker(this.lines[this.i] ?? '');
    if (!first) return;
    const items: MdBlock[][] = [];
    while (this.i < this.lines.length) {
      const marker = listMarker(this.lines[this.i] ?? '');
      if (!marker || marker.ordered !== first.ordered || marker.bullet !== first.bullet) break;
      const itemLines = [(this.lines[this.i] ?? '').slice(marker.content)];
      this.i++;
      while (this.i < this.lines.length) {
        const line = this.lines[this.i] ?? '';
        if (isBlank(line)) {
          // Blank lines stay in the item only when indented content follows them.
          let j = this.i;
          while (j < this.lines.length && isBlank(this.lines[j] ?? '')) j++;
          if (j < this.lines.length && indentOf(this.lines[j] ?? '') >= marker.content) {
            for (; this.i < j; this.i++) itemLines.push('');
            continue;
          }
          break;
        }
        if (indentOf(line) >= marker.content) {
          itemLines.push(line.slice(marker.content));
        } else if (
          !listMarker(line) &&
          !interruptsParagraph(line, this.depth) &&
          !isBlank(itemLines[itemLines.length - 1] ?? '')
        ) {
          itemLines.push(line.trimStart());
        } else {
          break;
        }
        this.i++;
      }
      items.push(new BlockParser(itemLines, this.depth + 1).parse());
      // Blank lines between items of the same list.
      let j = this.i;
      while (j < this.lines.length && isBlank(this.lines[j] ?? '')) j++;
      const next = listMarker(this.lines[j] ?? '');
      if (j === this.i || !next || next.ordered !== first.ordered || next.bullet !== first.bullet) continue;
      this.i = j;
    }
    this.out.push({ type: 'list', ordered: first.ordered, start: first.start, items });
  }

  private table(): boolean {
    const header = this.lines[this.i] ?? '';
    if (!header.includes('|')) return false;
    const head = splitRow(header);
    if (head.length > MAX_TABLE_COLUMNS) return false;
    const align = tableAlign(this.lines[this.i + 1] ?? '', head.length);
    if (!align) return false;
    this.i += 2;
    const rows: MdInline[][][] = [];
    while (this.i < this.lines.length) {
      const line = this.lines[this.i] ?? '';
      if (isBlank(line) || !line.includes('|') || interruptsParagraph(line, this.depth)) break;
      const cells = splitRow(line).slice(0, head.length);
      while (cells.length < head.length) cells.push('');
      rows.push(cells.map(inline));
      this.i++;
    }
    this.out.push({ type: 'table', align, head: head.map(inline), rows });
    return true;
  }

  private paragraph(): void {
    const text: string[] = [this.lines[this.i] ?? ''];
    this.i++;
    while (this.i < this.lines.length) {
      const line = this.lines[this.i] ?? '';
      if (isBlank(line) || interruptsParagraph(line, this.depth)) break;
      text.push(line);
      this.i++;
    }
    const joined = text.map((l) => l.replace(/^[ \t]+/, '')).join('\n');
    this.out.push({ type: 'paragraph', children: inline(joined.replace(/[ \t]+$/, '')) });
  }
}

// A NUL character is replaced, as CommonMark does: it has no business in text.
// eslint-disable-next-line no-control-regex
const NUL = /\u0000/g;

/** Parses Markdown source into blocks. Never throws; any input gives some document. */
export function parseMarkdown(source: string): MdBlock[] {
  const normalized = source.replace(/\r\n?/g, '\n').replace(NUL, '\ufffd').replace(/\t/g, '    ');
  return new BlockParser(normalized.split('\n'), 0).parse();
}

/** The text of a document without markup (for previews, search snippets and tests). */
export function markdownText(blocks: readonly MdBlock[]): string {
  const parts: string[] = [];
  for (const b of blocks) {
    if (b.type === 'heading' || b.type === 'paragraph') parts.push(plainText(b.children));
    else if (b.type === 'code') parts.push(b.value);
    else if (b.type === 'quote') parts.push(markdownText(b.children));
    else if (b.type === 'list') for (const item of b.items) parts.push(markdownText(item));
    else if (b.type === 'table') {
      for (const row of [b.head, ...b.rows]) parts.push(row.map((c) => plainText(c)).join(' '));
    }
  }
  return parts.filter((p) => p !== '').join('\n');
}
