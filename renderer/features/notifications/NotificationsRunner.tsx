import { useEffect, useMemo, useRef } from 'react';
import { deriveNotifications, type AppNotification } from '../../../shared/domain/notifications';
import { useDb } from '../../app/database';
import { useDirectory } from '../../app/people';
import { useSession } from '../../app/session';
import { getSlaClocks, useSlaClocks } from '../../app/slaClocks';
import { useTicketRows } from '../../app/ticketRows';
import { useUi } from '../../state/ui';
import { useRoutingSettings } from '../routing/hooks';
import { dueEscalations, scheduleEscalations } from './escalations';
import { raiseOsNotifications } from './osNotify';
import { useNotifications } from './store';
import { useCabRounds } from './useCabRounds';

const ESCALATING_ROLES = ['agent', 'manager', 'admin'];

/**
 * Mounted once in the shell; renders nothing. Keeps the acting person's notifications current,
 * announces new ones to the operating system, and on agents' and managers' devices applies the
 * escalation rules whose SLA trigger has been reached.
 */
export function NotificationsRunner() {
  const db = useDb();
  const userId = useUi((s) => s.userId);
  const session = useSession();
  const directory = useDirectory();
  const { rows, ready: rowsReady } = useTicketRows();
  const clocks = useSlaClocks();
  const routing = useRoutingSettings();
  const person = directory.byId.get(userId);

  const authorizeIds = useMemo(
    () => rows.filter((r) => r.kind === 'change' && r.status === 'authorize').map((r) => r.id),
    [rows],
  );
  const cabRounds = useCabRounds(authorizeIds);

  const items = useMemo<AppNotification[]>(() => {
    if (!person) return [];
    return deriveNotifications({
      person,
      tickets: rows,
      clocks: clocks.byId,
      escalationRules: routing.escalationRules,
      cabRounds,
      groupName: (id) => directory.name(id),
      now: clocks.now,
    });
  }, [person, rows, clocks, routing.escalationRules, cabRounds, directory]);
  const complete = person !== undefined && rowsReady && clocks.ready && routing.loaded;

  // Ids already known for this person: only newer ones reach the operating system.
  const announced = useRef<{ personId: string; ids: Set<string> } | null>(null);
  useEffect(() => {
    if (!person) return;
    useNotifications.getState().update(person.id, items, complete);
    if (!complete) return;
    const known = announced.current;
    if (!known || known.personId !== person.id) {
      announced.current = { personId: person.id, ids: new Set(items.map((n) => n.id)) };
      return;
    }
    const read = useNotifications.getState().read;
    const fresh = items.filter((n) => !known.ids.has(n.id) && !read.has(n.id));
    for (const n of items) known.ids.add(n.id);
    if (fresh.length > 0) raiseOsNotifications(fresh);
  }, [person, items, complete]);

  const escalates = person?.roles.some((r) => ESCALATING_ROLES.includes(r)) ?? false;
  useEffect(() => {
    if (!escalates || !rowsReady || !clocks.ready || !routing.loaded) return;
    const due = dueEscalations(rows, clocks.byId, routing.escalationRules);
    if (due.length === 0) return;
    scheduleEscalations(db, due, routing.escalationRules, (id) => getSlaClocks().byId.get(id), session);
  }, [db, escalates, rows, rowsReady, clocks, routing, session]);

  return null;
}
