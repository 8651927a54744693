import { useState } from 'react';
import {
  Anchor,
  Badge,
  Button,
  Center,
  Grid,
  Group,
  Loader,
  Menu,
  Paper,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import type { TicketDoc, TicketStatus } from '../../../shared/domain/model';
import { KIND_LABELS, STATUS_LABELS } from '../../../shared/domain/labels';
import { allowedTransitions } from '../../../shared/domain/status';
import { observeTicket } from '../../data';
import { useDb } from '../../app/database';
import { useObservable } from '../../app/hooks';
import { navigate } from '../../app/router';
import { PriorityBadge, StatusBadge } from './badges';
import { TicketDetails } from './TicketDetails';
import { Timeline } from './Timeline';
import { Composer } from './Composer';
import { EditTicketModal } from './EditTicketModal';
import { StatusModal } from './StatusModal';
import { DeleteTicketButton } from './DeleteTicketButton';
import { AttachmentsPanel } from '../attachments/AttachmentsPanel';
import { ProcessPanels, ProcessSide } from './ProcessPanels';

const LOADING = Symbol('loading');

export function TicketPage({ id }: { id: string }) {
  const db = useDb();
  const ticket = useObservable<TicketDoc | null | typeof LOADING>(() => observeTicket(db, id), LOADING, [
    db,
    id,
  ]);
  const [editing, setEditing] = useState(false);
  const [target, setTarget] = useState<TicketStatus | null>(null);
  useHotkeys([
    ['e', () => ticket && ticket !== LOADING && setEditing(true)],
    ['Escape', () => !editing && !target && navigate('/tickets')],
  ]);

  if (ticket === LOADING) {
    return (
      <Center py="xl">
        <Loader aria-label="Loading ticket" />
      </Center>
    );
  }
  if (!ticket) {
    return (
      <Stack align="flex-start" p="xl">
        <Title order={3}>Ticket not found</Title>
        <Text c="dimmed">It may have been deleted on another device, or the link is wrong.</Text>
        <Button onClick={() => navigate('/tickets')}>Back to tickets</Button>
      </Stack>
    );
  }

  const transitions = allowedTransitions(ticket.kind, ticket.status);
  return (
    <Stack gap="md" maw={1280} data-testid="ticket-page">
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Group gap="xs">
            <Anchor size="sm" onClick={() => navigate('/tickets')}>
              Tickets
            </Anchor>
            <Text size="sm" c="dimmed">
              /
            </Text>
            <Text size="sm" fw={600} data-testid="ticket-number">
              {ticket.number}
            </Text>
            <Badge variant="outline" size="sm">
              {KIND_LABELS[ticket.kind]}
            </Badge>
            <PriorityBadge priority={ticket.priority} />
            <StatusBadge status={ticket.status} />
          </Group>
          <Title order={2} className="plain-text" data-testid="ticket-heading">
            {ticket.title}
          </Title>
        </Stack>
        <Group gap="xs">
          <Button variant="default" onClick={() => setEditing(true)} title="Edit (e)">
            Edit
          </Button>
          <Menu position="bottom-end">
            <Menu.Target>
              <Button disabled={transitions.length === 0}>Change status</Button>
            </Menu.Target>
            <Menu.Dropdown>
              {transitions.map((to) => (
                <Menu.Item key={to} onClick={() => setTarget(to)}>
                  {STATUS_LABELS[to]}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
          <DeleteTicketButton ticket={ticket} />
        </Group>
      </Group>
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="md">
            <Paper withBorder p="md">
              <Text size="xs" fw={700} c="dimmed" mb={6}>
                DESCRIPTION
              </Text>
              {ticket.description ? (
                <Text className="plain-text" data-testid="ticket-description">
                  {ticket.description}
                </Text>
              ) : (
                <Text c="dimmed" fs="italic">
                  No description.
                </Text>
              )}
            </Paper>
            <ProcessPanels ticket={ticket} />
            <AttachmentsPanel parentId={ticket.id} parentType="ticket" />
            <Composer ticketId={ticket.id} />
            <Timeline ticketId={ticket.id} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            <ProcessSide ticket={ticket} />
            <TicketDetails ticket={ticket} />
          </Stack>
        </Grid.Col>
      </Grid>
      {editing && <EditTicketModal ticket={ticket} onClose={() => setEditing(false)} />}
      {target && <StatusModal ticket={ticket} to={target} onClose={() => setTarget(null)} />}
    </Stack>
  );
}
