import { describe, expect, it } from 'vitest';
import {
  deriveNotifications,
  pruneReadIds,
  unreadOf,
  type NotificationInput,
  type NotificationTicket,
} from './notifications';
import type { EscalationRule } from './escalation';
import type { ClockState, ClockStatus, SlaState } from './sla';

const NOW = Date.UTC(2026, 5, 1, 12);
const HOUR = 3_600_000;

function row(id: string, overrides: Partial<NotificationTicket> = {}): NotificationTicket {
  return {
    id,
    number: `INC-AAAA-${id}`,
    kind: 'incident',
    title: `Ticket ${id}`,
    status: 'new',
    priority: 3,
    assigneeId: '',
    groupId: '',
    category: 'Hardware',
    phase: 'open',
    createdAt: NOW - 10 * HOUR,
    updatedAt: NOW - 5 * HOUR,
    ...overrides,
  };
}

function clock(status: ClockStatus, extra: Partial<ClockState> = {}): ClockState {
  return {
    status,
    elapsedMs: 3 * HOUR,
    targetMs: 4 * HOUR,
    dueAt: null,
    breachedAt: status === 'breached' ? NOW - HOUR : null,
    metAt: null,
    ...extra,
  };
}

function sla(
  response: ClockStatus,
  resolution: ClockStatus,
): { state: SlaState; policy: { warnAt: number } } {
  return { state: { response: clock(response), resolution: clock(resolution) }, policy: { warnAt: 0.5 } };
}

const me = { id: 'per_me', roles: ['agent' as const], groupIds: ['grp_desk'] };

function input(overrides: Partial<NotificationInput> = {}): NotificationInput {
  return {
    person: me,
    tickets: [],
    clocks: new Map(),
    escalationRules: [],
    cabRounds: new Map(),
    groupName: (id) => (id === 'grp_desk' ? 'Service Desk' : id),
    now: NOW,
    ...overrides,
  };
}

describe('deriveNotifications', () => {
  it('lists tickets assigned to me and unassigned ones in my groups, not others', () => {
    const list = deriveNotifications(
      input({
        tickets: [
          row('1', { assigneeId: 'per_me', groupId: 'grp_net', updatedAt: NOW - HOUR }),
          row('2', { groupId: 'grp_desk' }),
          row('3', { groupId: 'grp_desk', assigneeId: 'per_other' }),
          row('4', { groupId: 'grp_net' }),
          row('5', { assigneeId: 'per_me', phase: 'done', status: 'resolved' }),
        ],
      }),
    );
    expect(list.map((n) => n.id)).toEqual(['assigned:1:per_me', 'group:2:grp_desk']);
    expect(list[1]).toMatchObject({
      kind: 'group',
      title: 'INC-AAAA-2 Ticket 2',
      detail: 'Waiting in Service Desk, nobody assigned',
      link: '/tickets/2',
    });
  });

  it('reports SLA warnings and breaches on my and my group tickets, the highest level per clock', () => {
    const list = deriveNotifications(
      input({
        tickets: [
          row('1', { assigneeId: 'per_me' }),
          row('2', { groupId: 'grp_desk', assigneeId: 'per_other' }),
          row('3', { groupId: 'grp_net' }),
        ],
        clocks: new Map([
          ['1', sla('breached', 'warning')],
          ['2', sla('met', 'breached')],
          ['3', sla('breached', 'breached')],
        ]),
      }),
    );
    const ids = list.filter((n) => n.kind === 'sla').map((n) => n.id);
    expect(ids.sort()).toEqual([
      'sla:resolution:breach:2',
      'sla:resolution:warning:1',
      'sla:response:breach:1',
    ]);
    const breach = list.find((n) => n.id === 'sla:response:breach:1');
    expect(breach?.at).toBe(NOW - HOUR);
    // 3 h elapsed of a 4 h target warned at 50 %: the warning came an hour ago on a 24x7 clock.
    expect(list.find((n) => n.id === 'sla:resolution:warning:1')?.at).toBe(NOW - HOUR);
  });

  it('escalation rules notify their targets, and still do once the rule has changed the ticket', () => {
    const rule: EscalationRule = {
      id: 'r1',
      name: 'Breach to managers',
      match: { kinds: [], priorities: [3], categories: ['Hardware'], groupIds: [] },
      trigger: { clock: 'resolution', level: 'breach' },
      reassignGroupId: '',
      reassignAssigneeId: '',
      raisePriorityTo: 1,
      notify: ['managers'],
    };
    const tickets = [row('1', { priority: 1, category: 'Hardware/Laptop', groupId: 'grp_net' })];
    const clocks = new Map([['1', sla('met', 'breached')]]);
    const manager = { id: 'per_boss', roles: ['manager' as const], groupIds: [] };
    const forManager = deriveNotifications(
      input({ person: manager, tickets, clocks, escalationRules: [rule] }),
    );
    expect(forManager.map((n) => n.id)).toEqual(['escalation:r1:resolution:breach:1']);
    expect(forManager[0]?.detail).toBe('Escalated by rule "Breach to managers"');
    expect(deriveNotifications(input({ tickets, clocks, escalationRules: [rule] }))).toEqual([]);
  });

  it('asks approvers for their CAB vote until they have voted in the current round', () => {
    const change = row('9', { kind: 'change', status: 'authorize', number: 'CHG-AAAA-0009' });
    const round = (voterIds: string[], approverIds = ['per_me', 'per_x']) =>
      input({
        tickets: [change],
        cabRounds: new Map([['9', { approverIds, since: NOW - 2 * HOUR, voterIds }]]),
      });
    expect(deriveNotifications(round(['per_x'])).map((n) => n.id)).toEqual([`cab:9:${NOW - 2 * HOUR}`]);
    expect(deriveNotifications(round(['per_me']))).toEqual([]);
    // Not an approver, or the round is not known yet on this device: nothing.
    expect(deriveNotifications(round([], ['per_x']))).toEqual([]);
    expect(deriveNotifications(input({ tickets: [change] }))).toEqual([]);
    // Out of Authorize, no vote is asked for.
    const scheduled = { ...change, status: 'scheduled' as const };
    expect(
      deriveNotifications(
        input({
          tickets: [scheduled],
          cabRounds: new Map([['9', { approverIds: ['per_me'], since: 1, voterIds: [] }]]),
        }),
      ),
    ).toEqual([]);
  });

  it('ids depend only on what a notification is about, not on when it is derived', () => {
    const args = {
      tickets: [row('1', { assigneeId: 'per_me' })],
      clocks: new Map([['1', sla('warning', 'running')]]),
    };
    const a = deriveNotifications(input(args)).map((n) => n.id);
    const b = deriveNotifications(input({ ...args, now: NOW + HOUR })).map((n) => n.id);
    expect(a).toEqual(b);
  });

  it('sorts newest first, ties by id', () => {
    const list = deriveNotifications(
      input({
        tickets: [
          row('b', { assigneeId: 'per_me', updatedAt: NOW - HOUR }),
          row('a', { assigneeId: 'per_me', updatedAt: NOW - HOUR }),
          row('c', { assigneeId: 'per_me', updatedAt: NOW }),
        ],
      }),
    );
    expect(list.map((n) => n.ticketId)).toEqual(['c', 'a', 'b']);
  });
});

describe('read state', () => {
  const list = deriveNotifications(
    input({ tickets: [row('1', { assigneeId: 'per_me' }), row('2', { assigneeId: 'per_me' })] }),
  );

  it('counts unread and prunes marks of notifications that ended', () => {
    const read = new Set(['assigned:1:per_me', 'assigned:gone:per_me']);
    expect(unreadOf(list, read).map((n) => n.id)).toEqual(['assigned:2:per_me']);
    expect(pruneReadIds(list, read)).toEqual(['assigned:1:per_me']);
  });
});
