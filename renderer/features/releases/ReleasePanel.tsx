/**
 * The release part of a release page: its version, target date and stage, whether it can be
 * released, and the changes it collects.
 */
import { useState } from 'react';
import { Alert, Badge, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import type { TicketDoc } from '../../../shared/domain/model';
import { releaseReadiness, type ReleaseReadiness } from '../../../shared/domain/release';
import { percent } from '../../../shared/domain/project';
import { observeIncludedChanges } from '../../data/releases';
import { useDb } from '../../app/database';
import { useObservable } from '../../app/hooks';
import { IncludedChanges } from './IncludedChanges';
import { ReleaseFieldsForm } from './ReleaseFieldsForm';

export function ReleasePanel({ ticket }: { ticket: TicketDoc }) {
  const db = useDb();
  const changes = useObservable<TicketDoc[] | null>(() => observeIncludedChanges(db, ticket.id), null, [
    db,
    ticket.id,
  ]);
  const readiness = releaseReadiness(ticket, changes ?? []);
  const fieldsKey = releaseFieldsKey(ticket);
  const [savedKey, setSavedKey] = useState<string | null>(null);

  return (
    <Paper withBorder p="md" data-testid="release-panel">
      <Stack gap="md">
        <Text size="xs" fw={700} c="dimmed">
          RELEASE
        </Text>
        <ReleaseFieldsForm
          key={fieldsKey}
          release={ticket}
          saved={savedKey === fieldsKey}
          onSaved={(stored) => setSavedKey(releaseFieldsKey(stored))}
        />
        {changes !== null && <Readiness release={ticket} readiness={readiness} />}
        <IncludedChanges release={ticket} readiness={readiness} loading={changes === null} />
      </Stack>
    </Paper>
  );
}

/** The stored release fields; the form starts over when they change (here or on another device). */
function releaseFieldsKey(release: TicketDoc): string {
  return JSON.stringify([release.version ?? '', release.targetDate ?? 0, release.stage ?? '']);
}

function Readiness({ release, readiness }: { release: TicketDoc; readiness: ReleaseReadiness }) {
  const released = release.status === 'resolved' || release.status === 'closed';
  const counted = readiness.changes.filter((c) => c.state !== 'dropped');
  const readyCount = counted.filter((c) => c.ready).length;
  return (
    <Stack gap={6} data-testid="release-readiness" data-ready={String(readiness.ready)}>
      <Group justify="space-between">
        <Group gap="xs">
          <Badge color={readiness.ready ? 'green' : 'orange'} size="lg" data-testid="release-readiness-badge">
            {readiness.ready ? 'Ready' : 'Not ready'}
          </Badge>
          <Text size="sm">
            {readyCount} of {counted.length} {counted.length === 1 ? 'change' : 'changes'} implemented
          </Text>
        </Group>
      </Group>
      <Progress
        value={percent(readiness.progress)}
        color={readiness.ready ? 'green' : 'blue'}
        aria-label="Release readiness"
      />
      {readiness.ready ? (
        <Text size="sm" c="dimmed">
          {readiness.summary}
          {!released && ' Use Change status → Resolved with the code Released once it is live.'}
        </Text>
      ) : (
        <Alert color="orange" title="This release cannot be released yet" data-testid="release-blockers">
          {capitalize(readiness.summary.replace(/^Cannot be released yet: /, ''))}
        </Alert>
      )}
    </Stack>
  );
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
