import { useState } from 'react';
import { Button, Group, Modal, Stack, Text, Textarea, Tooltip } from '@mantine/core';
import { ARTICLE_TRANSITIONS, needsComment, transitionRefusal } from '../../../shared/domain/articles';
import type { ArticleDoc, ArticleState } from '../../../shared/domain/model';
import { moveArticle } from '../../data/articles';
import { useDb } from '../../app/database';
import { useSession } from '../../app/session';
import { useSubmit } from '../../lib/useSubmit';
import { useActor } from './hooks';

/** The button for each move of the workflow, by where the article is. */
function moveLabel(from: ArticleState, to: ArticleState): string {
  if (to === 'review') return 'Send to review';
  if (to === 'published') return 'Publish';
  if (to === 'retired') return 'Retire';
  if (from === 'review') return 'Send back to draft';
  if (from === 'published') return 'New version';
  return 'Reopen as draft';
}

/** Workflow buttons; a move the acting person may not make is disabled and says why. */
export function WorkflowBar({ article }: { article: ArticleDoc }) {
  const db = useDb();
  const session = useSession();
  const actor = useActor();
  const [asking, setAsking] = useState<ArticleState | null>(null);
  const [comment, setComment] = useState('');
  const { errors, saving, submit } = useSubmit();

  const move = (to: ArticleState, text: string) =>
    submit(
      () => moveArticle(db, article.id, to, text, session),
      () => {
        setAsking(null);
        setComment('');
      },
    );

  return (
    <Stack gap={4} align="flex-end">
      <Group gap="xs">
        {ARTICLE_TRANSITIONS[article.state].map((to) => {
          // A comment is asked for in the dialog, so it does not disable the button.
          const reason = transitionRefusal(
            article,
            to,
            actor,
            needsComment(article.state, to) ? 'comment' : '',
          );
          const button = (
            <Button
              key={to}
              variant={to === 'published' || to === 'review' ? 'filled' : 'default'}
              disabled={reason !== null}
              loading={saving && asking === null}
              onClick={() => (needsComment(article.state, to) ? setAsking(to) : void move(to, ''))}
            >
              {moveLabel(article.state, to)}
            </Button>
          );
          return reason ? (
            <Tooltip key={to} label={reason} multiline w={260}>
              <span data-testid="workflow-refusal" data-reason={reason}>
                {button}
              </span>
            </Tooltip>
          ) : (
            button
          );
        })}
      </Group>
      {errors.form && asking === null && (
        <Text c="red" size="sm" role="alert">
          {errors.form}
        </Text>
      )}
      <Modal opened={asking !== null} onClose={() => setAsking(null)} title="Send back to draft">
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (asking) void move(asking, comment);
          }}
        >
          <Stack gap="sm">
            <Textarea
              label="What needs to change?"
              autosize
              minRows={3}
              value={comment}
              onChange={(e) => setComment(e.currentTarget.value)}
              error={errors.form}
              data-autofocus
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setAsking(null)}>
                Cancel
              </Button>
              <Button type="submit" loading={saving}>
                Send back
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Stack>
  );
}
