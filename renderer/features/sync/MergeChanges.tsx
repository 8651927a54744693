import { useState } from 'react';
import { Button, Group, Stack, Text } from '@mantine/core';
import type { FieldChange } from '../../../shared/domain/model';
import { updateTicket } from '../../data';
import { useDb } from '../../app/database';
import type { Directory } from '../../app/people';
import { useSession } from '../../app/session';
import { describeWriteError } from '../../lib/errors';
import { describeValue, FIELD_LABELS } from '../tickets/fieldDisplay';
import { describeRestoreErrors, isOverriddenDeletion, restorePatch } from './mergeNotice';

/**
 * The fields a merge decided, each as "kept X, set aside Y", with Restore to bring the set-aside
 * value back through an ordinary edit.
 */
export function MergeChanges({
  ticketId,
  changes,
  directory,
}: {
  ticketId: string;
  changes: FieldChange[];
  directory: Directory;
}) {
  return (
    <Stack gap={4}>
      {changes.map((change, i) =>
        isOverriddenDeletion(change) ? (
          <Text key={`${change.field}-${i}`} size="sm" data-testid="merge-change" data-field={change.field}>
            A deletion on another device was set aside: the ticket was kept because it was still being edited.
          </Text>
        ) : (
          <MergeLine key={`${change.field}-${i}`} ticketId={ticketId} change={change} directory={directory} />
        ),
      )}
    </Stack>
  );
}

type RestoreState = { phase: 'idle' | 'busy' } | { phase: 'done' | 'failed'; text: string };

function MergeLine({
  ticketId,
  change,
  directory,
}: {
  ticketId: string;
  change: FieldChange;
  directory: Directory;
}) {
  const db = useDb();
  const session = useSession();
  const [state, setState] = useState<RestoreState>({ phase: 'idle' });
  const patch = restorePatch(change);
  const label = FIELD_LABELS[change.field] ?? change.field;

  const restore = async () => {
    if (!patch) return;
    setState({ phase: 'busy' });
    try {
      const result = await updateTicket(db, ticketId, patch, session);
      if (!result.ok) setState({ phase: 'failed', text: describeRestoreErrors(result.errors) });
      else if (result.changes.length === 0)
        setState({ phase: 'done', text: 'The ticket already has this value.' });
      else setState({ phase: 'done', text: 'Restored.' });
    } catch (error) {
      setState({ phase: 'failed', text: describeWriteError(error) });
    }
  };

  return (
    <Stack gap={2} data-testid="merge-change" data-field={change.field}>
      <Group gap="xs" wrap="nowrap" align="flex-start" justify="space-between">
        <Text size="sm">
          <Text span fw={600}>
            {label}
          </Text>
          : kept <Text span>{describeValue(change.field, change.to, directory)}</Text>, set aside{' '}
          <Text span c="dimmed" data-testid="merge-set-aside">
            {describeValue(change.field, change.from, directory)}
          </Text>
        </Text>
        {patch && (
          <Button
            size="compact-xs"
            variant="light"
            onClick={restore}
            loading={state.phase === 'busy'}
            aria-label={`Restore ${label}`}
          >
            Restore
          </Button>
        )}
      </Group>
      {state.phase === 'done' && (
        <Text size="xs" c="teal" aria-live="polite">
          {state.text}
        </Text>
      )}
      {state.phase === 'failed' && (
        <Text size="xs" c="red" role="alert" className="plain-text">
          {state.text}
        </Text>
      )}
    </Stack>
  );
}
