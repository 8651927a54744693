import { useState } from 'react';
import { Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import type { PendingReason, TicketDoc, TicketStatus } from '../../../shared/domain/model';
import { PENDING_REASON_LABELS, RESOLUTION_CODE_LABELS, STATUS_LABELS } from '../../../shared/domain/labels';
import { pendingReasonsFor, resolutionCodesFor } from '../../../shared/domain/status';
import { updateTicket } from '../../data';
import { useDb } from '../../app/database';
import { useDirectory } from '../../app/people';
import { useSession } from '../../app/session';
import { useUi } from '../../state/ui';
import { useSubmit } from '../../lib/useSubmit';

/** Asks for what the target status requires (reason, resolution, assignee) before moving. */
export function StatusModal({
  ticket,
  to,
  onClose,
}: {
  ticket: TicketDoc;
  to: TicketStatus;
  onClose: () => void;
}) {
  const db = useDb();
  const userId = useUi((s) => s.userId);
  const session = useSession();
  const directory = useDirectory();
  const [assigneeId, setAssigneeId] = useState(
    ticket.assigneeId || (to === 'in_progress' || to === 'assigned' ? userId : ''),
  );
  const [pendingReason, setPendingReason] = useState<PendingReason | ''>('');
  const [resolutionCode, setResolutionCode] = useState('');
  const [resolutionNotes, setResolutionNotes] = useState('');
  const [reason, setReason] = useState('');
  const { errors, saving, submit } = useSubmit();
  const needsAssignee = to === 'assigned' || to === 'in_progress';

  const save = () => {
    const patch = {
      status: to,
      ...(needsAssignee ? { assigneeId } : {}),
      ...(to === 'pending' ? { pendingReason } : {}),
      ...(to === 'resolved' ? { resolutionCode, resolutionNotes } : {}),
      ...(to === 'reopened' ? { reason } : {}),
    };
    return submit(() => updateTicket(db, ticket.id, patch, session), onClose);
  };

  return (
    <Modal opened onClose={onClose} title={`${STATUS_LABELS[ticket.status]} → ${STATUS_LABELS[to]}`}>
      <form
        aria-label="Change status"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Stack gap="sm">
          {needsAssignee && (
            <Select
              label="Assignee"
              searchable
              data={directory.users.map((u) => ({ value: u.id, label: u.name }))}
              value={assigneeId || null}
              onChange={(v) => setAssigneeId(v ?? '')}
              error={errors.assigneeId}
            />
          )}
          {to === 'pending' && (
            <Select
              label="Waiting for"
              data={pendingReasonsFor(ticket.kind).map((r) => ({
                value: r,
                label: PENDING_REASON_LABELS[r],
              }))}
              value={pendingReason || null}
              onChange={(v) => setPendingReason((v ?? '') as PendingReason | '')}
              error={errors.pendingReason}
              data-autofocus
            />
          )}
          {to === 'resolved' && (
            <>
              <Select
                label="Resolution code"
                data={resolutionCodesFor(ticket.kind).map((c) => ({
                  value: c,
                  label: RESOLUTION_CODE_LABELS[c],
                }))}
                value={resolutionCode || null}
                onChange={(v) => setResolutionCode(v ?? '')}
                error={errors.resolutionCode}
              />
              <Textarea
                label="Resolution notes"
                autosize
                minRows={3}
                value={resolutionNotes}
                onChange={(e) => setResolutionNotes(e.currentTarget.value)}
                error={errors.resolutionNotes}
              />
            </>
          )}
          {to === 'reopened' && (
            <Textarea
              label="Why is it being reopened?"
              autosize
              minRows={2}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={errors.reason}
            />
          )}
          {(errors.status || errors.form) && (
            <Text c="red" size="sm" role="alert">
              {errors.status ?? errors.form}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={saving}>
              Move to {STATUS_LABELS[to]}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
