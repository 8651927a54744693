/**
 * Asset dates (purchase, warranty end, disposal) are calendar days: stored as the epoch ms of
 * that day's midnight UTC, so every replica in every time zone shows the same day.
 */
export function dayFromInput(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(year, month - 1, day);
  const d = new Date(ms);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return ms;
}

export function dayToInput(ms: number | undefined): string {
  return ms ? new Date(ms).toISOString().slice(0, 10) : '';
}

const DAY_FORMAT = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

export function formatDay(ms: number | undefined): string {
  return ms ? DAY_FORMAT.format(ms) : '—';
}
