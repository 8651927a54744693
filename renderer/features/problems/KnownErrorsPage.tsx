export function KnownErrorsPage() {
  return null;
}
