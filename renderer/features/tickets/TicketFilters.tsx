import type { RefObject } from 'react';
import { ActionIcon, Button, Group, MultiSelect, Select, TextInput, Tooltip } from '@mantine/core';
import {
  TICKET_KINDS,
  TICKET_STATUSES,
  type Priority,
  type TicketKind,
  type TicketStatus,
} from '../../../shared/domain/model';
import { KIND_LABELS, STATUS_LABELS, PRIORITY_LABELS } from '../../../shared/domain/labels';
import { useDirectory } from '../../app/people';
import { useUi, type SortField } from '../../state/ui';

const SORT_OPTIONS: { value: SortField; label: string }[] = [
  { value: 'updatedAt', label: 'Last updated' },
  { value: 'createdAt', label: 'Created' },
  { value: 'priority', label: 'Priority' },
  { value: 'number', label: 'Number' },
  { value: 'title', label: 'Title' },
  { value: 'status', label: 'Status' },
];

export function TicketFilters({
  searchRef,
  disabled,
}: {
  searchRef: RefObject<HTMLInputElement | null>;
  disabled: boolean;
}) {
  const { filters, setFilters, clearFilters, sort, setSort } = useUi();
  const directory = useDirectory();
  return (
    <Group gap="xs" align="flex-end" wrap="wrap">
      <TextInput
        ref={searchRef}
        label="Search"
        placeholder="Number, title or text  ( / )"
        value={filters.text}
        onChange={(e) => setFilters({ text: e.currentTarget.value })}
        onKeyDown={(e) => e.key === 'Escape' && e.currentTarget.blur()}
        w={240}
        disabled={disabled}
      />
      <MultiSelect
        label="Kind"
        placeholder={filters.kinds.length ? undefined : 'Any'}
        data={TICKET_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
        value={filters.kinds}
        onChange={(v) => setFilters({ kinds: v as TicketKind[] })}
        w={170}
        clearable
        disabled={disabled}
      />
      <MultiSelect
        label="Status"
        placeholder={filters.statuses.length ? undefined : 'Any'}
        data={TICKET_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
        value={filters.statuses}
        onChange={(v) => setFilters({ statuses: v as TicketStatus[] })}
        w={170}
        clearable
        disabled={disabled}
      />
      <MultiSelect
        label="Priority"
        placeholder={filters.priorities.length ? undefined : 'Any'}
        data={([1, 2, 3, 4, 5] as Priority[]).map((p) => ({
          value: String(p),
          label: `P${p} ${PRIORITY_LABELS[p]}`,
        }))}
        value={filters.priorities.map(String)}
        onChange={(v) => setFilters({ priorities: v.map((p) => Number(p) as Priority) })}
        w={150}
        clearable
        disabled={disabled}
      />
      <Select
        label="Assignee"
        placeholder="Anyone"
        searchable
        clearable
        data={[
          { value: '', label: 'Unassigned' },
          ...directory.users.map((u) => ({ value: u.id, label: u.name })),
        ]}
        value={filters.assigneeId}
        onChange={(v) => setFilters({ assigneeId: v })}
        w={170}
        disabled={disabled}
      />
      <Select
        label="Group"
        placeholder="Any group"
        clearable
        data={directory.groups.map((g) => ({ value: g.id, label: g.name }))}
        value={filters.groupId}
        onChange={(v) => setFilters({ groupId: v })}
        w={160}
        disabled={disabled}
      />
      <Select
        label="Sort by"
        data={SORT_OPTIONS}
        value={sort.field}
        onChange={(v) => v && setSort(v as SortField, sort.dir)}
        allowDeselect={false}
        w={140}
        disabled={disabled}
      />
      <Tooltip label={sort.dir === 'desc' ? 'Descending' : 'Ascending'}>
        <ActionIcon
          size="lg"
          variant="default"
          aria-label={`Sort ${sort.dir === 'desc' ? 'descending' : 'ascending'}; click to reverse`}
          onClick={() => setSort(sort.field, sort.dir === 'desc' ? 'asc' : 'desc')}
          disabled={disabled}
        >
          {sort.dir === 'desc' ? '↓' : '↑'}
        </ActionIcon>
      </Tooltip>
      <Button variant="subtle" onClick={clearFilters} disabled={disabled}>
        Clear
      </Button>
    </Group>
  );
}
