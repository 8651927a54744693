/**
 * Report periods and series buckets in the team's time zone: "this month" and each day of a
 * chart start at local midnight, so a ticket resolved at 00:30 in London on the 1st counts in
 * the new month whatever the device's own zone is.
 */
import { localDateOf, localMidnight } from '../calendar';
import type { Granularity, Period, PeriodPreset } from './model';

export const PERIOD_LABELS: Readonly<Record<PeriodPreset, string>> = {
  last7: 'Last 7 days',
  last30: 'Last 30 days',
  last90: 'Last 90 days',
  thisMonth: 'This month',
  lastMonth: 'Last month',
  thisQuarter: 'This quarter',
  last12Months: 'Last 12 months',
  custom: 'Custom dates',
};

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDate(value: string): [number, number, number] | null {
  const m = ISO_DATE.exec(value);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
  return [y, mo, d];
}

export type PeriodResult = { ok: true; period: Period } | { ok: false; error: string };

/**
 * A preset ending today (whole local days up to the end of today), or custom local dates with
 * both ends included.
 */
export function periodOf(
  preset: PeriodPreset,
  now: number,
  timeZone: string,
  custom: { from: string; to: string } = { from: '', to: '' },
): PeriodResult {
  const today = localDateOf(timeZone, now);
  const day = (offset: number): number =>
    localMidnight(timeZone, today.year, today.month, today.day + offset);
  const month = (offset: number): number => localMidnight(timeZone, today.year, today.month + offset, 1);
  const tomorrow = day(1);
  switch (preset) {
    case 'last7':
      return { ok: true, period: { from: day(-6), to: tomorrow } };
    case 'last30':
      return { ok: true, period: { from: day(-29), to: tomorrow } };
    case 'last90':
      return { ok: true, period: { from: day(-89), to: tomorrow } };
    case 'thisMonth':
      return { ok: true, period: { from: month(0), to: month(1) } };
    case 'lastMonth':
      return { ok: true, period: { from: month(-1), to: month(0) } };
    case 'thisQuarter': {
      const first = today.month - ((today.month - 1) % 3);
      const start = localMidnight(timeZone, today.year, first, 1);
      return { ok: true, period: { from: start, to: localMidnight(timeZone, today.year, first + 3, 1) } };
    }
    case 'last12Months':
      return { ok: true, period: { from: month(-11), to: month(1) } };
    case 'custom': {
      const from = parseDate(custom.from);
      const to = parseDate(custom.to);
      if (!from || !to) return { ok: false, error: 'Enter both dates as YYYY-MM-DD.' };
      const start = localMidnight(timeZone, ...from);
      const end = localMidnight(timeZone, to[0], to[1], to[2] + 1);
      if (end <= start) return { ok: false, error: 'The end date must not be before the start date.' };
      if (end - start > 3 * 366 * 86_400_000) return { ok: false, error: 'Choose at most three years.' };
      return { ok: true, period: { from: start, to: end } };
    }
  }
}

/** Days up to a month, weeks up to about four months, months beyond. */
export function defaultGranularity(period: Period): Granularity {
  const days = (period.to - period.from) / 86_400_000;
  if (days <= 32) return 'day';
  if (days <= 125) return 'week';
  return 'month';
}

/**
 * Bucket starts covering the period, plus the period's end as the last boundary. Weeks start
 * on Monday; the first and last buckets are clipped to the period.
 */
export function bucketBounds(period: Period, granularity: Granularity, timeZone: string): number[] {
  const bounds = [period.from];
  const first = localDateOf(timeZone, period.from);
  let { year, month, day } = first;
  if (granularity === 'week') day -= (first.weekday + 6) % 7;
  if (granularity === 'month') day = 1;
  for (let guard = 0; guard < 2000; guard++) {
    if (granularity === 'day') day += 1;
    else if (granularity === 'week') day += 7;
    else month += 1;
    const next = localMidnight(timeZone, year, month, day);
    if (next >= period.to) break;
    if (next > period.from) bounds.push(next);
    // Keep the date parts normal so month arithmetic does not drift through day overflow.
    ({ year, month, day } = localDateOf(timeZone, next));
  }
  bounds.push(period.to);
  return bounds;
}

/** Index of the bucket holding `t` (bounds as from bucketBounds), or -1 outside the period. */
export function bucketIndex(bounds: readonly number[], t: number): number {
  if (t < (bounds[0] ?? 0) || t >= (bounds[bounds.length - 1] ?? 0)) return -1;
  let lo = 0;
  let hi = bounds.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((bounds[mid] ?? 0) <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
