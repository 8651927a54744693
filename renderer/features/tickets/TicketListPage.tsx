import { useEffect, useMemo, useRef, useState } from 'react';
import { Button, Group, Progress, Stack, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { filterAndSortRows, isClockView, queryViewPage, toListRow, type ListRow } from '../../data';
import type { TicketDoc } from '../../../shared/domain/model';
import { useDb } from '../../app/database';
import { navigate } from '../../app/router';
import { markFirstScreenShown, useTicketRows, viewPredicate } from '../../app/ticketRows';
import { useSlaClocks } from '../../app/slaClocks';
import { useUi, type ViewId } from '../../state/ui';
import { TicketFilters } from './TicketFilters';
import { TicketTable } from './TicketTable';
import { BulkBar } from '../problems/BulkBar';
import { DrillListPage } from './DrillListPage';
import { ExportListButton } from './ExportListButton';

const VIEW_TITLES: Record<ViewId, string> = {
  open: 'All open tickets',
  mine: 'My open tickets',
  unassigned: 'Unassigned tickets',
  breachingSoon: 'Breaching SLA soon',
  breached: 'SLA breached',
  all: 'All tickets',
  done: 'Resolved & closed',
};

/** A saved view with filters, or (with `drill`) the tickets behind a dashboard figure. */
export function TicketListPage({ drill }: { drill?: string }) {
  return drill === undefined ? <ViewListPage /> : <DrillListPage encoded={drill} />;
}

function ViewListPage() {
  const { viewId, userId, filters, sort, setSort, selectedId, select, clearFilters } = useUi();
  const projection = useTicketRows();
  const firstPage = useFirstPage(viewId, userId, !projection.ready);
  const searchRef = useRef<HTMLInputElement>(null);
  const [checked, setChecked] = useState<ReadonlySet<string>>(() => new Set());

  const clocks = useSlaClocks();
  const clockView = isClockView(viewId);
  // Clock views change as time passes, not only when documents do: they follow the clocks.
  const viewClocks = clockView ? clocks : null;
  const rows: ListRow[] = useMemo(() => {
    if (!projection.ready || (viewClocks && !viewClocks.ready)) return firstPage ?? [];
    const inView = viewPredicate(viewId, userId, viewClocks ?? undefined);
    return filterAndSortRows(projection.rows.filter(inView), filters, sort);
  }, [projection.ready, projection.rows, firstPage, viewId, userId, filters, sort, viewClocks]);

  const shown = firstPage !== null || projection.ready;
  useEffect(() => {
    if (!shown) return;
    performance.mark('outpost:list-rendered');
    markFirstScreenShown();
  }, [shown]);

  const selectedIndex = rows.findIndex((r) => r.id === selectedId);
  const move = (delta: number) => {
    if (!rows.length) return;
    const next = Math.min(rows.length - 1, Math.max(0, (selectedIndex < 0 ? -1 : selectedIndex) + delta));
    select(rows[next]?.id ?? null);
  };
  useHotkeys([
    ['j', () => move(1)],
    ['k', () => move(-1)],
    ['ArrowDown', () => move(1)],
    ['ArrowUp', () => move(-1)],
    ['Enter', () => selectedId && navigate(`/tickets/${selectedId}`)],
    ['o', () => selectedId && navigate(`/tickets/${selectedId}`)],
  ]);
  const searchFocusPending = useUi((s) => s.searchFocusPending);
  const setSearchFocusPending = useUi((s) => s.setSearchFocusPending);
  useEffect(() => {
    if (searchFocusPending && projection.ready) {
      searchRef.current?.focus();
      setSearchFocusPending(false);
    }
  }, [searchFocusPending, projection.ready, setSearchFocusPending]);

  const filtering = projection.ready;
  const hasFilters =
    filters.text !== '' ||
    filters.kinds.length + filters.statuses.length + filters.priorities.length > 0 ||
    filters.assigneeId !== null ||
    filters.groupId !== null;

  return (
    <Stack gap="sm" h="calc(100vh - 52px - 2 * var(--mantine-spacing-md))">
      <Group justify="space-between">
        <Title order={2}>{VIEW_TITLES[viewId]}</Title>
        <Group gap="xs">
          <Text size="sm" c="dimmed" data-testid="ticket-count">
            {filtering
              ? `${rows.length.toLocaleString()} ${rows.length === 1 ? 'ticket' : 'tickets'}`
              : `Loading… ${projection.loaded.toLocaleString()} of ${projection.total.toLocaleString() || '…'}`}
          </Text>
          <ExportListButton rows={rows} name={`outpost-${VIEW_TITLES[viewId]}`} disabled={!filtering} />
          <Button onClick={() => navigate('/tickets/new')}>New ticket</Button>
        </Group>
      </Group>
      <TicketFilters searchRef={searchRef} disabled={!filtering} />
      {checked.size > 0 && (
        <BulkBar checkedIds={checked} rows={projection.rows} onDone={() => setChecked(new Set())} />
      )}
      {!projection.ready && projection.total > 0 && (
        <Progress
          value={(100 * projection.loaded) / projection.total}
          size="xs"
          aria-label="Loading ticket list"
        />
      )}
      {projection.error && (
        <Text c="red" size="sm">
          The ticket list could not be loaded completely: {projection.error}
        </Text>
      )}
      {rows.length === 0 && (projection.ready || firstPage !== null) && !(viewClocks && !viewClocks.ready) ? (
        <Stack align="center" py="xl" gap="xs" data-testid="empty-list">
          <Title order={4}>{hasFilters ? 'No tickets match these filters' : 'Nothing in this view'}</Title>
          <Text c="dimmed" size="sm">
            {hasFilters
              ? 'Loosen a filter or clear them all.'
              : 'New tickets you create or sync will appear here.'}
          </Text>
          {hasFilters ? (
            <Button variant="light" onClick={clearFilters}>
              Clear filters
            </Button>
          ) : (
            <Button variant="light" onClick={() => navigate('/tickets/new')}>
              Create a ticket
            </Button>
          )}
        </Stack>
      ) : (
        <TicketTable
          rows={rows}
          selectedId={selectedId}
          selectedIndex={selectedIndex}
          onSelect={select}
          sort={sort}
          onSort={(next) => setSort(next.field, next.dir)}
          checkedIds={checked}
          onCheck={(id, on) =>
            setChecked((prev) => {
              const next = new Set(prev);
              if (on) next.add(id);
              else next.delete(id);
              return next;
            })
          }
        />
      )}
    </Stack>
  );
}

/** The first 50 rows of a saved view, served from its index while the projection loads. */
function useFirstPage(viewId: ViewId, userId: string, enabled: boolean): ListRow[] | null {
  const db = useDb();
  const [page, setPage] = useState<ListRow[] | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    queryViewPage(db, viewId, { userId }, 50).then((docs: TicketDoc[]) => {
      if (live) setPage(docs.map(toListRow));
    });
    return () => {
      live = false;
    };
  }, [db, viewId, userId, enabled]);
  return page;
}
