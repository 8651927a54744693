export function NotificationsRunner() {
  return null;
}
