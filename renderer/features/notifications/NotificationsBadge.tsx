export function NotificationsBadge() {
  return null;
}
