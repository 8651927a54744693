import {
  Button,
  Grid,
  Group,
  MultiSelect,
  NumberInput,
  Paper,
  Select,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import { KIND_LABELS, PRIORITY_LABELS } from '../../../shared/domain/labels';
import { TICKET_KINDS, type Priority, type TicketKind } from '../../../shared/domain/model';
import { PRIORITIES } from '../../../shared/domain/priority';
import {
  TARGET_UNITS,
  TARGET_UNIT_LABELS,
  type CalendarDraft,
  type PolicyDraft,
  type TargetDraft,
  type TargetUnit,
} from '../../../shared/domain/slaDraft';
import type { FieldErrors } from '../../../shared/domain/validation';

const KIND_OPTIONS = TICKET_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }));
const PRIORITY_OPTIONS = PRIORITIES.map((p) => ({ value: String(p), label: `P${p} ${PRIORITY_LABELS[p]}` }));
const UNIT_OPTIONS = TARGET_UNITS.map((u) => ({ value: u, label: TARGET_UNIT_LABELS[u] }));

function TargetField({
  label,
  value,
  error,
  onChange,
}: {
  label: string;
  value: TargetDraft;
  error: string | undefined;
  onChange: (value: TargetDraft) => void;
}) {
  return (
    <Group gap={4} align="flex-start" wrap="nowrap">
      <NumberInput
        label={label}
        min={0}
        style={{ flex: 1 }}
        value={value.amount}
        onChange={(amount) => onChange({ ...value, amount })}
        error={error}
      />
      <Select
        label="Unit"
        aria-label={`${label} unit`}
        w={140}
        allowDeselect={false}
        data={UNIT_OPTIONS}
        value={value.unit}
        onChange={(unit) => unit && onChange({ ...value, unit: unit as TargetUnit })}
      />
    </Group>
  );
}

/** One SLA policy of the settings form; errors are keyed `policies.<index>.<field>`. */
export function PolicyFields({
  index,
  policy,
  calendars,
  categories,
  errors,
  onChange,
  onRemove,
}: {
  index: number;
  policy: PolicyDraft;
  calendars: readonly CalendarDraft[];
  categories: readonly string[];
  errors: FieldErrors;
  onChange: (policy: PolicyDraft) => void;
  onRemove: () => void;
}) {
  const error = (field: string) => errors[`policies.${index}.${field}`];
  const set = (patch: Partial<PolicyDraft>) => onChange({ ...policy, ...patch });
  const title = policy.name.trim() || `Policy ${index + 1}`;
  const calendarOptions = calendars.map((c) => ({ value: c.id, label: c.name.trim() || c.id }));
  // Keep a calendar that was removed visible, so its error makes sense.
  if (policy.calendarId && !calendars.some((c) => c.id === policy.calendarId)) {
    calendarOptions.push({ value: policy.calendarId, label: `${policy.calendarId} (removed)` });
  }
  return (
    <Paper withBorder p="sm" role="group" aria-label={`Policy ${title}`} data-testid="sla-policy">
      <Grid gap="xs">
        <Grid.Col span={{ base: 12, md: 4 }}>
          <TextInput
            label="Name"
            value={policy.name}
            onChange={(e) => set({ name: e.currentTarget.value })}
            error={error('name')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <MultiSelect
            label="Kinds"
            placeholder={policy.kinds.length === 0 ? 'Any kind' : undefined}
            data={KIND_OPTIONS}
            value={policy.kinds}
            onChange={(kinds) => set({ kinds: kinds as TicketKind[] })}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <MultiSelect
            label="Priorities"
            placeholder={policy.priorities.length === 0 ? 'Any priority' : undefined}
            data={PRIORITY_OPTIONS}
            value={policy.priorities.map(String)}
            onChange={(values) => set({ priorities: values.map((v) => Number(v) as Priority) })}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <TagsInput
            label="Categories"
            placeholder={policy.categories.length === 0 ? 'Any category' : undefined}
            data={[...categories]}
            value={policy.categories}
            onChange={(values) => set({ categories: values })}
            error={error('categories')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Select
            label="Calendar"
            allowDeselect={false}
            data={calendarOptions}
            value={policy.calendarId || null}
            onChange={(calendarId) => set({ calendarId: calendarId ?? '' })}
            error={error('calendarId')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <NumberInput
            label="Warn at (% of target)"
            min={1}
            max={99}
            value={policy.warnPercent}
            onChange={(warnPercent) => set({ warnPercent })}
            error={error('warnPercent')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <TargetField
            label="Response target"
            value={policy.response}
            error={error('response')}
            onChange={(response) => set({ response })}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <TargetField
            label="Resolution target"
            value={policy.resolution}
            error={error('resolution')}
            onChange={(resolution) => set({ resolution })}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Group h="100%" align="flex-end" justify="flex-end">
            <Button variant="subtle" color="red" onClick={onRemove}>
              Remove policy
            </Button>
          </Group>
        </Grid.Col>
      </Grid>
      {policy.kinds.length + policy.priorities.length + policy.categories.length === 0 && (
        <Text size="xs" c="dimmed" mt={4}>
          Matches every ticket that no more specific policy matches.
        </Text>
      )}
    </Paper>
  );
}
