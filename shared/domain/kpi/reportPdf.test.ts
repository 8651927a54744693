import { describe, expect, it } from 'vitest';
import { PageCanvas, textWidth } from '../pdf';
import { NO_KPI_FILTERS, type Dashboard, type Granularity, type SeriesPoint } from './model';
import { axisLabel, type ReportMeta } from './report';
import { LABEL_GAP, labelStep, niceTicks, plotArea } from './reportChart';
import { dashboardPdf, PAGE_CONTENT_WIDTH } from './reportPdf';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const FROM = Date.UTC(2026, 10, 2);

function series(starts: number[], opened: number[], resolved: number[]): SeriesPoint[] {
  return starts.map((start, i) => ({
    start,
    end: starts[i + 1] ?? start + DAY,
    opened: opened[i] ?? 0,
    resolved: resolved[i] ?? 0,
  }));
}

function fixture(
  granularity: Granularity = 'day',
  points = series([FROM, FROM + DAY], [5, 2], [1, 4]),
): Dashboard {
  const stats = { count: 2, meanMs: 3.5 * HOUR, medianMs: 2 * HOUR };
  const first = points[0]?.start ?? FROM;
  const last = points[points.length - 1]?.end ?? FROM;
  return {
    query: {
      period: { from: first, to: last },
      granularity,
      filters: NO_KPI_FILTERS,
      timeZone: 'UTC',
      now: last,
    },
    asOf: last,
    volume: { opened: 7, resolved: 5, series: points },
    backlog: {
      total: 7,
      byPriority: [1, 2, 3, 4, 5].map((p) => ({
        priority: p as 1 | 2 | 3 | 4 | 5,
        count: [1, 2, 3, 1, 0][p - 1]!,
      })),
      byAge: [
        { bucket: 'lt1d', count: 2 },
        { bucket: '1to3d', count: 3 },
        { bucket: '3to7d', count: 1 },
        { bucket: '7to30d', count: 1 },
        { bucket: 'gt30d', count: 0 },
      ],
      matrix: [
        [1, 0, 0, 0, 0],
        [0, 2, 0, 0, 0],
        [1, 1, 1, 0, 0],
        [0, 0, 0, 1, 0],
        [0, 0, 0, 0, 0],
      ],
    },
    resolutionTime: stats,
    firstResponse: stats,
    sla: {
      response: { met: 3, breached: 1, inProgress: 0, rate: 0.75 },
      resolution: { met: 1, breached: 1, inProgress: 1, rate: 0.5 },
    },
    csat: { answers: 2, satisfied: 1, share: 0.5, mean: 3.5, byScore: [0, 0, 1, 0, 1] },
    fcr: { resolved: 5, firstContact: 4, rate: 0.8 },
    reopen: { resolved: 5, reopened: 0, rate: 0 },
    problems: { resolved: 1, timeToResolve: stats },
    changes: { closed: 2, byCode: [{ code: 'successful', count: 2 }], successful: 2, rate: 1 },
    assets: { total: 3, byState: [{ state: 'deployed', count: 3 }] },
    audits: { closed: 0, expected: 0, found: 0, rate: null, list: [] },
  };
}

function emptyDashboard(): Dashboard {
  const d = fixture();
  const none = { count: 0, meanMs: null, medianMs: null };
  const compliance = { met: 0, breached: 0, inProgress: 0, rate: null };
  return {
    ...d,
    volume: { opened: 0, resolved: 0, series: series([FROM], [0], [0]) },
    backlog: { total: 0, byPriority: [], byAge: [], matrix: [] },
    resolutionTime: none,
    firstResponse: none,
    sla: { response: compliance, resolution: compliance },
    csat: { answers: 0, satisfied: 0, share: null, mean: null, byScore: [0, 0, 0, 0, 0] },
    fcr: { resolved: 0, firstContact: 0, rate: null },
    reopen: { resolved: 0, reopened: 0, rate: null },
    problems: { resolved: 0, timeToResolve: none },
    changes: { closed: 0, byCode: [], successful: 0, rate: null },
    assets: { total: 0, byState: [] },
  };
}

const META: ReportMeta = {
  title: 'Service desk report (Q4)',
  periodLabel: 'Custom dates: 2 Nov 2026 – 3 Nov 2026',
  filters: [
    { label: 'Kinds', value: 'Incident, Request' },
    { label: 'Groups', value: 'Ops (EU) \\ Night\nshift 日本' },
  ],
  generatedAt: Date.UTC(2026, 10, 4, 8, 0),
  timeZone: 'UTC',
};

/** Object number -> offset, from the cross-reference table. */
function xrefOffsets(pdf: string): number[] {
  const start = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(pdf)?.[1]);
  const table = pdf.slice(start);
  const count = Number(/^xref\n0 (\d+)\n/.exec(table)?.[1]);
  return table
    .split('\n')
    .slice(3, 2 + count)
    .map((line) => Number(line.slice(0, 10)));
}

function streams(pdf: string): string[] {
  return [...pdf.matchAll(/stream\n([\s\S]*?)\nendstream/g)].map((m) => m[1]!);
}

/** A string literal as the writer makes them: escaped parentheses and backslashes, octal codes. */
const LITERAL = /\((?:[^()\\\n]|\\[()\\]|\\[0-7]{3})*\)/g;

function decode(literal: string): string {
  return literal
    .slice(1, -1)
    .replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)))
    .replace(/\\([()\\])/g, '$1');
}

interface TextOp {
  size: number;
  x: number;
  y: number;
  text: string;
}

function textOps(stream: string): TextOp[] {
  return [...stream.matchAll(/^BT \/F\d ([\d.]+) Tf [\d. ]+ g ([\d.-]+) ([\d.-]+) Td (\(.*\)) Tj ET$/gm)].map(
    (m) => ({ size: Number(m[1]), x: Number(m[2]), y: Number(m[3]), text: decode(m[4]!) }),
  );
}

function pageCount(pdf: string): number {
  return Number(/\/Type \/Pages \/Kids \[[^\]]*\] \/Count (\d+)/.exec(pdf)?.[1]);
}

describe('PageCanvas drawing', () => {
  it('draws grey and RGB fills, outlines, lines and coloured text', () => {
    const page = new PageCanvas(100, 100);
    page.fillRects([{ x: 1, y: 2, w: 3, h: 4 }]);
    page.fillRects([{ x: 1, y: 2, w: 3, h: 4 }], 0.5);
    page.rect(10, 20, 30, 40, { fill: 0.9 });
    page.rect(10, 20, 30, 40, { stroke: 0, lineWidth: 0.4 });
    page.rect(10, 20, 30, 40, { fill: [1, 0, 0.5], stroke: 1.5 });
    page.rect(10, 20, 30, 40, {});
    page.line(1, 2, 3, 4);
    page.line(1, 2, 3, 4, { colour: 0.85, width: 0.3, dash: [2, 1] });
    page.text(5, 6, 'a', 9, 'bold', 0.3);
    page.text(5, 6, 'b', 9);
    expect(page.content().split('\n')).toEqual([
      '0 g',
      '1 2 3 4 re',
      'f',
      '0.5 g',
      '1 2 3 4 re',
      'f',
      '0.9 g 10 20 30 40 re f',
      '0 G 0.4 w 10 20 30 40 re S',
      '1 0 0.5 rg 1 G 0.5 w 10 20 30 40 re B',
      'q 0 G 0.5 w [] 0 d 1 2 m 3 4 l S Q',
      'q 0.85 G 0.3 w [2 1] 0 d 1 2 m 3 4 l S Q',
      'BT /F2 9 Tf 0.3 g 5 6 Td (a) Tj ET',
      'BT /F1 9 Tf 0 g 5 6 Td (b) Tj ET',
    ]);
  });
});

describe('dashboardPdf', () => {
  it('writes a well-formed file: header, objects at their offsets, stream lengths, ASCII only', () => {
    const pdf = dashboardPdf(fixture(), META);
    expect(pdf.startsWith('%PDF-1.4\n')).toBe(true);
    expect(pdf.endsWith('%%EOF\n')).toBe(true);
    const offsets = xrefOffsets(pdf);
    expect(offsets.length).toBeGreaterThan(5);
    offsets.forEach((offset, i) => expect(pdf.slice(offset).startsWith(`${i + 1} 0 obj\n`)).toBe(true));
    for (const match of pdf.matchAll(/\/Length (\d+) >>\nstream\n/g)) {
      const end = match.index + match[0].length + Number(match[1]);
      expect(pdf.slice(end, end + 11)).toBe('\nendstream\n');
    }
    expect(/^[\x20-\x7e\n]*$/.test(pdf)).toBe(true);
  });

  it('numbers every page "Page n of m" with m the page count', () => {
    const many = fixture();
    many.audits.list = Array.from({ length: 70 }, (_, i) => ({
      id: `a${i}`,
      name: `Audit ${i}`,
      closedAt: FROM + i * HOUR,
      expected: 10,
      found: 9,
    }));
    for (const d of [fixture(), many]) {
      const pdf = dashboardPdf(d, META);
      const count = pageCount(pdf);
      expect(pdf.match(/\/Type \/Page /g)).toHaveLength(count);
      const pages = streams(pdf);
      expect(pages).toHaveLength(count);
      pages.forEach((s, i) => expect(textOps(s).map((t) => t.text)).toContain(`Page ${i + 1} of ${count}`));
    }
    // 70 audit rows of 14 points do not fit on one A4 page, so the table runs onto another.
    const pdf = dashboardPdf(many, META);
    expect(pageCount(pdf)).toBeGreaterThan(pageCount(dashboardPdf(fixture(), META)));
    const texts = streams(pdf).flatMap((s) => textOps(s).map((t) => t.text));
    for (let i = 0; i < 70; i++) expect(texts.filter((t) => t === `Audit ${i}`)).toHaveLength(1);
    // The header row repeats on the page the table continues on.
    expect(texts.filter((t) => t === 'Found rate').length).toBeGreaterThanOrEqual(2);
  });

  it('escapes the title and hostile filter text so no string literal breaks out', () => {
    const pdf = dashboardPdf(fixture(), META);
    const [first] = streams(pdf);
    expect(first).toContain('(Service desk report \\(Q4\\)) Tj');
    // Line break and control characters become spaces, characters WinAnsi lacks become '?'.
    expect(first).toContain('(Ops \\(EU\\) \\\\ Night shift ??) Tj');
    expect(pdf).toContain('/Title (Service desk report \\(Q4\\))');
    for (const s of streams(pdf)) {
      expect(s.replace(LITERAL, '')).not.toMatch(/[()\\]/);
      const count = (op: RegExp): number => s.match(op)?.length ?? 0;
      expect(count(/ Tj ET$/gm)).toBe(count(/^BT /gm));
    }
  });

  it('cuts a long filter value to the page width', () => {
    const value = `${'Service desk (first line) '.repeat(30)}end`;
    const pdf = dashboardPdf(fixture(), { ...META, filters: [{ label: 'Groups', value }] });
    const op = textOps(streams(pdf)[0]!).find((t) => t.text.startsWith('Service desk (first line)'));
    expect(op?.text.endsWith('...')).toBe(true);
    expect(op!.x + textWidth(op!.text, op!.size)).toBeLessThanOrEqual(42 + PAGE_CONTENT_WIDTH + 0.01);
  });

  it('prints every filter label whole, however its width rounds', () => {
    const labels = ['Kinds', 'Group', 'Agent', 'Category', 'Priority', 'Granularity'];
    for (const label of labels) {
      const pdf = dashboardPdf(fixture(), { ...META, filters: [{ label, value: 'x' }] });
      const texts = textOps(streams(pdf)[0]!).map((t) => t.text);
      expect(texts).toContain(`${label}:`);
    }
  });

  it('renders an empty dashboard with dashes and notes for empty tables', () => {
    const pdf = dashboardPdf(emptyDashboard(), { ...META, filters: [] });
    const texts = streams(pdf).flatMap((s) => textOps(s).map((t) => t.text));
    // The em dash is WinAnsi 0x97 (octal 227).
    expect(pdf).toContain('(\\227) Tj');
    expect(texts.filter((t) => t === '\u0097').length).toBeGreaterThanOrEqual(13);
    expect(texts).toContain('No changes closed in the period.');
    expect(texts).toContain('No audits closed in the period.');
  });

  it('puts y-axis ticks at round numbers: a maximum of 37 gives 0 to 40 by 10', () => {
    const starts = Array.from({ length: 12 }, (_, i) => Date.UTC(2025, 11 + i, 1));
    const d = fixture('month', series(starts, [3, 37, 20], [10, 12, 1]));
    const ops = streams(dashboardPdf(d, META)).flatMap(textOps);
    // Tick labels are right-aligned 4 points left of the plot, which starts 30 points in.
    const ticks = ops.filter((t) => t.size === 7 && Math.abs(t.x + textWidth(t.text, 7) - (42 + 26)) < 0.02);
    // Then the backlog-by-age chart: largest bucket 3.
    expect(ticks.map((t) => t.text)).toEqual(['0', '10', '20', '30', '40', '0', '1', '2', '3']);
    const ys = ticks.slice(0, 5).map((t) => t.y);
    const steps = ys.slice(1).map((y, i) => y - ys[i]!);
    for (const step of steps) expect(step).toBeCloseTo(steps[0]!, 1);
  });

  it.each([
    ['12 months', 'month', Array.from({ length: 12 }, (_, i) => Date.UTC(2025, 11 + i, 1)), 12, 'Dec 2025'],
    ['90 days', 'day', Array.from({ length: 90 }, (_, i) => Date.UTC(2026, 9, 1) + i * DAY), 15, '1 Oct'],
  ] as const)('draws %s of x labels without overlap', (_, granularity, starts, shown, firstLabel) => {
    const d = fixture(granularity, series([...starts], [4], [2]));
    const ops = streams(dashboardPdf(d, META)).flatMap(textOps);
    // The x labels are the 7-point texts sharing one baseline; the largest such row is the series.
    const rows = new Map<number, TextOp[]>();
    for (const op of ops.filter((t) => t.size === 7)) rows.set(op.y, [...(rows.get(op.y) ?? []), op]);
    const labels = [...rows.values()].sort((a, b) => b.length - a.length)[0]!.sort((a, b) => a.x - b.x);
    expect(labels).toHaveLength(shown);
    expect(labels[0]!.text).toBe(firstLabel);
    for (let i = 1; i < labels.length; i++) {
      const previousEnd = labels[i - 1]!.x + textWidth(labels[i - 1]!.text, 7);
      expect(labels[i]!.x - previousEnd).toBeGreaterThanOrEqual(LABEL_GAP - 0.05);
    }
  });
});

describe('chart helpers', () => {
  it('chooses nice round ticks', () => {
    expect(niceTicks(37)).toEqual([0, 10, 20, 30, 40]);
    expect(niceTicks(40)).toEqual([0, 10, 20, 30, 40]);
    expect(niceTicks(41)).toEqual([0, 20, 40, 60]);
    expect(niceTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(niceTicks(3)).toEqual([0, 1, 2, 3]);
    expect(niceTicks(1)).toEqual([0, 1]);
    expect(niceTicks(0)).toEqual([0, 1]);
    expect(niceTicks(100)).toEqual([0, 50, 100]);
    expect(niceTicks(1234)).toEqual([0, 500, 1000, 1500]);
  });

  it('thins x labels to the smallest step that keeps them apart', () => {
    const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'].map(
      (m) => `${m} 2026`,
    );
    // Widest: "May 2026" = (0.89 + 0.58 + 0.58 + 0.28 + 4 x 0.56) em x 7 pt = 31.99 pt, plus a 4 pt gap.
    const slot = plotArea({ x: 0, y: 0, w: PAGE_CONTENT_WIDTH, h: 190 }, true).w / 12;
    expect(slot).toBeCloseTo((595.28 - 84 - 34) / 12, 5);
    expect(labelStep(months, slot, 7)).toBe(1);
    expect(labelStep(months, 18, 7)).toBe(2);
    expect(labelStep(months, 12.1, 7)).toBe(3);
    expect(labelStep(months, 11.9, 7)).toBe(4);
    // 90 days from 1 Oct: widest "28 Dec" = (2 x 0.56 + 0.28 + 0.73 + 2 x 0.58) em x 7 pt = 23.03 pt;
    // 27.03 pt over 477.28 / 90 = 5.30 pt slots is 5.1 slots, so every 6th day.
    const days = Array.from({ length: 90 }, (_, i) =>
      axisLabel(Date.UTC(2026, 9, 1) + i * DAY, 'day', 'UTC'),
    );
    expect(labelStep(days, 477.28 / 90, 7)).toBe(6);
    expect(labelStep(['only'], 1, 7)).toBe(1);
    expect(labelStep(days, 0, 7)).toBe(1);
  });
});
