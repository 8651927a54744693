import { useMemo, type ReactNode } from 'react';
import {
  Badge,
  Button,
  Grid,
  MultiSelect,
  Group,
  Select,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { TICKET_KINDS, type Level, type TicketKind } from '../../../shared/domain/model';
import { KIND_LABELS, PRIORITY_LABELS } from '../../../shared/domain/labels';
import { priorityOf, type PriorityMatrix } from '../../../shared/domain/priority';
import { categoryLabel, categoryPaths } from '../../../shared/domain/categories';
import type { FieldErrors, TicketInput } from '../../../shared/domain/validation';
import { useDirectory } from '../../app/people';
import { useCiChoices } from '../../app/cis';

const LEVELS: { value: string; label: string }[] = [
  { value: '1', label: '1 – High' },
  { value: '2', label: '2 – Medium' },
  { value: '3', label: '3 – Low' },
];

export interface TicketFormProps {
  value: TicketInput;
  onChange: (next: TicketInput) => void;
  errors: FieldErrors;
  onSubmit: () => void;
  onCancel: () => void;
  submitLabel: string;
  saving: boolean;
  matrix: PriorityMatrix;
  categories: string[];
  /** Kind cannot change once a ticket exists: its number carries the kind prefix. */
  kindLocked?: boolean;
  /** Shown under the assignment group (e.g. which rule routed the ticket). */
  groupNote?: ReactNode;
}

/** Create and edit share one form; errors come from the domain validator, shown inline. */
export function TicketForm(props: TicketFormProps) {
  const { value, onChange, errors, matrix } = props;
  const directory = useDirectory();
  const ciChoices = useCiChoices();
  const set = <K extends keyof TicketInput>(key: K, v: TicketInput[K]) => onChange({ ...value, [key]: v });
  const priority = priorityOf(value.impact, value.urgency, matrix);
  const groupMembers = useMemo(
    () => directory.users.filter((u) => !value.groupId || u.groupIds.includes(value.groupId)),
    [directory.users, value.groupId],
  );
  // Every node of the category tree ("Hardware", "Hardware › Laptop"), the current value included.
  const categoryOptions = useMemo(() => {
    const paths = categoryPaths([...props.categories, ...(value.category ? [value.category] : [])]);
    // A ticket saved with a spelling the list no longer has keeps showing it.
    if (value.category && !paths.includes(value.category)) paths.push(value.category);
    return paths.map((path) => ({ value: path, label: categoryLabel(path) }));
  }, [props.categories, value.category]);

  return (
    <form
      noValidate
      aria-label="Ticket form"
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit();
      }}
    >
      <Stack gap="sm">
        <Grid>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <Select
              label="Kind"
              data={TICKET_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
              value={value.kind}
              onChange={(v) => v && set('kind', v as TicketKind)}
              error={errors.kind}
              disabled={props.kindLocked}
              allowDeselect={false}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 8 }}>
            <TextInput
              label="Title"
              withAsterisk
              value={value.title}
              onChange={(e) => set('title', e.currentTarget.value)}
              error={errors.title}
              data-autofocus
            />
          </Grid.Col>
        </Grid>
        <Textarea
          label="Description"
          autosize
          minRows={4}
          maxRows={14}
          value={value.description}
          onChange={(e) => set('description', e.currentTarget.value)}
          error={errors.description}
        />
        <Grid>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <Select
              label="Impact"
              data={LEVELS}
              value={String(value.impact)}
              onChange={(v) => v && set('impact', Number(v) as Level)}
              error={errors.impact}
              allowDeselect={false}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <Select
              label="Urgency"
              data={LEVELS}
              value={String(value.urgency)}
              onChange={(v) => v && set('urgency', Number(v) as Level)}
              error={errors.urgency}
              allowDeselect={false}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <Text size="sm" fw={500} mb={4}>
              Priority
            </Text>
            <Badge size="lg" data-testid="computed-priority">
              P{priority} {PRIORITY_LABELS[priority]}
            </Badge>
          </Grid.Col>
        </Grid>
        <Grid>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <Select
              label="Requester"
              withAsterisk
              searchable
              data={directory.users.map((u) => ({ value: u.id, label: u.name }))}
              value={value.requesterId || null}
              onChange={(v) => set('requesterId', v ?? '')}
              error={errors.requesterId}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <Select
              label="Assignment group"
              clearable
              data={directory.groups.map((g) => ({ value: g.id, label: g.name }))}
              value={value.groupId || null}
              onChange={(v) => set('groupId', v ?? '')}
              error={errors.groupId}
              description={props.groupNote}
              inputWrapperOrder={['label', 'input', 'description', 'error']}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <Select
              label="Assignee"
              clearable
              searchable
              data={groupMembers.map((u) => ({ value: u.id, label: u.name }))}
              value={value.assigneeId || null}
              onChange={(v) => set('assigneeId', v ?? '')}
              error={errors.assigneeId}
            />
          </Grid.Col>
        </Grid>
        <Grid>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <Select
              label="Category"
              searchable
              clearable
              data={categoryOptions}
              value={value.category || null}
              onChange={(v) => set('category', v ?? '')}
              error={errors.category}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <MultiSelect
              label="Configuration items"
              placeholder={value.ciIds?.length ? undefined : 'Affected devices, services…'}
              searchable
              clearable
              limit={50}
              data={ciChoices}
              value={value.ciIds ?? []}
              onChange={(v) => set('ciIds', v)}
              error={errors.ciIds}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TagsInput
              label="Tags"
              value={value.tags ?? []}
              onChange={(v) => set('tags', v)}
              error={errors.tags}
            />
          </Grid.Col>
        </Grid>
        {errors.form ? (
          <Text c="red" size="sm" role="alert">
            {errors.form}
          </Text>
        ) : (
          Object.keys(errors).length > 0 && (
            <Text c="red" size="sm" role="alert">
              Please correct the highlighted fields. Nothing has been saved.
            </Text>
          )
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={props.saving}>
            {props.submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
