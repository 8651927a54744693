import {
  Button,
  Grid,
  Group,
  Paper,
  Select,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import type { TicketKind } from '../../../shared/domain/model';
import type { TicketTemplate } from '../../../shared/domain/templates';
import { saveTicketTemplates } from '../../data/routing';
import { useDb } from '../../app/database';
import { useDirectory } from '../../app/people';
import { ruleDirectory, useRoutingSettings, useSettingsSession } from './hooks';
import {
  EntryControls,
  KIND_OPTIONS,
  LEVEL_OPTIONS,
  SaveBar,
  Section,
  move,
  newEntryId,
  toLevel,
  useCategoryOptions,
  useDraft,
  useSave,
} from './parts';

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
  const { draft, setDraft, dirty, reset, markSaved } = useDraft(templates);
  const save = useSave(markSaved);
  const update = (i: number, next: TicketTemplate) => setDraft(draft.map((t, j) => (j === i ? next : t)));

  return (
    <Section
      title="Ticket templates"
      testId="ticket-templates"
      description="Starting points for common tickets, offered in the new-ticket form. Empty fields leave the form as it is; without a group, the assignment rules route the ticket."
    >
      {draft.length === 0 && <Text size="sm">No templates yet.</Text>}
      {draft.map((template, i) => (
        <TemplateCard
          key={template.id}
          template={template}
          index={i}
          count={draft.length}
          categories={categories}
          errors={save.errors}
          onChange={(next) => update(i, next)}
          onMove={(to) => setDraft(move(draft, i, to))}
          onRemove={() => setDraft(draft.filter((_, j) => j !== i))}
        />
      ))}
      <SaveBar
        label="Save templates"
        saving={save.saving}
        dirty={dirty}
        message={save.message}
        onSave={() =>
          void save.run(() => saveTicketTemplates(db, draft, session, ruleDirectory(directory).isGroup))
        }
        onDiscard={() => {
          reset();
          save.clear();
        }}
        extra={
          <Button variant="default" onClick={() => setDraft([...draft, emptyTemplate()])}>
            Add template
          </Button>
        }
      />
    </Section>
  );
}

function TemplateCard(props: {
  template: TicketTemplate;
  index: number;
  count: number;
  categories: readonly string[];
  errors: Partial<Record<string, string>>;
  onChange: (next: TicketTemplate) => void;
  onMove: (to: number) => void;
  onRemove: () => void;
}) {
  const { template: t, index, errors, onChange } = props;
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
