import { Badge } from '@mantine/core';
import { useNotifications } from './store';

/** Unread notifications of the acting person, in the navigation; nothing when there are none. */
export function NotificationsBadge() {
  const unread = useNotifications((s) => s.unread);
  if (unread === 0) return null;
  return (
    <Badge
      size="sm"
      color="red"
      variant="filled"
      data-testid="notifications-count"
      aria-label={`${unread} unread`}
    >
      {unread > 99 ? '99+' : unread}
    </Badge>
  );
}
