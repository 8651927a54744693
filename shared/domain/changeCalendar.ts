/**
 * The change calendar: which planned changes clash, and where each change sits on a month or
 * week grid.
 *
 * A change conflicts with another change when their windows overlap and they touch
 *  - the same configuration item, or
 *  - items linked by a dependency (`depends_on`, `runs_on`, `hosted_on`) within
 *    `DEPENDENCY_DEPTH` hops, either way round: taking a database server down while the
 *    application running on it is being upgraded breaks both plans.
 * and with a blackout window when their times overlap and the blackout covers everything or one
 * of the change's own items.
 *
 * Windows are half-open, [start, end): a change ending at 10:00 and one starting at 10:00 do not
 * overlap. Changes without a complete window, and closed or cancelled changes, never conflict.
 */
import type { RelationDoc, RelationType, TicketDoc } from './model';
import { hasControlCharacters } from './validation';

export type CalendarChange = Pick<TicketDoc, 'id' | 'number' | 'title' | 'status' | 'ciIds'> &
  Partial<Pick<TicketDoc, 'plannedStart' | 'plannedEnd'>>;

export type Relation = Pick<RelationDoc, 'fromId' | 'toId' | 'relType'>;

export interface BlackoutWindow {
  id: string;
  name: string;
  start: number;
  end: number;
  /** Items the blackout protects; empty = every change. */
  ciIds: string[];
}

/** Relations that mean "`fromId` needs `toId` to work". */
export const DEPENDENCY_TYPES: readonly RelationType[] = ['depends_on', 'runs_on', 'hosted_on'];
/** How many dependency hops still count: service -> application -> database -> server. */
export const DEPENDENCY_DEPTH = 3;

export type Conflict =
  | { kind: 'same_ci'; changeId: string; changeNumber: string; changeTitle: string; ciId: string }
  | {
      kind: 'related_ci';
      changeId: string;
      changeNumber: string;
      changeTitle: string;
      /** This change's item. */
      ciId: string;
      /** The other change's item. */
      otherCiId: string;
      /** `dependent`: the other item needs this change's item; `dependency`: the reverse. */
      direction: 'dependent' | 'dependency';
    }
  | { kind: 'blackout'; blackoutId: string; blackoutName: string; ciId: string | null };

export function hasWindow(change: Partial<Pick<TicketDoc, 'plannedStart' | 'plannedEnd'>>): boolean {
  const start = change.plannedStart ?? 0;
  const end = change.plannedEnd ?? 0;
  return start > 0 && end > start;
}

/** Whether [aStart, aEnd) and [bStart, bEnd) share a moment; touching ends do not. */
export function overlaps(aStart: number, aEnd: number, bStart: number, bEnd: number): boolean {
  return aStart < bEnd && bStart < aEnd;
}

/** Closed and cancelled changes no longer hold their window. */
export function isActiveChange(change: Pick<TicketDoc, 'status'>): boolean {
  return change.status !== 'closed' && change.status !== 'cancelled';
}

interface Reach {
  ciId: string;
  direction: 'dependent' | 'dependency';
}

/**
 * Items within `depth` dependency hops of `ciIds`, each with the change item it is reached from.
 * Breadth first, so the nearest link is the one reported; the visited set makes cycles harmless.
 */
export function dependencyReach(
  ciIds: readonly string[],
  relations: readonly Relation[],
  depth = DEPENDENCY_DEPTH,
): Map<string, Reach> {
  const needs = new Map<string, string[]>();
  const neededBy = new Map<string, string[]>();
  for (const r of relations) {
    if (!DEPENDENCY_TYPES.includes(r.relType) || r.fromId === r.toId) continue;
    needs.set(r.fromId, [...(needs.get(r.fromId) ?? []), r.toId]);
    neededBy.set(r.toId, [...(neededBy.get(r.toId) ?? []), r.fromId]);
  }
  const own = new Set(ciIds);
  const reach = new Map<string, Reach>();
  const walk = (edges: Map<string, string[]>, direction: Reach['direction']) => {
    const visited = new Set(own);
    let frontier = [...own].map((id) => ({ id, origin: id }));
    for (let hop = 0; hop < depth && frontier.length > 0; hop++) {
      const next: typeof frontier = [];
      for (const { id, origin } of frontier) {
        for (const linked of edges.get(id) ?? []) {
          if (visited.has(linked)) continue;
          visited.add(linked);
          if (!reach.has(linked)) reach.set(linked, { ciId: origin, direction });
          next.push({ id: linked, origin });
        }
      }
      frontier = next;
    }
  };
  walk(neededBy, 'dependent');
  walk(needs, 'dependency');
  return reach;
}

/** Every conflict of `change` with `others` (which may include it) and the blackout windows. */
export function findConflicts(
  change: CalendarChange,
  others: readonly CalendarChange[],
  relations: readonly Relation[],
  blackouts: readonly BlackoutWindow[],
  depth = DEPENDENCY_DEPTH,
): Conflict[] {
  if (!isActiveChange(change) || !hasWindow(change)) return [];
  const start = change.plannedStart as number;
  const end = change.plannedEnd as number;
  const own = new Set(change.ciIds);
  const reach = dependencyReach(change.ciIds, relations, depth);
  const conflicts: Conflict[] = [];

  const clashing = others
    .filter((o) => o.id !== change.id && isActiveChange(o) && hasWindow(o))
    .filter((o) => overlaps(start, end, o.plannedStart as number, o.plannedEnd as number))
    .sort((a, b) => (a.plannedStart as number) - (b.plannedStart as number) || a.id.localeCompare(b.id));
  for (const other of clashing) {
    const about = { changeId: other.id, changeNumber: other.number, changeTitle: other.title };
    for (const ciId of new Set(other.ciIds)) {
      if (own.has(ciId)) {
        conflicts.push({ kind: 'same_ci', ...about, ciId });
        continue;
      }
      const link = reach.get(ciId);
      if (link) {
        conflicts.push({
          kind: 'related_ci',
          ...about,
          ciId: link.ciId,
          otherCiId: ciId,
          direction: link.direction,
        });
      }
    }
  }

  for (const blackout of blackouts) {
    if (!overlaps(start, end, blackout.start, blackout.end)) continue;
    const about = { blackoutId: blackout.id, blackoutName: blackout.name };
    if (blackout.ciIds.length === 0) {
      conflicts.push({ kind: 'blackout', ...about, ciId: null });
      continue;
    }
    for (const ciId of new Set(blackout.ciIds)) {
      if (own.has(ciId)) conflicts.push({ kind: 'blackout', ...about, ciId });
    }
  }
  return conflicts;
}

/** Conflicts of every change in `changes` with the rest, by change id (only those with any). */
export function conflictsByChange(
  changes: readonly CalendarChange[],
  relations: readonly Relation[],
  blackouts: readonly BlackoutWindow[],
): Map<string, Conflict[]> {
  const out = new Map<string, Conflict[]>();
  for (const change of changes) {
    const found = findConflicts(change, changes, relations, blackouts);
    if (found.length > 0) out.set(change.id, found);
  }
  return out;
}

/** One sentence per conflict; `ciName` turns an item id into its display name. */
export function describeConflict(conflict: Conflict, ciName: (id: string) => string): string {
  if (conflict.kind === 'blackout') {
    const scope = conflict.ciId ? ` for ${ciName(conflict.ciId)}` : '';
    return `Falls in the blackout window "${conflict.blackoutName}"${scope}.`;
  }
  const other = `${conflict.changeNumber} (${conflict.changeTitle})`;
  if (conflict.kind === 'same_ci') return `Overlaps ${other} on ${ciName(conflict.ciId)}.`;
  const link =
    conflict.direction === 'dependent'
      ? `${ciName(conflict.otherCiId)} depends on ${ciName(conflict.ciId)}`
      : `${ciName(conflict.ciId)} depends on ${ciName(conflict.otherCiId)}`;
  return `Overlaps ${other}: ${link}.`;
}

// ---- Blackout windows (setting `blackouts`, value `{ windows }`).

export const BLACKOUTS_MAX = 100;
export const BLACKOUT_NAME_MAX = 80;
const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 && value < 10_000_000_000_000;
}

export interface BlackoutInput {
  id: string;
  name: string;
  /** null when the field is empty or not a date. */
  start: number | null;
  end: number | null;
  ciIds: string[];
}

export type BlackoutCheck =
  { ok: true; windows: BlackoutWindow[] } | { ok: false; errors: Record<string, string> };

/** Errors keyed `<index>.<field>` (`0.name`, `2.end`) or `windows`; valid windows come back trimmed. */
export function validateBlackouts(inputs: readonly BlackoutInput[]): BlackoutCheck {
  const errors: Record<string, string> = {};
  if (inputs.length > BLACKOUTS_MAX) errors.windows = `At most ${BLACKOUTS_MAX} blackout windows.`;
  const ids = new Set<string>();
  const windows: BlackoutWindow[] = [];
  inputs.forEach((input, i) => {
    const name = input.name.trim();
    if (name === '') errors[`${i}.name`] = 'Name the blackout window.';
    else if (name.length > BLACKOUT_NAME_MAX || hasControlCharacters(name)) {
      errors[`${i}.name`] = `At most ${BLACKOUT_NAME_MAX} characters on one line.`;
    }
    if (!isTime(input.start)) errors[`${i}.start`] = 'Enter a start date and time.';
    if (!isTime(input.end)) errors[`${i}.end`] = 'Enter an end date and time.';
    else if (isTime(input.start) && input.end <= input.start) {
      errors[`${i}.end`] = 'The end must be after the start.';
    }
    if (!ID_PATTERN.test(input.id) || ids.has(input.id)) errors[`${i}.name`] ??= 'This window has a bad id.';
    ids.add(input.id);
    if (!input.ciIds.every((id) => ID_PATTERN.test(id))) errors[`${i}.ciIds`] = 'Unknown items.';
    windows.push({
      id: input.id,
      name,
      start: input.start ?? 0,
      end: input.end ?? 0,
      ciIds: [...new Set(input.ciIds)],
    });
  });
  return Object.keys(errors).length === 0 ? { ok: true, windows } : { ok: false, errors };
}

/** Reads the stored setting value from any device: malformed windows are dropped. */
export function parseBlackouts(value: unknown): BlackoutWindow[] {
  const list = (value as { windows?: unknown } | null)?.windows;
  if (!Array.isArray(list)) return [];
  const out: BlackoutWindow[] = [];
  for (const raw of list.slice(0, BLACKOUTS_MAX)) {
    if (typeof raw !== 'object' || raw === null) continue;
    const w = raw as Record<string, unknown>;
    const ciIds = Array.isArray(w.ciIds) ? w.ciIds : [];
    const input: BlackoutInput = {
      id: typeof w.id === 'string' ? w.id : '',
      name: typeof w.name === 'string' ? w.name : '',
      start: isTime(w.start) ? w.start : null,
      end: isTime(w.end) ? w.end : null,
      ciIds: ciIds.filter((id): id is string => typeof id === 'string'),
    };
    if (ciIds.length !== input.ciIds.length) continue;
    const checked = validateBlackouts([input]);
    if (checked.ok && !out.some((o) => o.id === input.id)) out.push(...checked.windows);
  }
  return out;
}

// ---- Calendar layout. Days are the device's local days (a grid shows local dates); stepping
// goes through Date's calendar arithmetic, so days of 23 or 25 hours (clock changes) stay whole.

export type CalendarView = 'month' | 'week';

export interface CalendarDay {
  /** `YYYY-MM-DD`, local. */
  key: string;
  /** Local midnight, and the next day's midnight (exclusive). */
  start: number;
  end: number;
  year: number;
  /** 0 = January. */
  month: number;
  date: number;
  /** 0 = Sunday. */
  weekday: number;
  /** In month view, whether the day belongs to the month shown (always true in week view). */
  inMonth: boolean;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function calendarDay(year: number, month: number, date: number, inMonth: boolean): CalendarDay {
  const at = new Date(year, month, date);
  const start = at.getTime();
  const end = new Date(at.getFullYear(), at.getMonth(), at.getDate() + 1).getTime();
  return {
    key: `${pad(at.getFullYear(), 4)}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`,
    start,
    end,
    year: at.getFullYear(),
    month: at.getMonth(),
    date: at.getDate(),
    weekday: at.getDay(),
    inMonth,
  };
}

/** Whole weeks (starting on `weekStartsOn`, 1 = Monday) covering the month; padding days included. */
export function monthGrid(year: number, month: number, weekStartsOn = 1): CalendarDay[][] {
  const first = new Date(year, month, 1);
  const offset = (first.getDay() - weekStartsOn + 7) % 7;
  const length = new Date(first.getFullYear(), first.getMonth() + 1, 0).getDate();
  const weeks: CalendarDay[][] = [];
  for (let w = 0; w < Math.ceil((offset + length) / 7); w++) {
    const week: CalendarDay[] = [];
    for (let d = 0; d < 7; d++) {
      const date = 1 - offset + w * 7 + d;
      week.push(calendarDay(first.getFullYear(), first.getMonth(), date, date >= 1 && date <= length));
    }
    weeks.push(week);
  }
  return weeks;
}

/** The seven days of the week holding `at`. */
export function weekDays(at: number, weekStartsOn = 1): CalendarDay[] {
  const day = new Date(at);
  const offset = (day.getDay() - weekStartsOn + 7) % 7;
  return Array.from({ length: 7 }, (_, d) =>
    calendarDay(day.getFullYear(), day.getMonth(), day.getDate() - offset + d, true),
  );
}

/** The days a view shows around `anchor`, week by week. */
export function viewWeeks(view: CalendarView, anchor: number, weekStartsOn = 1): CalendarDay[][] {
  if (view === 'week') return [weekDays(anchor, weekStartsOn)];
  const at = new Date(anchor);
  return monthGrid(at.getFullYear(), at.getMonth(), weekStartsOn);
}

/** The anchor `delta` months or weeks away (months land on the 1st, so 31 Jan + 1 is February). */
export function shiftAnchor(anchor: number, view: CalendarView, delta: number): number {
  const at = new Date(anchor);
  if (view === 'month') return new Date(at.getFullYear(), at.getMonth() + delta, 1).getTime();
  return new Date(at.getFullYear(), at.getMonth(), at.getDate() + 7 * delta).getTime();
}

export interface Placed<T> {
  item: T;
  /** The span started on an earlier day / goes on after this day. */
  continuesBefore: boolean;
  continuesAfter: boolean;
}

/** Per day, the items whose [start, end) covers part of it, earliest first (midnight ends stay out). */
export function layoutDays<T>(
  items: readonly T[],
  days: readonly CalendarDay[],
  span: (item: T) => { start: number; end: number } | null,
): Placed<T>[][] {
  const spans = items
    .map((item) => ({ item, span: span(item) }))
    .filter((x): x is { item: T; span: { start: number; end: number } } => x.span !== null)
    .filter((x) => x.span.end > x.span.start)
    .sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  return days.map((day) =>
    spans
      .filter((x) => overlaps(x.span.start, x.span.end, day.start, day.end))
      .map((x) => ({
        item: x.item,
        continuesBefore: x.span.start < day.start,
        continuesAfter: x.span.end > day.end,
      })),
  );
}

/** Changes with a window, per day. */
export function layoutChanges<T extends CalendarChange>(
  changes: readonly T[],
  days: readonly CalendarDay[],
): Placed<T>[][] {
  return layoutDays(changes, days, (c) =>
    hasWindow(c) ? { start: c.plannedStart as number, end: c.plannedEnd as number } : null,
  );
}

/** Keys of the days in `days` that `change`'s window covers. */
export function daysCovered(change: CalendarChange, days: readonly CalendarDay[]): string[] {
  const placed = layoutChanges([change], days);
  return days.filter((_, i) => (placed[i] ?? []).length > 0).map((d) => d.key);
}
