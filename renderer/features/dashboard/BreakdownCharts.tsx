import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Rectangle,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type BarShapeProps,
} from 'recharts';
import { SimpleGrid, Text } from '@mantine/core';
import type { Dashboard, DrillKey } from '../../../shared/domain/kpi/model';
import { AGE_LABELS, changeOutcomeLabel, ciStateLabel } from '../../../shared/domain/kpi/report';
import type { Drill } from './format';
import {
  axisProps,
  ChartFrame,
  COLORS,
  describeValues,
  gridProps,
  legendProps,
  tooltipProps,
} from './ChartFrame';

interface Item {
  label: string;
  value: number;
  color: string;
  drill?: DrillKey;
}

const PRIORITY_COLORS = [COLORS.red, COLORS.orange, COLORS.yellow, COLORS.blue, COLORS.gray];
const SCORE_COLORS = [COLORS.red, COLORS.orange, COLORS.yellow, COLORS.lime, COLORS.green];

/** Each bar in its own item's colour. */
function ColouredBar(props: BarShapeProps) {
  const item = props.payload as Item | undefined;
  return <Rectangle {...props} fill={item?.color ?? COLORS.blue} />;
}

/** One series of bars; horizontal when the labels are long words. */
function ItemBars({
  id,
  title,
  items,
  drill,
  horizontal,
  unit = 'tickets',
}: {
  id: string;
  title: string;
  items: Item[];
  drill?: Drill;
  horizontal?: boolean;
  unit?: string;
}) {
  const clickable = drill !== undefined && items.some((i) => i.drill);
  const description = `${title}: ${describeValues(items)}.`;
  const open = (bar: { payload?: unknown }) => {
    const key = (bar.payload as Item | undefined)?.drill;
    if (key && drill) drill(key);
  };
  return (
    <ChartFrame id={id} title={title} description={description} clickable={clickable}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          data={items}
          accessibilityLayer={false}
          layout={horizontal ? 'vertical' : 'horizontal'}
          margin={{ top: 8, right: 16, bottom: 0, left: horizontal ? 8 : -16 }}
        >
          <CartesianGrid {...gridProps} vertical={!!horizontal} horizontal={!horizontal} />
          {horizontal ? (
            <>
              <XAxis type="number" {...axisProps} allowDecimals={false} />
              <YAxis type="category" dataKey="label" {...axisProps} width={120} interval={0} />
            </>
          ) : (
            <>
              <XAxis dataKey="label" {...axisProps} interval={0} />
              <YAxis {...axisProps} allowDecimals={false} />
            </>
          )}
          <Tooltip {...tooltipProps} />
          <Bar
            dataKey="value"
            name={unit}
            shape={ColouredBar}
            isAnimationActive={false}
            onClick={clickable ? open : undefined}
          />
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

const SLA_SERIES = [
  { key: 'met', name: 'Met', color: COLORS.green },
  { key: 'breached', name: 'Breached', color: COLORS.red },
  { key: 'inProgress', name: 'In progress', color: COLORS.yellow },
] as const;

interface SlaRow {
  clock: 'response' | 'resolution';
  label: string;
  met: number;
  breached: number;
  inProgress: number;
}

function SlaChart({ d, drill }: { d: Dashboard; drill: Drill }) {
  const rows: SlaRow[] = [
    { clock: 'response', label: 'Response', ...d.sla.response },
    { clock: 'resolution', label: 'Resolution', ...d.sla.resolution },
  ];
  const description =
    'SLA compliance of tickets opened in the period: ' +
    rows
      .map((r) => `${r.label} met ${r.met}, breached ${r.breached}, in progress ${r.inProgress}`)
      .join('; ') +
    '.';
  return (
    <ChartFrame id="sla" title="SLA compliance" description={description} clickable>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          data={rows}
          accessibilityLayer={false}
          layout="vertical"
          margin={{ top: 8, right: 16, bottom: 0, left: 8 }}
        >
          <CartesianGrid {...gridProps} horizontal={false} />
          <XAxis type="number" {...axisProps} allowDecimals={false} />
          <YAxis type="category" dataKey="label" {...axisProps} width={80} />
          <Tooltip {...tooltipProps} />
          <Legend
            {...legendProps}
            itemSorter={(item) => SLA_SERIES.findIndex((s) => s.name === item.value)}
          />
          {SLA_SERIES.map((s) => (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={s.name}
              stackId="sla"
              fill={s.color}
              isAnimationActive={false}
              onClick={(bar: { payload?: unknown }) => {
                const row = bar.payload as SlaRow | undefined;
                if (row) drill(`sla.${row.clock}.${s.key}`);
              }}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

export function BreakdownCharts({ d, drill }: { d: Dashboard; drill: Drill }) {
  const byPriority: Item[] = d.backlog.byPriority.map((p) => ({
    label: `P${p.priority}`,
    value: p.count,
    color: PRIORITY_COLORS[p.priority - 1] ?? COLORS.blue,
    drill: `backlog.p${p.priority}`,
  }));
  const byAge: Item[] = d.backlog.byAge.map((a) => ({
    label: AGE_LABELS[a.bucket],
    value: a.count,
    color: COLORS.indigo,
    drill: `backlog.age.${a.bucket}`,
  }));
  const byScore: Item[] = d.csat.byScore.map((count, i) => ({
    label: String(i + 1),
    value: count,
    color: SCORE_COLORS[i] ?? COLORS.blue,
    drill: `csat.${(i + 1) as 1 | 2 | 3 | 4 | 5}`,
  }));
  const byCode: Item[] = d.changes.byCode.map((c) => ({
    label: changeOutcomeLabel(c.code),
    value: c.count,
    color: c.code === 'successful' ? COLORS.green : COLORS.orange,
    drill: `changes.${c.code}`,
  }));
  const byState: Item[] = d.assets.byState.map((s) => ({
    label: ciStateLabel(s.state),
    value: s.count,
    color: COLORS.cyan,
  }));

  return (
    <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }} spacing="sm">
      <ItemBars id="backlog-priority" title="Backlog by priority" items={byPriority} drill={drill} />
      <ItemBars id="backlog-age" title="Backlog by age" items={byAge} drill={drill} horizontal />
      <SlaChart d={d} drill={drill} />
      <ItemBars id="csat" title="Satisfaction by score" items={byScore} drill={drill} unit="answers" />
      {byCode.length > 0 ? (
        <ItemBars
          id="changes"
          title="Change outcomes"
          items={byCode}
          drill={drill}
          horizontal
          unit="changes"
        />
      ) : (
        <ChartFrame id="changes" title="Change outcomes" description="No change closed in the period.">
          <Text size="sm" c="dimmed">
            No change closed in the period.
          </Text>
        </ChartFrame>
      )}
      <ItemBars id="assets" title="Assets by lifecycle state" items={byState} horizontal unit="assets" />
    </SimpleGrid>
  );
}
