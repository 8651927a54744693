/**
 * Form values of plan fields: native date inputs give "YYYY-MM-DD" in the user's time zone,
 * estimates are typed in hours. Stored values are epoch ms and minutes (0 = not set).
 */
import { ESTIMATE_MAX_MINUTES } from '../../../shared/domain/process';

export type Parsed = { ok: true; value: number } | { ok: false; error: string };

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Local calendar date of `ms` for a date input; '' when not set. */
export function toDateInput(ms: number | undefined): string {
  if (!ms) return '';
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * A date input's value as epoch ms: the start of that local day, or its last minute for due
 * dates and ends (a task due on Friday is not late on Friday afternoon). '' is 0.
 */
export function parseDateInput(value: string, at: 'start' | 'end' = 'start'): Parsed {
  const text = value.trim();
  if (text === '') return { ok: true, value: 0 };
  const match = DATE_PATTERN.exec(text);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date =
      at === 'start' ? new Date(year, month - 1, day) : new Date(year, month - 1, day, 23, 59, 0, 0);
    if (
      date.getFullYear() === year &&
      date.getMonth() === month - 1 &&
      date.getDate() === day &&
      year >= 1970
    ) {
      return { ok: true, value: date.getTime() };
    }
  }
  return { ok: false, error: 'Enter a date as YYYY-MM-DD.' };
}

const MAX_HOURS = ESTIMATE_MAX_MINUTES / 60;

/** Hours typed by the user ("1.5", "1,5", "8") as whole minutes; '' is 0 (no estimate). */
export function parseHours(value: string): Parsed {
  const text = value.trim().replace(',', '.');
  if (text === '') return { ok: true, value: 0 };
  const hours = /^\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isFinite(hours) || hours <= 0 || hours > MAX_HOURS) {
    return {
      ok: false,
      error: `Enter the estimate in hours, more than 0 and at most ${MAX_HOURS.toLocaleString('en')}.`,
    };
  }
  const minutes = Math.round(hours * 60);
  return minutes === 0
    ? { ok: false, error: 'The estimate must be at least one minute.' }
    : { ok: true, value: minutes };
}

/** Minutes shown back in the hours field. */
export function toHoursInput(minutes: number | undefined): string {
  if (!minutes) return '';
  return String(Math.round((minutes / 60) * 100) / 100);
}

/** "12 Mar 2025"; '—' when not set. */
export function formatDate(ms: number | undefined): string {
  if (!ms) return '—';
  return new Date(ms).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
}

/** "12 Mar" in the current year, "12 Mar 2027" otherwise: compact enough for a table cell. */
export function formatShortDate(ms: number | undefined, now = Date.now()): string {
  if (!ms) return '—';
  const sameYear = new Date(ms).getFullYear() === new Date(now).getFullYear();
  return new Date(ms).toLocaleDateString(undefined, {
    day: 'numeric',
    month: 'short',
    ...(sameYear ? {} : { year: 'numeric' }),
  });
}

/** "4 h", "1.5 h", "30 min"; '—' when not set. */
export function formatEstimate(minutes: number | undefined): string {
  if (!minutes) return '—';
  if (minutes < 60) return `${minutes} min`;
  return `${Math.round((minutes / 60) * 10) / 10} h`;
}

/** The plan fields of a task as typed in a form. */
export interface PlanForm {
  dueAt: string;
  estimate: string;
  plannedStart: string;
  plannedEnd: string;
  dependsOn: string[];
}

export interface PlanValues {
  dueAt: number;
  estimateMinutes: number;
  plannedStart: number;
  plannedEnd: number;
  dependsOn: string[];
}

export function planFormOf(
  task?: Partial<Pick<PlanValues, 'dueAt' | 'estimateMinutes' | 'plannedStart' | 'plannedEnd' | 'dependsOn'>>,
): PlanForm {
  return {
    dueAt: toDateInput(task?.dueAt),
    estimate: toHoursInput(task?.estimateMinutes),
    plannedStart: toDateInput(task?.plannedStart),
    plannedEnd: toDateInput(task?.plannedEnd),
    dependsOn: [...(task?.dependsOn ?? [])],
  };
}

/** Parses a plan form; errors are keyed by the stored field names, as the data layer's are. */
export function readPlanForm(
  form: PlanForm,
): { ok: true; plan: PlanValues } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const due = parseDateInput(form.dueAt, 'end');
  const estimate = parseHours(form.estimate);
  const start = parseDateInput(form.plannedStart, 'start');
  const end = parseDateInput(form.plannedEnd, 'end');
  if (!due.ok) errors.dueAt = due.error;
  if (!estimate.ok) errors.estimateMinutes = estimate.error;
  if (!start.ok) errors.plannedStart = start.error;
  if (!end.ok) errors.plannedEnd = end.error;
  if (!due.ok || !estimate.ok || !start.ok || !end.ok) return { ok: false, errors };
  return {
    ok: true,
    plan: {
      dueAt: due.value,
      estimateMinutes: estimate.value,
      plannedStart: start.value,
      plannedEnd: end.value,
      dependsOn: form.dependsOn,
    },
  };
}
