/**
 * Business calendars: when the service desk is working, in the team's local wall-clock time.
 * SLA clocks only advance inside working intervals, so "09:00-17:00" must mean 09:00-17:00 on
 * the office clock on every day of the year, including the days the clocks change.
 *
 * Time-zone maths uses ECMAScript Intl only (no Node, no DOM). Calendars are plain data because
 * they are stored as settings and synced from other devices; `validateCalendar` guards them.
 */

/** Working intervals as minutes from local midnight, e.g. [540, 1020] = 09:00-17:00. */
export type WorkingInterval = readonly [start: number, end: number];

export interface BusinessCalendar {
  /** IANA zone, e.g. 'Europe/London'. */
  timeZone: string;
  /** Index 0 = Sunday .. 6 = Saturday. */
  week: readonly (readonly WorkingInterval[])[];
  /** Local dates 'YYYY-MM-DD' with no working time at all. */
  holidays: readonly string[];
}

const MINUTE = 60_000;
const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTES_PER_DAY = 1440;

/** Round the clock, every day. Used by the most urgent priorities and as the safe fallback. */
export const ALWAYS_ON: BusinessCalendar = Object.freeze({
  timeZone: 'UTC',
  week: Object.freeze(
    Array.from({ length: 7 }, () => Object.freeze([Object.freeze([0, MINUTES_PER_DAY] as const)])),
  ),
  holidays: Object.freeze([]),
}) as BusinessCalendar;

/** Monday to Friday, 09:00-17:00 local time: the default office hours (an 8-hour business day). */
export function officeHours(timeZone: string, holidays: readonly string[] = []): BusinessCalendar {
  const day: WorkingInterval[] = [[540, 1020]];
  return { timeZone, week: [[], day, day, day, day, day, []], holidays: holidays.slice() };
}

// ---------------------------------------------------------------------------------------------
// Time-zone offsets

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Creating a formatter is far slower than using one, so each zone gets exactly one. */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

function partsOf(format: Intl.DateTimeFormat, instant: number): number[] {
  const parts = format.formatToParts(instant);
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  return [get('month'), get('day'), get('year'), get('hour'), get('minute'), get('second')];
}

/** Local wall-clock minus UTC at `instant`, in ms (e.g. +3 600 000 for London in summer). */
function zoneOffset(format: Intl.DateTimeFormat, instant: number): number {
  // format() and a fixed pattern are several times faster than formatToParts(); the en-US
  // numeric h23 layout is fixed ("3/29/2026, 01:00:00"), and formatToParts stays the fallback.
  const m = /^(\d+)\/(\d+)\/(\d+),? (\d+):(\d+):(\d+)$/.exec(format.format(instant));
  const fields = m === null ? partsOf(format, instant) : m.slice(1).map(Number);
  const [month = 1, day = 1, year = 1970, hour = 0, minute = 0, second = 0] = fields;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  // Offsets are whole seconds; drop the instant's milliseconds so they do not leak in.
  return wall - (instant - (((instant % 1000) + 1000) % 1000));
}

// ---------------------------------------------------------------------------------------------
// Compiled calendars: per-day working spans as instants, cached because list views evaluate
// hundreds of clocks over the same few weeks.

interface Compiled {
  format: Intl.DateTimeFormat;
  week: WorkingInterval[][];
  holidays: Set<string>;
  /** No holidays and every day fully working: working time is plain elapsed time. */
  alwaysOn: boolean;
  weeklyMinutes: number;
  offsets: Map<number, number>;
  days: Map<number, number[]>;
}

const CACHE_LIMIT = 20_000;
const compiledCalendars = new WeakMap<BusinessCalendar, Compiled>();

/** Sorted, merged, clamped to the day: direct callers may pass overlapping intervals. */
function normaliseDay(intervals: readonly WorkingInterval[] | undefined): WorkingInterval[] {
  const sorted = (intervals ?? [])
    .map(([s, e]) => [Math.max(0, s), Math.min(MINUTES_PER_DAY, e)] as const)
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [s, e] of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return merged;
}

function compile(calendar: BusinessCalendar): Compiled {
  let compiled = compiledCalendars.get(calendar);
  if (compiled !== undefined) return compiled;
  const week = Array.from({ length: 7 }, (_, i) => normaliseDay(calendar.week[i]));
  const weeklyMinutes = week.flat().reduce((sum, [s, e]) => sum + e - s, 0);
  compiled = {
    format: formatterFor(calendar.timeZone),
    week,
    holidays: new Set(calendar.holidays),
    alwaysOn: calendar.holidays.length === 0 && weeklyMinutes === 7 * MINUTES_PER_DAY,
    weeklyMinutes,
    offsets: new Map(),
    days: new Map(),
  };
  compiledCalendars.set(calendar, compiled);
  return compiled;
}

function offsetAt(c: Compiled, instant: number): number {
  let offset = c.offsets.get(instant);
  if (offset === undefined) {
    if (c.offsets.size >= CACHE_LIMIT) c.offsets.clear();
    offset = zoneOffset(c.format, instant);
    c.offsets.set(instant, offset);
  }
  return offset;
}

/** The instant the offset changes from `before`, searched to the second between two samples. */
function changeInstant(c: Compiled, lo: number, hi: number, before: number): number {
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (offsetAt(c, mid) === before) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * Working spans [start, end, start, end, ...] as sorted instants for local day number `day`
 * (days since 1970-01-01). An instant is working when the office clock shows a working time, so
 * on the day the clocks go back a repeated working hour counts twice, and an hour skipped when
 * they go forward does not count at all.
 */
function daySpans(c: Compiled, day: number): number[] {
  const cached = c.days.get(day);
  if (cached !== undefined) return cached;
  const wall0 = day * DAY;
  const weekday = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
  const intervals = c.holidays.has(new Date(wall0).toISOString().slice(0, 10)) ? [] : (c.week[weekday] ?? []);
  // Offsets lie within -12 h..+14 h, so samples 14 h before this local date and before the one
  // three days on bracket every instant of the day, and neighbouring days share samples. Equal
  // samples mean no clock change in between (zones never change twice within three days).
  const lo = wall0 - 14 * HOUR;
  const hi = lo + 3 * DAY;
  const before = offsetAt(c, lo);
  const after = offsetAt(c, hi);
  const change = before === after ? hi : changeInstant(c, lo, hi, before);
  const pieces: [number, number][] = [];
  for (const [s, e] of intervals) {
    // Before the change the wall clock reads instant + before; from it on, instant + after.
    pieces.push([wall0 + s * MINUTE - before, Math.min(wall0 + e * MINUTE - before, change)]);
    pieces.push([Math.max(wall0 + s * MINUTE - after, change), wall0 + e * MINUTE - after]);
  }
  pieces.sort((x, y) => x[0] - y[0]);
  const spans: number[] = [];
  for (const [start, end] of pieces) {
    if (end <= start) continue;
    if (spans.length > 0 && spans[spans.length - 1] === start) spans[spans.length - 1] = end;
    else spans.push(start, end);
  }
  if (c.days.size >= CACHE_LIMIT) c.days.clear();
  c.days.set(day, spans);
  return spans;
}

/**
 * A local day no later than the one holding `instant` (offsets are at least -12 h). Starting a
 * walk a day early costs one cached lookup and saves a zone query per call.
 */
function firstDay(instant: number): number {
  return Math.floor((instant - 12 * HOUR) / DAY);
}

// ---------------------------------------------------------------------------------------------
// Working-time arithmetic

/** Working time in ms between two instants; 0 when `toMs` is not after `fromMs`. */
export function workingMsBetween(calendar: BusinessCalendar, fromMs: number, toMs: number): number {
  if (!(toMs > fromMs)) return 0;
  const c = compile(calendar);
  if (c.alwaysOn) return toMs - fromMs;
  let total = 0;
  // A local day cannot start more than 14 h before its UTC date, which bounds the walk.
  for (let day = firstDay(fromMs); day * DAY - 14 * HOUR < toMs; day++) {
    const spans = daySpans(c, day);
    for (let i = 0; i < spans.length; i += 2) {
      const start = Math.max(spans[i] ?? 0, fromMs);
      const end = Math.min(spans[i + 1] ?? 0, toMs);
      if (end > start) total += end - start;
    }
  }
  return total;
}

/**
 * The earliest instant by which `ms` of working time has elapsed after `fromMs`: a deadline
 * lands on the end of a working interval rather than on the next morning, so "due 17:00 Friday".
 */
export function addWorkingMs(calendar: BusinessCalendar, fromMs: number, ms: number): number {
  if (!(ms > 0)) return fromMs;
  const c = compile(calendar);
  if (c.alwaysOn) return fromMs + ms;
  // validateCalendar rejects such calendars; a direct caller would otherwise loop forever.
  if (c.weeklyMinutes === 0) throw new RangeError('The calendar has no working time.');
  let remaining = ms;
  for (let day = firstDay(fromMs); ; day++) {
    const spans = daySpans(c, day);
    for (let i = 0; i < spans.length; i += 2) {
      const start = Math.max(spans[i] ?? 0, fromMs);
      const end = spans[i + 1] ?? 0;
      if (end <= start) continue;
      if (remaining <= end - start) return start + remaining;
      remaining -= end - start;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Validation of calendars read from settings

export type CalendarResult = { ok: true; calendar: BusinessCalendar } | { ok: false; error: string };

const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Whether this device's Intl data knows the IANA zone `value`. */
export function isTimeZone(value: unknown): value is string {
  if (typeof value !== 'string' || value === '') return false;
  try {
    formatterFor(value);
    return true;
  } catch {
    return false; // RangeError: the zone is unknown to this device's Intl data
  }
}

/** A real calendar date written YYYY-MM-DD. */
export function isLocalDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function validateDay(
  value: unknown,
  name: string,
): { ok: true; day: WorkingInterval[] } | { ok: false; error: string } {
  if (!Array.isArray(value))
    return { ok: false, error: `The hours for ${name} must be a list of intervals.` };
  const day: WorkingInterval[] = [];
  for (const interval of value as unknown[]) {
    const [s, e] = Array.isArray(interval) && interval.length === 2 ? (interval as unknown[]) : [];
    if (
      !Number.isInteger(s) ||
      !Number.isInteger(e) ||
      (s as number) < 0 ||
      (e as number) > MINUTES_PER_DAY ||
      (s as number) >= (e as number)
    ) {
      return {
        ok: false,
        error: `Each interval for ${name} must be [start, end] in whole minutes with 0 <= start < end <= 1440.`,
      };
    }
    day.push([s as number, e as number]);
  }
  day.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < day.length; i++) {
    if ((day[i]?.[0] ?? 0) < (day[i - 1]?.[1] ?? 0)) {
      return { ok: false, error: `The working intervals for ${name} overlap.` };
    }
  }
  return { ok: true, day };
}

/**
 * Accepts a known IANA zone, exactly 7 weekdays of non-overlapping intervals and real dates as
 * holidays, and requires some working time each week: a calendar without any would never let
 * an SLA clock reach its target.
 */
export function validateCalendar(value: unknown): CalendarResult {
  if (typeof value !== 'object' || value === null)
    return { ok: false, error: 'The calendar must be an object.' };
  const { timeZone, week, holidays } = value as Record<string, unknown>;
  if (!isTimeZone(timeZone))
    return { ok: false, error: 'The calendar needs a known time zone, e.g. Europe/London.' };
  if (!Array.isArray(week) || week.length !== 7) {
    return { ok: false, error: 'The calendar week must list 7 days, Sunday first.' };
  }
  const days: WorkingInterval[][] = [];
  for (let i = 0; i < 7; i++) {
    const result = validateDay(week[i], WEEKDAY_NAMES[i] ?? '');
    if (!result.ok) return result;
    days.push(result.day);
  }
  if (days.every((d) => d.length === 0)) {
    return { ok: false, error: 'The calendar must have some working hours in the week.' };
  }
  const dates = holidays ?? [];
  if (!Array.isArray(dates) || !dates.every(isLocalDate)) {
    return { ok: false, error: 'Holidays must be real dates written YYYY-MM-DD.' };
  }
  return { ok: true, calendar: { timeZone, week: days, holidays: [...new Set(dates)].sort() } };
}

// ---------------------------------------------------------------------------------------------
// Local dates, for reports that bucket by the team's days

/** The local calendar date of `instant` in `timeZone`: year, month 1-12, day 1-31, weekday 0-6. */
export function localDateOf(
  timeZone: string,
  instant: number,
): { year: number; month: number; day: number; weekday: number } {
  const wall = new Date(instant + zoneOffset(formatterFor(timeZone), instant));
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    weekday: wall.getUTCDay(),
  };
}

/** The instant local midnight starts that date (out-of-range days roll over, as Date.UTC does). */
export function localMidnight(timeZone: string, year: number, month: number, day: number): number {
  const format = formatterFor(timeZone);
  const wall = Date.UTC(year, month - 1, day);
  // The offset at the guess can differ from the one at the answer near a DST switch: look twice.
  const guess = wall - zoneOffset(format, wall);
  return wall - zoneOffset(format, guess);
}
