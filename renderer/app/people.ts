import { useMemo } from 'react';
import type { PersonDoc } from '../../shared/domain/model';
import { observePeople } from '../data';
import { useDb } from './database';
import { useObservable } from './hooks';

export interface Directory {
  all: PersonDoc[];
  users: PersonDoc[];
  groups: PersonDoc[];
  locations: PersonDoc[];
  byId: Map<string, PersonDoc>;
  name: (id: string, fallback?: string) => string;
}

/** People, groups and locations: small collections, held in memory for pickers and labels. */
export function useDirectory(): Directory {
  const db = useDb();
  const docs = useObservable(() => observePeople(db), [], [db]);
  return useMemo(() => {
    const byId = new Map(docs.map((p) => [p.id, p]));
    return {
      all: docs,
      users: docs.filter((p) => p.personKind === 'user'),
      groups: docs.filter((p) => p.personKind === 'group'),
      locations: docs.filter((p) => p.personKind === 'location'),
      byId,
      name: (id: string, fallback = '—') => (id ? (byId.get(id)?.name ?? 'Unknown') : fallback),
    };
  }, [docs]);
}
