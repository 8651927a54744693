import { useState } from 'react';
import { Badge, Group, Paper, Select, Stack, Text } from '@mantine/core';
import type { TicketDoc } from '../../../shared/domain/model';
import {
  PENDING_REASON_LABELS,
  PRIORITY_LABELS,
  RESOLUTION_CODE_LABELS,
} from '../../../shared/domain/labels';
import { updateTicket } from '../../data';
import { useDb } from '../../app/database';
import { useDirectory } from '../../app/people';
import { ciLabel, useCis } from '../../app/cis';
import { useSession } from '../../app/session';
import { describeWriteError } from '../../lib/errors';

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" fw={700} c="dimmed">
        {label.toUpperCase()}
      </Text>
      <div>{children}</div>
    </Stack>
  );
}

export function TicketDetails({ ticket }: { ticket: TicketDoc }) {
  const db = useDb();
  const session = useSession();
  const directory = useDirectory();
  const cis = useCis(ticket.ciIds);
  const [assignError, setAssignError] = useState<string | undefined>();
  const members = directory.users.filter((u) => !ticket.groupId || u.groupIds.includes(ticket.groupId));

  const assign = async (assigneeId: string) => {
    try {
      const result = await updateTicket(db, ticket.id, { assigneeId }, session);
      setAssignError(result.ok ? undefined : Object.values(result.errors).join(' '));
    } catch (error) {
      setAssignError(describeWriteError(error));
    }
  };

  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Field label="Priority">
          <Text size="sm">
            P{ticket.priority} {PRIORITY_LABELS[ticket.priority]} · impact {ticket.impact}, urgency{' '}
            {ticket.urgency}
          </Text>
        </Field>
        {ticket.status === 'pending' && ticket.pendingReason && (
          <Field label="Pending reason">
            <Badge color="yellow" variant="light">
              {PENDING_REASON_LABELS[ticket.pendingReason]}
            </Badge>
          </Field>
        )}
        <Field label="Assignee">
          <Select
            aria-label="Assignee"
            size="xs"
            searchable
            clearable
            placeholder="Unassigned"
            data={members.map((u) => ({ value: u.id, label: u.name }))}
            value={ticket.assigneeId || null}
            onChange={(v) => assign(v ?? '')}
            error={assignError}
          />
        </Field>
        <Field label="Assignment group">
          <Text size="sm">{directory.name(ticket.groupId, 'None')}</Text>
        </Field>
        <Field label="Requester">
          <Text size="sm">{directory.name(ticket.requesterId)}</Text>
        </Field>
        <Field label="Configuration items">
          {cis.length ? (
            <Stack gap={2} data-testid="ticket-cis">
              {cis.map((ci) => (
                <Text key={ci.id} size="sm">
                  {ciLabel(ci)}
                </Text>
              ))}
            </Stack>
          ) : (
            <Text size="sm">—</Text>
          )}
        </Field>
        <Field label="Category">
          <Text size="sm">{ticket.category || '—'}</Text>
        </Field>
        {ticket.tags.length > 0 && (
          <Field label="Tags">
            <Group gap={4}>
              {ticket.tags.map((t) => (
                <Badge key={t} variant="default" size="sm">
                  {t}
                </Badge>
              ))}
            </Group>
          </Field>
        )}
        {(ticket.status === 'resolved' || ticket.status === 'closed') && ticket.resolutionCode && (
          <Field label="Resolution">
            <Text size="sm" fw={600}>
              {(RESOLUTION_CODE_LABELS as Record<string, string>)[ticket.resolutionCode] ??
                ticket.resolutionCode}
            </Text>
            <Text size="sm" className="plain-text">
              {ticket.resolutionNotes}
            </Text>
          </Field>
        )}
        <Field label="Created">
          <Text size="sm">
            {new Date(ticket.createdAt).toLocaleString()} by {directory.name(ticket.createdBy, 'someone')}
          </Text>
        </Field>
        {ticket.resolvedAt > 0 && (
          <Field label="Resolved">
            <Text size="sm">{new Date(ticket.resolvedAt).toLocaleString()}</Text>
          </Field>
        )}
        {ticket.closedAt > 0 && (
          <Field label="Closed">
            <Text size="sm">{new Date(ticket.closedAt).toLocaleString()}</Text>
          </Field>
        )}
        <Field label="Updated">
          <Text size="sm">
            {new Date(ticket.updatedAt).toLocaleString()} by {directory.name(ticket.updatedBy, 'someone')}
          </Text>
        </Field>
      </Stack>
    </Paper>
  );
}
