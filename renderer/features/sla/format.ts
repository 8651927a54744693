/** Wording of SLA clocks for badges and the ticket page. */
import type { ClockState, ClockStatus } from '../../../shared/domain/sla';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const pad = (n: number): string => String(n).padStart(2, '0');

/** Compact and never negative: "45m", "1h 05m", "2d 03h". Under a minute reads "<1m". */
export function formatSlaDuration(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / MINUTE);
  if (minutes < 1) return '<1m';
  if (minutes < 60) return `${minutes}m`;
  if (ms < DAY) return `${Math.floor(minutes / 60)}h ${pad(minutes % 60)}m`;
  const hours = Math.floor(ms / HOUR);
  return `${Math.floor(hours / 24)}d ${pad(hours % 24)}h`;
}

/** A target as stated in the settings: "15m", "4h", "1h 30m" of working time. */
export function formatTarget(ms: number): string {
  const minutes = Math.round(ms / MINUTE);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m}m`;
  return m === 0 ? `${h}h` : `${h}h ${pad(m)}m`;
}

export function formatInstant(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** The badge text of a clock at `now`. Time left is working time, as the target counts it. */
export function badgeText(clock: ClockState, now: number): string {
  switch (clock.status) {
    case 'running':
    case 'warning':
      return `${formatSlaDuration(clock.targetMs - clock.elapsedMs)} left`;
    case 'breached':
      return `Breached ${formatSlaDuration(now - (clock.breachedAt ?? now))} ago`;
    case 'paused':
      return 'Paused';
    case 'met':
      return 'Met';
  }
}

export const STATUS_COLORS: Readonly<Record<ClockStatus, string>> = {
  running: 'blue',
  warning: 'yellow',
  breached: 'red',
  paused: 'gray',
  met: 'green',
};
