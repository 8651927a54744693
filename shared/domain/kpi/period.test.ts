import { describe, expect, it } from 'vitest';
import { localDateOf, localMidnight } from '../calendar';
import { bucketBounds, bucketIndex, defaultGranularity, periodOf } from './period';

const LONDON = 'Europe/London';
const NEW_YORK = 'America/New_York';
// Sat 28 Nov 2026 12:00 UTC.
const NOW = Date.UTC(2026, 10, 28, 12);

const period = (...args: Parameters<typeof periodOf>) => {
  const result = periodOf(...args);
  if (!result.ok) throw new Error(result.error);
  return result.period;
};

describe('local dates', () => {
  it('finds local midnight on both sides of a DST switch', () => {
    // London: BST (UTC+1) until Sun 25 Oct 2026 01:00 UTC.
    expect(localMidnight(LONDON, 2026, 10, 25)).toBe(Date.UTC(2026, 9, 24, 23));
    expect(localMidnight(LONDON, 2026, 10, 26)).toBe(Date.UTC(2026, 9, 26, 0));
    // New York: EST (UTC-5) in winter, EDT (UTC-4) from 8 Mar 2026.
    expect(localMidnight(NEW_YORK, 2026, 3, 8)).toBe(Date.UTC(2026, 2, 8, 5));
    expect(localMidnight(NEW_YORK, 2026, 3, 9)).toBe(Date.UTC(2026, 2, 9, 4));
    // Days past the month's end roll over as Date.UTC does.
    expect(localMidnight(LONDON, 2026, 11, 31)).toBe(Date.UTC(2026, 11, 1));
  });

  it('reads the local date and weekday of an instant', () => {
    // 23:30 UTC on Sat 31 Oct is still Saturday in London, back on GMT by then.
    expect(localDateOf(LONDON, Date.UTC(2026, 9, 31, 23, 30))).toEqual({
      year: 2026,
      month: 10,
      day: 31,
      weekday: 6,
    });
    // 23:30 UTC on Fri 23 Oct is Saturday 24 Oct 00:30 in London (BST).
    expect(localDateOf(LONDON, Date.UTC(2026, 9, 23, 23, 30))).toEqual({
      year: 2026,
      month: 10,
      day: 24,
      weekday: 6,
    });
  });
});

describe('periodOf', () => {
  it('ends presets with today and starts them at local midnight', () => {
    expect(period('last7', NOW, LONDON)).toEqual({
      from: Date.UTC(2026, 10, 22),
      to: Date.UTC(2026, 10, 29),
    });
    // 29 days before 28 Nov is 30 Oct, after the switch back to GMT.
    expect(period('last30', NOW, LONDON).from).toBe(Date.UTC(2026, 9, 30));
    // 89 days before: 31 Aug, in summer time.
    expect(period('last90', NOW, LONDON).from).toBe(Date.UTC(2026, 7, 30, 23));
    expect(period('thisMonth', NOW, LONDON)).toEqual({
      from: Date.UTC(2026, 10, 1),
      to: Date.UTC(2026, 11, 1),
    });
    expect(period('lastMonth', NOW, LONDON)).toEqual({
      from: Date.UTC(2026, 8, 30, 23),
      to: Date.UTC(2026, 10, 1),
    });
    expect(period('thisQuarter', NOW, LONDON)).toEqual({
      from: Date.UTC(2026, 8, 30, 23),
      to: Date.UTC(2027, 0, 1),
    });
    expect(period('last12Months', NOW, LONDON)).toEqual({
      from: Date.UTC(2025, 11, 1),
      to: Date.UTC(2026, 11, 1),
    });
    // In New York it is 07:00 on the 28th.
    expect(period('last7', NOW, NEW_YORK)).toEqual({
      from: Date.UTC(2026, 10, 22, 5),
      to: Date.UTC(2026, 10, 29, 5),
    });
  });

  it('takes custom dates with both ends included, and refuses bad ones', () => {
    expect(period('custom', NOW, LONDON, { from: '2026-10-01', to: '2026-10-31' })).toEqual({
      from: Date.UTC(2026, 8, 30, 23),
      to: Date.UTC(2026, 10, 1),
    });
    expect(periodOf('custom', NOW, LONDON, { from: '2026-02-30', to: '2026-03-01' })).toMatchObject({
      ok: false,
    });
    expect(periodOf('custom', NOW, LONDON, { from: '2026-03-02', to: '2026-03-01' })).toEqual({
      ok: false,
      error: 'The end date must not be before the start date.',
    });
    expect(periodOf('custom', NOW, LONDON, { from: '', to: '2026-03-01' })).toMatchObject({ ok: false });
    expect(periodOf('custom', NOW, LONDON, { from: '2020-01-01', to: '2026-03-01' })).toMatchObject({
      ok: false,
    });
  });
});

describe('buckets', () => {
  it('picks days, weeks or months by length', () => {
    expect(defaultGranularity(period('last30', NOW, LONDON))).toBe('day');
    expect(defaultGranularity(period('last90', NOW, LONDON))).toBe('week');
    expect(defaultGranularity(period('last12Months', NOW, LONDON))).toBe('month');
  });

  it('splits days at local midnight across the DST switch', () => {
    const p = period('custom', NOW, LONDON, { from: '2026-10-24', to: '2026-10-26' });
    expect(bucketBounds(p, 'day', LONDON)).toEqual([
      Date.UTC(2026, 9, 23, 23),
      Date.UTC(2026, 9, 24, 23),
      Date.UTC(2026, 9, 26, 0),
      Date.UTC(2026, 9, 27, 0),
    ]);
  });

  it('starts weeks on Monday and clips months to the period', () => {
    // Thu 1 Oct .. Sat 31 Oct 2026: weeks start Mon 5, 12, 19, 26.
    const october = period('custom', NOW, LONDON, { from: '2026-10-01', to: '2026-10-31' });
    const weeks = bucketBounds(october, 'week', LONDON);
    expect(weeks.map((t) => localDateOf(LONDON, t).day)).toEqual([1, 5, 12, 19, 26, 1]);
    const months = bucketBounds(period('last12Months', NOW, LONDON), 'month', LONDON);
    expect(months).toHaveLength(13);
    expect(months.map((t) => localDateOf(LONDON, t).day).every((d) => d === 1)).toBe(true);
    expect(bucketIndex(months, Date.UTC(2026, 2, 31, 23, 30))).toBe(4);
    expect(bucketIndex(months, Date.UTC(2026, 11, 1))).toBe(-1);
    expect(bucketIndex(months, Date.UTC(2025, 10, 30, 23))).toBe(-1);
  });
});
