import { Grid, Group, Paper, Select, Stack, TagsInput, Text, TextInput, Textarea } from '@mantine/core';
import type { TicketKind } from '../../../shared/domain/model';
import type { TicketTemplate } from '../../../shared/domain/templates';
import { saveTicketTemplates } from '../../data/routing';
import { useDb } from '../../app/database';
import { useDirectory } from '../../app/people';
import { ruleDirectory, useRoutingSettings, useSettingsSession } from './hooks';
import { ListEditor, type EntryCard } from './ListEditor';
import { EntryControls, KIND_OPTIONS, LEVEL_OPTIONS, newEntryId, toLevel, useCategoryOptions } from './parts';

function emptyTemplate(): TicketTemplate {
  return {
    id: newEntryId(),
    name: '',
    kind: 'request',
    title: '',
    description: '',
    category: '',
    impact: 3,
    urgency: 3,
    groupId: '',
    tags: [],
  };
}

/** Templates offered in the new-ticket form. */
export function TemplatesEditor() {
  const db = useDb();
  const session = useSettingsSession();
  const directory = useDirectory();
  const { templates, categories } = useRoutingSettings();
  return (
    <ListEditor
      title="Ticket templates"
      testId="ticket-templates"
      description="Starting points for common tickets, offered in the new-ticket form. Empty fields leave the form as it is; without a group, the assignment rules route the ticket."
      emptyText="No templates yet."
      addLabel="Add template"
      saveLabel="Save templates"
      saved={templates}
      create={emptyTemplate}
      save={(draft) => saveTicketTemplates(db, draft, session, ruleDirectory(directory).isGroup)}
      renderCard={(card) => <TemplateCard {...card} categories={categories} />}
    />
  );
}

function TemplateCard(props: EntryCard<TicketTemplate> & { categories: readonly string[] }) {
  const { entry: t, index, errors, onChange } = props;
  const directory = useDirectory();
  const categoryOptions = useCategoryOptions(props.categories, [t.category]);
  const err = (field: string) => errors[`${index}.${field}`];
  const label = t.name.trim() || `template ${index + 1}`;
  return (
    <Paper withBorder p="sm" data-testid="ticket-template" aria-label={`Template ${label}`}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600} size="sm">
            {index + 1}. {t.name.trim() || 'New template'}
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
              label="Template name"
              withAsterisk
              value={t.name}
              error={err('name') ?? err('id')}
              onChange={(e) => onChange({ ...t, name: e.currentTarget.value })}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 3 }}>
            <Select
              label="Ticket kind"
              data={KIND_OPTIONS}
              allowDeselect={false}
              value={t.kind}
              error={err('kind')}
              onChange={(v) => v && onChange({ ...t, kind: v as TicketKind })}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 5 }}>
            <TextInput
              label="Ticket title"
              value={t.title}
              error={err('title')}
              onChange={(e) => onChange({ ...t, title: e.currentTarget.value })}
            />
          </Grid.Col>
          <Grid.Col span={12}>
            <Textarea
              label="Ticket description"
              autosize
              minRows={2}
              maxRows={8}
              value={t.description}
              error={err('description')}
              onChange={(e) => onChange({ ...t, description: e.currentTarget.value })}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <Select
              label="Ticket category"
              clearable
              searchable
              data={categoryOptions}
              value={t.category || null}
              error={err('category')}
              onChange={(v) => onChange({ ...t, category: v ?? '' })}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, sm: 2 }}>
            <Select
              label="Impact"
              data={LEVEL_OPTIONS}
              allowDeselect={false}
              value={String(t.impact)}
              error={err('impact')}
              onChange={(v) => onChange({ ...t, impact: toLevel(v, t.impact) })}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, sm: 2 }}>
            <Select
              label="Urgency"
              data={LEVEL_OPTIONS}
              allowDeselect={false}
              value={String(t.urgency)}
              error={err('urgency')}
              onChange={(v) => onChange({ ...t, urgency: toLevel(v, t.urgency) })}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <Select
              label="Ticket group"
              placeholder="By assignment rules"
              clearable
              data={directory.groups.map((g) => ({ value: g.id, label: g.name }))}
              value={t.groupId || null}
              error={err('groupId')}
              onChange={(v) => onChange({ ...t, groupId: v ?? '' })}
            />
          </Grid.Col>
          <Grid.Col span={12}>
            <TagsInput
              label="Ticket tags"
              value={t.tags}
              error={err('tags')}
              onChange={(v) => onChange({ ...t, tags: v })}
            />
          </Grid.Col>
        </Grid>
      </Stack>
    </Paper>
  );
}
