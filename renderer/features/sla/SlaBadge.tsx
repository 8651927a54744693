import { Badge } from '@mantine/core';
import type { ShownClock } from '../../../shared/domain/sla';
import { STATUS_COLORS, badgeText, formatInstant } from './format';

const CLOCK_NAMES = { response: 'Response', resolution: 'Resolution' } as const;

function explain({ name, clock }: ShownClock): string {
  const what = CLOCK_NAMES[name];
  if (clock.status === 'breached' && clock.breachedAt !== null)
    return `${what} target missed at ${formatInstant(clock.breachedAt)}`;
  if (clock.status === 'met' && clock.metAt !== null)
    return `${what} target met at ${formatInstant(clock.metAt)}`;
  if (clock.status === 'paused') return `${what} clock paused while pending`;
  return clock.dueAt === null ? what : `${what} due ${formatInstant(clock.dueAt)}`;
}

/** One clock as a compact badge; `now` dates "Breached … ago". */
export function SlaBadge({
  shown,
  now,
  testId = 'sla-badge',
  compact = false,
}: {
  shown: ShownClock;
  now: number;
  testId?: string;
  /** The list column is narrow: a smaller badge keeps "Breached 2h 10m ago" whole. */
  compact?: boolean;
}) {
  const { clock } = shown;
  return (
    <Badge
      color={STATUS_COLORS[clock.status]}
      variant={clock.status === 'breached' ? 'filled' : 'light'}
      size={compact ? 'xs' : 'sm'}
      tt="none"
      maw="100%"
      px={compact ? 5 : undefined}
      styles={compact ? { label: { letterSpacing: 0 } } : undefined}
      title={explain(shown)}
      data-testid={testId}
      data-sla-status={clock.status}
      data-sla-clock={shown.name}
      leftSection={clock.status === 'met' ? '✓' : undefined}
    >
      {badgeText(clock, now)}
    </Badge>
  );
}
