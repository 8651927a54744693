import { useState, type ReactNode } from 'react';
import {
  Badge,
  Button,
  Center,
  Code,
  EmptyState,
  Group,
  Loader,
  Paper,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { discardSyncIssue, retryRejected, type SyncIssueDoc } from '../../data';
import { useDb } from '../../app/database';
import { useUi } from '../../state/ui';
import { formatRelative } from '../../lib/format';
import { describeWriteError } from '../../lib/errors';
import { describeHttpStatus, groupIssues } from './issues';
import { useSyncIssues } from './useSyncIssues';

/**
 * What sync set aside instead of stalling: local changes the server refused, and documents from
 * the server that failed the safety checks. Everything here is data from a server or another
 * device, so it is rendered as text only.
 */
export function SyncIssuesPage() {
  const issues = useSyncIssues();
  const [now] = useState(() => Date.now());

  if (issues === null) {
    return (
      <Center py="xl">
        <Loader aria-label="Loading sync issues" />
      </Center>
    );
  }
  const { rejected, quarantined } = groupIssues(issues);
  return (
    <Stack maw={960} gap="md" data-testid="sync-issues-page">
      <Title order={2}>Sync issues</Title>
      {issues.length === 0 ? (
        <EmptyState
          data-testid="sync-issues-empty"
          icon={<span aria-hidden="true">✓</span>}
          title="Nothing set aside: every change reached the server."
          description="Changes the server refuses and documents that fail the safety checks would wait here for you."
        />
      ) : (
        <>
          <Section
            title="Rejected changes"
            count={rejected.length}
            hint="The server refused these local changes; this device went back to the server’s version. Retry applies your change again on top of the current version."
          >
            {rejected.map((issue) => (
              <RejectedIssue key={issue.id} issue={issue} now={now} />
            ))}
          </Section>
          <Section
            title="Quarantined from the server"
            count={quarantined.length}
            hint="These documents arrived from the server but failed the safety checks, so they never entered the replica."
          >
            {quarantined.map((issue) => (
              <QuarantinedIssue key={issue.id} issue={issue} now={now} />
            ))}
          </Section>
        </>
      )}
    </Stack>
  );
}

function Section({
  title,
  count,
  hint,
  children,
}: {
  title: string;
  count: number;
  hint: string;
  children: ReactNode;
}) {
  return (
    <Stack gap="xs" component="section" aria-label={title}>
      <Group gap="xs">
        <Title order={4}>{title}</Title>
        <Badge variant="light" color={count ? 'orange' : 'gray'}>
          {count}
        </Badge>
      </Group>
      <Text size="sm" c="dimmed">
        {hint}
      </Text>
      {count === 0 ? (
        <Text size="sm" c="dimmed" fs="italic">
          None.
        </Text>
      ) : (
        children
      )}
    </Stack>
  );
}

function When({ at, now }: { at: number; now: number }) {
  return (
    <Text size="xs" c="dimmed" title={new Date(at).toLocaleString()}>
      {formatRelative(at, now)}
    </Text>
  );
}

/** Runs one action at a time for a row and keeps its failure on screen. */
function useRowAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (action: () => Promise<string | null>) => {
    setBusy(true);
    setError(null);
    try {
      setError(await action());
    } catch (err) {
      setError(describeWriteError(err));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

function RejectedIssue({ issue, now }: { issue: SyncIssueDoc; now: number }) {
  const db = useDb();
  const userId = useUi((s) => s.userId);
  const [confirming, setConfirming] = useState(false);
  const { busy, error, run } = useRowAction();
  const status = describeHttpStatus(issue.status);

  const retry = () =>
    run(async () => {
      const result = await retryRejected(db, issue.id, { userId, now: Date.now() });
      return result.ok ? null : result.error;
    });
  const discard = () =>
    run(async () => {
      await discardSyncIssue(db, issue.id);
      return null;
    });

  return (
    <Paper withBorder p="sm" data-testid="sync-issue-rejected">
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Text fw={600} className="plain-text">
            {issue.title || issue.docId}
          </Text>
          <When at={issue.createdAt} now={now} />
        </Group>
        <Text size="sm" className="plain-text">
          {issue.reason}
        </Text>
        {status && (
          <Text size="xs" c="dimmed">
            {status}
          </Text>
        )}
        {confirming ? (
          <Group gap="xs">
            <Text size="sm">Discard this change for good? The server’s version stays.</Text>
            <Button size="xs" color="red" loading={busy} onClick={discard}>
              Yes, discard
            </Button>
            <Button size="xs" variant="default" disabled={busy} onClick={() => setConfirming(false)}>
              Cancel
            </Button>
          </Group>
        ) : (
          <Group gap="xs">
            <Button size="xs" onClick={retry} loading={busy}>
              Retry
            </Button>
            <Button size="xs" variant="default" disabled={busy} onClick={() => setConfirming(true)}>
              Discard
            </Button>
          </Group>
        )}
        {error && (
          <Text size="sm" c="red" role="alert" className="plain-text">
            {error}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

function QuarantinedIssue({ issue, now }: { issue: SyncIssueDoc; now: number }) {
  const db = useDb();
  const { busy, error, run } = useRowAction();
  const dismiss = () =>
    run(async () => {
      await discardSyncIssue(db, issue.id);
      return null;
    });

  return (
    <Paper withBorder p="sm" data-testid="sync-issue-quarantined">
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Code className="plain-text">{issue.docId}</Code>
          <When at={issue.createdAt} now={now} />
        </Group>
        <Text size="sm" className="plain-text">
          {issue.reason}
        </Text>
        {issue.payload && (
          <Code block data-testid="quarantine-excerpt" style={{ maxHeight: 240, overflow: 'auto' }}>
            {issue.payload}
          </Code>
        )}
        <Group gap="xs">
          <Button size="xs" variant="default" loading={busy} onClick={dismiss}>
            Dismiss
          </Button>
        </Group>
        {error && (
          <Text size="sm" c="red" role="alert" className="plain-text">
            {error}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
