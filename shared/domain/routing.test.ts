import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ActivityDoc, CiClass, Priority, TicketDoc } from './model';
import { priorityOf } from './priority';
import {
  readAssignmentRules,
  routeTicket,
  validateAssignmentRules,
  type AssignmentRule,
  type RuleDirectory,
} from './routing';
import {
  ESCALATION_MARKER_FIELD,
  escalationActions,
  escalationKey,
  escalationMatches,
  firedEscalations,
  levelsForPriority,
  readEscalationRules,
  validateEscalationRules,
  type EscalationRule,
} from './escalation';
import type { ClockState, ClockStatus, SlaState } from './sla';

const T0 = Date.UTC(2026, 5, 1, 8);

function ticket(overrides: Partial<TicketDoc> = {}): TicketDoc {
  return {
    id: 't1',
    type: 'ticket',
    kind: 'incident',
    number: 'INC-AAAA-0001',
    title: 'Laptop will not boot',
    description: '',
    status: 'new',
    pendingReason: '',
    impact: 2,
    urgency: 2,
    priority: 3,
    category: 'Hardware/Laptop',
    requesterId: 'req',
    assigneeId: '',
    groupId: 'grp_desk',
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

function clockState(status: ClockStatus): ClockState {
  return {
    status,
    elapsedMs: 0,
    targetMs: 1,
    dueAt: null,
    breachedAt: status === 'breached' ? T0 + 1 : null,
    metAt: null,
  };
}

function clocks(response: ClockStatus, resolution: ClockStatus): { state: SlaState } {
  return { state: { response: clockState(response), resolution: clockState(resolution) } };
}

function assignment(id: string, overrides: Partial<AssignmentRule> = {}): AssignmentRule {
  return {
    id,
    name: `Rule ${id}`,
    match: { kinds: [], categories: [], ciIds: [], ciClasses: [] },
    groupId: `grp_${id}`,
    assigneeId: '',
    ...overrides,
  };
}

function escalation(id: string, overrides: Partial<EscalationRule> = {}): EscalationRule {
  return {
    id,
    name: `Escalate ${id}`,
    match: { kinds: [], priorities: [], categories: [], groupIds: [] },
    trigger: { clock: 'resolution', level: 'breach' },
    reassignGroupId: '',
    reassignAssigneeId: '',
    raisePriorityTo: 0,
    notify: [],
    ...overrides,
  };
}

const directory: RuleDirectory = {
  isGroup: (id) => id.startsWith('grp_'),
  isUser: (id) => id.startsWith('per_'),
  isMember: (user, group) => user === 'per_net1' && group === 'grp_net',
};

const ciClasses: Record<string, CiClass> = { ci_lap: 'laptop', ci_srv: 'server' };
const ctx = { ciClassOf: (id: string) => ciClasses[id] };

describe('routeTicket', () => {
  const rules = [
    assignment('laptops', {
      match: { kinds: [], categories: ['Hardware/Laptop'], ciIds: [], ciClasses: [] },
    }),
    assignment('servers', {
      match: { kinds: ['incident'], categories: [], ciIds: [], ciClasses: ['server'] },
    }),
    assignment('net', {
      match: { kinds: [], categories: ['Network'], ciIds: [], ciClasses: [] },
      assigneeId: 'per_net1',
    }),
    assignment('fallback'),
  ];

  it('matches a category and everything below it', () => {
    const r = routeTicket({ kind: 'request', category: 'hardware/laptop/Battery' }, rules, ctx);
    expect(r?.rule.id).toBe('laptops');
    expect(r?.groupId).toBe('grp_laptops');
  });

  it('matches a linked CI by class, and only for the listed kinds', () => {
    expect(routeTicket({ kind: 'incident', category: '', ciIds: ['ci_srv'] }, rules, ctx)?.rule.id).toBe(
      'servers',
    );
    expect(routeTicket({ kind: 'request', category: '', ciIds: ['ci_srv'] }, rules, ctx)?.rule.id).toBe(
      'fallback',
    );
  });

  it('matches a linked CI by id even when its class is unknown here', () => {
    const byId = [
      assignment('one', { match: { kinds: [], categories: [], ciIds: ['ci_x'], ciClasses: [] } }),
    ];
    expect(routeTicket({ kind: 'incident', category: '', ciIds: ['ci_x'] }, byId, ctx)?.rule.id).toBe('one');
    expect(routeTicket({ kind: 'incident', category: '', ciIds: [] }, byId, ctx)).toBeNull();
  });

  it('returns the assignee of the rule', () => {
    expect(routeTicket({ kind: 'incident', category: 'Network/VPN' }, rules, ctx)?.assigneeId).toBe(
      'per_net1',
    );
  });

  it('takes the first matching rule in order (property)', () => {
    const cats = fc.constantFrom('', 'Hardware', 'Hardware/Laptop', 'Network', 'Software');
    const rule = fc.record({
      id: fc.stringMatching(/^[a-z]{1,6}$/),
      categories: fc.array(
        cats.filter((c) => c !== ''),
        { maxLength: 2 },
      ),
    });
    fc.assert(
      fc.property(fc.array(rule, { maxLength: 6 }), cats, (specs, category) => {
        const list = specs.map((s, i) =>
          assignment(`${s.id}${i}`, {
            match: { kinds: [], categories: s.categories, ciIds: [], ciClasses: [] },
          }),
        );
        const result = routeTicket({ kind: 'incident', category }, list, ctx);
        const expected = list.find(
          (r) =>
            r.match.categories.length === 0 ||
            r.match.categories.some((c) => category.toLowerCase().startsWith(c.toLowerCase())),
        );
        expect(result?.rule.id).toBe(expected?.id);
      }),
    );
  });
});

describe('assignment rule settings', () => {
  it('accepts a complete rule list', () => {
    const result = validateAssignmentRules(
      [assignment('net', { groupId: 'grp_net', assigneeId: 'per_net1' })],
      directory,
    );
    expect(result.ok).toBe(true);
  });

  it('reports each bad field by position', () => {
    const result = validateAssignmentRules(
      [
        { ...assignment('a'), name: ' ' },
        { ...assignment('b'), groupId: '' },
        { ...assignment('c', { groupId: 'grp_net', assigneeId: 'per_other' }) },
        { ...assignment('d'), match: { kinds: ['printer'], categories: ['A//B'] } },
        { ...assignment('d') },
      ],
      directory,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors['0.name']).toBe('Give the rule a name.');
    expect(result.errors['1.groupId']).toBe('Choose the group that receives the ticket.');
    expect(result.errors['2.assigneeId']).toBe('The assignee must be a member of the group.');
    expect(result.errors['3.kinds']).toBe('Unknown ticket kind.');
    expect(result.errors['3.categories']).toContain('empty');
    expect(result.errors['4.id']).toBe('Two rules share one id.');
  });

  it('reads only the valid rules of a malformed value from another device', () => {
    const stored: unknown = [
      assignment('ok'),
      { id: 'no-group', name: 'x', match: {} },
      'not a rule',
      { ...assignment('ok'), name: 'duplicate id' },
      { ...assignment('bad kinds'), match: { kinds: 'incident' } },
    ];
    expect(readAssignmentRules(stored).map((r) => r.id)).toEqual(['ok']);
    expect(readAssignmentRules({ rules: [] })).toEqual([]);
    expect(readAssignmentRules(null)).toEqual([]);
  });

  it('fills missing match lists of an older rule', () => {
    const [rule] = readAssignmentRules([{ id: 'old', name: 'Old', groupId: 'grp_x' }]);
    expect(rule?.match).toEqual({ kinds: [], categories: [], ciIds: [], ciClasses: [] });
    expect(rule?.assigneeId).toBe('');
  });
});

describe('escalation rule settings', () => {
  it('needs a trigger and at least one action', () => {
    const result = validateEscalationRules(
      [{ ...escalation('a'), trigger: { clock: 'lunch', level: 'breach' } }, escalation('b')],
      directory,
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        '0.trigger': 'Choose the clock (response or resolution) and when it fires.',
        '0.actions': 'Choose at least one action: reassign, raise priority or notify.',
        '1.actions': 'Choose at least one action: reassign, raise priority or notify.',
      },
    });
  });

  it('checks groups, people and priorities', () => {
    const result = validateEscalationRules(
      [
        escalation('a', { reassignGroupId: 'nope' }),
        escalation('b', { reassignGroupId: 'grp_net', reassignAssigneeId: 'per_desk' }),
        { ...escalation('c', { notify: ['group'] }), raisePriorityTo: 9 },
      ],
      directory,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors['0.reassignGroupId']).toBe('This group does not exist.');
    expect(result.errors['1.reassignAssigneeId']).toBe('The person must be a member of the new group.');
    expect(result.errors['2.raisePriorityTo']).toBe('Choose P1 to P5, or keep.');
  });

  it('reads the valid rules and drops the rest', () => {
    const stored = [escalation('ok', { notify: ['managers'] }), escalation('no-action'), 7];
    expect(readEscalationRules(stored).map((r) => r.id)).toEqual(['ok']);
    expect(readEscalationRules('x')).toEqual([]);
  });
});

describe('levelsForPriority', () => {
  it('raises urgency first, then impact', () => {
    expect(levelsForPriority({ impact: 2, urgency: 2, priority: 3 }, 2)).toEqual({
      impact: 2,
      urgency: 1,
      priority: 2,
    });
    expect(levelsForPriority({ impact: 2, urgency: 2, priority: 3 }, 1)).toEqual({
      impact: 1,
      urgency: 1,
      priority: 1,
    });
    expect(levelsForPriority({ impact: 3, urgency: 3, priority: 5 }, 3)).toEqual({
      impact: 3,
      urgency: 1,
      priority: 3,
    });
  });

  it('leaves a ticket that is already as urgent alone', () => {
    expect(levelsForPriority({ impact: 1, urgency: 1, priority: 1 }, 2)).toBeNull();
  });

  it('goes as far as the matrix allows when it cannot reach the target', () => {
    const flat = [
      [2, 2, 3],
      [2, 3, 4],
      [3, 4, 5],
    ];
    expect(levelsForPriority({ impact: 2, urgency: 2, priority: 3 }, 1, flat)).toEqual({
      impact: 2,
      urgency: 1,
      priority: 2,
    });
    expect(levelsForPriority({ impact: 2, urgency: 2, priority: 2 }, 1, flat)).toBeNull();
  });

  it('never lowers the priority and reaches the target when the matrix can (property)', () => {
    const level = fc.constantFrom(1, 2, 3) as fc.Arbitrary<1 | 2 | 3>;
    const priority = fc.constantFrom(1, 2, 3, 4, 5) as fc.Arbitrary<Priority>;
    fc.assert(
      fc.property(level, level, priority, (impact, urgency, target) => {
        const current = priorityOf(impact, urgency);
        const result = levelsForPriority({ impact, urgency, priority: current }, target);
        if (current <= target) {
          expect(result).toBeNull();
          return;
        }
        expect(result).not.toBeNull();
        if (!result) return;
        expect(result.priority).toBeLessThanOrEqual(target);
        expect(priorityOf(result.impact, result.urgency)).toBe(result.priority);
        expect(result.impact).toBeLessThanOrEqual(impact);
        expect(result.urgency).toBeLessThanOrEqual(urgency);
      }),
    );
  });
});

function marker(rule: EscalationRule, id = 'e1', parentId = 't1'): ActivityDoc {
  return {
    id,
    type: 'activity',
    parentId,
    kind: 'escalation',
    body: '',
    minutes: 0,
    changes: [{ field: ESCALATION_MARKER_FIELD, from: '', to: escalationKey(rule) }],
    createdAt: T0,
    createdBy: 'agent',
    updatedAt: T0,
    updatedBy: 'agent',
  };
}

describe('escalationActions', () => {
  const raise = escalation('raise', { raisePriorityTo: 1, notify: ['assignee'] });
  const move = escalation('move', {
    trigger: { clock: 'response', level: 'warning' },
    reassignGroupId: 'grp_net',
  });

  it('fires on breach with a priority raise through impact and urgency', () => {
    const [action] = escalationActions(ticket(), clocks('met', 'breached'), [raise], []);
    expect(action?.patch).toEqual({ impact: 1, urgency: 1 });
    expect(action?.raisedTo).toBe(1);
    expect(action?.notify).toEqual(['assignee']);
  });

  it('does not fire before the trigger, on a done ticket, or on a ticket it does not match', () => {
    expect(escalationActions(ticket(), clocks('running', 'warning'), [raise], [])).toEqual([]);
    expect(
      escalationActions(
        ticket({ phase: 'done', status: 'resolved' }),
        clocks('met', 'breached'),
        [raise],
        [],
      ),
    ).toEqual([]);
    const narrow = escalation('n', {
      match: { kinds: ['request'], priorities: [], categories: [], groupIds: [] },
      notify: ['group'],
    });
    expect(escalationActions(ticket(), clocks('met', 'breached'), [narrow], [])).toEqual([]);
  });

  it('a warning trigger fires on a breached clock too', () => {
    expect(escalationActions(ticket(), clocks('breached', 'running'), [move], [])).toHaveLength(1);
  });

  it('moves a queued ticket to the new group queue, but keeps the person working on it', () => {
    const queued = ticket({ status: 'assigned', assigneeId: 'per_desk' });
    expect(escalationActions(queued, clocks('warning', 'running'), [move], [])[0]?.patch).toEqual({
      groupId: 'grp_net',
      assigneeId: '',
    });
    const working = ticket({ status: 'in_progress', assigneeId: 'per_desk' });
    expect(escalationActions(working, clocks('warning', 'running'), [move], [])[0]?.patch).toEqual({
      groupId: 'grp_net',
    });
  });

  it('fires once per rule and trigger: an escalation entry on the timeline stops it', () => {
    expect(
      escalationActions(ticket(), clocks('breached', 'breached'), [raise, move], [marker(raise)]),
    ).toHaveLength(1);
    const entries = [marker(raise, 'e1'), marker(move, 'e2')];
    expect(escalationActions(ticket(), clocks('breached', 'breached'), [raise, move], entries)).toEqual([]);
    // Entries of another ticket do not count.
    expect(
      escalationActions(ticket(), clocks('met', 'breached'), [raise], [marker(raise, 'e9', 't2')]),
    ).toHaveLength(1);
  });

  it('fires again when the rule is given another trigger', () => {
    const edited = { ...raise, trigger: { clock: 'response' as const, level: 'breach' as const } };
    expect(
      escalationActions(ticket(), clocks('breached', 'breached'), [edited], [marker(raise)]),
    ).toHaveLength(1);
  });

  it('combines the patches of several rules in order', () => {
    const actions = escalationActions(ticket(), clocks('breached', 'breached'), [move, raise], []);
    expect(actions.map((a) => a.rule.id)).toEqual(['move', 'raise']);
    expect(actions[1]?.patch).toEqual({ impact: 1, urgency: 1 });
  });

  it('records a rule whose actions are already in place with an empty patch', () => {
    const done = ticket({ impact: 1, urgency: 1, priority: 1 });
    const [action] = escalationActions(done, clocks('met', 'breached'), [raise], []);
    expect(action?.patch).toEqual({});
    expect(action?.raisedTo).toBeNull();
  });

  it('two devices converge: the same inputs give the same patches, and after either entry syncs nothing is due (property)', () => {
    const status = fc.constantFrom<ClockStatus>('running', 'warning', 'breached', 'met', 'paused');
    const level = fc.constantFrom(1, 2, 3) as fc.Arbitrary<1 | 2 | 3>;
    fc.assert(
      fc.property(status, status, level, level, (resp, reso, impact, urgency) => {
        const t = ticket({ impact, urgency, priority: priorityOf(impact, urgency) });
        const c = clocks(resp, reso);
        const a = escalationActions(t, c, [move, raise], []);
        const b = escalationActions(t, c, [move, raise], []);
        expect(a).toEqual(b);
        const entries = a.map((action, i) => marker(action.rule, `e${i}`));
        let applied = t;
        for (const action of a) {
          applied = { ...applied, ...action.patch, priority: action.raisedTo ?? applied.priority };
        }
        expect(escalationActions(applied, c, [move, raise], entries)).toEqual([]);
      }),
    );
  });
});

describe('escalation matching', () => {
  it('after its own actions a rule still recognises the ticket it escalated', () => {
    const rule = escalation('r', {
      match: { kinds: [], priorities: [3], categories: [], groupIds: ['grp_desk'] },
      reassignGroupId: 'grp_net',
      raisePriorityTo: 1,
    });
    const escalated = ticket({ groupId: 'grp_net', priority: 1 });
    expect(escalationMatches(rule, escalated)).toBe(false);
    expect(escalationMatches(rule, escalated, true)).toBe(true);
  });

  it('reads fired markers from escalation entries only', () => {
    const rule = escalation('r');
    const comment = { ...marker(rule), kind: 'comment' as const };
    expect(firedEscalations([comment]).size).toBe(0);
    expect([...firedEscalations([marker(rule)])]).toEqual(['r:resolution:breach']);
  });
});
