import { useEffect, useState } from 'react';
import { Alert, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import type { CredentialsStatus } from '../../../shared/ipc/contract';
import { desktopApi } from '../../lib/desktop';

type Choice = 'session' | 'disk';

/**
 * Settings → "Password storage", desktop only. Where the OS has a keyring there is nothing to
 * choose. Without one (Linux's `basic_text` fallback), the user sees why that matters and
 * chooses between keeping the sync password for the session and saving it weakly protected.
 */
export function CredentialSection() {
  const api = desktopApi();
  const [status, setStatus] = useState<CredentialsStatus | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!api) return;
    void api['credentials:status']().then((result) => {
      if (result.ok) setStatus(result.value);
      else setError(result.error.message);
    });
  }, [api]);

  if (!api || (!status && !error)) return null;
  if (status?.secureStorage) {
    return (
      <Paper withBorder p="md" component="section" aria-label="Password storage">
        <Stack gap="xs">
          <Title order={4}>Password storage</Title>
          <Text size="sm" c="dimmed">
            Your sync password is kept encrypted by the system keyring (
            {status.backend === 'os' ? 'the operating system' : status.backend}).
          </Text>
        </Stack>
      </Paper>
    );
  }

  const choose = async (choice: Choice) => {
    setError(null);
    const result = await api['credentials:setFallback'](choice);
    if (result.ok) setStatus(result.value);
    else setError(result.error.message);
  };

  return (
    <Paper withBorder p="md" component="section" aria-label="Password storage">
      <Stack gap="xs">
        <Title order={4}>Password storage</Title>
        {status?.backend === 'basic_text' && (
          <Alert color="yellow" title="No system keyring found">
            <Text size="sm">
              This computer has no keyring (GNOME Keyring or KWallet) for Outpost to keep your sync password
              in. A saved password would be protected only by a fixed key that anyone who can read your files
              can undo.
            </Text>
          </Alert>
        )}
        {status && status.backend !== 'basic_text' && (
          <Text size="sm" c="dimmed">
            No secure password storage is available: your sync password is kept only until Outpost quits.
          </Text>
        )}
        {status?.backend === 'basic_text' && (
          <SegmentedControl
            aria-label="Keep the sync password"
            w="fit-content"
            value={status.fallback === 'disk' ? 'disk' : 'session'}
            onChange={(value) => void choose(value as Choice)}
            data={[
              { value: 'session', label: 'For this session only' },
              { value: 'disk', label: 'Saved on this computer' },
            ]}
          />
        )}
        {status?.fallback === 'ask' && status.backend === 'basic_text' && (
          <Text size="xs" c="dimmed">
            Not chosen yet: you are asked at the next sign-in. Until then nothing is saved.
          </Text>
        )}
        {error && (
          <Text size="sm" c="red" role="alert">
            {error}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
