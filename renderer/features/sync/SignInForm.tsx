import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { signIn } from '../../sync/controller';
import { useSyncStore, type SyncUser } from '../../sync/store';
import {
  initialSignInValues,
  normalizeSignIn,
  validateSignIn,
  type SignInErrors,
  type SignInValues,
} from './signInForm';

type Field = keyof SignInValues;

/**
 * Server, team database and credentials. The password lives in this component's state only:
 * it goes to the sync controller once and is cleared after a successful sign-in.
 */
export function SignInForm({
  onSignedIn,
  onCancel,
  cancelLabel = 'Cancel',
}: {
  onSignedIn?: (user: SyncUser) => void;
  onCancel?: () => void;
  cancelLabel?: string;
}) {
  // Prefilled once from what the sync store knows; later store changes never overwrite typing.
  const [values, setValues] = useState<SignInValues>(() => initialSignInValues(useSyncStore.getState()));
  const [submitted, setSubmitted] = useState(false);
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  // Only a first sign-in swaps the demo data; signing in again keeps the team's replica.
  const firstSignIn = useSyncStore((s) => s.phase === 'signed-out');

  const errors: SignInErrors = validateSignIn(values);
  // Errors appear from the first submit on, then follow the typing. Showing them on blur would
  // move the Sign in button under the pointer between mouse-down and mouse-up, eating the click.
  const shown = (field: Field) => (submitted ? errors[field] : undefined);
  const bind = (field: Field) => ({
    value: values[field],
    error: shown(field),
    onChange: (event: { currentTarget: { value: string } }) => {
      const value = event.currentTarget.value;
      setValues((current) => ({ ...current, [field]: value }));
    },
    disabled: pending,
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    setFailure(null);
    if (Object.keys(errors).length > 0 || pending) return;
    setPending(true);
    try {
      const result = await signIn(normalizeSignIn(values));
      if (result.ok) {
        setValues((current) => ({ ...current, password: '' }));
        setSubmitted(false);
        onSignedIn?.(result.user);
      } else {
        setFailure(result.message);
      }
    } catch (error) {
      setFailure(`Signing in failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setPending(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate data-testid="sign-in-form" aria-label="Sign in to sync">
      <Stack gap="sm">
        {firstSignIn && (
          <Text size="sm" c="dimmed">
            Signing in replaces this device’s local demo data with the team’s data.
          </Text>
        )}
        <TextInput label="Server URL" autoComplete="url" spellCheck={false} required {...bind('serverUrl')} />
        <TextInput label="Team database" spellCheck={false} required {...bind('database')} />
        <TextInput label="User name" autoComplete="username" spellCheck={false} required {...bind('name')} />
        <PasswordInput label="Password" autoComplete="current-password" required {...bind('password')} />
        {failure && (
          <Alert color="red" role="alert" data-testid="sign-in-error" title="Not signed in">
            <Text size="sm" className="plain-text">
              {failure}
            </Text>
          </Alert>
        )}
        <Group gap="xs">
          <Button type="submit" loading={pending} disabled={pending}>
            Sign in
          </Button>
          {onCancel && (
            <Button variant="default" onClick={onCancel} disabled={pending}>
              {cancelLabel}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
