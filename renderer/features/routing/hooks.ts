import { useMemo } from 'react';
import type { RuleDirectory } from '../../../shared/domain/routing';
import { checkWrite, type RulesUser } from '../../../shared/sync/rules';
import { toWire } from '../../../shared/sync/wire';
import {
  EMPTY_ROUTING,
  observeRoutingSettings,
  type RoutingSettings,
  type SettingsSession,
} from '../../data/routing';
import { useDb } from '../../app/database';
import { useObservable } from '../../app/hooks';
import { useDirectory, type Directory } from '../../app/people';
import { rulesUser } from '../../app/session';
import { useSyncStore } from '../../sync/store';
import { useUi } from '../../state/ui';

/** Assignment and escalation rules, templates and categories, validated, live. */
export function useRoutingSettings(): RoutingSettings & { loaded: boolean } {
  const db = useDb();
  const settings = useObservable<RoutingSettings | null>(() => observeRoutingSettings(db), null, [db]);
  return useMemo(() => ({ ...(settings ?? EMPTY_ROUTING), loaded: settings !== null }), [settings]);
}

export function ruleDirectory(directory: Directory): RuleDirectory {
  return {
    isGroup: (id) => directory.byId.get(id)?.personKind === 'group',
    isUser: (id) => directory.byId.get(id)?.personKind === 'user',
    isMember: (userId, groupId) => directory.byId.get(userId)?.groupIds.includes(groupId) ?? false,
  };
}

/**
 * Who saves settings, checked with the server's own rules before anything is written. Signed
 * in, the account's roles decide (as on the server); working locally, the acting person's roles,
 * so a requester hears the refusal the server would give once this device syncs.
 */
export function useSettingsSession(): SettingsSession {
  const userId = useUi((s) => s.userId);
  const account = useSyncStore((s) => s.user);
  const directory = useDirectory();
  const roles = directory.byId.get(userId)?.roles;
  return useMemo(() => {
    const user: RulesUser = account
      ? rulesUser(account)
      : { name: userId || 'local', roles: [...(roles ?? []), `person:${userId}`] };
    return {
      userId,
      authorizeSetting: (after, before) =>
        checkWrite(toWire(after, false), before ? toWire(before, false) : null, user),
    };
  }, [userId, account, roles]);
}
