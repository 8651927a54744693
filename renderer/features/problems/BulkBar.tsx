import type { ListRow } from '../../data';

/** Actions on the ticked rows of the ticket list. */
export function BulkBar(_props: {
  checkedIds: ReadonlySet<string>;
  rows: readonly ListRow[];
  onDone: () => void;
}) {
  return null;
}
