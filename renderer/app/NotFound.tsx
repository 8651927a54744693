import { Button, Stack, Text, Title } from '@mantine/core';
import { navigate } from './router';

export function NotFound({ path }: { path: string }) {
  return (
    <Stack align="flex-start" p="xl">
      <Title order={3}>Nothing here</Title>
      <Text c="dimmed">
        There is no page at <code>{path}</code>.
      </Text>
      <Button onClick={() => navigate('/tickets')}>Back to tickets</Button>
    </Stack>
  );
}
