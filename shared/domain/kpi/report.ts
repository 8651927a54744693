/**
 * The dashboard as a report: the figures and tables both exports share, their formatting, and
 * the CSV file. Numbers in the CSV are plain (no thousands separators, a dot for decimals, the
 * unit in its own column) so a spreadsheet reads them as numbers; the PDF shows the same figures
 * formatted for reading (see reportPdf.ts).
 */
import { toCsv } from '../csv';
import { CI_STATE_LABELS, labelOf, priorityLabel, resolutionCodeLabel } from '../labels';
import { PRIORITIES } from '../priority';
import { AGE_BUCKETS, type AgeBucket, type Dashboard, type Granularity } from './model';

export interface ReportMeta {
  title: string;
  /** e.g. 'Last 30 days: 30 Oct 2026 – 28 Nov 2026' */
  periodLabel: string;
  /** Values may be user text (group names, categories). */
  filters: { label: string; value: string }[];
  generatedAt: number;
  /** IANA zone for dates and bucket labels. */
  timeZone: string;
}

export const AGE_LABELS: Readonly<Record<AgeBucket, string>> = {
  lt1d: '< 1 day',
  '1to3d': '1–3 days',
  '3to7d': '3–7 days',
  '7to30d': '7–30 days',
  gt30d: '> 30 days',
};

/** Shown where a rate or duration has nothing to measure. */
export const NO_VALUE = '—';

const HOUR_MS = 3_600_000;

export function formatHours(ms: number | null): string {
  return ms === null ? NO_VALUE : `${(ms / HOUR_MS).toFixed(1)} h`;
}

export function formatRate(rate: number | null): string {
  return rate === null ? NO_VALUE : `${(rate * 100).toFixed(1)} %`;
}

// ---- Dates in the report's zone

const formats = new Map<string, Intl.DateTimeFormat>();

/** A zone the runtime does not know falls back to UTC rather than failing the whole export. */
function formatter(timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${timeZone}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-GB', { ...options, timeZone });
    } catch {
      format = new Intl.DateTimeFormat('en-GB', { ...options, timeZone: 'UTC' });
    }
    formats.set(key, format);
  }
  return format;
}

/** Assembled from parts so that separators do not depend on the ICU version. */
function parts(
  instant: number,
  timeZone: string,
  options: Intl.DateTimeFormatOptions,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of formatter(timeZone, options).formatToParts(instant)) out[part.type] = part.value;
  return out;
}

const DAY_MONTH: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short' };
const NUMERIC: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
};

/** 'Mon 2 Nov', 'Week of 2 Nov', 'Nov 2026'. */
export function bucketLabel(start: number, granularity: Granularity, timeZone: string): string {
  if (granularity === 'month') {
    const p = parts(start, timeZone, { month: 'short', year: 'numeric' });
    return `${p.month} ${p.year}`;
  }
  const p = parts(start, timeZone, { ...DAY_MONTH, weekday: 'short' });
  return granularity === 'day' ? `${p.weekday} ${p.day} ${p.month}` : `Week of ${p.day} ${p.month}`;
}

/** The compact form for a chart axis: '2 Nov', or 'Nov 2026' for months. */
export function axisLabel(start: number, granularity: Granularity, timeZone: string): string {
  if (granularity === 'month') return bucketLabel(start, granularity, timeZone);
  const p = parts(start, timeZone, DAY_MONTH);
  return `${p.day} ${p.month}`;
}

/** '2026-11-02', the local date a spreadsheet reads as a date. */
export function isoDate(instant: number, timeZone: string): string {
  const p = parts(instant, timeZone, NUMERIC);
  return `${p.year}-${p.month}-${p.day}`;
}

/** '2026-11-28 14:05' */
export function isoDateTime(instant: number, timeZone: string): string {
  const p = parts(instant, timeZone, NUMERIC);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** '28 Nov 2026' */
export function readableDate(instant: number, timeZone: string): string {
  const p = parts(instant, timeZone, { ...DAY_MONTH, year: 'numeric' });
  return `${p.day} ${p.month} ${p.year}`;
}

/** '28 Nov 2026, 14:05' */
export function readableDateTime(instant: number, timeZone: string): string {
  const p = parts(instant, timeZone, { ...NUMERIC, month: 'short', day: 'numeric' });
  return `${p.day} ${p.month} ${p.year}, ${p.hour}:${p.minute}`;
}

// ---- Figures shared by both exports

export type KpiFormat = 'count' | 'hours' | 'rate' | 'score';

export interface KpiLine {
  /** Heading the PDF groups lines under. */
  group: string;
  figure: string;
  value: number | null;
  format: KpiFormat;
  /** The unit column of the CSV. */
  unit: string;
}

export function kpiLines(d: Dashboard): KpiLine[] {
  const lines: KpiLine[] = [];
  let group = '';
  const add = (figure: string, value: number | null, format: KpiFormat, unit: string): void => {
    lines.push({ group, figure, value, format, unit });
  };
  group = 'Volume';
  add('Tickets opened', d.volume.opened, 'count', 'tickets');
  add('Tickets resolved', d.volume.resolved, 'count', 'tickets');
  add('Open backlog', d.backlog.total, 'count', 'tickets');
  group = 'Time to resolve and respond';
  add('Mean resolution time', d.resolutionTime.meanMs, 'hours', 'business hours');
  add('Median resolution time', d.resolutionTime.medianMs, 'hours', 'business hours');
  add('Mean first response', d.firstResponse.meanMs, 'hours', 'business hours');
  add('Median first response', d.firstResponse.medianMs, 'hours', 'business hours');
  for (const [name, c] of [
    ['response', d.sla.response],
    ['resolution', d.sla.resolution],
  ] as const) {
    group = `SLA ${name}`;
    add(`SLA ${name} met`, c.met, 'count', 'tickets');
    add(`SLA ${name} breached`, c.breached, 'count', 'tickets');
    add(`SLA ${name} in progress`, c.inProgress, 'count', 'tickets');
    add(`SLA ${name} compliance`, c.rate, 'rate', '%');
  }
  group = 'Satisfaction and quality';
  add('Satisfaction answers', d.csat.answers, 'count', 'answers');
  add('Satisfied (4–5)', d.csat.share, 'rate', '%');
  add('Mean satisfaction score', d.csat.mean, 'score', 'of 5');
  add('First-contact resolution', d.fcr.rate, 'rate', '%');
  add('Reopen rate', d.reopen.rate, 'rate', '%');
  group = 'Problems and changes';
  add('Problems resolved', d.problems.resolved, 'count', 'problems');
  add('Mean time to resolve problems', d.problems.timeToResolve.meanMs, 'hours', 'business hours');
  add('Changes closed', d.changes.closed, 'count', 'changes');
  add('Change success rate', d.changes.rate, 'rate', '%');
  group = 'Assets and audits';
  add('Assets', d.assets.total, 'count', 'assets');
  add('Audits closed', d.audits.closed, 'count', 'audits');
  add('Audit found rate', d.audits.rate, 'rate', '%');
  return lines;
}

/** The number alone, for a spreadsheet. */
export function plainValue(value: number | null, format: KpiFormat): string {
  if (value === null) return NO_VALUE;
  if (format === 'hours') return (value / HOUR_MS).toFixed(1);
  if (format === 'rate') return (value * 100).toFixed(1);
  if (format === 'score') return value.toFixed(2);
  return String(value);
}

/** The number with its unit, for reading. */
export function displayValue(value: number | null, format: KpiFormat): string {
  if (format === 'hours') return formatHours(value);
  if (format === 'rate') return formatRate(value);
  if (format === 'score') return value === null ? NO_VALUE : `${value.toFixed(2)} of 5`;
  return value === null ? NO_VALUE : String(value);
}

/** The part a count is of a total; null when the total is zero. */
export function shareOf(count: number, total: number): number | null {
  return total > 0 ? count / total : null;
}

export interface BacklogRow {
  label: string;
  cells: number[];
  total: number;
}

/** Priority rows by age columns, then a totals row. */
export function backlogRows(d: Dashboard): BacklogRow[] {
  const rows = PRIORITIES.map((p) => {
    const cells = AGE_BUCKETS.map((_, i) => d.backlog.matrix[p - 1]?.[i] ?? 0);
    return { label: priorityLabel(p), cells, total: sum(cells) };
  });
  const cells = AGE_BUCKETS.map((_, i) => sum(rows.map((r) => r.cells[i] ?? 0)));
  return [...rows, { label: 'Total', cells, total: sum(cells) }];
}

export function changeOutcomeLabel(code: string): string {
  return code === '' ? 'No resolution code' : resolutionCodeLabel(code);
}

export function ciStateLabel(state: string): string {
  return labelOf(CI_STATE_LABELS, state);
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

// ---- CSV

export function dashboardCsv(d: Dashboard, meta: ReportMeta): string {
  const tz = meta.timeZone;
  const rows: string[][] = [
    [meta.title],
    ['Period', meta.periodLabel],
    ['Generated at', isoDateTime(meta.generatedAt, tz)],
    ['Time zone', tz],
    ...meta.filters.map((f) => [f.label, f.value]),
  ];
  const section = (name: string, header: string[], body: string[][]): void => {
    rows.push([], [name], header, ...body);
  };

  section(
    'KPI summary',
    ['Figure', 'Value', 'Unit'],
    kpiLines(d).map((l) => [l.figure, plainValue(l.value, l.format), l.unit]),
  );
  section(
    'Opened vs resolved',
    ['Bucket', 'Bucket start', 'Opened', 'Resolved'],
    d.volume.series.map((p) => [
      bucketLabel(p.start, d.query.granularity, tz),
      isoDate(p.start, tz),
      String(p.opened),
      String(p.resolved),
    ]),
  );
  section(
    'Backlog by priority and age',
    ['Priority', ...AGE_BUCKETS.map((b) => AGE_LABELS[b]), 'Total'],
    backlogRows(d).map((r) => [r.label, ...r.cells.map(String), String(r.total)]),
  );
  section(
    'Satisfaction by score',
    ['Score', 'Answers', 'Share (%)'],
    d.csat.byScore.map((count, i) => [
      String(i + 1),
      String(count),
      plainValue(shareOf(count, d.csat.answers), 'rate'),
    ]),
  );
  section(
    'Change outcomes',
    ['Outcome', 'Code', 'Changes'],
    d.changes.byCode.map((c) => [changeOutcomeLabel(c.code), c.code, String(c.count)]),
  );
  section(
    'Assets by lifecycle state',
    ['State', 'Assets'],
    d.assets.byState.map((s) => [ciStateLabel(s.state), String(s.count)]),
  );
  section(
    'Audits',
    ['Audit', 'Closed', 'Expected', 'Found', 'Found rate (%)'],
    d.audits.list.map((a) => [
      a.name,
      isoDate(a.closedAt, tz),
      String(a.expected),
      String(a.found),
      plainValue(shareOf(a.found, a.expected), 'rate'),
    ]),
  );
  return toCsv(rows, { bom: true });
}
