import { useEffect, useRef, useState } from 'react';
import { Anchor, Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { isStale } from '../../../shared/domain/articles';
import { tallyFeedback, totalViews } from '../../../shared/domain/articleUse';
import type { ActivityDoc, ArticleDoc, TicketDoc } from '../../../shared/domain/model';
import { giveFeedback, observeSolvedTicketDocs, recordArticleView } from '../../data/articleUse';
import { useDb } from '../../app/database';
import { useObservable } from '../../app/hooks';
import { useDirectory } from '../../app/people';
import { useSession } from '../../app/session';
import { useSubmit } from '../../lib/useSubmit';
import { StatusBadge } from '../tickets/badges';

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="sm" ta="right" component="div" className="plain-text">
        {children}
      </Text>
    </Group>
  );
}

export function ArticleDetails({ article }: { article: ArticleDoc }) {
  const directory = useDirectory();
  const [now] = useState(() => Date.now());
  const reviewers = article.reviewerIds ?? [];
  return (
    <Paper withBorder p="md">
      <Stack gap={6}>
        <Text size="xs" fw={700} c="dimmed">
          DETAILS
        </Text>
        <Row label="Category">{article.category || '—'}</Row>
        <Row label="Tags">{article.tags.length > 0 ? article.tags.join(', ') : '—'}</Row>
        <Row label="Owner">{directory.name(article.ownerId)}</Row>
        <Row label="Reviewers">
          {reviewers.length > 0 ? reviewers.map((id) => directory.name(id)).join(', ') : 'Managers'}
        </Row>
        <Row label="Review due">
          {article.reviewDueAt ? new Date(article.reviewDueAt).toLocaleDateString() : '—'}
          {isStale(article, now) && (
            <Badge color="orange" size="xs" ml={4} data-testid="stale-badge">
              Stale
            </Badge>
          )}
        </Row>
        {article.state === 'review' && article.submittedBy && (
          <Row label="Sent to review by">{directory.name(article.submittedBy)}</Row>
        )}
        <Row label="Published">
          {article.publishedAt ? new Date(article.publishedAt).toLocaleString() : '—'}
        </Row>
        <Row label="Updated">
          {new Date(article.updatedAt).toLocaleString()} by {directory.name(article.updatedBy)}
        </Row>
      </Stack>
    </Paper>
  );
}

/** How the article is used: tickets it solved, feedback and views. Counts this view once. */
export function ArticleUsage({
  article,
  activities,
}: {
  article: ArticleDoc;
  activities: readonly ActivityDoc[];
}) {
  const db = useDb();
  const session = useSession();
  const solved = useObservable<TicketDoc[]>(
    () => observeSolvedTicketDocs(db, article.id),
    [],
    [db, article.id],
  );
  const feedback = tallyFeedback(activities, session.userId);
  const [pending, setPending] = useState(0);
  const counted = useRef<string | null>(null);
  const { errors, saving, submit } = useSubmit();

  useEffect(() => {
    if (counted.current === article.id) return;
    counted.current = article.id;
    recordArticleView(db, article.id, session)
      .then(setPending)
      .catch((error: unknown) => console.warn('Counting the view failed', error));
  }, [db, article.id, session]);

  const vote = (helpful: boolean) =>
    submit(
      () => giveFeedback(db, article.id, helpful, session),
      () => undefined,
    );

  return (
    <Paper withBorder p="md">
      <Stack gap="xs">
        <Text size="xs" fw={700} c="dimmed">
          USE
        </Text>
        <Text size="sm" data-testid="solved-count">
          Solved {solved.length} {solved.length === 1 ? 'ticket' : 'tickets'}
        </Text>
        {solved.map((t) => (
          <Group key={t.id} gap="xs" wrap="nowrap" data-testid="solved-ticket">
            <Anchor href={`#/tickets/${t.id}`} size="sm">
              {t.number}
            </Anchor>
            <StatusBadge status={t.status} />
            <Text size="sm" truncate className="plain-text">
              {t.title}
            </Text>
          </Group>
        ))}
        <Text size="sm" data-testid="view-count">
          {totalViews(activities) + pending} views
        </Text>
        <Text size="sm" data-testid="feedback-tally">
          {feedback.helpful} found it helpful · {feedback.notHelpful} did not
        </Text>
        {article.state === 'published' && (
          <Group gap="xs">
            <Button
              size="compact-sm"
              variant={feedback.mine === true ? 'filled' : 'default'}
              aria-pressed={feedback.mine === true}
              loading={saving}
              onClick={() => void vote(true)}
            >
              Helpful
            </Button>
            <Button
              size="compact-sm"
              variant={feedback.mine === false ? 'filled' : 'default'}
              aria-pressed={feedback.mine === false}
              loading={saving}
              onClick={() => void vote(false)}
            >
              Not helpful
            </Button>
          </Group>
        )}
        {errors.form && (
          <Text c="red" size="sm" role="alert">
            {errors.form}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
