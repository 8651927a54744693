import { useState } from 'react';
import {
  Anchor,
  Badge,
  Box,
  Button,
  DataList,
  Group,
  Popover,
  Progress,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { navigate } from '../../app/router';
import { syncNow } from '../../sync/controller';
import { useSyncStore, type SyncState } from '../../sync/store';
import { formatRelative } from '../../lib/format';
import { describePhase, describeUser, formatCount, pendingLabel, progressPercent } from './phase';
import { SignInModal } from './SignInModal';
import { SignOutControl } from './SignOutControl';
import { issueBadge } from './issues';

/**
 * The header's sync status: the phase in words, a bar while catching up, the changes still
 * waiting; a click opens the details and the account actions.
 */
export function SyncIndicator({ issueCount }: { issueCount: number }) {
  const state = useSyncStore();
  const [open, setOpen] = useState(false);
  const [signingIn, setSigningIn] = useState(false);
  const look = describePhase(state);
  const percent = progressPercent(state);
  const pending = pendingLabel(state.pending);

  return (
    <>
      <Box role="status" aria-label="Sync status" data-sync-phase={state.phase}>
        <Popover opened={open} onChange={setOpen} position="bottom-start" width={360} withArrow shadow="md">
          <Popover.Target>
            <UnstyledButton onClick={() => setOpen((o) => !o)} title="Sync details">
              <Group gap={6} wrap="nowrap">
                <Badge
                  variant="light"
                  color={look.color}
                  leftSection={<span aria-hidden="true">{look.icon}</span>}
                  data-testid="sync-phase-label"
                >
                  {look.label}
                </Badge>
                {percent !== null && (
                  <Progress value={percent} w={64} size="sm" aria-label="Sync progress" animated />
                )}
                {pending && (
                  <Text size="xs" c="dimmed" data-testid="sync-pending">
                    {pending}
                  </Text>
                )}
              </Group>
            </UnstyledButton>
          </Popover.Target>
          <Popover.Dropdown aria-label="Sync details">
            <SyncDetails
              state={state}
              issueCount={issueCount}
              onClose={() => setOpen(false)}
              onSignIn={() => {
                setOpen(false);
                setSigningIn(true);
              }}
            />
          </Popover.Dropdown>
        </Popover>
      </Box>
      <SignInModal opened={signingIn} onClose={() => setSigningIn(false)} />
    </>
  );
}

function SyncDetails({
  state,
  issueCount,
  onClose,
  onSignIn,
}: {
  state: SyncState;
  issueCount: number;
  onClose: () => void;
  onSignIn: () => void;
}) {
  // The dropdown mounts on each opening, so "last synced" is relative to that moment.
  const [now] = useState(() => Date.now());
  const signedOut = state.phase === 'signed-out';
  const badge = issueBadge(issueCount);
  return (
    <Stack gap="sm" data-testid="sync-details">
      <DataList size="sm" labelWidth={110} gap={4}>
        <Detail label="Status" value={describePhase(state).label} />
        <Detail label="Server" value={state.serverUrl || '—'} />
        <Detail label="Database" value={state.database || '—'} />
        <Detail label="User" value={describeUser(state.user)} />
        <Detail
          label="Last synced"
          value={state.lastSyncedAt ? formatRelative(state.lastSyncedAt, now) : 'Never'}
          title={state.lastSyncedAt ? new Date(state.lastSyncedAt).toLocaleString() : undefined}
        />
        <Detail label="Waiting to send" value={formatCount(state.pending)} />
      </DataList>
      {state.message && (
        <Text
          size="sm"
          c={state.phase === 'error' ? 'red' : undefined}
          className="plain-text"
          data-testid="sync-message"
        >
          {state.message}
        </Text>
      )}
      <Group gap="xs">
        {(signedOut || state.phase === 'needs-login') && (
          <Button size="xs" onClick={onSignIn}>
            Sign in…
          </Button>
        )}
        {!signedOut && state.phase !== 'needs-login' && (
          <Button size="xs" variant="light" onClick={syncNow}>
            Sync now
          </Button>
        )}
      </Group>
      {!signedOut && <SignOutControl onSignedOut={onClose} />}
      <Anchor
        size="sm"
        href="#/sync"
        onClick={(event) => {
          event.preventDefault();
          onClose();
          navigate('/sync');
        }}
      >
        Sync issues{badge ? ` (${badge})` : ''}
      </Anchor>
    </Stack>
  );
}

function Detail({ label, value, title }: { label: string; value: string; title?: string }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue title={title} className="plain-text" style={{ wordBreak: 'break-all' }}>
        {value}
      </DataList.ItemValue>
    </DataList.Item>
  );
}
