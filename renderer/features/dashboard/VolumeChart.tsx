import { useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Dashboard } from '../../../shared/domain/kpi/model';
import { axisLabel, bucketLabel } from '../../../shared/domain/kpi/report';
import type { Drill } from './format';
import { axisProps, ChartFrame, COLORS, gridProps, legendProps, tooltipProps } from './ChartFrame';

interface Point {
  start: number;
  axis: string;
  label: string;
  opened: number;
  resolved: number;
}

const UNIT = { day: 'day', week: 'week', month: 'month' } as const;

/** Opened against resolved for each day, week or month of the period. */
export function VolumeChart({ d, drill }: { d: Dashboard; drill: Drill }) {
  const { granularity, timeZone } = d.query;
  const points = useMemo<Point[]>(
    () =>
      d.volume.series.map((p) => ({
        start: p.start,
        axis: axisLabel(p.start, granularity, timeZone),
        label: bucketLabel(p.start, granularity, timeZone),
        opened: p.opened,
        resolved: p.resolved,
      })),
    [d.volume.series, granularity, timeZone],
  );
  const busiest = points.reduce<Point | null>(
    (best, p) => (!best || p.opened > best.opened ? p : best),
    null,
  );
  const description =
    `Opened and resolved per ${UNIT[granularity]}, ${points.length} ${UNIT[granularity]}s: ` +
    `${d.volume.opened} opened and ${d.volume.resolved} resolved in all` +
    (busiest && busiest.opened > 0 ? `; most opened on ${busiest.label} (${busiest.opened}).` : '.');
  const open = (series: 'opened' | 'resolved') => (item: { payload?: unknown }) => {
    const point = item.payload as Point | undefined;
    if (point) drill(`${series}@${point.start}`);
  };

  return (
    <ChartFrame id="volume" title="Opened vs resolved" description={description} clickable>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          data={points}
          accessibilityLayer={false}
          margin={{ top: 8, right: 8, bottom: 0, left: -16 }}
        >
          <CartesianGrid {...gridProps} vertical={false} />
          <XAxis dataKey="axis" {...axisProps} minTickGap={12} />
          <YAxis {...axisProps} allowDecimals={false} />
          <Tooltip
            {...tooltipProps}
            labelFormatter={(_, payload) => (payload?.[0]?.payload as Point | undefined)?.label ?? ''}
          />
          <Legend {...legendProps} />
          <Bar
            dataKey="opened"
            name="Opened"
            fill={COLORS.blue}
            isAnimationActive={false}
            onClick={open('opened')}
          />
          <Bar
            dataKey="resolved"
            name="Resolved"
            fill={COLORS.teal}
            isAnimationActive={false}
            onClick={open('resolved')}
          />
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
