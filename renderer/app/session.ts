/**
 * The acting user for writes, with the team's access rules when signed in: the same
 * `validate_doc_update` function the server runs (shared/sync/rules.ts) tells the user why a
 * change is not theirs to make before it is written, instead of a refusal after the next push.
 */
import { useMemo } from 'react';
import type { TicketDoc } from '../../shared/domain/model';
import { checkWrite } from '../../shared/sync/rules';
import { toWire } from '../../shared/sync/wire';
import type { Session } from '../data';
import { useSyncStore, type SyncUser } from '../sync/store';
import { useUi } from '../state/ui';

/** The account as the server's rules see it: its roles plus the `person:<id>` role. */
export function rulesUser(account: SyncUser): { name: string; roles: string[] } {
  return {
    name: account.name,
    roles: account.personId ? [...account.roles, `person:${account.personId}`] : account.roles,
  };
}

export function ticketRules(account: SyncUser): NonNullable<Session['authorize']> {
  const user = rulesUser(account);
  return (before: TicketDoc | null, after: TicketDoc) =>
    checkWrite(toWire(after, false), before ? toWire(before, false) : null, user);
}

export function useSession(): Session {
  const userId = useUi((s) => s.userId);
  const account = useSyncStore((s) => s.user);
  return useMemo(
    () => (account ? { userId, authorize: ticketRules(account) } : { userId }),
    [userId, account],
  );
}
