import { Button, DataList, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { syncNow } from '../../sync/controller';
import { useSyncStore } from '../../sync/store';
import { describePhase, describeUser } from './phase';
import { SignInForm } from './SignInForm';
import { SignOutControl } from './SignOutControl';

/** Settings → "Sync & account": sign in, or see the account this device syncs as. */
export function SyncAccountSection() {
  const state = useSyncStore();
  const signedOut = state.phase === 'signed-out';
  return (
    <Paper withBorder p="md" component="section" aria-label="Sync & account">
      <Stack gap="sm">
        <Title order={4}>Sync & account</Title>
        {signedOut ? (
          <>
            <Text size="sm" c="dimmed">
              Outpost works on this device alone until you sign in to your team’s sync server.
            </Text>
            <SignInForm />
          </>
        ) : (
          <>
            <DataList size="sm" labelWidth={120} gap={4}>
              <Row label="Status" value={describePhase(state).label} />
              <Row label="Server" value={state.serverUrl} />
              <Row label="Database" value={state.database} />
              <Row label="Signed in as" value={describeUser(state.user)} />
            </DataList>
            {state.phase === 'needs-login' ? (
              <>
                <Text size="sm">
                  Your session has expired or the password changed. Your local changes are kept.
                </Text>
                <SignInForm />
              </>
            ) : (
              <Group gap="xs" align="flex-start">
                <Button size="xs" variant="light" onClick={syncNow}>
                  Sync now
                </Button>
              </Group>
            )}
            <SignOutControl />
          </>
        )}
      </Stack>
    </Paper>
  );
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue className="plain-text">{value || '—'}</DataList.ItemValue>
    </DataList.Item>
  );
}
