export function ChangeCalendarPage() {
  return null;
}
