import { Stack, Title } from '@mantine/core';
import { SlaSettings } from '../sla/SlaSettings';
import { ChangeSettings } from '../changes/ChangeSettings';
import { RoutingSettings } from '../routing/RoutingSettings';

/** Team-wide service management settings; each section validates and saves its own setting. */
export function ServiceSettingsPage() {
  return (
    <Stack gap="lg" maw={1100} data-testid="service-settings">
      <Title order={2}>Service settings</Title>
      <SlaSettings />
      <RoutingSettings />
      <ChangeSettings />
    </Stack>
  );
}
