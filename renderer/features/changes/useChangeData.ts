import { useMemo } from 'react';
import { observeConflictContext, type ConflictContext } from '../../data/changes';
import { useDb } from '../../app/database';
import { useObservable } from '../../app/hooks';
import { useCis } from '../../app/cis';
import type { Conflict } from '../../../shared/domain/changeCalendar';

/** Changes, dependency relations and blackout windows, live; null until first loaded. */
export function useConflictContext(): ConflictContext | null {
  const db = useDb();
  return useObservable<ConflictContext | null>(() => observeConflictContext(db), null, [db]);
}

/** Display names of the items the conflicts mention (the id while a name is loading). */
export function useConflictCiNames(conflicts: readonly Conflict[]): (id: string) => string {
  const ids = useMemo(() => {
    const set = new Set<string>();
    for (const c of conflicts) {
      if (c.ciId) set.add(c.ciId);
      if (c.kind === 'related_ci') set.add(c.otherCiId);
    }
    return [...set].sort();
  }, [conflicts]);
  const cis = useCis(ids);
  return useMemo(() => {
    const names = new Map(cis.map((ci) => [ci.id, ci.name]));
    return (id: string) => names.get(id) ?? id;
  }, [cis]);
}
