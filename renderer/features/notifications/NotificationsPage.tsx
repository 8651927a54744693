import { useState } from 'react';
import { Badge, Box, Button, Group, Paper, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import type { AppNotification, NotificationKind } from '../../../shared/domain/notifications';
import { navigate } from '../../app/router';
import { formatRelative } from '../../lib/format';
import { useNotifications } from './store';

const PAGE = 100;

const KIND_BADGE: Record<NotificationKind, { label: string; color: string }> = {
  assigned: { label: 'Assigned', color: 'blue' },
  group: { label: 'Group queue', color: 'cyan' },
  sla: { label: 'SLA', color: 'orange' },
  escalation: { label: 'Escalation', color: 'red' },
  cab: { label: 'CAB vote', color: 'violet' },
};

/** What needs the acting person's attention, newest first; opening one marks it read. */
export function NotificationsPage() {
  const { items, read, unread, ready, markRead, markAllRead } = useNotifications();
  const [shown, setShown] = useState(PAGE);
  const now = Date.now();

  const open = (n: AppNotification) => {
    markRead(n.id);
    navigate(n.link);
  };

  return (
    <Stack maw={900} gap="md" data-testid="notifications-page">
      <Group justify="space-between">
        <Title order={2}>Notifications</Title>
        <Button variant="default" onClick={markAllRead} disabled={unread === 0}>
          Mark all read
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        Tickets assigned to you or waiting in your groups, SLA targets at risk, escalations and CAB votes.
        Read marks are kept on this device.
      </Text>
      {!ready && items.length === 0 && <Text size="sm">Loading…</Text>}
      {ready && items.length === 0 && <Text size="sm">Nothing needs your attention.</Text>}
      <Stack gap={6} role="list" aria-label="Notifications">
        {items.slice(0, shown).map((n) => {
          const isUnread = !read.has(n.id);
          const badge = KIND_BADGE[n.kind];
          return (
            <Paper
              key={n.id}
              withBorder
              role="listitem"
              data-testid="notification"
              data-unread={isUnread}
              data-kind={n.kind}
              bg={isUnread ? 'var(--mantine-color-blue-light)' : undefined}
            >
              <UnstyledButton onClick={() => open(n)} w="100%" p="sm" aria-label={`${n.detail}: ${n.title}`}>
                <Group justify="space-between" wrap="nowrap" gap="sm">
                  <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
                    <Box
                      w={8}
                      h={8}
                      style={{ borderRadius: 4, flex: 'none' }}
                      bg={isUnread ? 'blue' : 'transparent'}
                      aria-label={isUnread ? 'Unread' : undefined}
                      role={isUnread ? 'img' : undefined}
                    />
                    <Badge color={badge.color} variant="light" size="sm" style={{ flex: 'none' }}>
                      {badge.label}
                    </Badge>
                    <Stack gap={0} style={{ minWidth: 0 }}>
                      <Text size="sm" fw={isUnread ? 700 : 400} truncate data-testid="notification-title">
                        {n.title}
                      </Text>
                      <Text size="xs" c="dimmed" data-testid="notification-detail">
                        {n.detail}
                      </Text>
                    </Stack>
                  </Group>
                  <Text size="xs" c="dimmed" style={{ flex: 'none' }} title={new Date(n.at).toLocaleString()}>
                    {formatRelative(n.at, now)}
                  </Text>
                </Group>
              </UnstyledButton>
            </Paper>
          );
        })}
      </Stack>
      {items.length > shown && (
        <Button variant="subtle" onClick={() => setShown(shown + PAGE)}>
          Show more ({items.length - shown} left)
        </Button>
      )}
    </Stack>
  );
}
