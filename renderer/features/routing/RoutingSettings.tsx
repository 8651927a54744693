export function RoutingSettings() {
  return null;
}
