import { Chip, Group, MultiSelect, Select, TextInput } from '@mantine/core';
import type { SearchDocType } from '../../search';
import { DATE_PRESETS, statusOptions, type DatePreset, type DateRange } from './filters';
import { TYPE_PLURALS } from './links';

interface Props {
  allTypes: readonly SearchDocType[];
  types: SearchDocType[];
  onTypes: (types: SearchDocType[]) => void;
  statuses: string[];
  onStatuses: (statuses: string[]) => void;
  preset: DatePreset;
  onPreset: (preset: DatePreset) => void;
  from: string;
  to: string;
  onFrom: (value: string) => void;
  onTo: (value: string) => void;
  errors: DateRange['errors'];
}

export function SearchFilters(props: Props) {
  const options = statusOptions(props.types);
  const known = new Set(options.map((o) => o.value));
  return (
    <Group gap="md" align="flex-end" wrap="wrap" data-testid="search-filters">
      <Chip.Group multiple value={props.types} onChange={(v) => props.onTypes(v as SearchDocType[])}>
        <Group gap={6} role="group" aria-label="Types">
          {props.allTypes.map((type) => (
            <Chip key={type} value={type} size="sm">
              {TYPE_PLURALS[type]}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      <MultiSelect
        label="Status"
        size="xs"
        w={240}
        placeholder="Any status"
        searchable
        clearable
        data={options}
        // A status of a type no longer chosen stays out of the query and the box.
        value={props.statuses.filter((s) => known.has(s))}
        onChange={props.onStatuses}
      />
      <Select
        label="Updated"
        size="xs"
        w={170}
        allowDeselect={false}
        data={DATE_PRESETS.map((p) => ({ value: p.value, label: p.label }))}
        value={props.preset}
        onChange={(v) => v && props.onPreset(v as DatePreset)}
      />
      {props.preset === 'custom' && (
        <>
          <TextInput
            label="From"
            type="date"
            size="xs"
            w={150}
            value={props.from}
            onChange={(e) => props.onFrom(e.currentTarget.value)}
            error={props.errors.from}
          />
          <TextInput
            label="To"
            type="date"
            size="xs"
            w={150}
            value={props.to}
            onChange={(e) => props.onTo(e.currentTarget.value)}
            error={props.errors.to}
          />
        </>
      )}
    </Group>
  );
}
