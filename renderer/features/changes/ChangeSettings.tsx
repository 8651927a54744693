export function ChangeSettings() {
  return null;
}
