import { useState } from 'react';
import { Modal, Stack, Text } from '@mantine/core';
import { useSyncStore, type SyncPhase } from '../../sync/store';
import { SignInForm } from './SignInForm';

/** The sign-in form in a dialog, opened from the sync indicator. */
export function SignInModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Sign in to sync">
      {opened && <SignInForm onSignedIn={onClose} onCancel={onClose} />}
    </Modal>
  );
}

/**
 * Shown by itself when the server refuses the session. "Later" hides it until the next time the
 * session is refused; the header keeps saying "Sign in again" meanwhile.
 */
export function SessionExpiredPrompt() {
  const phase = useSyncStore((s) => s.phase);
  const [dismissed, setDismissed] = useState(false);
  const [seenPhase, setSeenPhase] = useState<SyncPhase>(phase);
  // Adjusting state while rendering (React's pattern for "reset when a value changes").
  if (phase !== seenPhase) {
    setSeenPhase(phase);
    if (phase !== 'needs-login') setDismissed(false);
  }
  const opened = phase === 'needs-login' && !dismissed;
  return (
    <Modal opened={opened} onClose={() => setDismissed(true)} title="Sign in again">
      {opened && (
        <Stack gap="sm" data-testid="session-expired">
          <Text size="sm">
            Your session has expired or the password changed. Your local changes are kept.
          </Text>
          <SignInForm onCancel={() => setDismissed(true)} cancelLabel="Later" />
        </Stack>
      )}
    </Modal>
  );
}
