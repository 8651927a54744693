import { useState } from 'react';
import { Button, Group, Stack, Switch, Text, Textarea } from '@mantine/core';
import type { TicketDoc } from '../../../shared/domain/model';
import { updateTicket } from '../../data';
import { useDb } from '../../app/database';
import { useSession } from '../../app/session';
import { useSubmit } from '../../lib/useSubmit';

interface Fields {
  rootCause: string;
  workaround: string;
  knownError: boolean;
}

function storedFields(ticket: TicketDoc): Fields {
  return {
    rootCause: ticket.rootCause ?? '',
    workaround: ticket.workaround ?? '',
    knownError: ticket.knownError ?? false,
  };
}

/**
 * Root cause, workaround and the known-error flag. The form shows the stored values until the
 * user edits, so a change synced from another device appears as long as nothing is being typed.
 */
export function ProblemFields({ ticket }: { ticket: TicketDoc }) {
  const db = useDb();
  const session = useSession();
  const stored = storedFields(ticket);
  const [draft, setDraft] = useState<Fields | null>(null);
  const { errors, saving, submit } = useSubmit();
  const value = draft ?? stored;
  const changed =
    draft !== null &&
    (draft.rootCause !== stored.rootCause ||
      draft.workaround !== stored.workaround ||
      draft.knownError !== stored.knownError);
  const locked = ticket.status === 'closed' || ticket.status === 'cancelled';
  const set = <K extends keyof Fields>(key: K, next: Fields[K]) => setDraft({ ...value, [key]: next });

  return (
    <form
      aria-label="Problem analysis"
      onSubmit={(e) => {
        e.preventDefault();
        if (!changed) return;
        void submit(
          () => updateTicket(db, ticket.id, { process: value }, session),
          () => setDraft(null),
        );
      }}
    >
      <Stack gap="sm">
        <Textarea
          label="Root cause"
          autosize
          minRows={2}
          maxRows={14}
          value={value.rootCause}
          onChange={(e) => set('rootCause', e.currentTarget.value)}
          error={errors.rootCause}
          readOnly={locked}
        />
        <Textarea
          label="Workaround"
          description="Offered on similar incidents once the problem is flagged as a known error."
          autosize
          minRows={2}
          maxRows={14}
          value={value.workaround}
          onChange={(e) => set('workaround', e.currentTarget.value)}
          error={errors.workaround}
          readOnly={locked}
        />
        <Switch
          label="Known error"
          checked={value.knownError}
          onChange={(e) => set('knownError', e.currentTarget.checked)}
          error={errors.knownError}
          disabled={locked}
        />
        {errors.form && (
          <Text c="red" size="sm" role="alert">
            {errors.form}
          </Text>
        )}
        {changed && (
          <Group justify="flex-end" gap="xs">
            <Button variant="default" size="xs" onClick={() => setDraft(null)} disabled={saving}>
              Discard
            </Button>
            <Button type="submit" size="xs" loading={saving}>
              Save
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}
