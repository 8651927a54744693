import { useState } from 'react';
import { Badge, Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import type { TicketDoc } from '../../../shared/domain/model';
import { RESOLVED_BY_PROBLEM_CODE } from '../../../shared/domain/problems';
import { RESOLUTION_CODE_LABELS } from '../../../shared/domain/labels';
import { resolveLinkedRecords, type LinkedOutcome } from '../../data/problems';
import { useDb } from '../../app/database';
import { useDirectory } from '../../app/people';
import { useSession } from '../../app/session';
import { describeWriteError } from '../../lib/errors';
import { plural } from './shared';

/** Confirms, resolves the open linked records of a fixed problem, then lists what happened. */
export function ResolveLinkedModal({
  problem,
  openCount,
  onClose,
}: {
  problem: TicketDoc;
  openCount: number;
  onClose: () => void;
}) {
  const db = useDb();
  const session = useSession();
  const directory = useDirectory();
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [results, setResults] = useState<LinkedOutcome[] | null>(null);
  const incidentCode = RESOLVED_BY_PROBLEM_CODE.incident;
  const requestCode = RESOLVED_BY_PROBLEM_CODE.request;

  const run = async () => {
    setRunning(true);
    setError(null);
    try {
      const outcome = await resolveLinkedRecords(db, problem.id, session);
      if (outcome.ok) setResults(outcome.results);
      else setError(outcome.error);
    } catch (e) {
      setError(describeWriteError(e));
    } finally {
      setRunning(false);
    }
  };

  const resolved = results?.filter((r) => r.outcome === 'resolved') ?? [];
  const failed = results?.flatMap((r) => (r.outcome === 'failed' ? [r] : [])) ?? [];

  return (
    <Modal opened onClose={onClose} title="Resolve linked records" size="lg">
      {results === null ? (
        <Stack gap="sm" data-testid="resolve-confirm">
          <Text size="sm">
            Resolve {plural(openCount, 'open linked record')} with the fix of {problem.number}?
          </Text>
          <List size="sm">
            <List.Item>
              Incidents are resolved as “{incidentCode ? RESOLUTION_CODE_LABELS[incidentCode] : ''}”, requests
              as “{requestCode ? RESOLUTION_CODE_LABELS[requestCode] : ''}”.
            </List.Item>
            <List.Item>
              The resolution notes name {problem.number} with its root cause and workaround.
            </List.Item>
            {problem.assigneeId && (
              <List.Item>Unassigned records are assigned to {directory.name(problem.assigneeId)}.</List.Item>
            )}
          </List>
          {error && (
            <Text c="red" size="sm" role="alert">
              {error}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button onClick={() => void run()} loading={running}>
              Resolve {plural(openCount, 'record')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="sm" data-testid="resolve-results">
          {results.length === 0 && <Text size="sm">No linked record was open any more.</Text>}
          {resolved.length > 0 && (
            <Text size="sm" fw={600}>
              Resolved: {resolved.map((r) => r.number).join(', ')}
            </Text>
          )}
          {failed.length > 0 && (
            <Stack gap={4}>
              <Text size="sm" fw={600} c="red">
                Not resolved:
              </Text>
              {failed.map((r) => (
                <Group key={r.id} gap="xs" wrap="nowrap" data-testid="resolve-failed">
                  <Badge color="red" variant="light">
                    {r.number}
                  </Badge>
                  <Text size="sm">{r.reason}</Text>
                </Group>
              ))}
            </Stack>
          )}
          <Group justify="flex-end">
            <Button onClick={onClose}>Close</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
