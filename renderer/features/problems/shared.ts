import type { TicketDoc } from '../../../shared/domain/model';
import { observeKnownErrors } from '../../data/problems';
import { useDb } from '../../app/database';
import { useObservable } from '../../app/hooks';

export const LEVEL_OPTIONS: { value: string; label: string }[] = [
  { value: '1', label: '1 – High' },
  { value: '2', label: '2 – Medium' },
  { value: '3', label: '3 – Low' },
];

/** Known errors in force, live; null until the first read. */
export function useKnownErrors(): TicketDoc[] | null {
  const db = useDb();
  return useObservable<TicketDoc[] | null>(() => observeKnownErrors(db), null, [db]);
}

/** "1 incident", "3 incidents". */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
