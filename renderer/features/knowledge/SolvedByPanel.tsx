import { useMemo, useState } from 'react';
import { Anchor, Button, Group, Paper, Select, Stack, Text } from '@mantine/core';
import type { ArticleDoc, TicketDoc, TicketKind } from '../../../shared/domain/model';
import { observePublishedArticles } from '../../data/articles';
import { linkArticleToTicket, observeSolvingArticles, unlinkArticleFromTicket } from '../../data/articleUse';
import { useDb } from '../../app/database';
import { useObservable } from '../../app/hooks';
import { useSession } from '../../app/session';
import { useSubmit } from '../../lib/useSubmit';

const KINDS: readonly TicketKind[] = ['incident', 'request', 'question', 'problem'];

/** Ticket page: the knowledge articles that solved this ticket, and linking another one. */
export function SolvedByPanel({ ticket }: { ticket: TicketDoc }) {
  if (!KINDS.includes(ticket.kind)) return null;
  return <SolvedBy ticket={ticket} />;
}

function SolvedBy({ ticket }: { ticket: TicketDoc }) {
  const db = useDb();
  const session = useSession();
  const linked = useObservable<ArticleDoc[]>(
    () => observeSolvingArticles(db, ticket.id),
    [],
    [db, ticket.id],
  );
  const published = useObservable<ArticleDoc[]>(() => observePublishedArticles(db), [], [db]);
  const [choice, setChoice] = useState<string | null>(null);
  const { errors, saving, submit } = useSubmit();

  const options = useMemo(() => {
    const taken = new Set(linked.map((a) => a.id));
    return published.filter((a) => !taken.has(a.id)).map((a) => ({ value: a.id, label: a.title }));
  }, [published, linked]);

  const link = () => {
    if (!choice) return;
    void submit(
      () => linkArticleToTicket(db, choice, ticket.id, session),
      () => setChoice(null),
    );
  };
  const unlink = (articleId: string) =>
    void submit(
      () => unlinkArticleFromTicket(db, articleId, ticket.id, session),
      () => undefined,
    );

  return (
    <Paper withBorder p="md" data-testid="solved-by">
      <Stack gap="xs">
        <Text size="xs" fw={700} c="dimmed">
          SOLVED BY
        </Text>
        {linked.length === 0 && (
          <Text size="sm" c="dimmed">
            No knowledge article linked yet.
          </Text>
        )}
        {linked.map((a) => (
          <Group key={a.id} justify="space-between" wrap="nowrap" data-testid="solved-by-article">
            <Anchor href={`#/knowledge/${a.id}`} size="sm" className="plain-text">
              {a.title}
            </Anchor>
            <Button
              size="compact-xs"
              variant="subtle"
              color="red"
              onClick={() => unlink(a.id)}
              aria-label={`Unlink ${a.title}`}
            >
              Unlink
            </Button>
          </Group>
        ))}
        <Group gap="xs" align="flex-end" wrap="nowrap">
          <Select
            label="Link article"
            placeholder="Search published articles by title"
            data={options}
            value={choice}
            onChange={setChoice}
            searchable
            clearable
            limit={30}
            nothingFoundMessage="No published article matches"
            style={{ flex: 1 }}
          />
          <Button onClick={link} disabled={!choice} loading={saving}>
            Link
          </Button>
        </Group>
        {errors.form && (
          <Text c="red" size="sm" role="alert">
            {errors.form}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
