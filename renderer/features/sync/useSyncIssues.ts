import { observeSyncIssues, type SyncIssueDoc } from '../../data';
import { useDb } from '../../app/database';
import { useObservable } from '../../app/hooks';

/** Every open sync issue, live; null until the first answer from the replica. */
export function useSyncIssues(): SyncIssueDoc[] | null {
  const db = useDb();
  return useObservable<SyncIssueDoc[] | null>(() => observeSyncIssues(db), null, [db]);
}
