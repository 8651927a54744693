import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { setReplicaGuard, useReplicaGuard } from './store';

/**
 * Warnings that must not wait for someone to open Settings: little disk space left, a change
 * the disk refused, a failed automatic backup, a reload the desktop shell needs. Renders
 * nothing while all is well.
 */
export function StorageBanner() {
  const { storage, writeFailure, autoBackupError, reloadReason } = useReplicaGuard();
  const lowSpace = storage && (storage.level === 'low' || storage.level === 'critical') ? storage : null;
  if (!lowSpace && !writeFailure && !autoBackupError && reloadReason === null) return null;
  return (
    <Stack gap="xs" mb="md" data-testid="storage-banner">
      {writeFailure && (
        <Alert
          color="red"
          title="A change was not saved: the disk is full"
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => setReplicaGuard({ writeFailure: null })}
        >
          <Text size="sm">{writeFailure}</Text>
        </Alert>
      )}
      {lowSpace && (
        <Alert
          color={lowSpace.level === 'critical' ? 'red' : 'yellow'}
          title={lowSpace.level === 'critical' ? 'The disk is almost full' : 'Disk space is running low'}
          role={lowSpace.level === 'critical' ? 'alert' : 'note'}
          data-testid="low-space-warning"
        >
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <Text size="sm">{lowSpace.message}</Text>
            <Button size="xs" variant="default" component="a" href="#/settings">
              Backup &amp; storage
            </Button>
          </Group>
        </Alert>
      )}
      {autoBackupError && (
        <Alert
          color="orange"
          title="The automatic backup failed"
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => setReplicaGuard({ autoBackupError: null })}
        >
          <Text size="sm">{autoBackupError}</Text>
        </Alert>
      )}
      {reloadReason !== null && (
        <Alert color="blue" title="Reload Outpost to finish connecting" role="note">
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <Text size="sm">
              {reloadReason || 'A change to the connection settings applies after a reload.'}
            </Text>
            <Button size="xs" onClick={() => window.location.reload()}>
              Reload
            </Button>
          </Group>
        </Alert>
      )}
    </Stack>
  );
}
