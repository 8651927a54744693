import { describe, expect, it } from 'vitest';
import { ALWAYS_ON, officeHours } from './calendar';
import type { ActivityDoc, Priority, TicketDoc, TicketKind, TicketStatus } from './model';
import {
  DEFAULT_SLA_POLICIES,
  choosePolicy,
  clockToShow,
  policyFor,
  slaState,
  type ClockState,
  type SlaPolicy,
} from './sla';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const utc = (iso: string): number => Date.parse(iso);
const T0 = utc('2026-06-01T08:00:00Z'); // Monday 09:00 in London

function ticket(overrides: Partial<TicketDoc> = {}): TicketDoc {
  return {
    id: 't1',
    type: 'ticket',
    kind: 'incident',
    number: 'INC-AAAA-0001',
    title: 'Printer on fire',
    description: '',
    status: 'new',
    pendingReason: '',
    impact: 2,
    urgency: 2,
    priority: 3,
    category: 'hardware',
    requesterId: 'req',
    assigneeId: '',
    groupId: '',
    ciIds: [],
    tags: [],
    resolutionCode: '',
    resolutionNotes: '',
    phase: 'open',
    sortDesc: 0,
    createdAt: T0,
    createdBy: 'req',
    updatedAt: T0,
    updatedBy: 'req',
    resolvedAt: 0,
    closedAt: 0,
    ...overrides,
  };
}

let seq = 0;
function activity(
  kind: ActivityDoc['kind'],
  at: number,
  by = 'agent',
  extra: Partial<ActivityDoc> = {},
): ActivityDoc {
  seq += 1;
  return {
    id: `a${String(seq).padStart(4, '0')}`,
    type: 'activity',
    parentId: 't1',
    kind,
    body: '',
    minutes: 0,
    changes: [],
    createdAt: at,
    createdBy: by,
    updatedAt: at,
    updatedBy: by,
    ...extra,
  };
}

/** A status change; `from` is only read from the first one (the creation status). */
const move = (at: number, from: TicketStatus, to: TicketStatus): ActivityDoc =>
  activity('change', at, 'agent', { changes: [{ field: 'status', from, to }] });

const policy = (responseMs: number, resolutionMs: number, id = 'p'): SlaPolicy => ({
  id,
  name: id,
  match: {},
  responseMs,
  resolutionMs,
  calendarId: '24x7',
  warnAt: 0.75,
});

const HOUR_4H = policy(HOUR, 4 * HOUR);

describe('DEFAULT_SLA_POLICIES and choosePolicy', () => {
  it.each([
    [1, 15 * MIN, 4 * HOUR, '24x7'],
    [2, HOUR, 8 * HOUR, '24x7'],
    [3, 2 * HOUR, 24 * HOUR, '24x7'],
    [4, 4 * HOUR, 24 * HOUR, 'business'],
    [5, 8 * HOUR, 40 * HOUR, 'business'],
  ] as const)(
    'P%i responds within %i ms and resolves within %i ms on %s',
    (priority, response, resolution, cal) => {
      const chosen = choosePolicy(ticket({ priority }), DEFAULT_SLA_POLICIES);
      expect(chosen).toMatchObject({
        responseMs: response,
        resolutionMs: resolution,
        calendarId: cal,
        warnAt: 0.75,
      });
    },
  );

  it('prefers the policy constraining more fields, then the smallest id', () => {
    const vip = {
      ...policy(MIN, HOUR, 'vip'),
      match: { priorities: [3 as Priority], categories: ['hardware'] },
    };
    const any = { ...policy(MIN, HOUR, 'a-any'), match: { kinds: [] } };
    const b = { ...policy(MIN, HOUR, 'b'), match: { kinds: ['incident' as const] } };
    const a = { ...policy(MIN, HOUR, 'a'), match: { priorities: [3 as Priority] } };
    expect(choosePolicy(ticket(), [any, b, vip, a])?.id).toBe('vip');
    expect(choosePolicy(ticket(), [b, any, a])?.id).toBe('a');
    expect(choosePolicy(ticket({ priority: 1 }), [b, any, vip])?.id).toBe('b');
    expect(choosePolicy(ticket({ kind: 'request', priority: 1 }), [b, vip, a])).toBeUndefined();
  });
});

describe('response clock', () => {
  it('runs, warns at 75 %, then breaches when the target passes unanswered', () => {
    const at = (ms: number) => slaState(ticket(), [], HOUR_4H, ALWAYS_ON, T0 + ms).response;
    expect(at(30 * MIN)).toMatchObject({ status: 'running', elapsedMs: 30 * MIN, dueAt: T0 + HOUR });
    expect(at(45 * MIN)).toMatchObject({ status: 'warning', dueAt: T0 + HOUR });
    expect(at(HOUR)).toMatchObject({ status: 'warning', breachedAt: null });
    expect(at(HOUR + 1)).toMatchObject({ status: 'breached', breachedAt: T0 + HOUR, dueAt: T0 + HOUR });
  });

  it('is met by a public comment from staff, not by the requester or an internal note', () => {
    const acts = [
      activity('comment', T0 + 5 * MIN, 'req'),
      activity('note', T0 + 6 * MIN),
      activity('comment', T0 + 20 * MIN),
    ];
    const state = slaState(ticket(), acts, HOUR_4H, ALWAYS_ON, T0 + 2 * HOUR).response;
    expect(state).toEqual({
      status: 'met',
      elapsedMs: 20 * MIN,
      targetMs: HOUR,
      dueAt: null,
      breachedAt: null,
      metAt: T0 + 20 * MIN,
    });
  });

  it('is met by the first move out of New when that comes before any reply', () => {
    const acts = [activity('comment', T0 + 30 * MIN), move(T0 + 10 * MIN, 'new', 'assigned')];
    expect(slaState(ticket(), acts, HOUR_4H, ALWAYS_ON, T0 + DAY).response.metAt).toBe(T0 + 10 * MIN);
  });

  it('counts as answered at creation for a ticket created past New', () => {
    const state = slaState(
      ticket({ status: 'assigned', assigneeId: 'agent' }),
      [],
      HOUR_4H,
      ALWAYS_ON,
      T0 + DAY,
    );
    expect(state.response).toMatchObject({ status: 'met', elapsedMs: 0, metAt: T0 });
  });

  it('stays breached once answered late, recording when it was answered', () => {
    const state = slaState(
      ticket(),
      [activity('comment', T0 + 2 * HOUR)],
      HOUR_4H,
      ALWAYS_ON,
      T0 + DAY,
    ).response;
    expect(state).toMatchObject({
      status: 'breached',
      breachedAt: T0 + HOUR,
      metAt: T0 + 2 * HOUR,
      elapsedMs: 2 * HOUR,
    });
  });
});

describe('resolution clock', () => {
  const history = [
    move(T0 + HOUR, 'new', 'in_progress'),
    move(T0 + 2 * HOUR, 'in_progress', 'pending'), // waits 3 h on the requester
    move(T0 + 5 * HOUR, 'pending', 'in_progress'),
  ];
  const at = (acts: ActivityDoc[], now: number) =>
    slaState(ticket(), acts, HOUR_4H, ALWAYS_ON, now).resolution;

  it('pauses while pending, with no due time', () => {
    expect(at(history, T0 + 4 * HOUR)).toEqual({
      status: 'paused',
      elapsedMs: 2 * HOUR,
      targetMs: 4 * HOUR,
      dueAt: null,
      breachedAt: null,
      metAt: null,
    });
  });

  it('resumes after pending with the deadline pushed back by the pause', () => {
    expect(at(history, T0 + 5 * HOUR + 30 * MIN)).toMatchObject({
      status: 'running',
      elapsedMs: 2.5 * HOUR,
      dueAt: T0 + 7 * HOUR,
    });
    expect(at(history, T0 + 7 * HOUR + 1)).toMatchObject({ status: 'breached', breachedAt: T0 + 7 * HOUR });
  });

  it('stops when resolved; resolving exactly on the deadline is on time', () => {
    const acts = [...history, move(T0 + 7 * HOUR, 'in_progress', 'resolved')];
    expect(at(acts, T0 + 30 * DAY)).toEqual({
      status: 'met',
      elapsedMs: 4 * HOUR,
      targetMs: 4 * HOUR,
      dueAt: null,
      breachedAt: null,
      metAt: T0 + 7 * HOUR,
    });
  });

  it('resumes on reopen from where it stopped, not counting time spent resolved', () => {
    const acts = [
      ...history,
      move(T0 + 6 * HOUR, 'in_progress', 'resolved'),
      move(T0 + 30 * HOUR, 'resolved', 'reopened'),
    ];
    expect(at(acts, T0 + 30 * HOUR + 30 * MIN)).toMatchObject({
      status: 'warning',
      elapsedMs: 3.5 * HOUR,
      metAt: null,
    });
    expect(at(acts, T0 + 31 * HOUR + 1)).toMatchObject({ status: 'breached', breachedAt: T0 + 31 * HOUR });
    // Closing afterwards keeps the breach.
    const closed = [
      ...acts,
      move(T0 + 32 * HOUR, 'reopened', 'resolved'),
      move(T0 + 33 * HOUR, 'resolved', 'closed'),
    ];
    expect(at(closed, T0 + 40 * HOUR)).toMatchObject({
      status: 'breached',
      breachedAt: T0 + 31 * HOUR,
      metAt: T0 + 32 * HOUR,
    });
  });

  it('keeps the accrued paused time when the policy changes', () => {
    const now = T0 + 6 * HOUR;
    const slow = policy(HOUR, 40 * HOUR, 'slow');
    expect(slaState(ticket(), history, slow, ALWAYS_ON, now).resolution).toMatchObject({
      elapsedMs: 3 * HOUR,
      dueAt: T0 + 43 * HOUR,
    });
    expect(at(history, now)).toMatchObject({ elapsedMs: 3 * HOUR, dueAt: T0 + 7 * HOUR });
  });

  it('ignores duplicates, other tickets, unsorted arrival and entries after now', () => {
    const noise = [
      activity('change', T0 + 90 * MIN, 'x', {
        parentId: 't2',
        changes: [{ field: 'status', from: 'new', to: 'resolved' }],
      }),
    ];
    const future = move(T0 + 3 * DAY, 'in_progress', 'resolved');
    const mixed = [history[2]!, future, ...noise, history[0]!, history[2]!, history[1]!];
    expect(at(mixed, T0 + 6 * HOUR)).toEqual(at(history, T0 + 6 * HOUR));
  });
});

describe('business calendars', () => {
  const p4 = DEFAULT_SLA_POLICIES.find((p) => p.id === 'default-p4')!;

  it('counts only office hours and skips holidays', () => {
    const london = officeHours('Europe/London', ['2026-06-08']);
    // Friday 16:00 BST; 1 h on Friday, Monday is a holiday, 3 h on Tuesday: due Tuesday 12:00 BST.
    const t = ticket({ priority: 4, createdAt: utc('2026-06-05T15:00:00Z') });
    expect(slaState(t, [], p4, london, utc('2026-06-06T12:00:00Z')).response).toMatchObject({
      status: 'running',
      elapsedMs: HOUR,
      dueAt: utc('2026-06-09T11:00:00Z'),
    });
  });

  it.each([
    // Friday 16:00 local before the clocks change, 4 h response: 1 h Friday, due Monday 12:00 local.
    ['America/New_York', '2026-03-06T21:00:00Z', '2026-03-09T16:00:00Z'],
    ['America/New_York', '2026-10-30T20:00:00Z', '2026-11-02T17:00:00Z'],
    ['Europe/London', '2026-03-27T16:00:00Z', '2026-03-30T11:00:00Z'],
    ['Europe/London', '2026-10-23T15:00:00Z', '2026-10-26T12:00:00Z'],
  ])('keeps office hours across the clock change in %s (created %s)', (zone, created, due) => {
    const t = ticket({ priority: 4, createdAt: utc(created) });
    const state = slaState(t, [], p4, officeHours(zone), utc(due) + HOUR);
    expect(state.response).toMatchObject({ status: 'breached', breachedAt: utc(due), elapsedMs: 5 * HOUR });
  });

  it('follows a months-long ticket with long waits', () => {
    const cal = officeHours('Europe/London', ['2026-04-03', '2026-04-06']);
    const created = utc('2026-01-05T09:00:00Z'); // Monday 09:00 GMT
    const acts = [
      move(created + HOUR, 'new', 'in_progress'),
      move(utc('2026-01-06T09:00:00Z'), 'in_progress', 'pending'),
      move(utc('2026-03-30T08:00:00Z'), 'pending', 'in_progress'), // Monday 09:00 BST
      move(utc('2026-04-09T16:00:00Z'), 'in_progress', 'resolved'), // Thursday 17:00 BST
    ];
    const p5 = DEFAULT_SLA_POLICIES.find((p) => p.id === 'default-p5')!;
    const state = slaState(
      ticket({ createdAt: created, priority: 5 }),
      acts,
      p5,
      cal,
      utc('2026-06-01T00:00:00Z'),
    );
    // 8 h before the wait, then 30 Mar..9 Apr: 9 working days minus Good Friday and Easter Monday.
    expect(state.resolution).toMatchObject({ status: 'breached', elapsedMs: 8 * HOUR + 7 * 8 * HOUR });
    expect(state.resolution.breachedAt).toBe(utc('2026-04-02T16:00:00Z')); // 40 h: Thursday 17:00 BST
  });
});

describe('kinds and statuses of the process model', () => {
  it.each(['change', 'release', 'project', 'task'] as TicketKind[])(
    'gives a %s no default policy',
    (kind) => {
      expect(choosePolicy(ticket({ kind, priority: 1 }), DEFAULT_SLA_POLICIES)).toBeUndefined();
    },
  );

  it.each(['incident', 'request', 'question', 'problem'] as TicketKind[])(
    'gives a %s the default policy of its priority',
    (kind) => {
      expect(choosePolicy(ticket({ kind, priority: 2 }), DEFAULT_SLA_POLICIES)?.id).toBe('default-p2');
    },
  );

  it('stops the resolution clock on cancel, like resolve', () => {
    const acts = [move(T0 + HOUR, 'new', 'assess'), move(T0 + 2 * HOUR, 'assess', 'cancelled')];
    const state = slaState(ticket(), acts, HOUR_4H, ALWAYS_ON, T0 + DAY);
    expect(state.resolution).toMatchObject({ status: 'met', elapsedMs: 2 * HOUR, metAt: T0 + 2 * HOUR });
    expect(state.response).toMatchObject({ status: 'met', metAt: T0 + HOUR });
  });

  it('keeps running through the change flow statuses', () => {
    const acts = [
      move(T0 + HOUR, 'new', 'assess'),
      move(T0 + 2 * HOUR, 'assess', 'authorize'),
      move(T0 + 3 * HOUR, 'authorize', 'scheduled'),
    ];
    const state = slaState(ticket(), acts, HOUR_4H, ALWAYS_ON, T0 + 3 * HOUR + 30 * MIN);
    expect(state.resolution).toMatchObject({ status: 'warning', elapsedMs: 3.5 * HOUR });
  });
});

describe('policyFor', () => {
  const slow = { ...policy(HOUR, 40 * HOUR, 'slow'), match: { kinds: ['change' as const] } };
  const policies = [...DEFAULT_SLA_POLICIES, slow];

  it('uses the policy chosen by hand, even one that would not match', () => {
    expect(policyFor(ticket({ slaPolicyId: 'slow' }), policies)?.id).toBe('slow');
  });

  it('falls back to the automatic choice when none or a deleted one was chosen', () => {
    expect(policyFor(ticket(), policies)?.id).toBe('default-p3');
    expect(policyFor(ticket({ slaPolicyId: '' }), policies)?.id).toBe('default-p3');
    expect(policyFor(ticket({ slaPolicyId: 'gone' }), policies)?.id).toBe('default-p3');
  });
});

describe('clockToShow', () => {
  const clock = (status: ClockState['status'], dueAt: number | null = null): ClockState => ({
    status,
    elapsedMs: 0,
    targetMs: HOUR,
    dueAt,
    breachedAt: status === 'breached' ? dueAt : null,
    metAt: null,
  });

  it.each([
    ['met', 'running', 'resolution'],
    ['running', 'paused', 'response'],
    ['met', 'warning', 'resolution'],
    ['warning', 'running', 'response'],
    ['breached', 'running', 'response'],
    ['met', 'breached', 'resolution'],
    ['met', 'met', 'resolution'],
  ] as const)('response %s and resolution %s show the %s clock', (a, b, shown) => {
    expect(clockToShow({ response: clock(a, T0), resolution: clock(b, T0) }).name).toBe(shown);
  });

  it('shows the earlier deadline between two clocks of the same status', () => {
    const early = clock('running', T0 + HOUR);
    const late = clock('running', T0 + 2 * HOUR);
    expect(clockToShow({ response: early, resolution: late }).name).toBe('response');
    expect(clockToShow({ response: late, resolution: early }).name).toBe('resolution');
    const longAgo = clock('breached', T0);
    const recently = clock('breached', T0 + HOUR);
    expect(clockToShow({ response: recently, resolution: longAgo }).clock).toBe(longAgo);
  });
});
