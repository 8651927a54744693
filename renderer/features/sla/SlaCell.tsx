import { clockToShow } from '../../../shared/domain/sla';
import type { ListRow } from '../../data';
import { useSlaClocks } from '../../app/slaClocks';
import { SlaBadge } from './SlaBadge';

/**
 * The list's SLA column: the most urgent clock of the ticket. Open tickets always have theirs
 * once the clocks are computed; done ones only when this session has seen them.
 */
export function SlaCell({ row, now }: { row: ListRow; now: number }) {
  const clocks = useSlaClocks();
  const clock = clocks.byId.get(row.id);
  if (!clock) return null;
  return <SlaBadge shown={clockToShow(clock.state)} now={Math.max(now, clocks.now)} compact />;
}
