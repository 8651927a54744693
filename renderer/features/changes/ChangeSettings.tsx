import { Divider, Paper, Stack, Title } from '@mantine/core';
import { BlackoutEditor } from './BlackoutEditor';
import { CabSettingsForm } from './CabSettingsForm';

/** Change management section of the service settings: the CAB and the blackout windows. */
export function ChangeSettings() {
  return (
    <Paper withBorder p="md" component="section" aria-label="Change management" data-testid="change-settings">
      <Stack gap="md">
        <Title order={3}>Change management</Title>
        <CabSettingsForm />
        <Divider />
        <BlackoutEditor />
      </Stack>
    </Paper>
  );
}
