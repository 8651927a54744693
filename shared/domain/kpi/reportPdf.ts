/**
 * The dashboard as an A4 PDF: header with the period and filters, the KPI table, the charts,
 * then the detail tables, flowing onto as many pages as they need, with "Page n of m" in the
 * footer. Everything is drawn with the plain writer in pdf.ts, so user text (filter values,
 * audit names) reaches the file only through its escaped string literals.
 */
import { PRIORITIES } from '../priority';
import { A4, buildPdf, fitText, PageCanvas, textWidth } from '../pdf';
import { priorityLabel } from '../labels';
import { AGE_BUCKETS, type Dashboard } from './model';
import {
  AGE_LABELS,
  axisLabel,
  backlogRows,
  changeOutcomeLabel,
  ciStateLabel,
  displayValue,
  formatRate,
  kpiLines,
  readableDate,
  readableDateTime,
  type ReportMeta,
  shareOf,
} from './report';
import { DARK_BARS, drawBarChart, drawHorizontalBarChart, LIGHT_BARS } from './reportChart';

const MARGIN = 42;
const LEFT = MARGIN;
const WIDTH = A4.width - 2 * MARGIN;
/** The width charts and tables span. */
export const PAGE_CONTENT_WIDTH = WIDTH;
const TOP = A4.height - MARGIN;
/** Lowest y content may reach; the footer sits below it. */
const BOTTOM = MARGIN + 18;
const ROW = 14;
const CELL_SIZE = 9;
const PAD = 4;
const HEADER_FILL = 0.9;
const RULE = 0.8;

/** Pages and a cursor that moves down; content that does not fit starts a new page. */
class Flow {
  readonly pages: PageCanvas[] = [];
  page!: PageCanvas;
  y = TOP;

  constructor() {
    this.newPage();
  }

  newPage(): void {
    this.page = new PageCanvas(A4.width, A4.height);
    this.pages.push(this.page);
    this.y = TOP;
  }

  /** Moves the cursor down by `height` and returns the top of that space. */
  take(height: number): number {
    this.ensure(height);
    const top = this.y;
    this.y -= height;
    return top;
  }

  /** Starts a new page unless `height` still fits on this one (or this one is empty). */
  ensure(height: number): void {
    if (this.y - height < BOTTOM && this.y < TOP) this.newPage();
  }

  gap(height: number): void {
    this.y -= height;
  }
}

type Align = 'left' | 'right';

interface Column {
  header: string;
  width: number;
  align?: Align;
}

interface TableRow {
  cells: string[];
  /** A heading or total row. */
  bold?: boolean;
}

function cell(page: PageCanvas, x: number, y: number, column: Column, text: string, bold: boolean): void {
  const font = bold ? 'bold' : 'regular';
  const fitted = fitText(text, column.width - 2 * PAD, CELL_SIZE, font);
  const left =
    column.align === 'right' ? x + column.width - PAD - textWidth(fitted, CELL_SIZE, font) : x + PAD;
  page.text(left, y, fitted, CELL_SIZE, font);
}

function rowLine(flow: Flow, columns: readonly Column[], cells: readonly string[], bold: boolean): void {
  const top = flow.take(ROW);
  let x = LEFT;
  columns.forEach((column, i) => {
    cell(flow.page, x, top - ROW + 4, column, cells[i] ?? '', bold);
    x += column.width;
  });
}

function header(flow: Flow, columns: readonly Column[]): void {
  const width = columns.reduce((w, c) => w + c.width, 0);
  flow.page.rect(LEFT, flow.y - ROW, width, ROW, { fill: HEADER_FILL });
  rowLine(
    flow,
    columns,
    columns.map((c) => c.header),
    true,
  );
}

function heading(flow: Flow, title: string, keepWith: number): void {
  flow.gap(10);
  flow.ensure(20 + keepWith);
  const top = flow.take(20);
  flow.page.text(LEFT, top - 14, fitText(title, WIDTH, 12, 'bold'), 12, 'bold');
}

/** A titled table; the header row repeats at the top of each page it runs onto. */
function table(
  flow: Flow,
  title: string,
  columns: readonly Column[],
  rows: readonly TableRow[],
  empty: string,
): void {
  heading(flow, title, 2 * ROW);
  if (rows.length === 0) {
    const top = flow.take(ROW);
    flow.page.text(LEFT, top - ROW + 4, empty, CELL_SIZE, 'regular', 0.35);
    return;
  }
  const width = columns.reduce((w, c) => w + c.width, 0);
  header(flow, columns);
  for (const row of rows) {
    if (flow.y - ROW < BOTTOM) {
      flow.newPage();
      header(flow, columns);
    }
    rowLine(flow, columns, row.cells, row.bold ?? false);
    flow.page.line(LEFT, flow.y, LEFT + width, flow.y, { colour: RULE, width: 0.3 });
  }
}

/** Columns of `weights` sharing `width`; the first is text, the others figures. */
function columns(headers: readonly string[], weights: readonly number[], width = WIDTH): Column[] {
  const total = weights.reduce((a, b) => a + b, 0);
  return headers.map((h, i) => ({
    header: h,
    width: (width * (weights[i] ?? 1)) / total,
    align: i === 0 ? 'left' : 'right',
  }));
}

function headerBlock(flow: Flow, meta: ReportMeta): void {
  let top = flow.take(26);
  flow.page.text(LEFT, top - 18, fitText(meta.title, WIDTH, 18, 'bold'), 18, 'bold');
  top = flow.take(15);
  flow.page.text(LEFT, top - 11, fitText(meta.periodLabel, WIDTH, 11), 11);
  const generated = `Generated ${readableDateTime(meta.generatedAt, meta.timeZone)} (${meta.timeZone})`;
  top = flow.take(14);
  flow.page.text(LEFT, top - 10, fitText(generated, WIDTH, 9), 9, 'regular', 0.3);
  const labelWidth = Math.min(
    160,
    // 6 pt of gap; the label is fitted to 1 pt more than its own width, as (w + 6) - 6 may round below w.
    Math.max(0, ...meta.filters.map((f) => textWidth(`${f.label}:`, 9, 'bold'))) + 6,
  );
  for (const f of meta.filters) {
    top = flow.take(13);
    flow.page.text(LEFT, top - 10, fitText(`${f.label}:`, labelWidth - 5, 9, 'bold'), 9, 'bold');
    flow.page.text(LEFT + labelWidth, top - 10, fitText(f.value, WIDTH - labelWidth, 9), 9);
  }
  flow.gap(4);
  flow.page.line(LEFT, flow.y, LEFT + WIDTH, flow.y, { width: 0.6 });
}

function kpiTable(flow: Flow, d: Dashboard): void {
  const rows: TableRow[] = [];
  let group = '';
  for (const line of kpiLines(d)) {
    if (line.group !== group) {
      group = line.group;
      rows.push({ cells: [group, ''], bold: true });
    }
    rows.push({ cells: [`   ${line.figure}`, displayValue(line.value, line.format)] });
  }
  // Narrow, so each value sits close to its name.
  table(flow, 'Key figures', columns(['Figure', 'Value'], [3, 1], 320), rows, '');
}

function chart(flow: Flow, title: string, height: number, draw: (page: PageCanvas, y: number) => void): void {
  heading(flow, title, height);
  const top = flow.take(height);
  draw(flow.page, top - height);
}

function charts(flow: Flow, d: Dashboard, meta: ReportMeta): void {
  const g = d.query.granularity;
  const series = d.volume.series;
  const unit = g === 'day' ? 'per day' : g === 'week' ? 'per week (weeks start on Monday)' : 'per month';
  chart(flow, `Opened vs resolved, ${unit}`, 190, (page, y) =>
    drawBarChart(
      page,
      { x: LEFT, y, w: WIDTH, h: 190 },
      series.map((p) => axisLabel(p.start, g, meta.timeZone)),
      [
        { name: 'Opened', values: series.map((p) => p.opened), style: DARK_BARS },
        { name: 'Resolved', values: series.map((p) => p.resolved), style: LIGHT_BARS },
      ],
    ),
  );
  const byPriority = PRIORITIES.map((p) => ({
    label: priorityLabel(p),
    value: d.backlog.byPriority.find((b) => b.priority === p)?.count ?? 0,
  }));
  chart(flow, 'Backlog by priority', 110, (page, y) =>
    drawHorizontalBarChart(page, { x: LEFT, y, w: WIDTH, h: 110 }, byPriority, DARK_BARS),
  );
  const byAge = AGE_BUCKETS.map((b) => d.backlog.byAge.find((a) => a.bucket === b)?.count ?? 0);
  chart(flow, 'Backlog by age', 140, (page, y) =>
    drawBarChart(
      page,
      { x: LEFT, y, w: WIDTH, h: 140 },
      AGE_BUCKETS.map((b) => AGE_LABELS[b]),
      [{ name: 'Open tickets', values: byAge, style: DARK_BARS }],
    ),
  );
}

function detailTables(flow: Flow, d: Dashboard, meta: ReportMeta): void {
  const backlog = backlogRows(d);
  table(
    flow,
    'Backlog by priority and age',
    columns(['Priority', ...AGE_BUCKETS.map((b) => AGE_LABELS[b]), 'Total'], [2, 1, 1, 1, 1, 1, 1]),
    backlog.map((r, i) => ({
      cells: [r.label, ...r.cells.map(String), String(r.total)],
      bold: i === backlog.length - 1,
    })),
    '',
  );
  const sla = (name: string, c: Dashboard['sla']['response']): TableRow => ({
    cells: [name, String(c.met), String(c.breached), String(c.inProgress), formatRate(c.rate)],
  });
  table(
    flow,
    'SLA compliance',
    columns(['Target', 'Met', 'Breached', 'In progress', 'Compliance'], [2, 1, 1, 1, 1]),
    [sla('Response', d.sla.response), sla('Resolution', d.sla.resolution)],
    '',
  );
  table(
    flow,
    'Satisfaction by score',
    columns(['Score', 'Answers', 'Share'], [2, 1, 1]),
    d.csat.byScore
      .map((count, i) => ({
        cells: [`${i + 1} of 5`, String(count), formatRate(shareOf(count, d.csat.answers))],
      }))
      .reverse(),
    '',
  );
  table(
    flow,
    'Change outcomes',
    columns(['Outcome', 'Changes', 'Share'], [2, 1, 1]),
    d.changes.byCode.map((c) => ({
      cells: [changeOutcomeLabel(c.code), String(c.count), formatRate(shareOf(c.count, d.changes.closed))],
    })),
    'No changes closed in the period.',
  );
  table(
    flow,
    'Assets by lifecycle state',
    columns(['State', 'Assets'], [3, 1]),
    d.assets.byState.map((s) => ({ cells: [ciStateLabel(s.state), String(s.count)] })),
    'No assets.',
  );
  table(
    flow,
    'Audits',
    columns(['Audit', 'Closed', 'Expected', 'Found', 'Found rate'], [3, 1.4, 1, 1, 1]),
    d.audits.list.map((a) => ({
      cells: [
        a.name,
        readableDate(a.closedAt, meta.timeZone),
        String(a.expected),
        String(a.found),
        formatRate(shareOf(a.found, a.expected)),
      ],
    })),
    'No audits closed in the period.',
  );
}

function footers(pages: readonly PageCanvas[], meta: ReportMeta): void {
  pages.forEach((page, i) => {
    const number = `Page ${i + 1} of ${pages.length}`;
    const y = MARGIN - 4;
    page.line(LEFT, y + 12, LEFT + WIDTH, y + 12, { colour: RULE, width: 0.3 });
    page.text(LEFT, y, fitText(meta.title, WIDTH - 90, 8), 8, 'regular', 0.3);
    page.text(LEFT + WIDTH - textWidth(number, 8), y, number, 8, 'regular', 0.3);
  });
}

export function dashboardPdf(d: Dashboard, meta: ReportMeta): string {
  const flow = new Flow();
  headerBlock(flow, meta);
  kpiTable(flow, d);
  charts(flow, d, meta);
  detailTables(flow, d, meta);
  footers(flow.pages, meta);
  return buildPdf(flow.pages, { title: meta.title, now: meta.generatedAt });
}
