/**
 * The SLA settings as a form edits them: targets as an amount and a unit, working hours as text
 * per weekday ("09:00-12:00, 13:00-17:00"), holidays as a list of dates. `fromDraft` turns a
 * draft back into settings with an error per field, or the settings ready to store.
 */
import { isLocalDate, isTimeZone, validateCalendar, type WorkingInterval } from './calendar';
import type { Priority, TicketKind } from './model';
import { SLA_KINDS, DEFAULT_WARN_AT, type SlaPolicy } from './sla';
import {
  SLA_CALENDARS_MAX,
  SLA_CATEGORY_MAX,
  SLA_HOLIDAYS_MAX,
  SLA_ID_PATTERN,
  SLA_NAME_MAX,
  SLA_POLICIES_MAX,
  SLA_TARGET_MAX_MS,
  isRoundTheClock,
  type SlaCalendar,
  type SlaConfig,
} from './slaSettings';
import { FORM_ERROR_KEY, type FieldErrors } from './validation';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const TARGET_UNITS = ['minutes', 'hours', 'businessDays'] as const;
export type TargetUnit = (typeof TARGET_UNITS)[number];

/** A business day is 8 working hours, as in the default policies. */
export const TARGET_UNIT_MS: Readonly<Record<TargetUnit, number>> = {
  minutes: MINUTE,
  hours: HOUR,
  businessDays: 8 * HOUR,
};

export const TARGET_UNIT_LABELS: Readonly<Record<TargetUnit, string>> = {
  minutes: 'minutes',
  hours: 'hours',
  businessDays: 'business days',
};

export interface TargetDraft {
  /** As typed; a number input may hand over '' while empty. */
  amount: number | string;
  unit: TargetUnit;
}

export interface PolicyDraft {
  id: string;
  name: string;
  kinds: TicketKind[];
  priorities: Priority[];
  categories: string[];
  response: TargetDraft;
  resolution: TargetDraft;
  calendarId: string;
  /** Percent of the target, 1-99. */
  warnPercent: number | string;
}

export interface CalendarDraft {
  id: string;
  name: string;
  timeZone: string;
  /** Sunday first; one text per weekday, empty = closed. */
  hours: string[];
  /** Dates YYYY-MM-DD separated by commas, spaces or new lines. */
  holidays: string;
}

export interface SlaDraft {
  policies: PolicyDraft[];
  calendars: CalendarDraft[];
}

export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

// ---------------------------------------------------------------------------------------------
// Working hours as text

const pad = (n: number): string => String(n).padStart(2, '0');
const clock = (minutes: number): string => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;

export function formatHours(intervals: readonly WorkingInterval[]): string {
  return intervals.map(([s, e]) => `${clock(s)}-${clock(e)}`).join(', ');
}

function parseClock(text: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min > 0)) return null;
  return h * 60 + min;
}

const HOURS_HINT = 'Write hours like 09:00-17:00, several separated by commas; leave empty when closed.';

/**
 * "09:00-12:00, 13:00-17:00" -> [[540, 720], [780, 1020]], sorted. Overlapping intervals are an
 * error rather than merged: they are almost always a typo, and the stored calendar must pass
 * validateCalendar, which rejects them too.
 */
export function parseHours(
  text: string,
): { ok: true; intervals: WorkingInterval[] } | { ok: false; error: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, intervals: [] };
  const intervals: [number, number][] = [];
  for (const part of trimmed.split(',')) {
    const pieces = part.split(/[-–]/);
    const start = pieces.length === 2 ? parseClock(pieces[0] ?? '') : null;
    const end = pieces.length === 2 ? parseClock(pieces[1] ?? '') : null;
    if (start === null || end === null) return { ok: false, error: HOURS_HINT };
    if (end <= start) {
      return { ok: false, error: `${part.trim()} ends before it starts; split hours that pass midnight.` };
    }
    intervals.push([start, end]);
  }
  intervals.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < intervals.length; i++) {
    const prev = intervals[i - 1] ?? [0, 0];
    const cur = intervals[i] ?? [0, 0];
    if (cur[0] < prev[1]) {
      return { ok: false, error: `${formatHours([prev])} and ${formatHours([cur])} overlap.` };
    }
  }
  return { ok: true, intervals };
}

/** Dates separated by commas, spaces or new lines; sorted, each once. */
export function parseHolidays(text: string): { ok: true; dates: string[] } | { ok: false; error: string } {
  const words = text.split(/[\s,;]+/).filter((w) => w !== '');
  const bad = words.find((w) => !isLocalDate(w));
  if (bad !== undefined) return { ok: false, error: `"${bad}" is not a real date written YYYY-MM-DD.` };
  const dates = [...new Set(words)].sort();
  if (dates.length > SLA_HOLIDAYS_MAX) {
    return { ok: false, error: `At most ${SLA_HOLIDAYS_MAX} holidays per calendar.` };
  }
  return { ok: true, dates };
}

// ---------------------------------------------------------------------------------------------
// Settings <-> draft

/** The largest unit that states `ms` exactly; business days only on a calendar with office hours. */
export function targetToDraft(ms: number, businessDays: boolean): TargetDraft {
  if (businessDays && ms % TARGET_UNIT_MS.businessDays === 0) {
    return { amount: ms / TARGET_UNIT_MS.businessDays, unit: 'businessDays' };
  }
  if (ms % HOUR === 0) return { amount: ms / HOUR, unit: 'hours' };
  return { amount: ms / MINUTE, unit: 'minutes' };
}

export function toDraft(config: SlaConfig): SlaDraft {
  const officeHours = (calendarId: string): boolean => {
    const calendar = config.calendars.find((c) => c.id === calendarId);
    return calendar !== undefined && !isRoundTheClock(calendar);
  };
  return {
    policies: config.policies.map((p) => ({
      id: p.id,
      name: p.name,
      kinds: [...(p.match.kinds ?? [])],
      priorities: [...(p.match.priorities ?? [])],
      categories: [...(p.match.categories ?? [])],
      response: targetToDraft(p.responseMs, officeHours(p.calendarId)),
      resolution: targetToDraft(p.resolutionMs, officeHours(p.calendarId)),
      calendarId: p.calendarId,
      warnPercent: Math.round(p.warnAt * 100),
    })),
    calendars: config.calendars.map((c) => ({
      id: c.id,
      name: c.name,
      timeZone: c.timeZone,
      hours: Array.from({ length: 7 }, (_, d) => formatHours(c.week[d] ?? [])),
      holidays: c.holidays.join(', '),
    })),
  };
}

function unusedId(prefix: string, taken: readonly string[]): string {
  let n = taken.length + 1;
  while (taken.includes(`${prefix}-${n}`)) n++;
  return `${prefix}-${n}`;
}

export function newPolicyDraft(draft: SlaDraft): PolicyDraft {
  return {
    id: unusedId(
      'policy',
      draft.policies.map((p) => p.id),
    ),
    name: '',
    kinds: [...SLA_KINDS],
    priorities: [],
    categories: [],
    response: { amount: 1, unit: 'hours' },
    resolution: { amount: 8, unit: 'hours' },
    calendarId: draft.calendars[0]?.id ?? '',
    warnPercent: DEFAULT_WARN_AT * 100,
  };
}

export function newCalendarDraft(draft: SlaDraft): CalendarDraft {
  const weekday = '09:00-17:00';
  return {
    id: unusedId(
      'calendar',
      draft.calendars.map((c) => c.id),
    ),
    name: '',
    timeZone: 'UTC',
    hours: ['', weekday, weekday, weekday, weekday, weekday, ''],
    holidays: '',
  };
}

function targetMs(target: TargetDraft): number | string {
  const amount = typeof target.amount === 'number' ? target.amount : Number(String(target.amount).trim());
  if (String(target.amount).trim() === '' || !Number.isFinite(amount) || amount <= 0) {
    return 'Enter a target greater than zero.';
  }
  const ms = Math.round(amount * TARGET_UNIT_MS[target.unit]);
  if (ms % MINUTE !== 0) {
    return 'The target must come to whole minutes.';
  }
  if (ms > SLA_TARGET_MAX_MS) return 'The target can be at most a year.';
  return ms;
}

function checkName(errors: FieldErrors, key: string, name: string, seen: Set<string>, what: string): void {
  const trimmed = name.trim();
  if (trimmed === '') errors[key] = `Give the ${what} a name.`;
  else if (trimmed.length > SLA_NAME_MAX) errors[key] = `At most ${SLA_NAME_MAX} characters.`;
  else if (seen.has(trimmed.toLowerCase())) errors[key] = `Another ${what} already has this name.`;
  seen.add(trimmed.toLowerCase());
}

function calendarFromDraft(
  draft: CalendarDraft,
  i: number,
  errors: FieldErrors,
  ids: Set<string>,
  names: Set<string>,
) {
  const key = `calendars.${i}`;
  const id = draft.id.trim();
  if (!SLA_ID_PATTERN.test(id)) errors[`${key}.id`] = 'Use 1-64 letters, digits, - or _.';
  else if (ids.has(id)) errors[`${key}.id`] = 'Another calendar already has this id.';
  ids.add(id);
  checkName(errors, `${key}.name`, draft.name, names, 'calendar');
  if (!isTimeZone(draft.timeZone.trim())) {
    errors[`${key}.timeZone`] = 'Choose a known time zone, e.g. Europe/London or America/New_York.';
  }
  const week = WEEKDAYS.map((_, d) => {
    const parsed = parseHours(draft.hours[d] ?? '');
    if (!parsed.ok) errors[`${key}.hours.${d}`] = parsed.error;
    return parsed.ok ? parsed.intervals : [];
  });
  const holidays = parseHolidays(draft.holidays);
  if (!holidays.ok) errors[`${key}.holidays`] = holidays.error;
  if (Object.keys(errors).some((k) => k.startsWith(`${key}.`))) return null;
  const checked = validateCalendar({
    timeZone: draft.timeZone.trim(),
    week,
    holidays: holidays.ok ? holidays.dates : [],
  });
  if (!checked.ok) {
    errors[`${key}.hours`] = checked.error;
    return null;
  }
  const calendar: SlaCalendar = { ...checked.calendar, id, name: draft.name.trim() };
  return calendar;
}

function policyFromDraft(
  draft: PolicyDraft,
  i: number,
  errors: FieldErrors,
  calendarIds: ReadonlySet<string>,
  ids: Set<string>,
  names: Set<string>,
): SlaPolicy | null {
  const key = `policies.${i}`;
  if (!SLA_ID_PATTERN.test(draft.id) || ids.has(draft.id)) {
    errors[`${key}.name`] = 'This policy has a broken id; remove it and add it again.';
  }
  ids.add(draft.id);
  checkName(errors, `${key}.name`, draft.name, names, 'policy');
  const categories = [...new Set(draft.categories.map((c) => c.trim()).filter((c) => c !== ''))];
  if (categories.some((c) => c.length > SLA_CATEGORY_MAX)) {
    errors[`${key}.categories`] = `A category is at most ${SLA_CATEGORY_MAX} characters.`;
  }
  const response = targetMs(draft.response);
  const resolution = targetMs(draft.resolution);
  if (typeof response === 'string') errors[`${key}.response`] = response;
  if (typeof resolution === 'string') errors[`${key}.resolution`] = resolution;
  if (!calendarIds.has(draft.calendarId)) {
    errors[`${key}.calendarId`] =
      draft.calendarId === ''
        ? 'Choose the calendar the clocks count in.'
        : `The calendar "${draft.calendarId}" is not in the list below; choose another.`;
  }
  const warn = Number(draft.warnPercent);
  if (String(draft.warnPercent).trim() === '' || !Number.isInteger(warn) || warn < 1 || warn > 99) {
    errors[`${key}.warnPercent`] = 'Warn at a whole percentage from 1 to 99.';
  }
  if (typeof response === 'string' || typeof resolution === 'string') return null;
  return {
    id: draft.id,
    name: draft.name.trim(),
    match: { kinds: [...new Set(draft.kinds)], priorities: [...new Set(draft.priorities)], categories },
    responseMs: response,
    resolutionMs: resolution,
    calendarId: draft.calendarId,
    warnAt: warn / 100,
  };
}

/** The settings the draft describes, or a message per field (keys like `policies.0.name`). */
export function fromDraft(
  draft: SlaDraft,
): { ok: true; config: SlaConfig } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  if (draft.calendars.length === 0) errors[FORM_ERROR_KEY] = 'Keep at least one business calendar.';
  if (draft.calendars.length > SLA_CALENDARS_MAX)
    errors[FORM_ERROR_KEY] = `At most ${SLA_CALENDARS_MAX} calendars.`;
  if (draft.policies.length > SLA_POLICIES_MAX)
    errors[FORM_ERROR_KEY] = `At most ${SLA_POLICIES_MAX} policies.`;
  const calendarIds = new Set<string>();
  const calendarNames = new Set<string>();
  const calendars = draft.calendars.map((c, i) =>
    calendarFromDraft(c, i, errors, calendarIds, calendarNames),
  );
  const policyIds = new Set<string>();
  const policyNames = new Set<string>();
  const policies = draft.policies.map((p, i) =>
    policyFromDraft(p, i, errors, calendarIds, policyIds, policyNames),
  );
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    config: {
      policies: policies.filter((p): p is SlaPolicy => p !== null),
      calendars: calendars.filter((c): c is SlaCalendar => c !== null),
    },
  };
}
