import { useMemo } from 'react';
import { Grid, Group, MultiSelect, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { CI_CLASSES, type CiClass, type TicketKind } from '../../../shared/domain/model';
import { CI_CLASS_LABELS } from '../../../shared/domain/labels';
import type { AssignmentRule } from '../../../shared/domain/routing';
import { saveAssignmentRules } from '../../data/routing';
import { useDb } from '../../app/database';
import { useDirectory } from '../../app/people';
import { useCiChoices } from '../../app/cis';
import { ruleDirectory, useRoutingSettings, useSettingsSession } from './hooks';
import { ListEditor, type EntryCard } from './ListEditor';
import { EntryControls, KIND_OPTIONS, newEntryId, useCategoryOptions } from './parts';

const CI_CLASS_OPTIONS = CI_CLASSES.map((c) => ({ value: c, label: CI_CLASS_LABELS[c] }));

function emptyRule(): AssignmentRule {
  return {
    id: newEntryId(),
    name: '',
    match: { kinds: [], categories: [], ciIds: [], ciClasses: [] },
    groupId: '',
    assigneeId: '',
  };
}

/** Ordered assignment rules: the first one that matches a new ticket picks its group. */
export function AssignmentRulesEditor() {
  const db = useDb();
  const session = useSettingsSession();
  const directory = useDirectory();
  const { assignmentRules, categories } = useRoutingSettings();
  return (
    <ListEditor
      title="Assignment rules"
      testId="assignment-rules"
      description="A new ticket without a group goes to the group of the first rule that matches it (top to bottom). A rule matches when every criterion it sets matches; empty criteria match anything."
      emptyText="No rules: new tickets stay unassigned until someone picks a group."
      addLabel="Add assignment rule"
      saveLabel="Save assignment rules"
      saved={assignmentRules}
      create={emptyRule}
      save={(draft) => saveAssignmentRules(db, draft, session, ruleDirectory(directory))}
      renderCard={(card) => <RuleCard {...card} categories={categories} />}
    />
  );
}

function RuleCard(props: EntryCard<AssignmentRule> & { categories: readonly string[] }) {
  const { entry: rule, index, errors } = props;
  const directory = useDirectory();
  const ciChoices = useCiChoices();
  const categoryOptions = useCategoryOptions(props.categories, rule.match.categories);
  const err = (field: string) => errors[`${index}.${field}`];
  const setMatch = (patch: Partial<AssignmentRule['match']>) =>
    props.onChange({ ...rule, match: { ...rule.match, ...patch } });
  const members = useMemo(
    () => directory.users.filter((u) => rule.groupId !== '' && u.groupIds.includes(rule.groupId)),
    [directory.users, rule.groupId],
  );
  const label = rule.name.trim() || `rule ${index + 1}`;

  return (
    <Paper withBorder p="sm" data-testid="assignment-rule" aria-label={`Assignment rule ${label}`}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600} size="sm">
            {index + 1}. {rule.name.trim() || 'New rule'}
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
              onChange={(e) => props.onChange({ ...rule, name: e.currentTarget.value })}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <Select
              label="Route to group"
              withAsterisk
              data={directory.groups.map((g) => ({ value: g.id, label: g.name }))}
              value={rule.groupId || null}
              error={err('groupId')}
              onChange={(v) => props.onChange({ ...rule, groupId: v ?? '', assigneeId: '' })}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <Select
              label="Assign to"
              placeholder="Nobody: the group's queue"
              clearable
              searchable
              data={members.map((u) => ({ value: u.id, label: u.name }))}
              value={rule.assigneeId || null}
              error={err('assigneeId')}
              onChange={(v) => props.onChange({ ...rule, assigneeId: v ?? '' })}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <MultiSelect
              label="When the kind is"
              placeholder={rule.match.kinds.length ? undefined : 'Any kind'}
              data={KIND_OPTIONS}
              value={rule.match.kinds}
              error={err('kinds')}
              onChange={(v) => setMatch({ kinds: v as TicketKind[] })}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <MultiSelect
              label="When the category is in"
              placeholder={rule.match.categories.length ? undefined : 'Any category'}
              searchable
              data={categoryOptions}
              value={rule.match.categories}
              error={err('categories')}
              onChange={(v) => setMatch({ categories: v })}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <MultiSelect
              label="When a linked CI is of class"
              placeholder={rule.match.ciClasses.length ? undefined : 'Any class'}
              data={CI_CLASS_OPTIONS}
              value={rule.match.ciClasses}
              error={err('ciClasses')}
              onChange={(v) => setMatch({ ciClasses: v as CiClass[] })}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <MultiSelect
              label="Or a linked CI is"
              placeholder={rule.match.ciIds.length ? undefined : 'Any CI'}
              searchable
              limit={50}
              data={ciChoices}
              value={rule.match.ciIds}
              error={err('ciIds')}
              onChange={(v) => setMatch({ ciIds: v })}
            />
          </Grid.Col>
        </Grid>
        {err('form') && (
          <Text c="red" size="sm">
            {err('form')}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
