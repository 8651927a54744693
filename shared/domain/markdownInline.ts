/**
 * Inline Markdown (emphasis, strong, code spans, links, images, autolinks, hard breaks) parsed
 * into plain data. Nothing here produces markup: the renderer turns the nodes into elements, so
 * HTML in the source stays text. Link and image targets are checked on the way in (markdown.ts
 * safeHref / attachmentRef); a target that fails is kept as text, never as a link.
 *
 * Emphasis follows CommonMark's delimiter-run rules with its "openers bottom" bound, and code
 * spans remember which backtick run lengths have no closer, so hostile input (thousands of `*`,
 * `[` or backticks) is parsed in near-linear time.
 */
import {
  decodeEntity,
  ESCAPABLE,
  limitDepth,
  mergeText,
  parseDestination,
  plainText,
  trimUrl,
  unlink,
  type MdInline,
} from './markdownNodes';

export { MAX_INLINE_DEPTH, parseDestination, plainText, type MdInline } from './markdownNodes';

export interface InlineTargets {
  href: (raw: string) => { href: string; external: boolean } | null;
  image: (raw: string) => string | null;
}

interface Piece {
  kind: 'node' | 'delim' | 'open';
  node: MdInline | null;
  // Delimiter runs (`*` or `_`).
  ch: string;
  count: number;
  origCount: number;
  canOpen: boolean;
  canClose: boolean;
  // Bracket openers (`[` or `![`).
  image: boolean;
  active: boolean;
  prevDelim: Piece | null;
  prev: Piece | null;
  next: Piece | null;
  dPrev: Piece | null;
  dNext: Piece | null;
}

function piece(kind: Piece['kind'], fields: Partial<Piece> = {}): Piece {
  return {
    kind,
    node: null,
    ch: '',
    count: 0,
    origCount: 0,
    canOpen: false,
    canClose: false,
    image: false,
    active: true,
    prevDelim: null,
    prev: null,
    next: null,
    dPrev: null,
    dNext: null,
    ...fields,
  };
}

const PUNCTUATION = /[!-/:-@[-`{-~\p{P}\p{S}]/u;
const WHITESPACE = /\s/u;
const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]{2,8}));/y;
const AUTOLINK = /<([a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^\s<>]{0,2048})>/y;
const BARE_URL = /https?:\/\/[^\s<>]{1,2048}/iy;

class InlineParser {
  private head: Piece | null = null;
  private tail: Piece | null = null;
  private delims: Piece | null = null; // top of the delimiter stack
  private brackets: Piece[] = [];
  private buf = '';
  private noCloser = new Set<number>();

  constructor(
    private readonly text: string,
    private readonly targets: InlineTargets,
  ) {}

  parse(): MdInline[] {
    const text = this.text;
    let i = 0;
    while (i < text.length) {
      const c = text.charAt(i);
      if (c === '\\') i = this.escape(i);
      else if (c === '`') i = this.codeSpan(i);
      else if (c === '*' || c === '_') i = this.delimiterRun(i);
      else if (c === '!' && text.charAt(i + 1) === '[') i = this.openBracket(i, true);
      else if (c === '[') i = this.openBracket(i, false);
      else if (c === ']') i = this.closeBracket(i);
      else if (c === '<') i = this.autolink(i);
      else if (c === '&') i = this.entity(i);
      else if (c === '\n') i = this.newline(i);
      else if ((c === 'h' || c === 'H') && !/[\p{L}\p{N}]/u.test(text.charAt(i - 1))) i = this.bareUrl(i);
      else {
        this.buf += c;
        i++;
      }
    }
    this.flush();
    this.processEmphasis(null);
    return limitDepth(mergeText(this.collect(this.head, null)), 0);
  }

  private append(p: Piece): Piece {
    p.prev = this.tail;
    if (this.tail) this.tail.next = p;
    else this.head = p;
    this.tail = p;
    return p;
  }

  private flush(): void {
    if (this.buf === '') return;
    this.append(piece('node', { node: { type: 'text', value: this.buf } }));
    this.buf = '';
  }

  private pushNode(node: MdInline): void {
    this.flush();
    this.append(piece('node', { node }));
  }

  private escape(i: number): number {
    const next = this.text.charAt(i + 1);
    if (next === '\n') {
      this.pushNode({ type: 'break' });
      return i + 2;
    }
    if (ESCAPABLE.test(next)) {
      this.buf += next;
      return i + 2;
    }
    this.buf += '\\';
    return i + 1;
  }

  private runLength(i: number, ch: string): number {
    let end = i;
    while (this.text.charAt(end) === ch) end++;
    return end - i;
  }

  private codeSpan(i: number): number {
    const n = this.runLength(i, '`');
    if (!this.noCloser.has(n)) {
      let from = i + n;
      for (;;) {
        const at = this.text.indexOf('`', from);
        if (at === -1) {
          // No run of this length closes anywhere later: later openers of it cannot close either.
          this.noCloser.add(n);
          break;
        }
        const len = this.runLength(at, '`');
        if (len === n) {
          let value = this.text.slice(i + n, at).replace(/\n/g, ' ');
          if (/^ .*[^ ].* $/s.test(value)) value = value.slice(1, -1);
          this.pushNode({ type: 'code', value });
          return at + n;
        }
        from = at + len;
      }
    }
    this.buf += '`'.repeat(n);
    return i + n;
  }

  private delimiterRun(i: number): number {
    const ch = this.text.charAt(i);
    const n = this.runLength(i, ch);
    const before = i === 0 ? '\n' : this.text.charAt(i - 1);
    const after = i + n >= this.text.length ? '\n' : this.text.charAt(i + n);
    const afterSpace = WHITESPACE.test(after);
    const beforeSpace = WHITESPACE.test(before);
    const afterPunct = PUNCTUATION.test(after);
    const beforePunct = PUNCTUATION.test(before);
    const leftFlanking = !afterSpace && (!afterPunct || beforeSpace || beforePunct);
    const rightFlanking = !beforeSpace && (!beforePunct || afterSpace || afterPunct);
    const canOpen = ch === '*' ? leftFlanking : leftFlanking && (!rightFlanking || beforePunct);
    const canClose = ch === '*' ? rightFlanking : rightFlanking && (!leftFlanking || afterPunct);
    this.flush();
    const p = this.append(piece('delim', { ch, count: n, origCount: n, canOpen, canClose }));
    if (canOpen || canClose) {
      p.dPrev = this.delims;
      if (this.delims) this.delims.dNext = p;
      this.delims = p;
    }
    return i + n;
  }

  private openBracket(i: number, image: boolean): number {
    this.flush();
    const p = this.append(piece('open', { image, prevDelim: this.delims }));
    this.brackets.push(p);
    return i + (image ? 2 : 1);
  }

  private closeBracket(i: number): number {
    const opener = this.brackets.pop();
    if (!opener) {
      this.buf += ']';
      return i + 1;
    }
    const target = opener.active ? parseDestination(this.text, i + 1) : null;
    if (!target) {
      this.buf += ']';
      return i + 1;
    }
    this.flush();
    this.processEmphasis(opener.prevDelim);
    const children = mergeText(this.collect(opener.next, null));
    // The opener becomes the link (or image, or text when the target is refused).
    opener.kind = 'node';
    opener.next = null;
    this.tail = opener;
    const nodes = this.resolveTarget(opener.image, target.destination, children);
    opener.node = nodes[0] ?? { type: 'text', value: '' };
    for (const node of nodes.slice(1)) this.append(piece('node', { node }));
    // Links do not nest: an earlier `[` can no longer become a link around this one.
    if (!opener.image && nodes.some((n) => n.type === 'link')) {
      for (const b of this.brackets) if (!b.image) b.active = false;
    }
    return target.end;
  }

  private resolveTarget(image: boolean, destination: string, children: MdInline[]): MdInline[] {
    if (image) {
      const ref = this.targets.image(destination);
      const alt = plainText(children);
      return ref !== null ? [{ type: 'image', ref, alt }] : [{ type: 'text', value: alt }];
    }
    const safe = this.targets.href(destination);
    const inner = unlink(children);
    if (!safe) return inner.length > 0 ? inner : [{ type: 'text', value: '' }];
    return [{ type: 'link', href: safe.href, external: safe.external, children: inner }];
  }

  private autolink(i: number): number {
    AUTOLINK.lastIndex = i;
    const m = AUTOLINK.exec(this.text);
    if (m) {
      const url = m[1] ?? '';
      const safe = this.targets.href(url);
      if (safe) {
        this.pushNode({
          type: 'link',
          href: safe.href,
          external: safe.external,
          children: [{ type: 'text', value: url }],
        });
      } else {
        this.buf += m[0];
      }
      return i + m[0].length;
    }
    this.buf += '<';
    return i + 1;
  }

  private bareUrl(i: number): number {
    BARE_URL.lastIndex = i;
    const m = BARE_URL.exec(this.text);
    if (!m) {
      this.buf += this.text.charAt(i);
      return i + 1;
    }
    const url = trimUrl(m[0]);
    const safe = this.targets.href(url);
    if (!safe || this.brackets.length > 0) {
      this.buf += url;
      return i + url.length;
    }
    this.pushNode({
      type: 'link',
      href: safe.href,
      external: safe.external,
      children: [{ type: 'text', value: url }],
    });
    return i + url.length;
  }

  private entity(i: number): number {
    ENTITY.lastIndex = i;
    const m = ENTITY.exec(this.text);
    if (!m) {
      this.buf += '&';
      return i + 1;
    }
    this.buf += decodeEntity(m) ?? m[0];
    return i + m[0].length;
  }

  private newline(i: number): number {
    // Counted by hand: a regex anchored at the end would rescan the whole pending text.
    let end = this.buf.length;
    while (end > 0 && this.buf.charCodeAt(end - 1) === 32) end--;
    const hard = this.buf.length - end >= 2;
    this.buf = this.buf.slice(0, end);
    if (hard) {
      this.pushNode({ type: 'break' });
    } else {
      // Flushed per line, so the pending text (and the scan above) stays one line long.
      this.buf += '\n';
      this.flush();
    }
    return i + 1;
  }

  /** CommonMark's process_emphasis over the delimiters above `bottom`. */
  private processEmphasis(bottom: Piece | null): void {
    const openersBottom = new Map<string, Piece | null>();
    let closer = this.firstAbove(bottom);
    while (closer) {
      if (!closer.canClose) {
        closer = closer.dNext;
        continue;
      }
      const key = `${closer.ch}${closer.canOpen ? 1 : 0}${closer.origCount % 3}`;
      const floor = openersBottom.has(key) ? (openersBottom.get(key) ?? null) : bottom;
      let opener = closer.dPrev;
      let found = false;
      while (opener && opener !== bottom && opener !== floor) {
        const odd =
          (closer.canOpen || opener.canClose) &&
          closer.origCount % 3 !== 0 &&
          (opener.origCount + closer.origCount) % 3 === 0;
        if (opener.ch === closer.ch && opener.canOpen && !odd) {
          found = true;
          break;
        }
        opener = opener.dPrev;
      }
      if (found && opener) {
        closer = this.match(opener, closer);
      } else {
        openersBottom.set(key, closer.dPrev);
        const next = closer.dNext;
        if (!closer.canOpen) this.removeDelim(closer);
        closer = next;
      }
    }
    // Unmatched delimiters above bottom stay as text.
    let d = this.firstAbove(bottom);
    while (d) {
      const next = d.dNext;
      this.removeDelim(d);
      d = next;
    }
  }

  private firstAbove(bottom: Piece | null): Piece | null {
    let d = this.delims;
    let first: Piece | null = null;
    while (d && d !== bottom) {
      first = d;
      d = d.dPrev;
    }
    return first;
  }

  /** Wraps what lies between opener and closer; returns the closer to continue with. */
  private match(opener: Piece, closer: Piece): Piece | null {
    const use = opener.count >= 2 && closer.count >= 2 ? 2 : 1;
    opener.count -= use;
    closer.count -= use;
    // Delimiters between the two are text from now on.
    let d = closer.dPrev;
    while (d && d !== opener) {
      const prev = d.dPrev;
      this.removeDelim(d);
      d = prev;
    }
    const children = mergeText(this.collect(opener.next, closer));
    const node = piece('node', {
      node: use === 2 ? { type: 'strong', children } : { type: 'emphasis', children },
    });
    node.prev = opener;
    node.next = closer;
    opener.next = node;
    closer.prev = node;
    if (opener.count === 0) {
      this.removeDelim(opener);
      this.unlinkPiece(opener);
    }
    if (closer.count === 0) {
      const next = closer.dNext;
      this.removeDelim(closer);
      this.unlinkPiece(closer);
      return next;
    }
    return closer;
  }

  private removeDelim(d: Piece): void {
    if (d.dPrev) d.dPrev.dNext = d.dNext;
    if (d.dNext) d.dNext.dPrev = d.dPrev;
    if (this.delims === d) this.delims = d.dPrev;
    d.dPrev = null;
    d.dNext = null;
  }

  private unlinkPiece(p: Piece): void {
    if (p.prev) p.prev.next = p.next;
    else this.head = p.next;
    if (p.next) p.next.prev = p.prev;
    else this.tail = p.prev;
  }

  /** The nodes from `from` up to (not including) `until`; delimiters and openers become text. */
  private collect(from: Piece | null, until: Piece | null): MdInline[] {
    const out: MdInline[] = [];
    for (let p = from; p && p !== until; p = p.next) {
      if (p.kind === 'node' && p.node) out.push(p.node);
      else if (p.kind === 'delim' && p.count > 0) out.push({ type: 'text', value: p.ch.repeat(p.count) });
      else if (p.kind === 'open') out.push({ type: 'text', value: p.image ? '![' : '[' });
    }
    return out;
  }
}

export function parseInline(text: string, targets: InlineTargets): MdInline[] {
  return new InlineParser(text, targets).parse();
}
