import { useState } from 'react';
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { TicketDoc } from '../../../shared/domain/model';
import { checkWrite } from '../../../shared/sync/rules';
import { deleteTicket } from '../../data';
import { useDb } from '../../app/database';
import { navigate } from '../../app/router';
import { useUi } from '../../state/ui';
import { rulesUser } from '../../app/session';
import { useSyncStore } from '../../sync/store';
import { toWire } from '../../../shared/sync/wire';

/**
 * Deletes a ticket after a confirmation. Signed in, the server's rules decide (managers and
 * admins); the same rules run here first so the button says why instead of failing at push.
 */
export function DeleteTicketButton({ ticket }: { ticket: TicketDoc }) {
  const db = useDb();
  const userId = useUi((s) => s.userId);
  const account = useSyncStore((s) => s.user);
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const refusal = account
    ? checkWrite(
        { ...toWire({ ...ticket, updatedBy: userId }, true), _deleted: true },
        toWire(ticket, false),
        rulesUser(account),
      )
    : null;

  const confirm = async () => {
    setPending(true);
    setError(null);
    try {
      const result = await deleteTicket(db, ticket.id, { userId });
      if (result.ok) navigate('/tickets');
      else setError(result.error);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setPending(false);
    }
  };

  return (
    <>
      <Button
        variant="subtle"
        color="red"
        onClick={() => setOpen(true)}
        disabled={refusal !== null}
        title={refusal ?? undefined}
      >
        Delete
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={`Delete ${ticket.number}?`}>
        <Stack gap="sm">
          <Text size="sm">
            The ticket disappears from every device once this one syncs. If someone edited it meanwhile on
            another device, their version is kept and a merge notice says so.
          </Text>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)} disabled={pending}>
              Cancel
            </Button>
            <Button color="red" onClick={() => void confirm()} loading={pending}>
              Delete ticket
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
