import { useState } from 'react';
import { Paper, Stack, Title } from '@mantine/core';
import type { TicketInput } from '../../../shared/domain/validation';
import { createTicket } from '../../data';
import { useDb } from '../../app/database';
import { navigate } from '../../app/router';
import { useAppSettings } from '../../app/settings';
import { useSession } from '../../app/session';
import { useUi } from '../../state/ui';
import { TicketForm } from './TicketForm';
import { useSubmit } from '../../lib/useSubmit';

export function emptyTicketInput(requesterId: string): TicketInput {
  return {
    kind: 'incident',
    title: '',
    description: '',
    impact: 2,
    urgency: 2,
    category: '',
    requesterId,
    assigneeId: '',
    groupId: '',
    ciIds: [],
    tags: [],
  };
}

export function NewTicketPage() {
  const db = useDb();
  const userId = useUi((s) => s.userId);
  const session = useSession();
  const settings = useAppSettings();
  const [value, setValue] = useState<TicketInput>(() => emptyTicketInput(userId));
  const { errors, saving, submit } = useSubmit();
  const save = () =>
    submit(
      () => createTicket(db, value, session),
      (result) => navigate(`/tickets/${result.ticket.id}`),
    );

  return (
    <Stack maw={900}>
      <Title order={2}>New ticket</Title>
      <Paper withBorder p="md">
        <TicketForm
          value={value}
          onChange={setValue}
          errors={errors}
          onSubmit={save}
          onCancel={() => navigate('/tickets')}
          submitLabel="Create ticket"
          saving={saving}
          matrix={settings.matrix}
          categories={settings.categories}
        />
      </Paper>
    </Stack>
  );
}
