import { useState } from 'react';
import { Alert, Button, Group, List, Modal, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { useDb } from '../../app/database';
import { applyRestore, type RestorePlan, type RestoreResult } from '../../data/backup';
import { currentSource } from './actions';
import { describeRestore, planCounts, sourceWarning } from './describe';

/**
 * Shows what a backup file holds and what was refused in it before anything is written; the
 * user confirms, then sees what was restored (or where a full disk stopped it).
 */
export function RestoreModal({ plan, onClose }: { plan: RestorePlan; onClose: () => void }) {
  const db = useDb();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<RestoreResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const counts = planCounts(plan);
  const warning = sourceWarning(plan, currentSource());
  const refused = plan.problems.length + plan.moreProblems;

  const restore = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await applyRestore(db, plan));
    } catch (failure) {
      setError(`The restore failed: ${failure instanceof Error ? failure.message : String(failure)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title="Restore from a backup" size="lg" centered>
      <Stack gap="sm">
        <Text size="sm">
          {plan.header.scope === 'full' ? 'A backup of the whole replica' : 'A backup of unsynced changes'},
          made {new Date(plan.header.createdAt).toLocaleString()}.
        </Text>
        {!plan.complete && (
          <Alert color="orange" title="This file is incomplete">
            <Text size="sm">
              The backup was cut short (it has no end). Only the entries before the cut can be restored.
            </Text>
          </Alert>
        )}
        {warning && (
          <Alert color="yellow" title="Another team database">
            <Text size="sm">{warning}</Text>
          </Alert>
        )}
        <Table withRowBorders={false} verticalSpacing={2} fz="sm" aria-label="Records in the backup">
          <Table.Tbody>
            {counts.map(({ collection, count }) => (
              <Table.Tr key={collection}>
                <Table.Td>{collection}</Table.Td>
                <Table.Td>{count.toLocaleString()}</Table.Td>
              </Table.Tr>
            ))}
            <Table.Tr>
              <Table.Td>attachments</Table.Td>
              <Table.Td>{plan.blobs.size.toLocaleString()}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
        {refused > 0 && (
          <Alert
            color="red"
            title={`${refused.toLocaleString()} entries are refused and will not be restored`}
            data-testid="restore-problems"
          >
            <ScrollArea.Autosize mah={180}>
              <List size="sm" spacing={2}>
                {plan.problems.map((problem, index) => (
                  <List.Item key={`${problem.line}-${index}`} className="plain-text">
                    Line {problem.line}: {problem.message}
                  </List.Item>
                ))}
              </List>
              {plan.moreProblems > 0 && (
                <Text size="sm">…and {plan.moreProblems.toLocaleString()} more.</Text>
              )}
            </ScrollArea.Autosize>
          </Alert>
        )}
        <Text size="sm" c="dimmed">
          Records this device has in the same or a newer version, or has deleted since, are left as they are.
          Nothing is removed.
        </Text>
        {result && (
          <Alert
            color={result.stopped ? 'red' : 'teal'}
            title={result.stopped ? 'The restore stopped' : 'Restored'}
            data-testid="restore-result"
          >
            <Stack gap={4}>
              {result.stopped && <Text size="sm">{result.stopped}</Text>}
              <Text size="sm">{describeRestore(result)}</Text>
              {result.failed.slice(0, 20).map((failure) => (
                <Text key={failure.id} size="sm" className="plain-text">
                  {failure.id}: {failure.message}
                </Text>
              ))}
            </Stack>
          </Alert>
        )}
        {error && (
          <Text size="sm" c="red" role="alert">
            {error}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {result ? 'Close' : 'Cancel'}
          </Button>
          {!result && (
            <Button
              onClick={() => void restore()}
              loading={busy}
              disabled={plan.documentCount === 0 && plan.blobs.size === 0}
            >
              Restore {plan.documentCount.toLocaleString()} records
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
