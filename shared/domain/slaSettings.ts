/**
 * The team's SLA settings: policies and the business calendars they count in. Both are settings
 * documents written on one device and read on every other, possibly by an older or newer
 * version, so each is checked as a whole when read; anything malformed falls back to the
 * defaults rather than running clocks on half a configuration.
 */
import { ALWAYS_ON, officeHours, validateCalendar, type BusinessCalendar } from './calendar';
import { TICKET_KINDS, type Priority, type TicketKind } from './model';
import { isPriority } from './priority';
import {
  ALWAYS_ON_CALENDAR_ID,
  BUSINESS_CALENDAR_ID,
  DEFAULT_SLA_POLICIES,
  type SlaMatch,
  type SlaPolicy,
} from './sla';

/** A business calendar as the team names it; policies refer to it by `id`. */
export interface SlaCalendar extends BusinessCalendar {
  id: string;
  name: string;
}

export interface SlaConfig {
  policies: readonly SlaPolicy[];
  calendars: readonly SlaCalendar[];
}

export const SLA_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const SLA_NAME_MAX = 80;
export const SLA_CATEGORY_MAX = 80;
export const SLA_POLICIES_MAX = 50;
export const SLA_CALENDARS_MAX = 20;
export const SLA_HOLIDAYS_MAX = 400;
const MINUTE = 60_000;
/** Targets run from a minute to a year of working time. */
export const SLA_TARGET_MAX_MS = 365 * 24 * 60 * MINUTE;

/**
 * The default office calendar keeps London hours until the team sets its own zone: every
 * device must count in the same zone, so the device's own zone cannot be the default.
 */
export const DEFAULT_SLA_CALENDARS: readonly SlaCalendar[] = Object.freeze([
  Object.freeze({ ...ALWAYS_ON, id: ALWAYS_ON_CALENDAR_ID, name: 'Round the clock' }),
  Object.freeze({ ...officeHours('Europe/London'), id: BUSINESS_CALENDAR_ID, name: 'Office hours' }),
]);

export const DEFAULT_SLA_CONFIG: SlaConfig = Object.freeze({
  policies: DEFAULT_SLA_POLICIES,
  calendars: DEFAULT_SLA_CALENDARS,
});

/**
 * The calendar a policy counts in. A policy naming a calendar that is gone (its settings came
 * from another device before the calendars did) uses the default of that id, else round the
 * clock: a clock that counts too much warns early, one that counts nothing never warns.
 */
export function calendarFor(config: SlaConfig, calendarId: string): BusinessCalendar {
  return (
    config.calendars.find((c) => c.id === calendarId) ??
    DEFAULT_SLA_CALENDARS.find((c) => c.id === calendarId) ??
    ALWAYS_ON
  );
}

/** Every day 00:00-24:00 without holidays: "business days" mean little on such a calendar. */
export function isRoundTheClock(calendar: BusinessCalendar): boolean {
  return (
    calendar.holidays.length === 0 &&
    calendar.week.length === 7 &&
    calendar.week.every((day) => day.length === 1 && day[0]?.[0] === 0 && day[0][1] === 1440)
  );
}

// ---------------------------------------------------------------------------------------------
// Reading stored settings

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

function isName(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '' && value.length <= SLA_NAME_MAX;
}

function isTarget(value: unknown): value is number {
  return (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= MINUTE &&
    value <= SLA_TARGET_MAX_MS &&
    value % MINUTE === 0
  );
}

/** An optional list whose items all pass `check`; duplicates dropped, order kept. */
function checkList<T>(value: unknown, check: (item: unknown) => item is T): T[] | null {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every(check)) return null;
  return [...new Set(value)];
}

const isKind = (v: unknown): v is TicketKind => (TICKET_KINDS as readonly unknown[]).includes(v);
const isCategory = (v: unknown): v is string =>
  typeof v === 'string' && v !== '' && v.length <= SLA_CATEGORY_MAX;

function checkMatch(value: unknown): SlaMatch | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const raw = value as Record<string, unknown>;
  const kinds = checkList(raw.kinds, isKind);
  const priorities = checkList<Priority>(raw.priorities, isPriority);
  const categories = checkList(raw.categories, isCategory);
  if (kinds === null || priorities === null || categories === null) return null;
  return { kinds, priorities, categories };
}

function checkPolicy(value: unknown, index: number): Checked<SlaPolicy> {
  const where = `Policy ${index + 1}`;
  if (typeof value !== 'object' || value === null) return { ok: false, error: `${where} is not an object.` };
  const raw = value as Record<string, unknown>;
  const { id, name, responseMs, resolutionMs, calendarId, warnAt } = raw;
  if (typeof id !== 'string' || !SLA_ID_PATTERN.test(id))
    return { ok: false, error: `${where} has a bad id.` };
  if (!isName(name))
    return { ok: false, error: `${where} needs a name of at most ${SLA_NAME_MAX} characters.` };
  const match = checkMatch(raw.match);
  if (match === null) return { ok: false, error: `${where} has a malformed match.` };
  if (!isTarget(responseMs) || !isTarget(resolutionMs)) {
    return { ok: false, error: `${where} needs targets in whole minutes, up to a year.` };
  }
  if (typeof calendarId !== 'string' || !SLA_ID_PATTERN.test(calendarId)) {
    return { ok: false, error: `${where} names no calendar.` };
  }
  if (typeof warnAt !== 'number' || !(warnAt > 0 && warnAt <= 1)) {
    return { ok: false, error: `${where} needs a warning share between 0 and 1.` };
  }
  return {
    ok: true,
    value: { id, name: name.trim(), match, responseMs, resolutionMs, calendarId, warnAt },
  };
}

/** Stored policies: a list of at most SLA_POLICIES_MAX well-formed policies with unique ids. */
export function checkPolicies(value: unknown): Checked<SlaPolicy[]> {
  if (!Array.isArray(value)) return { ok: false, error: 'The SLA policies must be a list.' };
  if (value.length > SLA_POLICIES_MAX) return { ok: false, error: 'There are too many SLA policies.' };
  const policies: SlaPolicy[] = [];
  const ids = new Set<string>();
  for (const [index, item] of value.entries()) {
    const checked = checkPolicy(item, index);
    if (!checked.ok) return checked;
    if (ids.has(checked.value.id))
      return { ok: false, error: `Policy id ${checked.value.id} is used twice.` };
    ids.add(checked.value.id);
    policies.push(checked.value);
  }
  return { ok: true, value: policies };
}

/** Stored calendars: each a valid business calendar (validateCalendar) with a unique id and a name. */
export function checkCalendars(value: unknown): Checked<SlaCalendar[]> {
  if (!Array.isArray(value)) return { ok: false, error: 'The business calendars must be a list.' };
  if (value.length === 0) return { ok: false, error: 'There must be at least one business calendar.' };
  if (value.length > SLA_CALENDARS_MAX) return { ok: false, error: 'There are too many business calendars.' };
  const calendars: SlaCalendar[] = [];
  const ids = new Set<string>();
  for (const [index, item] of value.entries()) {
    const where = `Calendar ${index + 1}`;
    const raw = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    if (typeof raw.id !== 'string' || !SLA_ID_PATTERN.test(raw.id))
      return { ok: false, error: `${where} has a bad id.` };
    if (ids.has(raw.id)) return { ok: false, error: `Calendar id ${raw.id} is used twice.` };
    if (!isName(raw.name)) return { ok: false, error: `${where} needs a name.` };
    if (Array.isArray(raw.holidays) && raw.holidays.length > SLA_HOLIDAYS_MAX) {
      return { ok: false, error: `${where} lists too many holidays.` };
    }
    const checked = validateCalendar(raw);
    if (!checked.ok) return { ok: false, error: `${where}: ${checked.error}` };
    ids.add(raw.id);
    calendars.push({ ...checked.calendar, id: raw.id, name: raw.name.trim() });
  }
  return { ok: true, value: calendars };
}

/**
 * The configuration from the stored values (undefined = never saved: the defaults, silently).
 * Each part that fails its check falls back to its default, with a warning for the log; a
 * policy naming a missing calendar is kept (calendarFor falls back) and also warned about.
 */
export function configFromSettings(
  storedPolicies: unknown,
  storedCalendars: unknown,
): { config: SlaConfig; warnings: string[] } {
  const warnings: string[] = [];
  let policies: readonly SlaPolicy[] = DEFAULT_SLA_POLICIES;
  let calendars: readonly SlaCalendar[] = DEFAULT_SLA_CALENDARS;
  if (storedCalendars !== undefined) {
    const checked = checkCalendars(storedCalendars);
    if (checked.ok) calendars = checked.value;
    else warnings.push(`Ignoring the stored business calendars: ${checked.error}`);
  }
  if (storedPolicies !== undefined) {
    const checked = checkPolicies(storedPolicies);
    if (checked.ok) policies = checked.value;
    else warnings.push(`Ignoring the stored SLA policies: ${checked.error}`);
  }
  const known = new Set(calendars.map((c) => c.id));
  for (const policy of policies) {
    if (!known.has(policy.calendarId)) {
      warnings.push(`SLA policy ${policy.name} names the unknown calendar ${policy.calendarId}.`);
    }
  }
  return { config: { policies, calendars }, warnings };
}
