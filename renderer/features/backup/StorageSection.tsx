import { Button, DataList, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { checkStorage } from './guard';
import { StorageBanner } from './StorageBanner';
import { formatBytes } from './storageGuard';
import { useReplicaGuard } from './store';

/** Settings → "Storage": how much room the replica has, and whether the browser may evict it. */
export function StorageSection() {
  const storage = useReplicaGuard((s) => s.storage);
  return (
    <Paper withBorder p="md" component="section" aria-label="Storage">
      <Stack gap="sm">
        <Title order={4}>Storage</Title>
        <StorageBanner />
        {storage ? (
          <DataList size="sm" labelWidth={200} gap={4}>
            {storage.disk && (
              <Row
                label="Free disk space"
                value={`${formatBytes(storage.disk.freeBytes)} of ${formatBytes(storage.disk.totalBytes)}`}
              />
            )}
            {storage.usage !== null && storage.quota !== null && (
              <Row
                label="Replica size"
                value={`${formatBytes(storage.usage)} (room for ${formatBytes(Math.max(0, storage.quota - storage.usage))} more)`}
              />
            )}
            <Row
              label="Protected from clean-up"
              value={
                storage.persisted === null
                  ? 'Unknown'
                  : storage.persisted
                    ? 'Yes: the browser keeps this data even when space runs low'
                    : 'No: under storage pressure the browser may remove it; keep backups'
              }
            />
          </DataList>
        ) : (
          <Text size="sm" c="dimmed">
            Reading the storage…
          </Text>
        )}
        <Group>
          <Button size="xs" variant="default" onClick={() => void checkStorage()}>
            Check again
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue>{value}</DataList.ItemValue>
    </DataList.Item>
  );
}
