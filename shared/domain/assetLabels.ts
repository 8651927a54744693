/**
 * Printable asset labels: an A4 sheet of 3 x 8 labels of 70 x 37 mm (the common 24-per-sheet
 * stock), each with a QR code of the asset tag, the tag in bold and the asset's name. The QR
 * code holds the tag alone, so any scanner, camera or phone reads what a person would type.
 */
import { A4, buildPdf, fitText, MM, PageCanvas } from './pdf';
import { encodeQr, type QrCode } from './qr';
import { normaliseTag } from './scan';

export interface LabelItem {
  tag: string;
  name: string;
}

export const LABEL_SHEET = {
  columns: 3,
  rows: 8,
  width: 70 * MM,
  height: 37 * MM,
  /** Left and top page margins that centre the grid on A4. */
  marginX: (A4.width - 3 * 70 * MM) / 2,
  marginY: (A4.height - 8 * 37 * MM) / 2,
  /** Light modules kept around a symbol (the standard asks for 4). */
  quietZone: 4,
} as const;

export const LABELS_PER_PAGE = LABEL_SHEET.columns * LABEL_SHEET.rows;

export interface LabelPlacement {
  page: number;
  /** Bottom-left corner of the label, in points. */
  x: number;
  y: number;
}

export function placeLabel(index: number): LabelPlacement {
  const page = Math.floor(index / LABELS_PER_PAGE);
  const slot = index % LABELS_PER_PAGE;
  const column = slot % LABEL_SHEET.columns;
  const row = Math.floor(slot / LABEL_SHEET.columns);
  return {
    page,
    x: LABEL_SHEET.marginX + column * LABEL_SHEET.width,
    y: A4.height - LABEL_SHEET.marginY - (row + 1) * LABEL_SHEET.height,
  };
}

/** Dark modules as rectangles, one per horizontal run, so a symbol is a few hundred operators. */
export function qrRects(
  qr: QrCode,
  x: number,
  y: number,
  moduleSize: number,
): { x: number; y: number; w: number; h: number }[] {
  const rects: { x: number; y: number; w: number; h: number }[] = [];
  qr.modules.forEach((row, r) => {
    let c = 0;
    while (c < qr.size) {
      if (!row[c]) {
        c++;
        continue;
      }
      const start = c;
      while (c < qr.size && row[c]) c++;
      rects.push({
        x: x + start * moduleSize,
        // Rows run downwards; PDF's y axis runs upwards.
        y: y + (qr.size - 1 - r) * moduleSize,
        w: (c - start) * moduleSize,
        h: moduleSize,
      });
    }
  });
  return rects;
}

export type LabelsResult = { ok: true; pdf: string; count: number } | { ok: false; error: string };

/** The label sheet PDF for `items` (in order); items without a usable tag are refused. */
export function labelsPdf(items: readonly LabelItem[], now: number): LabelsResult {
  if (items.length === 0) return { ok: false, error: 'Choose at least one asset with a tag.' };
  const untagged = items.filter((item) => normaliseTag(item.tag) === null);
  if (untagged.length > 0) {
    return {
      ok: false,
      error: `${untagged.length} of the chosen assets ${untagged.length === 1 ? 'has' : 'have'} no usable asset tag.`,
    };
  }
  const pages: PageCanvas[] = [];
  const side = LABEL_SHEET.height - 6 * MM;
  items.forEach((item, index) => {
    const place = placeLabel(index);
    const page = (pages[place.page] ??= new PageCanvas(A4.width, A4.height));
    const tag = normaliseTag(item.tag) ?? item.tag;
    const qr = encodeQr(tag);
    const moduleSize = side / (qr.size + 2 * LABEL_SHEET.quietZone);
    const qrX = place.x + 3 * MM;
    const qrY = place.y + 3 * MM;
    page.strokeRect(place.x, place.y, LABEL_SHEET.width, LABEL_SHEET.height);
    page.fillRects(
      qrRects(
        qr,
        qrX + LABEL_SHEET.quietZone * moduleSize,
        qrY + LABEL_SHEET.quietZone * moduleSize,
        moduleSize,
      ),
    );
    const textX = qrX + side + 2 * MM;
    const textWidth = place.x + LABEL_SHEET.width - 3 * MM - textX;
    const top = place.y + LABEL_SHEET.height - 9 * MM;
    page.text(textX, top, fitText(tag, textWidth, 11, 'bold'), 11, 'bold');
    nameLines(item.name, textWidth, 8).forEach((line, i) => page.text(textX, top - 14 - i * 10, line, 8));
  });
  return { ok: true, pdf: buildPdf(pages, { title: 'Asset labels', now }), count: items.length };
}

/** The name on up to `maxLines` lines, broken at spaces; what does not fit ends in "...". */
export function nameLines(name: string, width: number, size: number, maxLines = 3): string[] {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let i = 0;
  while (i < words.length && lines.length < maxLines) {
    let line = words[i++]!;
    while (i < words.length && fitText(`${line} ${words[i]}`, width, size) === `${line} ${words[i]}`) {
      line += ` ${words[i++]}`;
    }
    lines.push(fitText(line, width, size));
  }
  const last = lines.length - 1;
  if (i < words.length && last >= 0 && !lines[last]!.endsWith('...')) {
    lines[last] = fitText(`${lines[last]} ${words.slice(i).join(' ')}`, width, size);
  }
  return lines;
}
