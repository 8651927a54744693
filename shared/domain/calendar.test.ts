import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ALWAYS_ON,
  addWorkingMs,
  officeHours,
  validateCalendar,
  workingMsBetween,
  type BusinessCalendar,
  type WorkingInterval,
} from './calendar';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const utc = (iso: string): number => Date.parse(iso);

/** Every day 09:00-17:00, so the weekend clock changes in Europe and America fall inside. */
const dailyNineToFive = (timeZone: string): BusinessCalendar => ({
  timeZone,
  week: Array.from({ length: 7 }, () => [[540, 1020] as WorkingInterval]),
  holidays: [],
});

/** Whole days, but not ALWAYS_ON (a holiday far away), so the zone arithmetic is exercised. */
const wholeDays = (timeZone: string): BusinessCalendar => ({
  timeZone,
  week: Array.from({ length: 7 }, () => [[0, 1440] as WorkingInterval]),
  holidays: ['1999-01-01'],
});

/** Independent reference: is the office clock showing a working time at `instant`? */
const referenceFormats = new Map<string, Intl.DateTimeFormat>();
const referenceFormat = (timeZone: string): Intl.DateTimeFormat =>
  referenceFormats.get(timeZone) ??
  referenceFormats
    .set(
      timeZone,
      new Intl.DateTimeFormat('en-CA', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        weekday: 'short',
      }),
    )
    .get(timeZone)!;

function isWorkingMinute(calendar: BusinessCalendar, instant: number): boolean {
  const parts = referenceFormat(calendar.timeZone).formatToParts(instant);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  const date = `${get('year')}-${get('month')}-${get('day')}`;
  if (calendar.holidays.includes(date)) return false;
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday'));
  const minute = Number(get('hour')) * 60 + Number(get('minute'));
  return (calendar.week[weekday] ?? []).some(([s, e]) => minute >= s && minute < e);
}

describe('workingMsBetween', () => {
  const london = officeHours('Europe/London', ['2026-12-25']);

  it('counts plain elapsed time on ALWAYS_ON', () => {
    expect(workingMsBetween(ALWAYS_ON, 1000, 1000 + 5 * DAY + 7)).toBe(5 * DAY + 7);
    expect(workingMsBetween(ALWAYS_ON, 5000, 1000)).toBe(0);
  });

  it('counts only office hours, in local time', () => {
    // Monday 2026-06-01, London is on BST (UTC+1): 09:00 local = 08:00Z.
    expect(workingMsBetween(london, utc('2026-06-01T06:00:00Z'), utc('2026-06-01T20:00:00Z'))).toBe(8 * HOUR);
    expect(workingMsBetween(london, utc('2026-06-01T07:00:00Z'), utc('2026-06-01T09:00:00Z'))).toBe(HOUR);
    // Friday 16:00 local to Monday 10:00 local: 1 h + 1 h.
    expect(workingMsBetween(london, utc('2026-06-05T15:00:00Z'), utc('2026-06-08T09:00:00Z'))).toBe(2 * HOUR);
  });

  it('skips holidays', () => {
    // Thu 24 Dec 09:00 to Mon 28 Dec 09:00 (GMT): only Thursday counts; Friday is Christmas.
    expect(workingMsBetween(london, utc('2026-12-24T09:00:00Z'), utc('2026-12-28T09:00:00Z'))).toBe(8 * HOUR);
    expect(
      workingMsBetween(
        officeHours('Europe/London'),
        utc('2026-12-24T09:00:00Z'),
        utc('2026-12-28T09:00:00Z'),
      ),
    ).toBe(16 * HOUR);
  });

  it.each([
    // zone, local date, its 00:00 and 09:00 local and the next 00:00 local as UTC, hours in the day
    ['Europe/London', '2026-03-29', '2026-03-29T00:00Z', '2026-03-29T08:00Z', '2026-03-29T23:00Z', 23],
    ['Europe/London', '2026-10-25', '2026-10-24T23:00Z', '2026-10-25T09:00Z', '2026-10-26T00:00Z', 25],
    ['America/New_York', '2026-03-08', '2026-03-08T05:00Z', '2026-03-08T13:00Z', '2026-03-09T04:00Z', 23],
    ['America/New_York', '2026-11-01', '2026-11-01T04:00Z', '2026-11-01T14:00Z', '2026-11-02T05:00Z', 25],
  ])(
    'keeps 09:00-17:00 at 8 h on the clock change in %s on %s',
    (zone, date, midnight, nineLocal, next, hours) => {
      const day = dailyNineToFive(zone);
      const start = utc(nineLocal);
      expect(workingMsBetween(day, start - 2 * HOUR, start + 10 * HOUR)).toBe(8 * HOUR);
      expect(addWorkingMs(day, start, 8 * HOUR)).toBe(start + 8 * HOUR);
      // Around the clock, the same local day really is 23 or 25 hours long.
      const whole = wholeDays(zone);
      expect(workingMsBetween(whole, utc(midnight), utc(next))).toBe(hours * HOUR);
      expect(addWorkingMs(whole, utc(midnight), hours * HOUR)).toBe(utc(next));
      expect(new Date(utc(nineLocal)).toISOString().slice(0, 10)).toBe(date);
    },
  );

  it('ends a working interval inside the skipped hour at the jump', () => {
    // London, 29 Mar 2026: 01:00 GMT becomes 02:00 BST at 01:00Z. 01:00-02:30 local is 30 min.
    const night: BusinessCalendar = {
      timeZone: 'Europe/London',
      week: Array(7).fill([[60, 150]]),
      holidays: [],
    };
    expect(workingMsBetween(night, utc('2026-03-28T12:00:00Z'), utc('2026-03-29T12:00:00Z'))).toBe(30 * MIN);
    // 25 Oct 2026: 01:30-02:00 local happens twice (00:30Z BST and 01:30Z GMT).
    const repeat: BusinessCalendar = {
      timeZone: 'Europe/London',
      week: Array(7).fill([[90, 120]]),
      holidays: [],
    };
    expect(workingMsBetween(repeat, utc('2026-10-24T12:00:00Z'), utc('2026-10-25T12:00:00Z'))).toBe(60 * MIN);
  });

  it('matches a minute-by-minute reading of the office clock', () => {
    const zones = ['Europe/London', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'UTC'];
    const interval = fc
      .tuple(fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 1, max: 600 }))
      .map(([s, len]): WorkingInterval => [s, Math.min(1440, s + len)]);
    const calendarArb = fc.record({
      timeZone: fc.constantFrom(...zones),
      week: fc.array(fc.array(interval, { maxLength: 2 }), { minLength: 7, maxLength: 7 }),
      holidays: fc.constant(['2026-03-29', '2026-11-02']),
    });
    // Start minutes around the 2026 clock changes, so they are hit often.
    const starts = ['2026-03-07', '2026-03-28', '2026-10-24', '2026-10-31', '2026-04-04'].map((d) =>
      utc(`${d}T00:00:00Z`),
    );
    fc.assert(
      fc.property(
        calendarArb,
        fc.constantFrom(...starts),
        fc.integer({ min: 0, max: 48 * 60 }),
        (cal, base, offset) => {
          const from = base + offset * MIN;
          const to = from + DAY + 12 * HOUR;
          let expected = 0;
          for (let t = from; t < to; t += MIN) if (isWorkingMinute(cal, t)) expected += MIN;
          expect(workingMsBetween(cal, from, to)).toBe(expected);
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('addWorkingMs', () => {
  const nyc = officeHours('America/New_York', ['2026-07-03']);

  it('lands a deadline on the end of a working day, not the next morning', () => {
    // Fri 2026-06-05 13:00 EDT + 4 h = 17:00 EDT (21:00Z).
    expect(addWorkingMs(nyc, utc('2026-06-05T17:00:00Z'), 4 * HOUR)).toBe(utc('2026-06-05T21:00:00Z'));
    expect(addWorkingMs(nyc, utc('2026-06-05T17:00:00Z'), 4 * HOUR + 1)).toBe(
      utc('2026-06-08T13:00:00Z') + 1,
    );
  });

  it('starts counting at the next opening when asked outside hours, and skips holidays', () => {
    // Thu 2 Jul 20:00 EDT + 1 h: Friday 3 Jul is a holiday, so Monday 6 Jul 10:00 EDT.
    expect(addWorkingMs(nyc, utc('2026-07-03T00:00:00Z'), HOUR)).toBe(utc('2026-07-06T14:00:00Z'));
  });

  it('returns the start for no time', () => {
    expect(addWorkingMs(nyc, 123, 0)).toBe(123);
  });

  it('refuses a calendar that never works rather than looping', () => {
    const never: BusinessCalendar = { timeZone: 'UTC', week: Array(7).fill([]), holidays: [] };
    expect(() => addWorkingMs(never, 0, 1)).toThrow(RangeError);
  });

  it('is undone by workingMsBetween', () => {
    const zones = ['Europe/London', 'America/New_York', 'Australia/Sydney'];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: utc('2025-01-01T00:00:00Z'), max: utc('2028-01-01T00:00:00Z') }),
        fc.integer({ min: 0, max: 90 * DAY }),
        (zone, from, ms) => {
          const cal = officeHours(zone, ['2026-12-25', '2027-01-01']);
          const due = addWorkingMs(cal, from, ms);
          expect(workingMsBetween(cal, from, due)).toBe(ms);
          // Earliest such instant: a moment earlier, the time was not yet all there.
          if (ms > 0) expect(workingMsBetween(cal, from, due - 1)).toBe(ms - 1);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('validateCalendar', () => {
  const good = {
    timeZone: 'Europe/London',
    week: [[], [[540, 1020]], [], [], [], [], []],
    holidays: ['2026-12-25'],
  };

  it('accepts a well-formed calendar and sorts its parts', () => {
    const result = validateCalendar({
      ...good,
      week: [
        [],
        [
          [780, 1020],
          [540, 720],
        ],
        [],
        [],
        [],
        [],
        [],
      ],
    });
    expect(result).toEqual({
      ok: true,
      calendar: {
        ...good,
        week: [
          [],
          [
            [540, 720],
            [780, 1020],
          ],
          [],
          [],
          [],
          [],
          [],
        ],
      },
    });
  });

  it.each([
    ['not an object', null],
    ['an unknown zone', { ...good, timeZone: 'Mars/Olympus' }],
    ['six days', { ...good, week: good.week.slice(1) }],
    ['an inverted interval', { ...good, week: [[], [[1020, 540]], [], [], [], [], []] }],
    ['minutes past midnight', { ...good, week: [[], [[540, 1500]], [], [], [], [], []] }],
    ['fractional minutes', { ...good, week: [[], [[540.5, 1020]], [], [], [], [], []] }],
    [
      'overlapping intervals',
      {
        ...good,
        week: [
          [],
          [
            [540, 800],
            [700, 1020],
          ],
          [],
          [],
          [],
          [],
          [],
        ],
      },
    ],
    ['no working time', { ...good, week: [[], [], [], [], [], [], []] }],
    ['an impossible holiday', { ...good, holidays: ['2026-02-30'] }],
    ['a badly written holiday', { ...good, holidays: ['25/12/2026'] }],
  ])('rejects %s', (_name, value) => {
    const result = validateCalendar(value);
    expect(result.ok).toBe(false);
  });
});

describe('overlapping working intervals', () => {
  // Decision: a stored calendar with overlapping intervals is rejected by validateCalendar (the
  // settings form names the overlap); a calendar built in code is merged, so an overlap can
  // never count the same minute twice.
  const merge = (day: readonly WorkingInterval[]): WorkingInterval[] => {
    const covered = new Set<number>();
    for (const [s, e] of day) for (let m = s; m < e; m++) covered.add(m);
    const out: [number, number][] = [];
    for (let m = 0; m < 1440; m++) {
      if (!covered.has(m)) continue;
      const last = out[out.length - 1];
      if (last && last[1] === m) last[1] = m + 1;
      else out.push([m, m + 1]);
    }
    return out;
  };
  const interval = fc
    .tuple(fc.integer({ min: 0, max: 1380 }), fc.integer({ min: 1, max: 600 }))
    .map(([s, len]): WorkingInterval => [s, Math.min(1440, s + len)]);

  it('counts an overlap once, exactly like the merged calendar', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('Europe/London', 'America/New_York'),
        fc.array(fc.array(interval, { minLength: 1, maxLength: 4 }), { minLength: 7, maxLength: 7 }),
        fc.integer({ min: utc('2026-03-01T00:00:00Z'), max: utc('2026-11-15T00:00:00Z') }),
        fc.integer({ min: 0, max: 20 * DAY }),
        (timeZone, week, from, span) => {
          const overlapping: BusinessCalendar = { timeZone, week, holidays: [] };
          const merged: BusinessCalendar = { timeZone, week: week.map(merge), holidays: [] };
          expect(workingMsBetween(overlapping, from, from + span)).toBe(
            workingMsBetween(merged, from, from + span),
          );
          expect(addWorkingMs(overlapping, from, span)).toBe(addWorkingMs(merged, from, span));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('is refused in stored calendars, while touching intervals are fine', () => {
    const week = (day: WorkingInterval[]) => [[], day, [], [], [], [], []];
    const overlap = validateCalendar({
      timeZone: 'UTC',
      week: week([
        [540, 800],
        [780, 1020],
      ]),
      holidays: [],
    });
    expect(overlap).toEqual({ ok: false, error: 'The working intervals for Monday overlap.' });
    const touching = validateCalendar({
      timeZone: 'UTC',
      week: week([
        [540, 720],
        [720, 1020],
      ]),
      holidays: [],
    });
    expect(touching.ok).toBe(true);
  });
});
