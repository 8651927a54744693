import { UnstyledButton } from '@mantine/core';
import type { RowSort, RowSortField } from '../../data';

/** Dates read newest first, priority P1 first, text A to Z: the first click's direction. */
const FIRST_DIRECTION: Record<RowSortField, 'asc' | 'desc'> = {
  updatedAt: 'desc',
  createdAt: 'desc',
  priority: 'asc',
  number: 'asc',
  title: 'asc',
  status: 'asc',
};

export function nextSort(current: RowSort, field: RowSortField): RowSort {
  if (current.field !== field) return { field, dir: FIRST_DIRECTION[field] };
  return { field, dir: current.dir === 'asc' ? 'desc' : 'asc' };
}

/** A column header that sorts the list; `aria-sort` tells assistive technology the order. */
export function SortHeader(props: {
  label: string;
  field?: RowSortField;
  sort: RowSort;
  onSort: (sort: RowSort) => void;
}) {
  const { label, field, sort, onSort } = props;
  if (!field) return <span role="columnheader">{label}</span>;
  const active = sort.field === field;
  return (
    <span role="columnheader" aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <UnstyledButton fw={600} fz="sm" onClick={() => onSort(nextSort(sort, field))}>
        {label}
        {active ? (sort.dir === 'asc' ? ' ↑' : ' ↓') : ''}
      </UnstyledButton>
    </span>
  );
}
