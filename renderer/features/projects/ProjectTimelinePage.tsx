export function ProjectTimelinePage(_props: { id: string }) {
  return null;
}
