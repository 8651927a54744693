import { describe, expect, it } from 'vitest';
import { LABEL_SHEET, LABELS_PER_PAGE, labelsPdf, nameLines, placeLabel } from './assetLabels';
import { A4, buildPdf, fitText, num, PageCanvas, pdfString, textWidth } from './pdf';
import { decodeQrMatrix } from './qrDecode';

const NOW = Date.UTC(2026, 2, 10, 9, 30);

/** Object number -> offset from the cross-reference table. */
function xrefOffsets(pdf: string): number[] {
  const start = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(pdf)?.[1]);
  const table = pdf.slice(start);
  const count = Number(/^xref\n0 (\d+)\n/.exec(table)?.[1]);
  const lines = table.split('\n').slice(2, 2 + count);
  return lines.slice(1).map((line) => Number(line.slice(0, 10)));
}

function streams(pdf: string): string[] {
  return [...pdf.matchAll(/stream\n([\s\S]*?)\nendstream/g)].map((m) => m[1]!);
}

/** Rebuilds the QR matrix of the first label from its rectangles. */
function firstSymbol(content: string): boolean[][] {
  const rects = [...content.matchAll(/^([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) re$/gm)].map((m) =>
    m.slice(1, 5).map(Number),
  );
  const block = content.split('\nf\n')[0]!;
  const mine = rects.filter(([x, y]) => block.includes(`${num(x!)} ${num(y!)} `));
  const unit = Math.min(...mine.map((r) => r[3]!));
  const minX = Math.min(...mine.map((r) => r[0]!));
  const minY = Math.min(...mine.map((r) => r[1]!));
  const maxY = Math.max(...mine.map((r) => r[1]! + r[3]!));
  const size = Math.round((maxY - minY) / unit);
  const modules = Array.from({ length: size }, () => new Array<boolean>(size).fill(false));
  for (const [x, y, w] of mine) {
    const row = size - 1 - Math.round((y! - minY) / unit);
    const col = Math.round((x! - minX) / unit);
    for (let c = 0; c < Math.round(w! / unit); c++) modules[row]![col + c] = true;
  }
  return modules;
}

describe('PDF writer', () => {
  it('writes a well-formed file: header, objects at their xref offsets, trailer', () => {
    const page = new PageCanvas(A4.width, A4.height);
    page.text(10, 10, 'Hello (world) \\ é', 12);
    const pdf = buildPdf([page, new PageCanvas(100, 100)], { title: 'Test', now: NOW });
    expect(pdf.startsWith('%PDF-1.4\n')).toBe(true);
    expect(pdf.endsWith('%%EOF\n')).toBe(true);
    const offsets = xrefOffsets(pdf);
    offsets.forEach((offset, i) =>
      expect(pdf.slice(offset, offset + 12)).toMatch(new RegExp(`^${i + 1} 0 obj\\n`)),
    );
    expect(pdf).toMatch(/\/Type \/Pages \/Kids \[\d+ 0 R \d+ 0 R\] \/Count 2/);
    expect(pdf).toContain('(Hello \\(world\\) \\\\ \\351) Tj');
    const lengths = [...pdf.matchAll(/\/Length (\d+) >>\nstream\n/g)];
    expect(lengths).toHaveLength(2);
    for (const match of lengths) {
      const end = match.index + match[0].length + Number(match[1]);
      expect(pdf.slice(end, end + 11)).toBe('\nendstream\n');
    }
    // Plain ASCII: the bytes are the characters, so it can be handed around as text.
    expect(/^[\x20-\x7e\n]*$/.test(pdf)).toBe(true);
  });

  it('escapes strings into WinAnsi and replaces what the font cannot show', () => {
    expect(pdfString('a(b)c\\')).toBe('(a\\(b\\)c\\\\)');
    expect(pdfString('€ ü 日\n')).toBe('(\\200 \\374 ? )');
  });

  it('formats numbers without exponents and refuses non-finite ones', () => {
    expect([num(1), num(1.5), num(0.004), num(12.345), num(-3)]).toEqual(['1', '1.5', '0', '12.35', '-3']);
    expect(() => num(Number.NaN)).toThrow();
  });

  it('cuts text that does not fit and marks the cut', () => {
    const long = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    const cut = fitText(long, 60, 10);
    expect(cut.endsWith('...')).toBe(true);
    expect(textWidth(cut, 10)).toBeLessThanOrEqual(60);
    expect(fitText('AB', 60, 10)).toBe('AB');
  });
});

describe('asset labels', () => {
  it('puts 24 labels on an A4 page in a 3 x 8 grid inside the page', () => {
    expect(LABELS_PER_PAGE).toBe(24);
    const first = placeLabel(0);
    const last = placeLabel(23);
    expect(first.page).toBe(0);
    expect(placeLabel(24)).toEqual({ ...first, page: 1 });
    expect(last.x + LABEL_SHEET.width).toBeLessThanOrEqual(A4.width + 0.01);
    expect(last.y).toBeGreaterThanOrEqual(-0.01);
    expect(first.y + LABEL_SHEET.height).toBeLessThanOrEqual(A4.height + 0.01);
  });

  it('makes one page per 24 labels, each with its tag, name and a QR code that reads back', () => {
    const items = Array.from({ length: 30 }, (_, i) => ({
      tag: `at-${String(i).padStart(6, '0')}`,
      name: `Laptop ${i}`,
    }));
    const result = labelsPdf(items, NOW);
    if (!result.ok) throw new Error(result.error);
    expect(result.count).toBe(30);
    expect(result.pdf).toMatch(/\/Count 2 >>/);
    const [page1, page2] = streams(result.pdf);
    expect(page1).toContain('(AT-000000) Tj');
    expect(page1).toContain('(Laptop 0) Tj');
    expect(page2).toContain('(AT-000024) Tj');
    expect(page1!.match(/ Tj ET/g)).toHaveLength(48);
    expect(decodeQrMatrix(firstSymbol(page1!)).text).toBe('AT-000000');
    expect(decodeQrMatrix(firstSymbol(page2!)).text).toBe('AT-000024');
  });

  it('stays plain ASCII with names in any language, so it can be saved as text', () => {
    const result = labelsPdf([{ tag: 'at-ü1', name: 'Café (Straße) 東京 \\ 50€' }], NOW);
    if (!result.ok) throw new Error(result.error);
    expect(/^[\x20-\x7e\n]*$/.test(result.pdf)).toBe(true);
    expect(result.pdf).toContain('(AT-\\3341) Tj');
    expect(result.pdf).toContain('(Caf\\351 \\(Stra\\337e\\) ?? \\\\ 50\\200) Tj');
    expect(decodeQrMatrix(firstSymbol(streams(result.pdf)[0]!)).text).toBe('AT-Ü1');
  });

  it('refuses an empty selection and assets without a tag', () => {
    expect(labelsPdf([], NOW)).toEqual({ ok: false, error: 'Choose at least one asset with a tag.' });
    expect(labelsPdf([{ tag: ' ', name: 'x' }], NOW)).toEqual({
      ok: false,
      error: '1 of the chosen assets has no usable asset tag.',
    });
  });

  it('breaks long names over at most three lines', () => {
    const lines = nameLines(
      'Dell Latitude 7440 with docking station and a spare charger for the office',
      100,
      8,
    );
    expect(lines.length).toBe(3);
    expect(lines[2]!.endsWith('...')).toBe(true);
    for (const line of lines) expect(textWidth(line, 8)).toBeLessThanOrEqual(100);
    expect(nameLines('Short', 100, 8)).toEqual(['Short']);
    expect(nameLines('', 100, 8)).toEqual([]);
  });
});
