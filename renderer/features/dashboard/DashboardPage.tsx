import { useMemo } from 'react';
import { Alert, Group, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { DrillKey } from '../../../shared/domain/kpi/model';
import { readableDateTime } from '../../../shared/domain/kpi/report';
import { useDirectory } from '../../app/people';
import { AuditTable } from './AuditTable';
import { BacklogTable } from './BacklogTable';
import { BreakdownCharts } from './BreakdownCharts';
import { DashboardFilters } from './DashboardFilters';
import { ExportBar } from './ExportBar';
import { reportMeta, summaryLine } from './exports';
import { drillTo, formatCount, periodDates } from './format';
import { KpiCards } from './KpiCards';
import { useDashboardState } from './state';
import { useDashboard } from './useDashboard';
import { VolumeChart } from './VolumeChart';
import './dashboard.css';

/**
 * The manager's view of the desk, computed on this device from the local replica: it works
 * offline and follows every change as it lands. Each figure opens the tickets behind it.
 */
export function DashboardPage() {
  const { data, now, period, query, dashboard } = useDashboard();
  const preset = useDashboardState((s) => s.preset);
  const directory = useDirectory();
  const drill = useMemo(() => (query ? (key: DrillKey) => drillTo(query, key) : () => undefined), [query]);
  const summary = useMemo(
    () => (dashboard ? summaryLine(reportMeta(dashboard, preset, directory, now), dashboard.asOf) : ''),
    [dashboard, preset, directory, now],
  );

  return (
    <Stack gap="md" className="dash-page">
      <Group justify="space-between" align="center" wrap="wrap">
        <Title order={2}>Dashboard</Title>
        <ExportBar d={dashboard} preset={preset} directory={directory} />
      </Group>
      <DashboardFilters
        directory={directory}
        facts={data.facts}
        version={data.version}
        timeZone={data.timeZone}
        resolved={period.ok ? period.period : null}
        periodError={period.ok ? null : period.error}
      />
      {query && (
        <Text size="sm" c="dimmed" className="dash-no-print" data-testid="dashboard-period">
          <Text span fw={600} c="var(--mantine-color-text)">
            {periodDates(query)}
          </Text>
          {' · as of '}
          {readableDateTime(Math.min(now, query.period.to), query.timeZone)} ({query.timeZone})
        </Text>
      )}
      {summary && (
        <Text size="sm" className="dash-print-only" data-testid="dashboard-summary">
          {summary}
        </Text>
      )}
      {data.error && (
        <Alert color="red" variant="light" role="alert" title="The figures could not be read">
          {data.error}
        </Alert>
      )}
      {!data.ready ? (
        !data.error && (
          <Group gap="xs" data-testid="dashboard-loading">
            <Loader size="xs" aria-hidden />
            <Text size="sm" c="dimmed" role="status">
              Reading tickets… {formatCount(data.loaded)}
            </Text>
          </Group>
        )
      ) : !period.ok ? (
        <Text c="dimmed">Choose a valid period to see the figures.</Text>
      ) : (
        dashboard && (
          <>
            <KpiCards d={dashboard} drill={drill} />
            <VolumeChart d={dashboard} drill={drill} />
            <BreakdownCharts d={dashboard} drill={drill} />
            <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="sm">
              <BacklogTable d={dashboard} drill={drill} />
              <AuditTable d={dashboard} />
            </SimpleGrid>
          </>
        )
      )}
    </Stack>
  );
}
