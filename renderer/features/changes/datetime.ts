/**
 * Planned windows are edited in native `datetime-local` inputs, which speak local wall-clock
 * time as `YYYY-MM-DDTHH:mm`; the model stores epoch milliseconds (0 = not set).
 */
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

export function toLocalInput(ms: number | undefined): string {
  if (!ms) return '';
  const d = new Date(ms);
  return `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Epoch ms of a `datetime-local` value; null when empty or not a real date (30 February). */
export function fromLocalInput(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map((part) => Number(part ?? 0)) as number[];
  const d = new Date(year!, month! - 1, day!, hour!, minute!, second!);
  if (d.getFullYear() !== year || d.getMonth() !== month! - 1 || d.getDate() !== day!) return null;
  if (hour! > 23 || minute! > 59 || second! > 59) return null;
  return d.getTime();
}

const dateFormat = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/** "Tue, 10 Mar 2026, 09:00 – 11:00", the date repeated only when the window spans days. */
export function formatWindow(start: number | undefined, end: number | undefined): string {
  if (!start || !end) return 'No window planned';
  const sameDay = new Date(start).toDateString() === new Date(end).toDateString();
  const from = `${dateFormat.format(start)}, ${timeFormat.format(start)}`;
  const to = sameDay ? timeFormat.format(end) : `${dateFormat.format(end)}, ${timeFormat.format(end)}`;
  return `${from} – ${to}`;
}

export function formatTime(ms: number): string {
  return timeFormat.format(ms);
}
