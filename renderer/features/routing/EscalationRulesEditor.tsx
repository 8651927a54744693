import { useMemo } from 'react';
import { Checkbox, Grid, Group, MultiSelect, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { isPriority } from '../../../shared/domain/priority';
import type { Priority, TicketKind } from '../../../shared/domain/model';
import type {
  EscalationLevel,
  EscalationRule,
  NotifyTarget,
  SlaClockName,
} from '../../../shared/domain/escalation';
import { saveEscalationRules } from '../../data/routing';
import { useDb } from '../../app/database';
import { useDirectory } from '../../app/people';
import { ruleDirectory, useRoutingSettings, useSettingsSession } from './hooks';
import { ListEditor, type EntryCard } from './ListEditor';
import { EntryControls, KIND_OPTIONS, PRIORITY_OPTIONS, newEntryId, useCategoryOptions } from './parts';

const CLOCK_OPTIONS = [
  { value: 'response', label: 'Response' },
  { value: 'resolution', label: 'Resolution' },
];
const LEVEL_OPTIONS = [
  { value: 'warning', label: 'Reaches its warning' },
  { value: 'breach', label: 'Is breached' },
];
const RAISE_OPTIONS = [{ value: '0', label: 'Keep the priority' }, ...PRIORITY_OPTIONS];

function emptyRule(): EscalationRule {
  return {
    id: newEntryId(),
    name: '',
    match: { kinds: [], priorities: [], categories: [], groupIds: [] },
    trigger: { clock: 'resolution', level: 'breach' },
    reassignGroupId: '',
    reassignAssigneeId: '',
    raisePriorityTo: 0,
    notify: [],
  };
}

/** What happens when an SLA clock reaches its warning or is breached. */
export function EscalationRulesEditor() {
  const db = useDb();
  const session = useSettingsSession();
  const directory = useDirectory();
  const { escalationRules, categories } = useRoutingSettings();
  return (
    <ListEditor
      title="Escalation rules"
      testId="escalation-rules"
      description="Applied by the devices of agents and managers when a ticket's SLA clock reaches the trigger; each rule fires once per ticket. A raised priority is reached by raising urgency first, then impact, through the priority matrix."
      emptyText="No escalation rules."
      addLabel="Add escalation rule"
      saveLabel="Save escalation rules"
      saved={escalationRules}
      create={emptyRule}
      save={(draft) => saveEscalationRules(db, draft, session, ruleDirectory(directory))}
      renderCard={(card) => <RuleCard {...card} categories={categories} />}
    />
  );
}

function RuleCard(props: EntryCard<EscalationRule> & { categories: readonly string[] }) {
  const { entry: rule, index, errors, onChange } = props;
  const directory = useDirectory();
  const categoryOptions = useCategoryOptions(props.categories, rule.match.categories);
  const err = (field: string) => errors[`${index}.${field}`];
  const setMatch = (patch: Partial<EscalationRule['match']>) =>
    onChange({ ...rule, match: { ...rule.match, ...patch } });
  const groupOptions = directory.groups.map((g) => ({ value: g.id, label: g.name }));
  const people = useMemo(
    () =>
      directory.users.filter((u) => rule.reassignGroupId === '' || u.groupIds.includes(rule.reassignGroupId)),
    [directory.users, rule.reassignGroupId],
  );
  const label = rule.name.trim() || `escalation rule ${index + 1}`;

  return (
    <Paper withBorder p="sm" data-testid="escalation-rule" aria-label={`Escalation rule ${label}`}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600} size="sm">
            {index + 1}. {rule.name.trim() || 'New escalation rule'}
          </Text>
          <EntryControls
            name={label}
            index={index}
            count={props.count}
            onMove={props.onMove}
            onRemove={props.onRemove}
          />
        </Group>
        <Grid>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <TextInput
              label="Rule name"
              withAsterisk
              value={rule.name}
              error={err('name') ?? err('id')}
              onChange={(e) => onChange({ ...rule, name: e.currentTarget.value })}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <Select
              label="When the clock"
              data={CLOCK_OPTIONS}
              allowDeselect={false}
              value={rule.trigger.clock}
              error={err('trigger')}
              onChange={(v) =>
                v && onChange({ ...rule, trigger: { ...rule.trigger, clock: v as SlaClockName } })
              }
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <Select
              label="Fires when it"
              data={LEVEL_OPTIONS}
              allowDeselect={false}
              value={rule.trigger.level}
              onChange={(v) =>
                v && onChange({ ...rule, trigger: { ...rule.trigger, level: v as EscalationLevel } })
              }
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 3 }}>
            <MultiSelect
              label="Kinds"
              placeholder={rule.match.kinds.length ? undefined : 'Any'}
              data={KIND_OPTIONS}
              value={rule.match.kinds}
              error={err('kinds')}
              onChange={(v) => setMatch({ kinds: v as TicketKind[] })}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 3 }}>
            <MultiSelect
              label="Priorities"
              placeholder={rule.match.priorities.length ? undefined : 'Any'}
              data={PRIORITY_OPTIONS}
              value={rule.match.priorities.map(String)}
              error={err('priorities')}
              onChange={(v) => setMatch({ priorities: v.map(Number).filter(isPriority) })}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 3 }}>
            <MultiSelect
              label="Categories"
              placeholder={rule.match.categories.length ? undefined : 'Any'}
              searchable
              data={categoryOptions}
              value={rule.match.categories}
              error={err('categories')}
              onChange={(v) => setMatch({ categories: v })}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 3 }}>
            <MultiSelect
              label="Groups"
              placeholder={rule.match.groupIds.length ? undefined : 'Any'}
              data={groupOptions}
              value={rule.match.groupIds}
              error={err('groupIds')}
              onChange={(v) => setMatch({ groupIds: v })}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <Select
              label="Reassign to group"
              placeholder="Keep the group"
              clearable
              data={groupOptions}
              value={rule.reassignGroupId || null}
              error={err('reassignGroupId')}
              onChange={(v) => onChange({ ...rule, reassignGroupId: v ?? '', reassignAssigneeId: '' })}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <Select
              label="Reassign to person"
              placeholder="Keep the assignee"
              clearable
              searchable
              data={people.map((u) => ({ value: u.id, label: u.name }))}
              value={rule.reassignAssigneeId || null}
              error={err('reassignAssigneeId')}
              onChange={(v) => onChange({ ...rule, reassignAssigneeId: v ?? '' })}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <Select
              label="Raise priority to"
              data={RAISE_OPTIONS}
              allowDeselect={false}
              value={String(rule.raisePriorityTo)}
              error={err('raisePriorityTo')}
              onChange={(v) => {
                const n = Number(v);
                onChange({ ...rule, raisePriorityTo: isPriority(n) ? (n as Priority) : 0 });
              }}
            />
          </Grid.Col>
        </Grid>
        <Checkbox.Group
          label="Notify"
          value={rule.notify}
          error={err('notify') ?? err('actions')}
          onChange={(v) => onChange({ ...rule, notify: v as NotifyTarget[] })}
        >
          <Group mt={4}>
            <Checkbox value="assignee" label="The assignee" />
            <Checkbox value="group" label="The group's members" />
            <Checkbox value="managers" label="Managers" />
          </Group>
        </Checkbox.Group>
      </Stack>
    </Paper>
  );
}
