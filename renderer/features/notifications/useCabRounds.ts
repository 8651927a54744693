import { useEffect, useState } from 'react';
import { combineLatest, map } from 'rxjs';
import type { CabRound } from '../../../shared/domain/notifications';
import { observeCab } from '../../data/changes';
import { useDb } from '../../app/database';

/** Changes in Authorize followed at once; a CAB rarely has more on its table. */
const ROUNDS_MAX = 100;
const NO_ROUNDS: ReadonlyMap<string, CabRound> = new Map();

/** The live CAB round of each change in `changeIds` (those in Authorize), keyed by change id. */
export function useCabRounds(changeIds: readonly string[]): ReadonlyMap<string, CabRound> {
  const db = useDb();
  const key = [...changeIds].sort().slice(0, ROUNDS_MAX).join(',');
  const [rounds, setRounds] = useState<ReadonlyMap<string, CabRound>>(NO_ROUNDS);
  useEffect(() => {
    const ids = key === '' ? [] : key.split(',');
    if (ids.length === 0) {
      setRounds(NO_ROUNDS);
      return;
    }
    const sub = combineLatest(
      ids.map((id) =>
        observeCab(db, id).pipe(
          map((cab): [string, CabRound] => [
            id,
            {
              approverIds: cab.approvers,
              since: cab.since,
              voterIds: [...cab.tally.approvals, ...cab.tally.rejections].map((b) => b.approverId),
            },
          ]),
        ),
      ),
    ).subscribe((entries) => setRounds(new Map(entries)));
    return () => sub.unsubscribe();
  }, [db, key]);
  return rounds;
}
