import { useState } from 'react';
import { Button, Group, Stack, Text } from '@mantine/core';
import { signOut } from '../../sync/controller';

/**
 * "Sign out" with a confirmation step in place (no second dialog on top of a popover): signing
 * out stops sync but keeps every document, including changes not yet sent, on this device.
 */
export function SignOutControl({ onSignedOut }: { onSignedOut?: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const confirm = async () => {
    setPending(true);
    setFailure(null);
    try {
      await signOut();
      setConfirming(false);
      onSignedOut?.();
    } catch (error) {
      setFailure(`Signing out failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setPending(false);
    }
  };

  if (!confirming) {
    return (
      <Button variant="default" size="xs" onClick={() => setConfirming(true)}>
        Sign out
      </Button>
    );
  }
  return (
    <Stack gap={6} data-testid="sign-out-confirm">
      <Text size="sm">
        Sign out? Your local data stays on this device; sync stops until you sign in again.
      </Text>
      <Group gap="xs">
        <Button color="red" size="xs" onClick={confirm} loading={pending}>
          Yes, sign out
        </Button>
        <Button variant="default" size="xs" onClick={() => setConfirming(false)} disabled={pending}>
          Cancel
        </Button>
      </Group>
      {failure && (
        <Text size="sm" c="red" role="alert" className="plain-text">
          {failure}
        </Text>
      )}
    </Stack>
  );
}
