import { useMemo, useState } from 'react';
import { Anchor, Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import type { TicketDoc } from '../../../shared/domain/model';
import { canLinkToProblem, rankKnownErrors } from '../../../shared/domain/problems';
import { observeTicket } from '../../data';
import { linkToProblem, unlinkFromProblem, type LinkResult } from '../../data/problems';
import { useDb } from '../../app/database';
import { useObservable } from '../../app/hooks';
import { useSession } from '../../app/session';
import { describeWriteError } from '../../lib/errors';
import { StatusBadge } from '../tickets/badges';
import { useKnownErrors } from './shared';

/** Incident and request pages: the problem this record belongs to, or known errors like it. */
export function KnownErrorHints({ ticket }: { ticket: TicketDoc }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const db = useDb();
  const session = useSession();

  const act = async (action: () => Promise<LinkResult>) => {
    setBusy(true);
    setError(null);
    try {
      const result = await action();
      if (!result.ok) setError(Object.values(result.errors).join(' ') || 'The change was refused.');
    } catch (e) {
      setError(describeWriteError(e));
    } finally {
      setBusy(false);
    }
  };
  const errorText = error && (
    <Text c="red" size="sm" role="alert">
      {error}
    </Text>
  );

  if (ticket.parentId) {
    return (
      <LinkedProblem
        problemId={ticket.parentId}
        canUnlink={ticket.status !== 'closed'}
        busy={busy}
        onUnlink={() => void act(() => unlinkFromProblem(db, ticket.id, session))}
      >
        {errorText}
      </LinkedProblem>
    );
  }
  if (ticket.phase !== 'open') return null;
  return (
    <Suggestions
      ticket={ticket}
      busy={busy}
      onLink={
        canLinkToProblem(ticket.kind)
          ? (problemId) => void act(() => linkToProblem(db, ticket.id, problemId, session))
          : null
      }
    >
      {errorText}
    </Suggestions>
  );
}

function LinkedProblem({
  problemId,
  canUnlink,
  busy,
  onUnlink,
  children,
}: {
  problemId: string;
  canUnlink: boolean;
  busy: boolean;
  onUnlink: () => void;
  children: React.ReactNode;
}) {
  const db = useDb();
  const problem = useObservable(() => observeTicket(db, problemId), null, [db, problemId]);
  return (
    <Paper withBorder p="md" data-testid="problem-link">
      <Stack gap="xs">
        <Group justify="space-between">
          <Group gap="xs">
            <Text size="sm" fw={600}>
              Linked to problem{' '}
              <Anchor href={`#/tickets/${problemId}`} data-testid="problem-link-number">
                {problem?.number ?? '…'}
              </Anchor>
            </Text>
            {problem && <StatusBadge status={problem.status} />}
            {problem?.knownError && (
              <Badge color="orange" size="sm">
                Known error
              </Badge>
            )}
          </Group>
          {canUnlink && (
            <Button size="compact-xs" variant="subtle" color="red" onClick={onUnlink} disabled={busy}>
              Unlink
            </Button>
          )}
        </Group>
        {problem && <Text size="sm">{problem.title}</Text>}
        {problem?.workaround?.trim() && (
          <Stack gap={2}>
            <Text size="xs" fw={700} c="dimmed">
              WORKAROUND
            </Text>
            <Text size="sm" className="plain-text" data-testid="problem-workaround">
              {problem.workaround}
            </Text>
          </Stack>
        )}
        {children}
      </Stack>
    </Paper>
  );
}

function Suggestions({
  ticket,
  busy,
  onLink,
  children,
}: {
  ticket: TicketDoc;
  busy: boolean;
  onLink: ((problemId: string) => void) | null;
  children: React.ReactNode;
}) {
  const knownErrors = useKnownErrors();
  const matches = useMemo(
    () => rankKnownErrors({ title: ticket.title, description: ticket.description }, knownErrors ?? []),
    [ticket.title, ticket.description, knownErrors],
  );
  if (matches.length === 0) return children ? <>{children}</> : null;
  return (
    <Paper withBorder p="md" data-testid="known-error-hints">
      <Stack gap="sm">
        <Text size="xs" fw={700} c="dimmed">
          KNOWN ERRORS THAT MAY MATCH
        </Text>
        {matches.map(({ problem }) => (
          <Stack key={problem.id} gap={4} data-testid="known-error-hint" data-number={problem.number}>
            <Group justify="space-between" wrap="nowrap">
              <Text size="sm" fw={600}>
                <Anchor href={`#/tickets/${problem.id}`}>{problem.number}</Anchor> {problem.title}
              </Text>
              {onLink && (
                <Button size="compact-xs" variant="light" disabled={busy} onClick={() => onLink(problem.id)}>
                  Link to this problem
                </Button>
              )}
            </Group>
            <Text size="sm" className="plain-text" c={problem.workaround?.trim() ? undefined : 'dimmed'}>
              {problem.workaround?.trim() ? problem.workaround : 'No workaround recorded yet.'}
            </Text>
          </Stack>
        ))}
        {children}
      </Stack>
    </Paper>
  );
}
