import { useState } from 'react';
import { Alert, Badge, Button, Group, Paper, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import type { CabOutcome, CabRule } from '../../../shared/domain/cab';
import type { TicketDoc, TicketStatus, Vote } from '../../../shared/domain/model';
import { FORM_ERROR_KEY } from '../../../shared/domain/validation';
import { observeCab, type CabState } from '../../data/changes';
import { castVote } from '../../data/process';
import { useDb } from '../../app/database';
import { useObservable } from '../../app/hooks';
import { useDirectory } from '../../app/people';
import { useSession } from '../../app/session';
import { useSubmit } from '../../lib/useSubmit';
import { StatusModal } from '../tickets/StatusModal';

const OUTCOME: Record<CabOutcome, { label: string; color: string }> = {
  pending: { label: 'Pending', color: 'gray' },
  approved: { label: 'Approved', color: 'green' },
  rejected: { label: 'Rejected', color: 'red' },
};

export function ruleText(rule: CabRule): string {
  if (rule.kind === 'all') return 'every approver must approve';
  if (rule.kind === 'majority') return 'a majority of the approvers must approve';
  return `at least ${rule.count} approver${rule.count === 1 ? '' : 's'} must approve`;
}

/**
 * The Change Advisory Board's votes on a change: who approves, who voted what, the count against
 * the rule, and the acting person's own vote. A vote is a local write, so it works offline and
 * counts everywhere once synced.
 */
export function CabPanel({ ticket }: { ticket: TicketDoc }) {
  const db = useDb();
  const cab = useObservable<CabState | null>(() => observeCab(db, ticket.id), null, [db, ticket.id]);
  if (!cab) return null;
  const voting = ticket.status === 'authorize';
  // Before a change first reaches the CAB there is nothing to show yet.
  if (!voting && cab.since === 0) {
    return ticket.changeType === 'standard' && ticket.status !== 'cancelled' ? (
      <Text size="sm" c="dimmed">
        Standard changes are pre-approved: they go from Assess to Scheduled without the CAB.
      </Text>
    ) : null;
  }
  return <CabBoard ticket={ticket} cab={cab} voting={voting} />;
}

function CabBoard({ ticket, cab, voting }: { ticket: TicketDoc; cab: CabState; voting: boolean }) {
  const db = useDb();
  const session = useSession();
  const directory = useDirectory();
  const [comment, setComment] = useState('');
  const [target, setTarget] = useState<TicketStatus | null>(null);
  const { errors, saving, submit } = useSubmit();
  const { tally, approvers, settings } = cab;
  const ballots = new Map([...tally.approvals, ...tally.rejections].map((b) => [b.approverId, b]));
  const mine = ballots.get(session.userId);
  const canVote = voting && approvers.includes(session.userId);
  const outcome = OUTCOME[tally.outcome];

  const vote = (v: Vote) =>
    submit(
      () => castVote(db, ticket.id, v, comment, session),
      () => setComment(''),
    );

  return (
    <Paper withBorder p="md" component="section" aria-label="Change Advisory Board" data-testid="cab-panel">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4}>{voting ? 'Change Advisory Board' : 'CAB decision'}</Title>
          <Group gap="xs">
            <Text size="sm" data-testid="cab-tally">
              {tally.approvals.length} of {tally.needed} approvals
            </Text>
            <Badge color={outcome.color} variant="filled" data-testid="cab-outcome">
              {outcome.label}
            </Badge>
          </Group>
        </Group>
        <Text size="sm" c="dimmed">
          Rule: {ruleText(settings.rule)}
          {settings.approverIds.length === 0 ? ' (the approvers are the team’s managers).' : '.'}
          {cab.since > 0 &&
            ` Votes count from ${new Date(cab.since).toLocaleString()}, when the change last entered Authorize.`}
        </Text>
        {approvers.length === 0 ? (
          <Alert color="orange" variant="light">
            There are no approvers: the team has no managers and none are listed in the service settings.
          </Alert>
        ) : (
          <Table aria-label="CAB votes" data-testid="cab-votes">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Approver</Table.Th>
                <Table.Th>Vote</Table.Th>
                <Table.Th>Comment</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {approvers.map((id) => {
                const ballot = ballots.get(id);
                return (
                  <Table.Tr key={id} data-testid="cab-approver" data-vote={ballot?.vote ?? 'waiting'}>
                    <Table.Td>{directory.name(id)}</Table.Td>
                    <Table.Td>
                      {ballot ? (
                        <Badge color={ballot.vote === 'approve' ? 'green' : 'red'} variant="light">
                          {ballot.vote === 'approve' ? 'Approved' : 'Rejected'}
                        </Badge>
                      ) : (
                        <Badge color="gray" variant="light">
                          Waiting
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" className="plain-text">
                        {ballot?.comment ?? ''}
                      </Text>
                      {ballot && (
                        <Text size="xs" c="dimmed">
                          {new Date(ballot.at).toLocaleString()}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
        {voting && tally.outcome === 'approved' && (
          <Alert color="green" variant="light" title="Approved by the CAB — ready to schedule">
            <Button size="xs" mt={4} onClick={() => setTarget('scheduled')}>
              Schedule the change
            </Button>
          </Alert>
        )}
        {voting && tally.outcome === 'rejected' && (
          <Alert color="red" variant="light" title="Rejected by the CAB">
            <Text size="sm">Send it back to Assess to rework the plan, or cancel it.</Text>
            <Group gap="xs" mt={6}>
              <Button size="xs" variant="default" onClick={() => setTarget('assess')}>
                Back to Assess
              </Button>
              <Button size="xs" color="red" variant="light" onClick={() => setTarget('cancelled')}>
                Cancel the change
              </Button>
            </Group>
          </Alert>
        )}
        {canVote && (
          <form
            aria-label="Your CAB vote"
            onSubmit={(e) => {
              e.preventDefault();
            }}
          >
            <Stack gap="xs">
              {mine && (
                <Text size="sm">
                  Your vote: <b>{mine.vote === 'approve' ? 'Approve' : 'Reject'}</b>. You may change it while
                  the change is in Authorize.
                </Text>
              )}
              <Textarea
                label="Vote comment"
                description="Required to reject."
                autosize
                minRows={2}
                value={comment}
                onChange={(e) => setComment(e.currentTarget.value)}
                error={errors.comment}
              />
              {errors[FORM_ERROR_KEY] && (
                <Text c="red" size="sm" role="alert">
                  {errors[FORM_ERROR_KEY]}
                </Text>
              )}
              <Group gap="xs">
                <Button color="green" loading={saving} onClick={() => void vote('approve')}>
                  Approve
                </Button>
                <Button color="red" variant="light" loading={saving} onClick={() => void vote('reject')}>
                  Reject
                </Button>
              </Group>
            </Stack>
          </form>
        )}
        {voting && !canVote && approvers.length > 0 && (
          <Text size="sm" c="dimmed">
            Only the CAB approvers vote on this change.
          </Text>
        )}
      </Stack>
      {target && <StatusModal ticket={ticket} to={target} onClose={() => setTarget(null)} />}
    </Paper>
  );
}
