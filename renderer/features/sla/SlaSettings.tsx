export function SlaSettings() {
  return null;
}
