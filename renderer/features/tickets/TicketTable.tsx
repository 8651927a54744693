import { useEffect, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ListRow, RowSort } from '../../data';
import { SortHeader } from './SortHeader';
import { KIND_LABELS } from '../../../shared/domain/labels';
import { useDirectory } from '../../app/people';
import { navigate } from '../../app/router';
import { PriorityBadge, StatusBadge } from './badges';
import { formatRelative } from '../../lib/format';
import { SlaCell } from '../sla/SlaCell';

const ROW_HEIGHT = 44;

/** Virtualized: only the rows on screen exist in the DOM, so 100k tickets scroll smoothly. */
export function TicketTable({
  rows,
  selectedId,
  selectedIndex,
  onSelect,
  sort,
  onSort,
  checkedIds,
  onCheck,
}: {
  rows: ListRow[];
  selectedId: string | null;
  /** Position of selectedId in rows (the page already looked it up), -1 when none. */
  selectedIndex: number;
  onSelect: (id: string) => void;
  sort: RowSort;
  onSort: (sort: RowSort) => void;
  /** Rows ticked for a bulk action (e.g. create a problem from incidents). */
  checkedIds: ReadonlySet<string>;
  onCheck: (id: string, checked: boolean) => void;
}) {
  const parentRef = useRef<HTMLDivElement>(null);
  const directory = useDirectory();
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => parentRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);
  const now = Date.now();

  return (
    <div
      ref={parentRef}
      style={{ flex: 1, overflow: 'auto', minHeight: 200 }}
      role="grid"
      aria-label="Tickets"
      aria-rowcount={rows.length}
    >
      <div className="ticket-row header" role="row">
        <span role="columnheader" aria-label="Selected" />
        <SortHeader label="Number" field="number" sort={sort} onSort={onSort} />
        <SortHeader label="Pri." field="priority" sort={sort} onSort={onSort} />
        <SortHeader label="Title" field="title" sort={sort} onSort={onSort} />
        <SortHeader label="Status" field="status" sort={sort} onSort={onSort} />
        <SortHeader label="SLA" sort={sort} onSort={onSort} />
        <SortHeader label="Kind" sort={sort} onSort={onSort} />
        <SortHeader label="Assignee" sort={sort} onSort={onSort} />
        <SortHeader label="Updated" field="updatedAt" sort={sort} onSort={onSort} />
      </div>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          return (
            <div
              key={row.id}
              className="ticket-row"
              role="row"
              data-testid="ticket-row"
              data-id={row.id}
              data-selected={row.id === selectedId}
              aria-selected={row.id === selectedId}
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                right: 0,
                transform: `translateY(${item.start}px)`,
              }}
              onClick={() => onSelect(row.id)}
              onDoubleClick={() => navigate(`/tickets/${row.id}`)}
            >
              <span>
                <input
                  type="checkbox"
                  aria-label={`Select ${row.number}`}
                  checked={checkedIds.has(row.id)}
                  onClick={(e) => e.stopPropagation()}
                  onChange={(e) => onCheck(row.id, e.currentTarget.checked)}
                />
              </span>
              <span>
                <a href={`#/tickets/${row.id}`} onClick={(e) => e.stopPropagation()}>
                  {row.number}
                </a>
              </span>
              <span>
                <PriorityBadge priority={row.priority} />
              </span>
              <span title={row.title} data-testid="ticket-title">
                {row.title}
              </span>
              <span>
                <StatusBadge status={row.status} />
              </span>
              <span data-testid="sla-cell">
                <SlaCell row={row} now={now} />
              </span>
              <span>{KIND_LABELS[row.kind]}</span>
              <span>{directory.name(row.assigneeId, 'Unassigned')}</span>
              <span title={new Date(row.updatedAt).toLocaleString()}>
                {formatRelative(row.updatedAt, now)}
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
