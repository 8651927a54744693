import {
  Paper,
  SegmentedControl,
  Stack,
  Text,
  Title,
  useMantineColorScheme,
  type MantineColorScheme,
} from '@mantine/core';
import { PriorityMatrixEditor } from './PriorityMatrixEditor';
import { DemoDataPanel } from './DemoDataPanel';
import { CredentialSection } from './CredentialSection';
import { SyncAccountSection } from '../sync/SyncAccountSection';
import { BackupSection } from '../backup/BackupSection';
import { StorageSection } from '../backup/StorageSection';

export function SettingsPage() {
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  return (
    <Stack maw={820} gap="md">
      <Title order={2}>Settings</Title>
      <SyncAccountSection />
      <CredentialSection />
      <BackupSection />
      <StorageSection />
      <Paper withBorder p="md">
        <Stack gap="xs">
          <Title order={4}>Appearance</Title>
          <Text size="sm" c="dimmed">
            Follow the system, or pick a theme for this device.
          </Text>
          <SegmentedControl
            aria-label="Colour theme"
            w="fit-content"
            value={colorScheme}
            onChange={(v) => setColorScheme(v as MantineColorScheme)}
            data={[
              { value: 'auto', label: 'System' },
              { value: 'light', label: 'Light' },
              { value: 'dark', label: 'Dark' },
            ]}
          />
        </Stack>
      </Paper>
      <PriorityMatrixEditor />
      <DemoDataPanel />
    </Stack>
  );
}
