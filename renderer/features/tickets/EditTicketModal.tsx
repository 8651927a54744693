import { useState } from 'react';
import { Modal } from '@mantine/core';
import type { TicketDoc } from '../../../shared/domain/model';
import type { TicketInput } from '../../../shared/domain/validation';
import { updateTicket } from '../../data';
import { useDb } from '../../app/database';
import { useAppSettings } from '../../app/settings';
import { useSession } from '../../app/session';
import { useSubmit } from '../../lib/useSubmit';
import { TicketForm } from './TicketForm';

function toInput(t: TicketDoc): TicketInput {
  return {
    kind: t.kind,
    title: t.title,
    description: t.description,
    impact: t.impact,
    urgency: t.urgency,
    category: t.category,
    requesterId: t.requesterId,
    assigneeId: t.assigneeId,
    groupId: t.groupId,
    ciIds: [...t.ciIds],
    tags: [...t.tags],
  };
}

export function EditTicketModal({ ticket, onClose }: { ticket: TicketDoc; onClose: () => void }) {
  const db = useDb();
  const session = useSession();
  const settings = useAppSettings();
  const [value, setValue] = useState<TicketInput>(() => toInput(ticket));
  const { errors, saving, submit } = useSubmit();
  const save = () => {
    const { kind: _kind, ...patch } = value;
    return submit(() => updateTicket(db, ticket.id, patch, session), onClose);
  };

  return (
    <Modal opened onClose={onClose} title={`Edit ${ticket.number}`} size="xl">
      <TicketForm
        value={value}
        onChange={setValue}
        errors={errors}
        onSubmit={save}
        onCancel={onClose}
        submitLabel="Save changes"
        saving={saving}
        matrix={settings.matrix}
        categories={settings.categories}
        kindLocked
      />
    </Modal>
  );
}
