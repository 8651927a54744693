import { ARTICLE_STATE_LABELS, CI_STATE_LABELS, STATUS_LABELS } from '../../../shared/domain/labels';
import type { SearchDocType } from '../../search';

export const DAY = 86_400_000;

export const DATE_PRESETS = [
  { value: 'any', label: 'Any time' },
  { value: '1', label: 'Last 24 hours' },
  { value: '7', label: 'Last 7 days' },
  { value: '30', label: 'Last 30 days' },
  { value: '365', label: 'Last 12 months' },
  { value: 'custom', label: 'Between dates…' },
] as const;
export type DatePreset = (typeof DATE_PRESETS)[number]['value'];

const PERSON_KINDS: Record<string, string> = { user: 'Person', group: 'Group', location: 'Location' };

const STATUS_SOURCES: Record<SearchDocType, Readonly<Record<string, string>>> = {
  ticket: STATUS_LABELS,
  ci: CI_STATE_LABELS,
  article: ARTICLE_STATE_LABELS,
  person: PERSON_KINDS,
};

/** Status choices for the chosen types (all types when none is chosen), without duplicates. */
export function statusOptions(types: readonly SearchDocType[]): { value: string; label: string }[] {
  const chosen: SearchDocType[] = types.length > 0 ? [...types] : ['ticket', 'ci', 'article', 'person'];
  const seen = new Set<string>();
  const out: { value: string; label: string }[] = [];
  for (const type of chosen) {
    for (const [value, label] of Object.entries(STATUS_SOURCES[type])) {
      if (seen.has(value)) continue;
      seen.add(value);
      out.push({ value, label });
    }
  }
  return out;
}

export interface DateRange {
  from?: number;
  to?: number;
  errors: { from?: string; to?: string };
}

/** `YYYY-MM-DD` as local midnight, or null. */
function parseDay(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return null;
  const date = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return date.getMonth() === Number(m[2]) - 1 ? date.getTime() : null;
}

/** The updatedAt bounds of a date filter; invalid input gives errors and no bounds. */
export function dateRange(preset: DatePreset, from: string, to: string, now: number): DateRange {
  if (preset === 'any') return { errors: {} };
  if (preset !== 'custom') return { from: now - Number(preset) * DAY, errors: {} };
  const errors: DateRange['errors'] = {};
  const start = from ? parseDay(from) : undefined;
  const end = to ? parseDay(to) : undefined;
  if (start === null) errors.from = 'Enter a date such as 2025-01-31.';
  if (end === null) errors.to = 'Enter a date such as 2025-01-31.';
  if (start != null && end != null && start > end) errors.to = 'The end date is before the start date.';
  if (errors.from || errors.to) return { errors };
  return {
    from: start ?? undefined,
    // The whole end day counts.
    to: end != null ? end + DAY - 1 : undefined,
    errors,
  };
}
