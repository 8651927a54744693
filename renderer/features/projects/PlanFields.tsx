import { Grid, MultiSelect, TextInput } from '@mantine/core';
import type { FieldErrors } from '../../../shared/domain/validation';
import type { PlanForm } from './planInputs';

/** Due date, estimate, planned window and dependencies: shared by "Add task" and the task page. */
export function PlanFields({
  value,
  onChange,
  errors,
  dependencyChoices,
}: {
  value: PlanForm;
  onChange: (next: PlanForm) => void;
  errors: FieldErrors;
  dependencyChoices: { value: string; label: string }[];
}) {
  const set = <K extends keyof PlanForm>(key: K, v: PlanForm[K]) => onChange({ ...value, [key]: v });
  return (
    <Grid>
      <Grid.Col span={{ base: 12, sm: 6 }}>
        <TextInput
          type="date"
          label="Due date"
          value={value.dueAt}
          onChange={(e) => set('dueAt', e.currentTarget.value)}
          error={errors.dueAt}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6 }}>
        <TextInput
          label="Estimate (hours)"
          inputMode="decimal"
          placeholder="e.g. 4 or 1.5"
          value={value.estimate}
          onChange={(e) => set('estimate', e.currentTarget.value)}
          error={errors.estimateMinutes}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6 }}>
        <TextInput
          type="date"
          label="Planned start"
          value={value.plannedStart}
          onChange={(e) => set('plannedStart', e.currentTarget.value)}
          error={errors.plannedStart}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6 }}>
        <TextInput
          type="date"
          label="Planned end"
          value={value.plannedEnd}
          onChange={(e) => set('plannedEnd', e.currentTarget.value)}
          error={errors.plannedEnd}
        />
      </Grid.Col>
      <Grid.Col span={12}>
        <MultiSelect
          label="Depends on"
          placeholder={value.dependsOn.length ? undefined : 'Tasks that must be done first'}
          searchable
          clearable
          data={dependencyChoices}
          value={value.dependsOn}
          onChange={(v) => set('dependsOn', v)}
          error={errors.dependsOn}
          nothingFoundMessage="No other task in this project"
        />
      </Grid.Col>
    </Grid>
  );
}

export function taskChoices(
  tasks: readonly { id: string; number: string; title: string }[],
  exceptId?: string,
): { value: string; label: string }[] {
  return tasks
    .filter((t) => t.id !== exceptId)
    .map((t) => ({ value: t.id, label: `${t.number} ${t.title}` }));
}
