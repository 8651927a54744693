import { useMemo } from 'react';
import { Button, Group, MultiSelect, Select, TextInput } from '@mantine/core';
import { categoryLabel, categoryPaths } from '../../../shared/domain/categories';
import type { TicketFacts, PeriodPreset } from '../../../shared/domain/kpi/model';
import type { Period } from '../../../shared/domain/kpi/model';
import { PERIOD_LABELS } from '../../../shared/domain/kpi/period';
import { isoDate } from '../../../shared/domain/kpi/report';
import { KIND_LABELS, priorityLabel } from '../../../shared/domain/labels';
import { TICKET_KINDS, type Priority, type TicketKind } from '../../../shared/domain/model';
import { PRIORITIES } from '../../../shared/domain/priority';
import type { Directory } from '../../app/people';
import { hasFilters, useDashboardState, type GranularityChoice } from './state';

const PRESETS = Object.entries(PERIOD_LABELS).map(([value, label]) => ({ value, label }));
const GRANULARITIES: { value: GranularityChoice; label: string }[] = [
  { value: 'auto', label: 'Auto' },
  { value: 'day', label: 'Day' },
  { value: 'week', label: 'Week' },
  { value: 'month', label: 'Month' },
];

/** Everyone who can hold a ticket: any user beyond a plain requester. */
export function assignablePeople(directory: Directory) {
  return directory.users.filter((u) => u.roles.some((role) => role !== 'requester'));
}

/** The categories tickets carry, with their parents (a parent keeps its sub-categories). */
function categoriesOf(facts: ReadonlyMap<string, TicketFacts>, version: number): string[] {
  void version;
  const seen = new Set<string>();
  for (const f of facts.values()) if (f.category) seen.add(f.category);
  return categoryPaths([...seen]);
}

export function DashboardFilters({
  directory,
  facts,
  version,
  timeZone,
  resolved,
  periodError,
}: {
  directory: Directory;
  facts: ReadonlyMap<string, TicketFacts>;
  version: number;
  timeZone: string;
  /** The period shown now, to start custom dates from. */
  resolved: Period | null;
  periodError: string | null;
}) {
  const state = useDashboardState();
  const { filters, setFilters } = state;
  const categories = useMemo(() => categoriesOf(facts, version), [facts, version]);
  const agents = assignablePeople(directory);

  const choosePreset = (value: string | null) => {
    if (!value) return;
    const preset = value as PeriodPreset;
    // Custom dates start from the period on screen, so a small change is a small edit.
    if (preset === 'custom' && resolved && !state.customFrom && !state.customTo) {
      state.setPreset(preset, {
        from: isoDate(resolved.from, timeZone),
        to: isoDate(resolved.to - 1, timeZone),
      });
    } else state.setPreset(preset);
  };

  return (
    <Group
      gap="xs"
      align="flex-start"
      wrap="wrap"
      className="dash-no-print"
      aria-label="Dashboard filters"
      role="group"
    >
      <Select
        label="Period"
        data={PRESETS}
        value={state.preset}
        onChange={choosePreset}
        allowDeselect={false}
        w={170}
      />
      {state.preset === 'custom' && (
        <>
          <TextInput
            label="From"
            type="date"
            value={state.customFrom}
            onChange={(e) => state.setCustom({ from: e.currentTarget.value })}
            w={160}
          />
          <TextInput
            label="To"
            type="date"
            value={state.customTo}
            onChange={(e) => state.setCustom({ to: e.currentTarget.value })}
            error={periodError}
            w={200}
          />
        </>
      )}
      <Select
        label="Granularity"
        data={GRANULARITIES}
        value={state.granularity}
        onChange={(v) => v && state.setGranularity(v as GranularityChoice)}
        allowDeselect={false}
        w={120}
      />
      <MultiSelect
        label="Kinds"
        placeholder={filters.kinds.length ? undefined : 'Incidents and requests'}
        data={TICKET_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
        value={filters.kinds}
        onChange={(v) => setFilters({ kinds: v as TicketKind[] })}
        clearable
        w={220}
      />
      <MultiSelect
        label="Group"
        placeholder={filters.groupIds.length ? undefined : 'Any group'}
        data={directory.groups.map((g) => ({ value: g.id, label: g.name }))}
        value={filters.groupIds}
        onChange={(v) => setFilters({ groupIds: v })}
        searchable
        clearable
        w={200}
      />
      <MultiSelect
        label="Agent"
        placeholder={filters.assigneeIds.length ? undefined : 'Anyone'}
        data={agents.map((u) => ({ value: u.id, label: u.name }))}
        value={filters.assigneeIds}
        onChange={(v) => setFilters({ assigneeIds: v })}
        searchable
        clearable
        w={200}
      />
      <MultiSelect
        label="Category"
        placeholder={filters.categories.length ? undefined : 'Any category'}
        data={categories.map((c) => ({ value: c, label: categoryLabel(c) }))}
        value={filters.categories}
        onChange={(v) => setFilters({ categories: v })}
        searchable
        clearable
        w={220}
      />
      <MultiSelect
        label="Priority"
        placeholder={filters.priorities.length ? undefined : 'Any priority'}
        data={PRIORITIES.map((p) => ({ value: String(p), label: priorityLabel(p) }))}
        value={filters.priorities.map(String)}
        onChange={(v) => setFilters({ priorities: v.map((p) => Number(p) as Priority) })}
        clearable
        w={180}
      />
      <Button variant="subtle" mt={25} onClick={state.clearFilters} disabled={!hasFilters(filters)}>
        Clear filters
      </Button>
    </Group>
  );
}
