import { describe, expect, it } from 'vitest';
import { csvLine, parseCsv, unescapeFormula } from '../csv';
import type { Dashboard } from './model';
import { NO_KPI_FILTERS } from './model';
import {
  AGE_LABELS,
  axisLabel,
  bucketLabel,
  dashboardCsv,
  formatHours,
  formatRate,
  readableDate,
  readableDateTime,
  type ReportMeta,
} from './report';

const TZ = 'Europe/London';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Monday 2 Nov 2026; London is on GMT (UTC+0) by then. */
const FROM = Date.UTC(2026, 10, 2);

function fixture(): Dashboard {
  return {
    query: {
      period: { from: FROM, to: FROM + 3 * DAY },
      granularity: 'day',
      filters: NO_KPI_FILTERS,
      timeZone: TZ,
      now: FROM + 3 * DAY,
    },
    asOf: FROM + 3 * DAY,
    volume: {
      opened: 12,
      resolved: 9,
      series: [
        { start: FROM, end: FROM + DAY, opened: 5, resolved: 2 },
        { start: FROM + DAY, end: FROM + 2 * DAY, opened: 4, resolved: 3 },
        { start: FROM + 2 * DAY, end: FROM + 3 * DAY, opened: 3, resolved: 4 },
      ],
    },
    backlog: {
      total: 7,
      byPriority: [
        { priority: 1, count: 1 },
        { priority: 2, count: 2 },
        { priority: 3, count: 3 },
        { priority: 4, count: 1 },
        { priority: 5, count: 0 },
      ],
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
    // 2 h 12 min = 2.2 h; 20 min = 0.33 h.
    resolutionTime: { count: 9, meanMs: 3.5 * HOUR, medianMs: 2.2 * HOUR },
    firstResponse: { count: 10, meanMs: 0.5 * HOUR, medianMs: 20 * 60_000 },
    sla: {
      response: { met: 8, breached: 2, inProgress: 1, rate: 0.8 },
      resolution: { met: 7, breached: 1, inProgress: 2, rate: 0.875 },
    },
    // Scores 1, 3, 4, 4, 5, 5: 4 of 6 satisfied, mean 22 / 6.
    csat: { answers: 6, satisfied: 4, share: 4 / 6, mean: 22 / 6, byScore: [1, 0, 1, 2, 2] },
    fcr: { resolved: 9, firstContact: 6, rate: 6 / 9 },
    reopen: { resolved: 9, reopened: 1, rate: 1 / 9 },
    problems: { resolved: 2, timeToResolve: { count: 2, meanMs: 30 * HOUR, medianMs: 30 * HOUR } },
    changes: {
      closed: 4,
      byCode: [
        { code: 'successful', count: 3 },
        { code: 'rolled_back', count: 1 },
      ],
      successful: 3,
      rate: 0.75,
    },
    assets: {
      total: 10,
      byState: [
        { state: 'deployed', count: 7 },
        { state: 'in_stock', count: 3 },
      ],
    },
    audits: {
      closed: 1,
      expected: 20,
      found: 19,
      rate: 0.95,
      list: [{ id: 'a1', name: '@HQ floor 2', closedAt: Date.UTC(2026, 10, 3, 15), expected: 20, found: 19 }],
    },
  };
}

function emptyDashboard(): Dashboard {
  const none = { count: 0, meanMs: null, medianMs: null };
  const compliance = { met: 0, breached: 0, inProgress: 0, rate: null };
  const d = fixture();
  return {
    ...d,
    volume: {
      opened: 0,
      resolved: 0,
      series: d.volume.series.map((p) => ({ ...p, opened: 0, resolved: 0 })),
    },
    backlog: {
      total: 0,
      byPriority: d.backlog.byPriority.map((p) => ({ ...p, count: 0 })),
      byAge: d.backlog.byAge.map((a) => ({ ...a, count: 0 })),
      matrix: d.backlog.matrix.map((row) => row.map(() => 0)),
    },
    resolutionTime: none,
    firstResponse: none,
    sla: { response: compliance, resolution: compliance },
    csat: { answers: 0, satisfied: 0, share: null, mean: null, byScore: [0, 0, 0, 0, 0] },
    fcr: { resolved: 0, firstContact: 0, rate: null },
    reopen: { resolved: 0, reopened: 0, rate: null },
    problems: { resolved: 0, timeToResolve: none },
    changes: { closed: 0, byCode: [], successful: 0, rate: null },
    assets: { total: 0, byState: [] },
    audits: { closed: 0, expected: 0, found: 0, rate: null, list: [] },
  };
}

const META: ReportMeta = {
  title: 'Service desk report',
  periodLabel: 'Custom dates: 2 Nov 2026 – 4 Nov 2026',
  filters: [
    { label: 'Kinds', value: 'Incident, Request' },
    { label: 'Groups', value: '+Ops' },
    { label: 'Assignees', value: '@Sam' },
    { label: 'Categories', value: '-Hardware' },
  ],
  generatedAt: Date.UTC(2026, 10, 5, 9, 7),
  timeZone: TZ,
};

const HEADER_LINES = [
  'Service desk report',
  'Period,Custom dates: 2 Nov 2026 – 4 Nov 2026',
  'Generated at,2026-11-05 09:07',
  'Time zone,Europe/London',
  'Kinds,"Incident, Request"',
  "Groups,'+Ops",
  "Assignees,'@Sam",
  "Categories,'-Hardware",
];

const SUMMARY_LINES = [
  'KPI summary',
  'Figure,Value,Unit',
  'Tickets opened,12,tickets',
  'Tickets resolved,9,tickets',
  'Open backlog,7,tickets',
  'Mean resolution time,3.5,business hours',
  'Median resolution time,2.2,business hours',
  'Mean first response,0.5,business hours',
  'Median first response,0.3,business hours',
  'SLA response met,8,tickets',
  'SLA response breached,2,tickets',
  'SLA response in progress,1,tickets',
  'SLA response compliance,80.0,%',
  'SLA resolution met,7,tickets',
  'SLA resolution breached,1,tickets',
  'SLA resolution in progress,2,tickets',
  'SLA resolution compliance,87.5,%',
  'Satisfaction answers,6,answers',
  'Satisfied (4–5),66.7,%',
  'Mean satisfaction score,3.67,of 5',
  'First-contact resolution,66.7,%',
  'Reopen rate,11.1,%',
  'Problems resolved,2,problems',
  'Mean time to resolve problems,30.0,business hours',
  'Changes closed,4,changes',
  'Change success rate,75.0,%',
  'Assets,10,assets',
  'Audits closed,1,audits',
  'Audit found rate,95.0,%',
];

const SERIES_LINES = [
  'Opened vs resolved',
  'Bucket,Bucket start,Opened,Resolved',
  'Mon 2 Nov,2026-11-02,5,2',
  'Tue 3 Nov,2026-11-03,4,3',
  'Wed 4 Nov,2026-11-04,3,4',
];

const DETAIL_LINES = [
  'Backlog by priority and age',
  'Priority,< 1 day,1–3 days,3–7 days,7–30 days,> 30 days,Total',
  'P1 Critical,1,0,0,0,0,1',
  'P2 High,0,2,0,0,0,2',
  'P3 Moderate,1,1,1,0,0,3',
  'P4 Low,0,0,0,1,0,1',
  'P5 Planning,0,0,0,0,0,0',
  'Total,2,3,1,1,0,7',
  '',
  'Satisfaction by score',
  'Score,Answers,Share (%)',
  '1,1,16.7',
  '2,0,0.0',
  '3,1,16.7',
  '4,2,33.3',
  '5,2,33.3',
  '',
  'Change outcomes',
  'Outcome,Code,Changes',
  'Successful,successful,3',
  'Rolled back,rolled_back,1',
  '',
  'Assets by lifecycle state',
  'State,Assets',
  'Deployed,7',
  'In stock,3',
  '',
  'Audits',
  'Audit,Closed,Expected,Found,Found rate (%)',
  "'@HQ floor 2,2026-11-03,20,19,95.0",
];

function lines(csv: string): string[] {
  expect(csv.endsWith('\r\n')).toBe(true);
  return csv.slice(0, -2).split('\r\n');
}

describe('formatting', () => {
  it('writes hours with one decimal and a dash for no value', () => {
    expect(formatHours(null)).toBe('—');
    expect(formatHours(3.5 * HOUR)).toBe('3.5 h');
    expect(formatHours(90 * 60_000)).toBe('1.5 h');
    expect(formatHours(0)).toBe('0.0 h');
    expect(formatHours(100 * HOUR + 6 * 60_000)).toBe('100.1 h');
  });

  it('writes rates as percentages with one decimal', () => {
    expect(formatRate(null)).toBe('—');
    expect(formatRate(0.875)).toBe('87.5 %');
    expect(formatRate(1)).toBe('100.0 %');
    expect(formatRate(0)).toBe('0.0 %');
    expect(formatRate(2 / 3)).toBe('66.7 %');
  });

  it('labels buckets in the report zone', () => {
    expect(bucketLabel(FROM, 'day', TZ)).toBe('Mon 2 Nov');
    expect(bucketLabel(FROM, 'week', TZ)).toBe('Week of 2 Nov');
    expect(bucketLabel(FROM, 'month', TZ)).toBe('Nov 2026');
    // 23:30 UTC on Sunday 1 Nov is already Monday in Tokyo (UTC+9), still Sunday in New York.
    const lateSunday = Date.UTC(2026, 10, 1, 23, 30);
    expect(bucketLabel(lateSunday, 'day', 'Asia/Tokyo')).toBe('Mon 2 Nov');
    expect(bucketLabel(lateSunday, 'day', 'America/New_York')).toBe('Sun 1 Nov');
    // 23:30 UTC on 31 Oct is 00:30 on 1 Nov in Berlin (UTC+1 after 25 Oct).
    const lateOctober = Date.UTC(2026, 9, 31, 23, 30);
    expect(bucketLabel(lateOctober, 'month', 'Europe/Berlin')).toBe('Nov 2026');
    expect(bucketLabel(lateOctober, 'month', 'UTC')).toBe('Oct 2026');
    expect(axisLabel(FROM, 'week', TZ)).toBe('2 Nov');
    expect(axisLabel(FROM, 'month', TZ)).toBe('Nov 2026');
  });

  it('falls back to UTC for a zone the runtime does not know', () => {
    expect(bucketLabel(Date.UTC(2026, 10, 1, 23, 30), 'day', 'Not/AZone')).toBe('Sun 1 Nov');
  });

  it('writes readable dates and times', () => {
    expect(readableDateTime(Date.UTC(2026, 10, 5, 9, 7), TZ)).toBe('5 Nov 2026, 09:07');
    // 23:15 UTC on 5 Nov is 00:15 on 6 Nov in Berlin.
    expect(readableDateTime(Date.UTC(2026, 10, 5, 23, 15), 'Europe/Berlin')).toBe('6 Nov 2026, 00:15');
    expect(readableDate(Date.UTC(2026, 10, 5, 23, 15), 'Europe/Berlin')).toBe('6 Nov 2026');
  });

  it('has a short label for every age bucket', () => {
    expect(Object.values(AGE_LABELS)).toEqual(['< 1 day', '1–3 days', '3–7 days', '7–30 days', '> 30 days']);
  });
});

describe('dashboardCsv', () => {
  it('writes the header block and every section, separated by blank rows', () => {
    const csv = dashboardCsv(fixture(), META);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(lines(csv.slice(1))).toEqual([
      ...HEADER_LINES,
      '',
      ...SUMMARY_LINES,
      '',
      ...SERIES_LINES,
      '',
      ...DETAIL_LINES,
    ]);
  });

  it('escapes formulas in user text and quotes delimiters, quotes and line breaks', () => {
    const meta: ReportMeta = {
      ...META,
      filters: [
        { label: 'Categories', value: '=HYPERLINK("x")' },
        { label: 'Groups', value: 'Ops "EU"\nNight' },
      ],
    };
    const out = lines(dashboardCsv(fixture(), meta).slice(1));
    expect(out[4]).toBe('Categories,"\'=HYPERLINK(""x"")"');
    // Only CRLF ends a record; the LF inside the value stays inside its quotes.
    expect(out[5]).toBe('Groups,"Ops ""EU""\nNight"');
    expect(out[6]).toBe('');
  });

  it('reads back with parseCsv into the same cells', () => {
    const meta: ReportMeta = {
      ...META,
      filters: [...META.filters, { label: 'Categories', value: '=HYPERLINK("x"), a;b\r\nc' }],
    };
    const csv = dashboardCsv(fixture(), meta);
    const { records, summary } = parseCsv(csv, ',');
    expect(summary.issues).toEqual([]);
    const cells = records.map((r) => r.fields.map(unescapeFormula));
    expect(cells.slice(0, 9)).toEqual([
      ['Service desk report'],
      ['Period', 'Custom dates: 2 Nov 2026 – 4 Nov 2026'],
      ['Generated at', '2026-11-05 09:07'],
      ['Time zone', 'Europe/London'],
      ['Kinds', 'Incident, Request'],
      ['Groups', '+Ops'],
      ['Assignees', '@Sam'],
      ['Categories', '-Hardware'],
      ['Categories', '=HYPERLINK("x"), a;b\r\nc'],
    ]);
    expect(cells[cells.length - 1]).toEqual(['@HQ floor 2', '2026-11-03', '20', '19', '95.0']);
    // Every record written again gives the file back, blank separator rows aside.
    const rewritten = cells.map((c) => csvLine(c)).join('\r\n');
    expect(rewritten).toBe(
      csv
        .slice(1, -2)
        .split('\r\n')
        .filter((l) => l !== '')
        .join('\r\n'),
    );
  });

  it('writes a dash for rates and durations of an empty dashboard, zero for counts', () => {
    const out = lines(dashboardCsv(emptyDashboard(), { ...META, filters: [] }).slice(1));
    const start = out.indexOf('KPI summary');
    expect(out.slice(start, start + 29)).toEqual([
      'KPI summary',
      'Figure,Value,Unit',
      'Tickets opened,0,tickets',
      'Tickets resolved,0,tickets',
      'Open backlog,0,tickets',
      'Mean resolution time,—,business hours',
      'Median resolution time,—,business hours',
      'Mean first response,—,business hours',
      'Median first response,—,business hours',
      'SLA response met,0,tickets',
      'SLA response breached,0,tickets',
      'SLA response in progress,0,tickets',
      'SLA response compliance,—,%',
      'SLA resolution met,0,tickets',
      'SLA resolution breached,0,tickets',
      'SLA resolution in progress,0,tickets',
      'SLA resolution compliance,—,%',
      'Satisfaction answers,0,answers',
      'Satisfied (4–5),—,%',
      'Mean satisfaction score,—,of 5',
      'First-contact resolution,—,%',
      'Reopen rate,—,%',
      'Problems resolved,0,problems',
      'Mean time to resolve problems,—,business hours',
      'Changes closed,0,changes',
      'Change success rate,—,%',
      'Assets,0,assets',
      'Audits closed,0,audits',
      'Audit found rate,—,%',
    ]);
    expect(out).toContain('1,0,—');
    expect(out.slice(-9)).toEqual([
      '',
      'Change outcomes',
      'Outcome,Code,Changes',
      '',
      'Assets by lifecycle state',
      'State,Assets',
      '',
      'Audits',
      'Audit,Closed,Expected,Found,Found rate (%)',
    ]);
  });
});
