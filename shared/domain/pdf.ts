/**
 * A minimal PDF 1.4 writer: pages of vector drawing and text in the standard Helvetica fonts
 * (every PDF reader has them, so nothing is embedded). The output is plain 7-bit ASCII, so it
 * can travel as text (the desktop shell's save dialog writes text) and its byte offsets are its
 * character offsets.
 */

/** A4 in points (1/72 inch). */
export const A4 = { width: 595.28, height: 841.89 } as const;

export const MM = 72 / 25.4;

export type PdfFont = 'regular' | 'bold';

const FONT_RESOURCE: Record<PdfFont, string> = { regular: 'F1', bold: 'F2' };

/** Numbers as PDF wants them: no exponent, at most 2 decimals, no trailing zeros. */
export function num(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError('PDF coordinates must be finite');
  const fixed = (Math.round(value * 100) / 100).toFixed(2);
  return fixed.replace(/\.?0+$/, '') || '0';
}

/**
 * Windows-1252 codes of the characters outside ASCII that the standard fonts' WinAnsi encoding
 * has at other positions than Latin-1 (the rest of U+00A0-U+00FF keeps its code).
 */
const WIN_ANSI_EXTRA: Readonly<Record<string, number>> = {
  '€': 0x80,
  '‚': 0x82,
  ƒ: 0x83,
  '„': 0x84,
  '…': 0x85,
  '†': 0x86,
  '‡': 0x87,
  ˆ: 0x88,
  '‰': 0x89,
  Š: 0x8a,
  '‹': 0x8b,
  Œ: 0x8c,
  Ž: 0x8e,
  '‘': 0x91,
  '’': 0x92,
  '“': 0x93,
  '”': 0x94,
  '•': 0x95,
  '–': 0x96,
  '—': 0x97,
  '˜': 0x98,
  '™': 0x99,
  š: 0x9a,
  '›': 0x9b,
  œ: 0x9c,
  ž: 0x9e,
  Ÿ: 0x9f,
};

/**
 * A PDF string literal in WinAnsi encoding, ASCII only: parentheses and backslashes escaped,
 * characters above 0x7E written as octal escapes, characters the font cannot show as '?',
 * control characters as spaces.
 */
export function pdfString(text: string): string {
  let out = '(';
  for (const char of text) {
    const cp = char.codePointAt(0) ?? 0x3f;
    let code: number;
    if (cp < 0x20 || cp === 0x7f) code = 0x20;
    else if (cp < 0x7f) code = cp;
    else if (cp >= 0xa0 && cp <= 0xff) code = cp;
    else code = WIN_ANSI_EXTRA[char] ?? 0x3f;
    if (code === 0x28 || code === 0x29 || code === 0x5c) out += `\\${String.fromCharCode(code)}`;
    else if (code > 0x7e) out += `\\${code.toString(8).padStart(3, '0')}`;
    else out += String.fromCharCode(code);
  }
  return `${out})`;
}

/**
 * Approximate advance width of `text` in Helvetica at `size` points, on the generous side so
 * that text measured to fit does fit.
 */
export function textWidth(text: string, size: number, font: PdfFont = 'regular'): number {
  let em = 0;
  for (const char of text) {
    if ('MWmw@%'.includes(char)) em += 0.89;
    else if ("ilj.,:;!|'` ".includes(char)) em += 0.28;
    else if ('ftrI()[]{}-/'.includes(char)) em += 0.39;
    else if (/[A-Z]/.test(char)) em += 0.73;
    else if (/[0-9]/.test(char)) em += 0.56;
    else em += 0.58;
  }
  return em * size * (font === 'bold' ? 1.06 : 1);
}

/** The longest start of `text` that fits in `width`, with an ellipsis when cut. */
export function fitText(text: string, width: number, size: number, font: PdfFont = 'regular'): string {
  if (textWidth(text, size, font) <= width) return text;
  const chars = [...text];
  while (chars.length > 0 && textWidth(`${chars.join('')}...`, size, font) > width) chars.pop();
  return chars.length > 0 ? `${chars.join('').trimEnd()}...` : '';
}

/** A shade of grey (0 = black, 1 = white) or an RGB triple, each part 0..1. */
export type PdfColour = number | readonly [number, number, number];

function colourOp(colour: PdfColour, stroke: boolean): string {
  const part = (v: number): string => num(Math.min(1, Math.max(0, v)));
  if (typeof colour === 'number') return `${part(colour)} ${stroke ? 'G' : 'g'}`;
  return `${colour.map(part).join(' ')} ${stroke ? 'RG' : 'rg'}`;
}

/** Builds one page's content stream. Coordinates in points, origin at the bottom left. */
export class PageCanvas {
  private readonly ops: string[] = [];

  constructor(
    readonly width: number,
    readonly height: number,
  ) {}

  /** Filled rectangles, black unless told otherwise. */
  fillRects(rects: readonly { x: number; y: number; w: number; h: number }[], colour: PdfColour = 0): void {
    if (rects.length === 0) return;
    this.ops.push(colourOp(colour, false));
    for (const r of rects) this.ops.push(`${num(r.x)} ${num(r.y)} ${num(r.w)} ${num(r.h)} re`);
    this.ops.push('f');
  }

  /** A thin grey outline (cutting guide). */
  strokeRect(x: number, y: number, w: number, h: number): void {
    this.ops.push(`0.8 G 0.3 w ${num(x)} ${num(y)} ${num(w)} ${num(h)} re S`);
  }

  /** One rectangle, filled, outlined or both; the outline straddles the edge. */
  rect(
    x: number,
    y: number,
    w: number,
    h: number,
    style: { fill?: PdfColour; stroke?: PdfColour; lineWidth?: number },
  ): void {
    const { fill, stroke } = style;
    if (fill === undefined && stroke === undefined) return;
    const parts: string[] = [];
    if (fill !== undefined) parts.push(colourOp(fill, false));
    if (stroke !== undefined) parts.push(colourOp(stroke, true), `${num(style.lineWidth ?? 0.5)} w`);
    const paint = fill === undefined ? 'S' : stroke === undefined ? 'f' : 'B';
    this.ops.push(`${parts.join(' ')} ${num(x)} ${num(y)} ${num(w)} ${num(h)} re ${paint}`);
  }

  /** A straight line; its dash pattern stays local to it. */
  line(
    x1: number,
    y1: number,
    x2: number,
    y2: number,
    style: { colour?: PdfColour; width?: number; dash?: readonly number[] } = {},
  ): void {
    const dash = `[${(style.dash ?? []).map(num).join(' ')}] 0 d`;
    this.ops.push(
      `q ${colourOp(style.colour ?? 0, true)} ${num(style.width ?? 0.5)} w ${dash} ` +
        `${num(x1)} ${num(y1)} m ${num(x2)} ${num(y2)} l S Q`,
    );
  }

  text(
    x: number,
    y: number,
    text: string,
    size: number,
    font: PdfFont = 'regular',
    colour: PdfColour = 0,
  ): void {
    this.ops.push(
      `BT /${FONT_RESOURCE[font]} ${num(size)} Tf ${colourOp(colour, false)} ${num(x)} ${num(y)} Td ${pdfString(text)} Tj ET`,
    );
  }

  content(): string {
    return this.ops.join('\n');
  }
}

/** The whole document: catalog, page tree, two fonts, pages, info, cross-reference table. */
export function buildPdf(pages: readonly PageCanvas[], info: { title: string; now: number }): string {
  const objects: string[] = [];
  const add = (body: string): number => {
    objects.push(body);
    return objects.length;
  };
  const catalog = add('');
  const tree = add('');
  const regular = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const bold = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>');
  const kids: number[] = [];
  for (const page of pages) {
    const content = page.content();
    const stream = add(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
    kids.push(
      add(
        `<< /Type /Page /Parent ${tree} 0 R /MediaBox [0 0 ${num(page.width)} ${num(page.height)}] ` +
          `/Resources << /Font << /F1 ${regular} 0 R /F2 ${bold} 0 R >> >> /Contents ${stream} 0 R >>`,
      ),
    );
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${tree} 0 R >>`;
  objects[tree - 1] =
    `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  const date = new Date(info.now).toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const infoObj = add(`<< /Title ${pdfString(info.title)} /Producer (Outpost) /CreationDate (D:${date}Z) >>`);

  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R /Info ${infoObj} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return out;
}
