import { useEffect, useState } from 'react';
import { of } from 'rxjs';
import type { TicketDoc } from '../../../shared/domain/model';
import { observeProjectTasks } from '../../data/projects';
import { useDb } from '../../app/database';
import { useObservable } from '../../app/hooks';

/** The tasks of a project, live; null while loading, none for no project. */
export function useProjectTasks(projectId: string): TicketDoc[] | null {
  const db = useDb();
  return useObservable<TicketDoc[] | null>(
    () => (projectId ? observeProjectTasks(db, projectId) : of([])),
    null,
    [db, projectId],
  );
}

/** The current time, refreshed every minute, so "late" follows the clock on an open page. */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** Tasks in the order they were added (numbers differ per device, creation time does not). */
export function inCreationOrder<T extends { number: string; createdAt: number }>(items: readonly T[]): T[] {
  return [...items].sort(
    (a, b) => a.createdAt - b.createdAt || (a.number < b.number ? -1 : a.number > b.number ? 1 : 0),
  );
}
