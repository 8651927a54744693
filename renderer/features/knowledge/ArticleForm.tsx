import { useMemo } from 'react';
import {
  Autocomplete,
  Button,
  Grid,
  Group,
  MultiSelect,
  Paper,
  ScrollArea,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { canWriteArticles, type ArticleInput } from '../../../shared/domain/articles';
import type { FieldErrors } from '../../../shared/domain/validation';
import { useDirectory } from '../../app/people';
import { fromDateInput, toDateInput } from './hooks';
import { Markdown, type ImageResolver } from './Markdown';

export interface ArticleFormProps {
  value: ArticleInput;
  onChange: (next: ArticleInput) => void;
  errors: FieldErrors;
  onSubmit: () => void;
  onCancel: () => void;
  submitLabel: string;
  saving: boolean;
  /** Categories already in use, offered as suggestions. */
  categories: string[];
  images?: ImageResolver;
  /** Set outside drafts: the reviewed content stays as it is; owner, reviewers and date change. */
  contentLocked?: string;
}

/** Writing and editing share one form: Markdown on the left, its live preview on the right. */
export function ArticleForm(props: ArticleFormProps) {
  const { value, onChange, errors, contentLocked } = props;
  const directory = useDirectory();
  const set = <K extends keyof ArticleInput>(key: K, v: ArticleInput[K]) => onChange({ ...value, [key]: v });
  const writers = useMemo(
    () =>
      directory.users
        .filter((u) => canWriteArticles(u.roles))
        .map((u) => ({ value: u.id, label: `${u.name} (${u.roles[0] ?? 'user'})` })),
    [directory.users],
  );
  const locked = contentLocked !== undefined;

  return (
    <form
      noValidate
      aria-label="Article form"
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit();
      }}
    >
      <Stack gap="sm">
        {locked && (
          <Text size="sm" c="dimmed" data-testid="content-locked">
            {contentLocked}
          </Text>
        )}
        <TextInput
          label="Title"
          required
          value={value.title}
          onChange={(e) => set('title', e.currentTarget.value)}
          error={errors.title}
          readOnly={locked}
          maxLength={400}
        />
        <Grid>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <Autocomplete
              label="Category"
              data={props.categories}
              value={value.category}
              onChange={(v) => set('category', v)}
              error={errors.category}
              readOnly={locked}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 8 }}>
            <TagsInput
              label="Tags"
              value={value.tags}
              onChange={(v) => set('tags', v)}
              error={errors.tags}
              readOnly={locked}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <Select
              label="Owner"
              description="Keeps the article up to date"
              data={writers}
              searchable
              value={value.ownerId || null}
              onChange={(v) => set('ownerId', v ?? '')}
              error={errors.ownerId}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <MultiSelect
              label="Reviewers"
              description="Besides managers, who may publish"
              data={writers}
              searchable
              value={value.reviewerIds}
              onChange={(v) => set('reviewerIds', v)}
              error={errors.reviewerIds}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <TextInput
              label="Review due"
              description="Listed as stale after this date"
              type="date"
              value={toDateInput(value.reviewDueAt)}
              onChange={(e) => set('reviewDueAt', fromDateInput(e.currentTarget.value))}
              error={errors.reviewDueAt}
            />
          </Grid.Col>
        </Grid>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Textarea
            label="Article text (Markdown)"
            description="**bold**, *italic*, # headings, lists, [links](https://…), ![images](attachment:name)"
            autosize
            minRows={14}
            maxRows={40}
            value={value.body}
            onChange={(e) => set('body', e.currentTarget.value)}
            error={errors.body}
            readOnly={locked}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              Preview
            </Text>
            <Paper withBorder p="sm" aria-label="Preview">
              <ScrollArea.Autosize mah={720}>
                {value.body.trim() === '' ? (
                  <Text c="dimmed" fs="italic" size="sm">
                    The formatted article appears here as you type.
                  </Text>
                ) : (
                  <Markdown source={value.body} images={props.images} testId="article-preview" />
                )}
              </ScrollArea.Autosize>
            </Paper>
          </Stack>
        </SimpleGrid>
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
