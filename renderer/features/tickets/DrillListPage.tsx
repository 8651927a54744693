import { useEffect, useMemo, useState } from 'react';
import { Alert, Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { KIND_LABELS } from '../../../shared/domain/labels';
import { drillIds } from '../../../shared/domain/kpi/dashboard';
import { decodeDrill, drillText } from '../../../shared/domain/kpi/drill';
import { readableDate } from '../../../shared/domain/kpi/report';
import { filterAndSortRows, type ListRow, type RowSort } from '../../data';
import { useKpiData } from '../../app/kpiData';
import { navigate } from '../../app/router';
import { markFirstScreenShown, useTicketRows } from '../../app/ticketRows';
import { ExportListButton } from './ExportListButton';
import { TicketTable } from './TicketTable';

/**
 * The tickets behind one dashboard figure. The ids come from the same pass that counted the
 * figure (drillIds over the KPI facts), so the list and the number agree; the rows are the list
 * projection's, so columns, sorting and opening a ticket work as in any view.
 */
export function DrillListPage({ encoded }: { encoded: string }) {
  const spec = useMemo(() => decodeDrill(encoded), [encoded]);
  const data = useKpiData();
  const projection = useTicketRows();
  const [sort, setSort] = useState<RowSort>({ field: 'updatedAt', dir: 'desc' });
  const [selectedId, setSelectedId] = useState<string | null>(null);
  useEffect(() => markFirstScreenShown(), []);

  const { version, facts, ready } = data;
  const ids = useMemo(() => {
    if (!spec || !ready) return null;
    void version;
    return new Set(drillIds(facts.values(), { ...spec, now: Date.now() }, spec.key));
  }, [spec, facts, ready, version]);
  const rows: ListRow[] = useMemo(() => {
    if (!ids || !projection.ready) return [];
    return filterAndSortRows(
      projection.rows.filter((r) => ids.has(r.id)),
      {},
      sort,
    );
  }, [ids, projection.ready, projection.rows, sort]);

  if (!spec) {
    return (
      <Alert color="red" title="This link does not name a dashboard figure" data-testid="drill-invalid">
        It may have been cut short or edited. <Anchor href="#/dashboard">Open the dashboard</Anchor>
      </Alert>
    );
  }
  const day = (t: number) => readableDate(t, spec.timeZone);
  const until = Math.max(spec.period.from, spec.period.to - 1);
  const loading = !ids || !projection.ready;

  return (
    <Stack gap="sm" h="calc(100vh - 52px - 2 * var(--mantine-spacing-md))">
      <Group justify="space-between">
        <Title order={2}>{drillText(spec.key, day)}</Title>
        <Group gap="xs">
          <Text size="sm" c="dimmed" data-testid="ticket-count">
            {loading
              ? 'Counting…'
              : `${rows.length.toLocaleString()} ${rows.length === 1 ? 'ticket' : 'tickets'}`}
          </Text>
          <ExportListButton
            rows={rows}
            name={`outpost-tickets-${drillText(spec.key, day)}`}
            disabled={loading}
          />
        </Group>
      </Group>
      <Alert variant="light" data-testid="drill-banner" p="xs">
        <Group justify="space-between" gap="xs">
          <Text size="sm">
            From the dashboard: {day(spec.period.from)} – {day(until)}
            {spec.filters.kinds.length > 0
              ? ` · ${spec.filters.kinds.map((k) => KIND_LABELS[k]).join(', ')}`
              : ' · incidents and requests'}
          </Text>
          <Group gap="xs">
            <Button size="xs" variant="subtle" onClick={() => navigate('/dashboard')}>
              Back to the dashboard
            </Button>
            <Button size="xs" variant="subtle" onClick={() => navigate('/tickets')}>
              All tickets
            </Button>
          </Group>
        </Group>
      </Alert>
      {data.error && (
        <Text c="red" size="sm">
          The figures could not be read completely: {data.error}
        </Text>
      )}
      {loading ? (
        <Text c="dimmed" size="sm">
          Reading tickets… {data.loaded.toLocaleString()}
        </Text>
      ) : rows.length === 0 ? (
        <Text c="dimmed" data-testid="empty-list">
          No tickets behind this figure.
        </Text>
      ) : (
        <TicketTable
          rows={rows}
          selectedId={selectedId}
          selectedIndex={rows.findIndex((r) => r.id === selectedId)}
          onSelect={setSelectedId}
          sort={sort}
          onSort={setSort}
          checkedIds={new Set()}
          onCheck={() => undefined}
        />
      )}
    </Stack>
  );
}
