import type { SlaConfig } from '../../../shared/domain/slaSettings';
import { useDb } from '../../app/database';
import { useObservable } from '../../app/hooks';
import { observeSlaConfig } from '../../data/sla';

/** The team's SLA policies and calendars, live; null until the settings have been read. */
export function useSlaConfig(): SlaConfig | null {
  const db = useDb();
  return useObservable<SlaConfig | null>(() => observeSlaConfig(db), null, [db]);
}
