import type { ReactNode } from 'react';
import { Paper, Text } from '@mantine/core';

/**
 * Chart colours and text come from Mantine's CSS variables, so one chart reads well in the
 * light and the dark theme and switches with it without re-rendering.
 */
export const COLORS = {
  blue: 'var(--mantine-color-blue-6)',
  teal: 'var(--mantine-color-teal-6)',
  green: 'var(--mantine-color-green-6)',
  lime: 'var(--mantine-color-lime-6)',
  yellow: 'var(--mantine-color-yellow-6)',
  orange: 'var(--mantine-color-orange-6)',
  red: 'var(--mantine-color-red-6)',
  indigo: 'var(--mantine-color-indigo-6)',
  grape: 'var(--mantine-color-grape-6)',
  cyan: 'var(--mantine-color-cyan-6)',
  gray: 'var(--mantine-color-gray-6)',
} as const;

export const CHART_HEIGHT = 240;

export const axisProps = {
  stroke: 'var(--mantine-color-default-border)',
  tick: { fill: 'var(--mantine-color-dimmed)', fontSize: 12 },
  tickLine: false,
} as const;

export const gridProps = {
  stroke: 'var(--mantine-color-default-border)',
  strokeDasharray: '3 3',
} as const;

export const tooltipProps = {
  contentStyle: {
    background: 'var(--mantine-color-body)',
    border: '1px solid var(--mantine-color-default-border)',
    borderRadius: 4,
    fontSize: 13,
  },
  labelStyle: { color: 'var(--mantine-color-text)', fontWeight: 600 },
  cursor: { fill: 'var(--mantine-color-default-hover)' },
  isAnimationActive: false,
} as const;

export const legendProps = {
  wrapperStyle: { fontSize: 12 },
} as const;

/**
 * A titled chart. The drawing is one image to assistive technology, described in words by
 * `description`; every figure it shows can also be reached from the cards and the table.
 */
export function ChartFrame({
  id,
  title,
  description,
  clickable,
  children,
}: {
  id: string;
  title: string;
  description: string;
  /** Bars open their tickets. */
  clickable?: boolean;
  children: ReactNode;
}) {
  return (
    <Paper withBorder p="sm" className="dash-chart" component="section" aria-label={title}>
      <Text size="sm" fw={600} mb={4}>
        {title}
      </Text>
      <div
        role="img"
        aria-label={description}
        data-testid={`chart-${id}`}
        className={clickable ? 'dash-clickable' : undefined}
        style={{ width: '100%', height: CHART_HEIGHT }}
      >
        {children}
      </div>
      {clickable && (
        <Text size="xs" c="dimmed" className="dash-no-print">
          Click a bar to see its tickets.
        </Text>
      )}
    </Paper>
  );
}

/** 'P1 3, P2 12, P3 0' */
export function describeValues(items: readonly { label: string; value: number }[]): string {
  return items.map((i) => `${i.label} ${i.value}`).join(', ');
}
