import { useState } from 'react';
import { Badge, Button, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { ARTICLE_STATE_LABELS, labelOf } from '../../../shared/domain/labels';
import type { ActivityDoc, FieldChange } from '../../../shared/domain/model';
import { addActivity } from '../../data';
import { useDb } from '../../app/database';
import { useDirectory, type Directory } from '../../app/people';
import { useSession } from '../../app/session';
import { useSubmit } from '../../lib/useSubmit';

const FIELD_NAMES: Record<string, string> = {
  state: 'State',
  version: 'Version',
  title: 'Title',
  body: 'Text',
  category: 'Category',
  tags: 'Tags',
  ownerId: 'Owner',
  reviewerIds: 'Reviewers',
  reviewDueAt: 'Review due',
};

function describe(change: FieldChange, directory: Directory): string {
  const show = (value: unknown): string => {
    if (change.field === 'state') return labelOf(ARTICLE_STATE_LABELS, String(value));
    if (change.field === 'ownerId') return directory.name(String(value ?? ''));
    if (change.field === 'reviewerIds' || change.field === 'tags') {
      const list = Array.isArray(value) ? value.map(String) : [];
      const names = change.field === 'reviewerIds' ? list.map((id) => directory.name(id)) : list;
      return names.length > 0 ? names.join(', ') : 'none';
    }
    if (change.field === 'reviewDueAt') return value ? new Date(Number(value)).toLocaleDateString() : 'none';
    if (change.field === 'version') return `v${String(value)}`;
    return String(value ?? '');
  };
  const name = FIELD_NAMES[change.field] ?? change.field;
  if (change.field === 'body') return `${name} edited`;
  return `${name}: ${show(change.from)} → ${show(change.to)}`;
}

/** Review comments and the article's history; the text is always rendered as text. */
export function ArticleActivity({
  articleId,
  activities,
}: {
  articleId: string;
  activities: readonly ActivityDoc[];
}) {
  const db = useDb();
  const session = useSession();
  const directory = useDirectory();
  const [body, setBody] = useState('');
  const { errors, saving, submit } = useSubmit();
  const shown = activities.filter((a) => a.kind !== 'views' && a.kind !== 'feedback');

  const add = () =>
    submit(
      () => addActivity(db, articleId, { kind: 'comment', body }, session),
      () => setBody(''),
    );

  return (
    <Stack gap="sm">
      <form
        noValidate
        aria-label="Comment on article"
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <Stack gap={6}>
          <Textarea
            label="Review comment"
            autosize
            minRows={2}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
            error={errors.body ?? errors.form}
          />
          <Group justify="flex-end">
            <Button type="submit" size="sm" loading={saving}>
              Add comment
            </Button>
          </Group>
        </Stack>
      </form>
      {[...shown].reverse().map((a) => (
        <Paper key={a.id} withBorder p="sm" data-testid="article-activity" data-kind={a.kind}>
          <Group justify="space-between" mb={4}>
            <Group gap="xs">
              <Badge
                variant="light"
                size="sm"
                color={a.kind === 'comment' ? 'teal' : a.kind === 'version' ? 'green' : 'gray'}
              >
                {a.kind === 'comment'
                  ? 'Comment'
                  : a.kind === 'version'
                    ? `Published v${a.snapshot?.version ?? '?'}`
                    : a.kind === 'created'
                      ? 'Created'
                      : 'Changed'}
              </Badge>
              <Text size="sm" fw={600}>
                {directory.name(a.createdBy, 'someone')}
              </Text>
            </Group>
            <Text size="xs" c="dimmed">
              {new Date(a.createdAt).toLocaleString()}
            </Text>
          </Group>
          {a.kind !== 'version' && a.body && (
            <Text size="sm" className="plain-text" data-testid="article-activity-body">
              {a.body}
            </Text>
          )}
          {a.kind === 'change' &&
            a.changes.map((c, i) => (
              <Text key={i} size="sm" c="dimmed">
                {describe(c, directory)}
              </Text>
            ))}
        </Paper>
      ))}
    </Stack>
  );
}
