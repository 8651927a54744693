import { useState } from 'react';
import { Alert, Button, Group, List, Modal, Select, Stack, Textarea } from '@mantine/core';
import type { PendingReason, TicketDoc, TicketStatus } from '../../../shared/domain/model';
import { PENDING_REASON_LABELS, RESOLUTION_CODE_LABELS, STATUS_LABELS } from '../../../shared/domain/labels';
import { pendingReasonsFor, resolutionCodesFor } from '../../../shared/domain/status';
import { updateTicket } from '../../data';
import { useDb } from '../../app/database';
import { useDirectory } from '../../app/people';
import { useSession } from '../../app/session';
import { useUi } from '../../state/ui';
import { useSubmit } from '../../lib/useSubmit';

/** Names for errors on fields this dialog has no input for (they are edited elsewhere). */
const OTHER_FIELD_LABELS: Record<string, string> = {
  changeType: 'Change type',
  risk: 'Risk',
  riskAnswers: 'Risk',
  implementationPlan: 'Implementation plan',
  backoutPlan: 'Back-out plan',
  testPlan: 'Test plan',
  plannedStart: 'Planned window',
  plannedEnd: 'Planned window',
  assigneeId: 'Assignee',
  pendingReason: 'Pending reason',
  resolutionCode: 'Resolution code',
  resolutionNotes: 'Resolution notes',
  reason: 'Reason',
};

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
  const needsAssignee = to === 'assigned' || to === 'in_progress' || to === 'implement';
  const [assigneeId, setAssigneeId] = useState(ticket.assigneeId || (needsAssignee ? userId : ''));
  const [pendingReason, setPendingReason] = useState<PendingReason | ''>('');
  const [resolutionCode, setResolutionCode] = useState('');
  const [resolutionNotes, setResolutionNotes] = useState('');
  const [reason, setReason] = useState('');
  const { errors, saving, submit } = useSubmit();
  // Closing keeps the resolution a ticket was resolved with; a change is closed after its review
  // without one, so its closure code and notes are asked here.
  const needsResolution = to === 'resolved' || (to === 'closed' && ticket.resolutionCode === '');
  const needsReason = to === 'reopened' || to === 'cancelled';
  const isChange = ticket.kind === 'change';

  const save = () => {
    const patch = {
      status: to,
      ...(needsAssignee ? { assigneeId } : {}),
      ...(to === 'pending' ? { pendingReason } : {}),
      ...(needsResolution ? { resolutionCode, resolutionNotes } : {}),
      ...(needsReason ? { reason } : {}),
    };
    return submit(() => updateTicket(db, ticket.id, patch, session), onClose);
  };

  const shown = new Set<string>();
  if (needsAssignee) shown.add('assigneeId');
  if (to === 'pending') shown.add('pendingReason');
  if (needsResolution) ['resolutionCode', 'resolutionNotes'].forEach((k) => shown.add(k));
  if (needsReason) shown.add('reason');
  const others = Object.entries(errors).filter(
    (entry): entry is [string, string] => !shown.has(entry[0]) && typeof entry[1] === 'string',
  );
  const fixElsewhere = others.some(([key]) => key !== 'status' && key !== 'form');

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
          {needsResolution && (
            <>
              <Select
                label={isChange ? 'Closure code' : 'Resolution code'}
                data={resolutionCodesFor(ticket.kind).map((c) => ({
                  value: c,
                  label: RESOLUTION_CODE_LABELS[c],
                }))}
                value={resolutionCode || null}
                onChange={(v) => setResolutionCode(v ?? '')}
                error={errors.resolutionCode}
              />
              <Textarea
                label={isChange ? 'Closure notes' : 'Resolution notes'}
                autosize
                minRows={3}
                value={resolutionNotes}
                onChange={(e) => setResolutionNotes(e.currentTarget.value)}
                error={errors.resolutionNotes}
              />
            </>
          )}
          {needsReason && (
            <Textarea
              label={to === 'reopened' ? 'Why is it being reopened?' : 'Why is it being cancelled?'}
              autosize
              minRows={2}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={errors.reason}
            />
          )}
          {others.length > 0 && (
            <Alert color="red" variant="light" role="alert" data-testid="status-errors">
              <List size="sm" spacing={2}>
                {others.map(([key, message]) => (
                  <List.Item key={key} data-field={key}>
                    {OTHER_FIELD_LABELS[key] ? `${OTHER_FIELD_LABELS[key]}: ${message}` : message}
                  </List.Item>
                ))}
              </List>
              {fixElsewhere && isChange && (
                <div>Complete these on the change page, then change the status again.</div>
              )}
            </Alert>
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
