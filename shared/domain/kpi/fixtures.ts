/**
 * A small desk whose KPIs were worked out by hand (see dashboard.test.ts for the sums). London
 * is on GMT throughout November 2026, so local times equal UTC; 2 Nov 2026 is a Monday. The
 * business calendar is 09:00-17:00 Monday to Friday.
 */
import { officeHours } from '../calendar';
import type { ActivityDoc, FieldChange, TicketDoc, TicketStatus } from '../model';
import { DEFAULT_SLA_CONFIG, calendarFor } from '../slaSettings';
import type { FactsContext } from './facts';

export const at = (day: number, hour: number, minute = 0, month = 11): number =>
  Date.UTC(2026, month - 1, day, hour, minute);
export const HOUR = 3_600_000;
export const MINUTE = 60_000;

export function ticket(patch: Partial<TicketDoc> & Pick<TicketDoc, 'id' | 'kind' | 'createdAt'>): TicketDoc {
  return {
    type: 'ticket',
    number: patch.id.toUpperCase(),
    title: patch.id,
    description: '',
    status: 'new',
    pendingReason: '',
    impact: 2,
    urgency: 2,
    priority: 3,
    category: 'Hardware',
    requesterId: 'req',
    assigneeId: '',
    groupId: 'g1',
    ciIds: [],
    tags: [],
    resolutionCode: '',
    resolutionNotes: '',
    phase: 'open',
    sortDesc: 0,
    createdBy: 'req',
    updatedAt: patch.createdAt,
    updatedBy: 'req',
    resolvedAt: 0,
    closedAt: 0,
    ...patch,
  };
}

let counter = 0;
function activity(parentId: string, kind: ActivityDoc['kind'], createdAt: number, by: string): ActivityDoc {
  counter++;
  return {
    id: `act-${parentId}-${String(counter).padStart(4, '0')}`,
    type: 'activity',
    parentId,
    kind,
    body: '',
    minutes: 0,
    changes: [],
    createdAt,
    createdBy: by,
    updatedAt: createdAt,
    updatedBy: by,
  };
}

export function move(
  parentId: string,
  time: number,
  from: TicketStatus,
  to: TicketStatus,
  extra: FieldChange[] = [],
) {
  return {
    ...activity(parentId, 'change', time, 'agent'),
    changes: [{ field: 'status', from, to }, ...extra],
  };
}
export function comment(parentId: string, time: number, by = 'agent') {
  return activity(parentId, 'comment', time, by);
}
export function survey(parentId: string, time: number, score: number) {
  return { ...activity(parentId, 'survey', time, 'req'), score };
}
export function edit(parentId: string, time: number, changes: FieldChange[]) {
  return { ...activity(parentId, 'change', time, 'agent'), changes };
}

export const factsContext = (now: number): FactsContext => ({
  policies: DEFAULT_SLA_CONFIG.policies,
  calendarOf: (id) => calendarFor(DEFAULT_SLA_CONFIG, id),
  business: officeHours('Europe/London'),
  now,
});

/**
 * A: incident P3, answered after 30 min, Pending for a night, resolved Tue 15:00.
 * B: incident P2, assigned at once, resolved, reopened two days later, resolved again.
 * C: request P4 on business hours, never answered, handed to another group: breaches on Mon 9.
 * D: problem open Mon 09:00 to Thu 17:00. E, F: changes closed rolled back / successful.
 * G: incident from October with no status history, only its resolved stamp (imported).
 * H: a question (outside the default kinds).
 */
export function scenario(): { tickets: TicketDoc[]; activities: ActivityDoc[] } {
  const tickets = [
    ticket({
      id: 'a',
      kind: 'incident',
      priority: 3,
      createdAt: at(2, 10),
      status: 'resolved',
      assigneeId: 'u1',
    }),
    ticket({
      id: 'b',
      kind: 'incident',
      priority: 2,
      createdAt: at(2, 9),
      status: 'resolved',
      assigneeId: 'u1',
    }),
    ticket({ id: 'c', kind: 'request', priority: 4, createdAt: at(6, 16), groupId: 'g2' }),
    ticket({ id: 'd', kind: 'problem', priority: 3, createdAt: at(2, 9), status: 'resolved' }),
    ticket({ id: 'e', kind: 'change', createdAt: at(2, 9), status: 'closed', resolutionCode: 'rolled_back' }),
    ticket({ id: 'f', kind: 'change', createdAt: at(2, 9), status: 'closed', resolutionCode: 'successful' }),
    ticket({
      id: 'g',
      kind: 'incident',
      priority: 3,
      createdAt: at(30, 16, 0, 10),
      status: 'closed',
      resolvedAt: at(3, 10),
      closedAt: at(4, 10),
    }),
    ticket({ id: 'h', kind: 'question', createdAt: at(3, 9) }),
  ];
  const activities: ActivityDoc[] = [
    comment('a', at(2, 10, 30)),
    move('a', at(2, 11), 'new', 'in_progress'),
    move('a', at(2, 12), 'in_progress', 'pending'),
    move('a', at(3, 12), 'pending', 'in_progress'),
    move('a', at(3, 15), 'in_progress', 'resolved'),
    survey('a', at(5, 9), 3),
    move('b', at(2, 9, 10), 'new', 'assigned', [{ field: 'assigneeId', from: '', to: 'u1' }]),
    move('b', at(2, 11), 'assigned', 'resolved'),
    survey('b', at(2, 12), 2),
    move('b', at(4, 9), 'resolved', 'reopened'),
    move('b', at(4, 10, 30), 'reopened', 'resolved'),
    survey('b', at(4, 12), 5),
    comment('c', at(6, 16, 30), 'req'),
    edit('c', at(9, 10), [{ field: 'groupId', from: 'g1', to: 'g2' }]),
    move('d', at(5, 17), 'new', 'resolved'),
    move('e', at(3, 9), 'new', 'assess'),
    move('e', at(4, 12), 'review', 'closed'),
    move('f', at(5, 12), 'review', 'closed'),
  ];
  return { tickets, activities };
}
