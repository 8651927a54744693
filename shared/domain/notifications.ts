/**
 * In-app notifications, derived rather than stored: what needs a person's attention follows from
 * the tickets, their SLA clocks and the team's settings, the same on every device. Each
 * notification has an id built only from what it is about (never from the time it was derived),
 * so "read" marks kept by id survive restarts, and a condition that ends (the ticket is picked
 * up, resolved, voted on) takes its notification away.
 */
import type { Priority, Role, TicketKind, TicketPhase, TicketStatus } from './model';
import {
  escalationKey,
  escalationMatches,
  triggerReached,
  type EscalationRule,
  type SlaClockName,
} from './escalation';
import type { SlaState } from './sla';

/** The ticket columns notifications read; a list row has them all. */
export interface NotificationTicket {
  id: string;
  number: string;
  kind: TicketKind;
  title: string;
  status: TicketStatus;
  priority: Priority;
  assigneeId: string;
  groupId: string;
  category: string;
  phase: TicketPhase;
  createdAt: number;
  updatedAt: number;
}

export interface NotificationPerson {
  id: string;
  roles: readonly Role[];
  groupIds: readonly string[];
}

/** A change's current CAB round: who may vote, when it entered Authorize, who has voted since. */
export interface CabRound {
  approverIds: readonly string[];
  since: number;
  voterIds: readonly string[];
}

export interface NotificationInput {
  person: NotificationPerson;
  tickets: readonly NotificationTicket[];
  /** SLA clocks by ticket id; tickets without a policy have none. */
  clocks: ReadonlyMap<string, { state: SlaState; policy?: { warnAt: number } }>;
  escalationRules: readonly EscalationRule[];
  /** Rounds of the changes in Authorize whose timeline is known on this device. */
  cabRounds: ReadonlyMap<string, CabRound>;
  /** Group names for the text; ids are shown when missing. */
  groupName?: (id: string) => string;
  now: number;
}

export type NotificationKind = 'assigned' | 'group' | 'sla' | 'escalation' | 'cab';

export interface AppNotification {
  id: string;
  kind: NotificationKind;
  ticketId: string;
  title: string;
  detail: string;
  link: string;
  at: number;
}

const CLOCK_NAMES: Record<SlaClockName, string> = { response: 'Response', resolution: 'Resolution' };

function ticketTitle(t: NotificationTicket): string {
  return `${t.number} ${t.title}`;
}

/** When the clock crossed its warning: exact on round-the-clock calendars, an estimate otherwise. */
function warningAt(
  t: NotificationTicket,
  clock: SlaState[SlaClockName],
  warnAt: number,
  now: number,
): number {
  const pastWarning = clock.elapsedMs - clock.targetMs * warnAt;
  return Math.max(t.createdAt, Math.min(now, Math.round(now - Math.max(0, pastWarning))));
}

function slaNotifications(
  t: NotificationTicket,
  state: SlaState,
  warnAt: number,
  now: number,
): AppNotification[] {
  const out: AppNotification[] = [];
  for (const name of ['response', 'resolution'] as const) {
    const clock = state[name];
    if (clock.status === 'breached') {
      out.push({
        id: `sla:${name}:breach:${t.id}`,
        kind: 'sla',
        ticketId: t.id,
        title: ticketTitle(t),
        detail: `${CLOCK_NAMES[name]} target breached`,
        link: `/tickets/${t.id}`,
        at: clock.breachedAt ?? now,
      });
    } else if (clock.status === 'warning') {
      out.push({
        id: `sla:${name}:warning:${t.id}`,
        kind: 'sla',
        ticketId: t.id,
        title: ticketTitle(t),
        detail: `${CLOCK_NAMES[name]} target due soon`,
        link: `/tickets/${t.id}`,
        at: warningAt(t, clock, warnAt, now),
      });
    }
  }
  return out;
}

function isManager(person: NotificationPerson): boolean {
  return person.roles.includes('manager');
}

/** Everything that currently asks for `person`'s attention, newest first. */
export function deriveNotifications(input: NotificationInput): AppNotification[] {
  const { person, now } = input;
  const groups = new Set(person.groupIds);
  const groupName = input.groupName ?? ((id: string) => id);
  const out: AppNotification[] = [];
  for (const t of input.tickets) {
    if (t.phase !== 'open') continue;
    const mine = t.assigneeId === person.id;
    const ourGroup = t.groupId !== '' && groups.has(t.groupId);
    if (mine) {
      out.push({
        id: `assigned:${t.id}:${person.id}`,
        kind: 'assigned',
        ticketId: t.id,
        title: ticketTitle(t),
        detail: 'Assigned to you',
        link: `/tickets/${t.id}`,
        at: t.updatedAt,
      });
    } else if (ourGroup && t.assigneeId === '') {
      out.push({
        id: `group:${t.id}:${t.groupId}`,
        kind: 'group',
        ticketId: t.id,
        title: ticketTitle(t),
        detail: `Waiting in ${groupName(t.groupId)}, nobody assigned`,
        link: `/tickets/${t.id}`,
        at: t.updatedAt,
      });
    }
    const clock = input.clocks.get(t.id);
    if (clock) {
      if (mine || ourGroup) out.push(...slaNotifications(t, clock.state, clock.policy?.warnAt ?? 0.75, now));
      for (const rule of input.escalationRules) {
        if (!triggerReached(clock.state, rule.trigger) || !escalationMatches(rule, t, true)) continue;
        const reaches =
          (rule.notify.includes('assignee') && mine) ||
          (rule.notify.includes('group') && ourGroup) ||
          (rule.notify.includes('managers') && isManager(person));
        if (!reaches) continue;
        const c = clock.state[rule.trigger.clock];
        out.push({
          id: `escalation:${escalationKey(rule)}:${t.id}`,
          kind: 'escalation',
          ticketId: t.id,
          title: ticketTitle(t),
          detail: `Escalated by rule "${rule.name}"`,
          link: `/tickets/${t.id}`,
          at: c.breachedAt ?? t.updatedAt,
        });
      }
    }
    if (t.kind === 'change' && t.status === 'authorize') {
      const round = input.cabRounds.get(t.id);
      if (round && round.approverIds.includes(person.id) && !round.voterIds.includes(person.id)) {
        out.push({
          id: `cab:${t.id}:${round.since}`,
          kind: 'cab',
          ticketId: t.id,
          title: ticketTitle(t),
          detail: 'Waiting for your CAB vote',
          link: `/tickets/${t.id}`,
          at: round.since || t.updatedAt,
        });
      }
    }
  }
  return sortNotifications(out);
}

/** Newest first; equal times by id, so every device lists them alike. */
export function sortNotifications(list: readonly AppNotification[]): AppNotification[] {
  return [...list].sort((a, b) => b.at - a.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Notifications not yet seen; `read` holds ids. */
export function unreadOf(list: readonly AppNotification[], read: ReadonlySet<string>): AppNotification[] {
  return list.filter((n) => !read.has(n.id));
}

/**
 * Read marks worth keeping: those of notifications that still exist. Marks of ended conditions
 * are dropped, so the stored set stays as small as the list.
 */
export function pruneReadIds(list: readonly AppNotification[], read: ReadonlySet<string>): string[] {
  return list.filter((n) => read.has(n.id)).map((n) => n.id);
}
