import { describe, expect, it } from 'vitest';
import {
  CHANGE_TYPES,
  TICKET_KINDS,
  TICKET_STATUSES,
  type ChangeType,
  type TicketKind,
  type TicketStatus,
} from './model';
import {
  RESOLUTION_CODES,
  allowedTransitions,
  checkStatusFields,
  checkTransition,
  hasQueue,
  pendingReasonsFor,
  phaseOf,
  resolutionCodesFor,
  type ChangeFacts,
  type TransitionFields,
} from './status';

/**
 * The expected machines, written out independently of status.ts: one "from>to" per allowed
 * transition. Every other cell of the 13x13 grid must be refused, for every kind.
 */
// prettier-ignore
const EXPECTED: Record<TicketKind, string[]> = {
  incident: [
    'new>assigned', 'new>in_progress', 'new>pending', 'new>resolved',
    'assigned>in_progress', 'assigned>pending', 'assigned>resolved', 'assigned>new',
    'in_progress>assigned', 'in_progress>pending', 'in_progress>resolved',
    'pending>assigned', 'pending>in_progress', 'pending>resolved',
    'resolved>closed', 'resolved>reopened',
    'reopened>assigned', 'reopened>in_progress', 'reopened>pending', 'reopened>resolved',
  ],
  request: [
    'new>assigned', 'new>in_progress', 'new>pending', 'new>resolved',
    'assigned>in_progress', 'assigned>pending', 'assigned>resolved', 'assigned>new',
    'in_progress>assigned', 'in_progress>pending', 'in_progress>resolved',
    'pending>assigned', 'pending>in_progress', 'pending>resolved',
    'resolved>closed', 'resolved>reopened',
    'reopened>assigned', 'reopened>in_progress', 'reopened>pending', 'reopened>resolved',
  ],
  question: [
    'new>assigned', 'new>in_progress', 'new>resolved',
    'assigned>in_progress', 'assigned>resolved', 'assigned>new',
    'in_progress>assigned', 'in_progress>pending', 'in_progress>resolved',
    'pending>in_progress', 'pending>resolved',
    'resolved>closed', 'resolved>reopened',
    'reopened>assigned', 'reopened>in_progress', 'reopened>resolved',
  ],
  // Parked only once someone owns it.
  problem: [
    'new>assigned', 'new>in_progress', 'new>resolved',
    'assigned>in_progress', 'assigned>pending', 'assigned>resolved', 'assigned>new',
    'in_progress>assigned', 'in_progress>pending', 'in_progress>resolved',
    'pending>assigned', 'pending>in_progress', 'pending>resolved',
    'resolved>closed', 'resolved>reopened',
    'reopened>assigned', 'reopened>in_progress', 'reopened>pending', 'reopened>resolved',
  ],
  change: [
    'new>assess', 'new>authorize', 'new>cancelled',
    'assess>authorize', 'assess>scheduled', 'assess>new', 'assess>cancelled',
    'authorize>scheduled', 'authorize>assess', 'authorize>cancelled',
    'scheduled>implement', 'scheduled>assess', 'scheduled>cancelled',
    'implement>review',
    'review>closed',
  ],
  release: [
    'new>in_progress', 'new>resolved',
    'in_progress>pending', 'in_progress>resolved',
    'pending>in_progress', 'pending>resolved',
    'resolved>closed', 'resolved>reopened',
    'reopened>in_progress', 'reopened>pending', 'reopened>resolved',
  ],
  project: [
    'new>in_progress', 'new>resolved',
    'in_progress>pending', 'in_progress>resolved',
    'pending>in_progress', 'pending>resolved',
    'resolved>closed', 'resolved>reopened',
    'reopened>in_progress', 'reopened>pending', 'reopened>resolved',
  ],
  task: [
    'new>assigned', 'new>in_progress', 'new>resolved',
    'assigned>in_progress', 'assigned>pending', 'assigned>resolved', 'assigned>new',
    'in_progress>assigned', 'in_progress>pending', 'in_progress>resolved',
    'pending>assigned', 'pending>in_progress', 'pending>resolved',
    'resolved>closed', 'resolved>reopened',
    'reopened>assigned', 'reopened>in_progress', 'reopened>pending', 'reopened>resolved',
  ],
};
const ALLOWED_COUNT: Record<TicketKind, number> = {
  incident: 20,
  request: 20,
  question: 16,
  problem: 19,
  change: 15,
  release: 11,
  project: 11,
  task: 19,
};

const VALID_CODE: Record<TicketKind, string> = {
  incident: 'solved',
  request: 'fulfilled',
  question: 'answered',
  problem: 'fixed',
  change: 'successful',
  release: 'released',
  project: 'completed',
  task: 'completed',
};
const VALID_PENDING: Record<TicketKind, string> = {
  incident: 'awaiting_requester',
  request: 'awaiting_requester',
  question: 'awaiting_requester',
  problem: 'awaiting_vendor',
  change: '',
  release: 'awaiting_change',
  project: 'awaiting_approval',
  task: 'awaiting_delivery',
};
const STATUS_NAMES: Record<TicketStatus, string> = {
  new: 'New',
  assigned: 'Assigned',
  in_progress: 'In progress',
  pending: 'Pending',
  resolved: 'Resolved',
  closed: 'Closed',
  reopened: 'Reopened',
  assess: 'Assess',
  authorize: 'Authorize',
  scheduled: 'Scheduled',
  implement: 'Implement',
  review: 'Review',
  cancelled: 'Cancelled',
};
const ARTICLE_KIND: Record<TicketKind, string> = {
  incident: 'An incident',
  request: 'A request',
  question: 'A question',
  problem: 'A problem',
  change: 'A change',
  release: 'A release',
  project: 'A project',
  task: 'A task',
};

const WINDOW = { plannedStart: 1_750_000_000_000, plannedEnd: 1_750_007_200_000 };
const PLANNED: ChangeFacts = {
  changeType: 'normal',
  risk: 'moderate',
  implementationPlan: 'Patch, reboot, check the services.',
  backoutPlan: 'Restore the snapshot.',
  ...WINDOW,
};

/** The change type whose shortcut the cell uses: emergency straight to the CAB, standard past it. */
function changeTypeFor(from: TicketStatus, to: TicketStatus): ChangeType {
  if (from === 'new' && to === 'authorize') return 'emergency';
  if (from === 'assess' && to === 'scheduled') return 'standard';
  return 'normal';
}

/** Fields that satisfy every guard of `to`, so only the table decides. */
function fieldsFor(kind: TicketKind, from: TicketStatus, to: TicketStatus): TransitionFields {
  return {
    assigneeId: to === 'new' ? '' : 'per_1',
    pendingReason: VALID_PENDING[kind],
    resolutionCode: VALID_CODE[kind],
    resolutionNotes: 'Replaced the cable.',
    reason: 'It broke again.',
    change: { ...PLANNED, changeType: changeTypeFor(from, to) },
    cabApproved: true,
    releaseReady: true,
    openDependencies: [],
  };
}

const grid = TICKET_KINDS.flatMap((kind) =>
  TICKET_STATUSES.flatMap((from) =>
    TICKET_STATUSES.map((to) => ({ kind, from, to, allowed: EXPECTED[kind].includes(`${from}>${to}`) })),
  ),
);

describe('transition grid', () => {
  it('covers 8 kinds x 13 x 13 cells', () => {
    expect(TICKET_STATUSES).toHaveLength(13);
    expect(grid).toHaveLength(8 * 13 * 13);
    for (const kind of TICKET_KINDS) {
      expect(EXPECTED[kind], kind).toHaveLength(ALLOWED_COUNT[kind]);
      expect(new Set(EXPECTED[kind]).size, kind).toBe(ALLOWED_COUNT[kind]);
    }
    expect(grid.filter((cell) => cell.allowed)).toHaveLength(20 + 20 + 16 + 19 + 15 + 11 + 11 + 19);
  });

  it.each(grid)('$kind: $from -> $to allowed=$allowed', ({ kind, from, to, allowed }) => {
    expect(allowedTransitions(kind, from).includes(to)).toBe(allowed);
    const result = checkTransition(kind, from, to, fieldsFor(kind, from, to));
    if (allowed) {
      expect(result).toEqual({ ok: true });
    } else {
      expect(result).toEqual({
        ok: false,
        errors: {
          status: `${ARTICLE_KIND[kind]} cannot move from ${STATUS_NAMES[from]} to ${STATUS_NAMES[to]}.`,
        },
      });
    }
  });

  it.each(TICKET_KINDS)('%s lists exactly the expected targets', (kind) => {
    for (const from of TICKET_STATUSES) {
      const expected = EXPECTED[kind].filter((t) => t.startsWith(`${from}>`)).map((t) => t.split('>')[1]);
      expect(allowedTransitions(kind, from).slice().sort()).toEqual(expected.sort());
    }
  });

  it('closed and cancelled are terminal for every kind', () => {
    for (const kind of TICKET_KINDS) {
      expect(allowedTransitions(kind, 'closed')).toEqual([]);
      expect(allowedTransitions(kind, 'cancelled')).toEqual([]);
    }
  });

  it('keeps the change statuses to changes, and the queue statuses out of the change flow', () => {
    const changeOnly: TicketStatus[] = [
      'assess',
      'authorize',
      'scheduled',
      'implement',
      'review',
      'cancelled',
    ];
    for (const kind of TICKET_KINDS) {
      const used = new Set(EXPECTED[kind].flatMap((t) => t.split('>')));
      for (const status of changeOnly) expect(used.has(status), `${kind} ${status}`).toBe(kind === 'change');
    }
    const changeUses = new Set(EXPECTED.change.flatMap((t) => t.split('>')));
    for (const status of ['assigned', 'in_progress', 'pending', 'resolved', 'reopened'] as TicketStatus[])
      expect(changeUses.has(status)).toBe(false);
  });

  it('has a queue (New -> Assigned) for the kinds that use one', () => {
    const queued = TICKET_KINDS.filter((kind) => hasQueue(kind));
    expect(queued).toEqual(['incident', 'request', 'question', 'problem', 'task']);
  });

  it('returns copies that callers cannot use to alter the machine', () => {
    allowedTransitions('incident', 'new').push('closed');
    pendingReasonsFor('incident').length = 0;
    resolutionCodesFor('change').length = 0;
    expect(allowedTransitions('incident', 'new')).not.toContain('closed');
    expect(pendingReasonsFor('incident').length).toBe(4);
    expect(resolutionCodesFor('change').length).toBe(4);
  });
});

describe('pending reasons and resolution codes per kind', () => {
  it('lists the pending reasons each kind may wait on', () => {
    const expected: Record<TicketKind, string[]> = {
      incident: ['awaiting_change', 'awaiting_problem', 'awaiting_requester', 'awaiting_vendor'],
      request: ['awaiting_approval', 'awaiting_delivery', 'awaiting_requester', 'awaiting_vendor'],
      question: ['awaiting_requester', 'awaiting_vendor'],
      problem: ['awaiting_change', 'awaiting_vendor'],
      change: [],
      release: ['awaiting_change', 'awaiting_vendor'],
      project: ['awaiting_approval', 'awaiting_requester', 'awaiting_vendor'],
      task: ['awaiting_delivery', 'awaiting_requester', 'awaiting_vendor'],
    };
    for (const kind of TICKET_KINDS) expect(pendingReasonsFor(kind).sort(), kind).toEqual(expected[kind]);
  });

  it('offers kind-specific resolution codes drawn from RESOLUTION_CODES', () => {
    const expected: Record<TicketKind, string[]> = {
      incident: [
        'cancelled',
        'duplicate',
        'not_reproducible',
        'resolved_by_change',
        'resolved_by_problem',
        'solved',
        'user_error',
        'workaround',
      ],
      request: ['cancelled', 'duplicate', 'fulfilled', 'rejected'],
      question: ['answered', 'cancelled', 'duplicate'],
      problem: ['cancelled', 'duplicate', 'fixed', 'resolved_by_change'],
      change: ['rolled_back', 'successful', 'successful_with_issues', 'unsuccessful'],
      release: ['cancelled', 'released'],
      project: ['cancelled', 'completed'],
      task: ['cancelled', 'completed'],
    };
    for (const kind of TICKET_KINDS) {
      expect(resolutionCodesFor(kind).sort(), kind).toEqual(expected[kind]);
      for (const code of resolutionCodesFor(kind)) expect(RESOLUTION_CODES).toContain(code);
    }
    const used = new Set(TICKET_KINDS.flatMap((kind) => resolutionCodesFor(kind)));
    expect([...RESOLUTION_CODES].filter((code) => !used.has(code))).toEqual([]);
  });
});

describe('guards', () => {
  const base: TransitionFields = {
    assigneeId: '',
    pendingReason: '',
    resolutionCode: '',
    resolutionNotes: '',
  };

  it('requires an assignee to enter Assigned or In progress', () => {
    expect(checkTransition('incident', 'new', 'assigned', base)).toEqual({
      ok: false,
      errors: { assigneeId: 'An assignee is required when the status is Assigned.' },
    });
    expect(checkTransition('request', 'pending', 'in_progress', { ...base, assigneeId: '   ' })).toEqual({
      ok: false,
      errors: { assigneeId: 'An assignee is required when the status is In progress.' },
    });
  });

  it('returns to New only without an assignee (unassign)', () => {
    expect(checkTransition('incident', 'assigned', 'new', { ...base, assigneeId: 'per_1' })).toEqual({
      ok: false,
      errors: {
        assigneeId:
          'A ticket with status New cannot have an assignee; clear the assignee or choose Assigned.',
      },
    });
    expect(checkTransition('incident', 'assigned', 'new', base)).toEqual({ ok: true });
  });

  it('requires a pending reason valid for the kind', () => {
    expect(checkTransition('incident', 'new', 'pending', base)).toEqual({
      ok: false,
      errors: { pendingReason: 'A pending reason is required when the status is Pending.' },
    });
    expect(
      checkTransition('request', 'new', 'pending', { ...base, pendingReason: 'awaiting_change' }),
    ).toEqual({
      ok: false,
      errors: { pendingReason: '"Awaiting change" is not a valid pending reason for a request.' },
    });
    expect(
      checkTransition('incident', 'new', 'pending', { ...base, pendingReason: 'awaiting_approval' }),
    ).toEqual({
      ok: false,
      errors: { pendingReason: '"Awaiting approval" is not a valid pending reason for an incident.' },
    });
    expect(
      checkTransition('question', 'in_progress', 'pending', {
        ...base,
        assigneeId: 'p',
        pendingReason: 'awaiting_problem',
      }),
    ).toEqual({
      ok: false,
      errors: { pendingReason: '"Awaiting problem" is not a valid pending reason for a question.' },
    });
    expect(
      checkTransition('request', 'new', 'pending', { ...base, pendingReason: 'awaiting_approval' }),
    ).toEqual({
      ok: true,
    });
  });

  it('requires a resolution code and notes to resolve', () => {
    expect(
      checkTransition('incident', 'in_progress', 'resolved', { ...base, resolutionNotes: '  ' }),
    ).toEqual({
      ok: false,
      errors: {
        resolutionCode: 'A resolution code is required when the status is Resolved.',
        resolutionNotes: 'Resolution notes are required when the status is Resolved.',
      },
    });
    expect(
      checkTransition('incident', 'in_progress', 'resolved', {
        ...base,
        resolutionCode: 'fulfilled',
        resolutionNotes: 'x',
      }),
    ).toEqual({
      ok: false,
      errors: { resolutionCode: '"Fulfilled" is not a valid resolution code for an incident.' },
    });
    expect(
      checkTransition('question', 'new', 'resolved', {
        ...base,
        resolutionCode: 'no_such_code',
        resolutionNotes: 'x',
      }),
    ).toEqual({
      ok: false,
      errors: { resolutionCode: '"no_such_code" is not a valid resolution code for a question.' },
    });
  });

  it('requires a reason to reopen', () => {
    const resolved = { ...base, assigneeId: 'per_1', resolutionCode: 'solved', resolutionNotes: 'Fixed.' };
    expect(checkTransition('incident', 'resolved', 'reopened', resolved)).toEqual({
      ok: false,
      errors: { reason: 'A reason is required to reopen a ticket.' },
    });
    expect(checkTransition('incident', 'resolved', 'reopened', { ...resolved, reason: ' \n ' })).toEqual({
      ok: false,
      errors: { reason: 'A reason is required to reopen a ticket.' },
    });
    expect(
      checkTransition('incident', 'resolved', 'reopened', { ...resolved, reason: 'Broken again.' }),
    ).toEqual({
      ok: true,
    });
  });

  it('keeps the resolution required on Closed', () => {
    expect(checkTransition('incident', 'resolved', 'closed', base)).toEqual({
      ok: false,
      errors: {
        resolutionCode: 'A resolution code is required when the status is Closed.',
        resolutionNotes: 'Resolution notes are required when the status is Closed.',
      },
    });
  });

  it('reports only the table refusal for a forbidden transition, not guard errors', () => {
    expect(checkTransition('incident', 'closed', 'in_progress', base)).toEqual({
      ok: false,
      errors: { status: 'An incident cannot move from Closed to In progress.' },
    });
  });

  it('checkStatusFields applies the same rules without a transition', () => {
    expect(checkStatusFields('incident', 'in_progress', base)).toEqual({
      assigneeId: 'An assignee is required when the status is In progress.',
    });
    expect(checkStatusFields('incident', 'reopened', base)).toEqual({});
    expect(checkStatusFields('incident', 'new', base)).toEqual({});
  });
});

describe('guards of the process kinds', () => {
  const base: TransitionFields = {
    assigneeId: '',
    pendingReason: '',
    resolutionCode: '',
    resolutionNotes: '',
  };
  const planned = (overrides: Partial<ChangeFacts> = {}): TransitionFields => ({
    ...base,
    change: { ...PLANNED, ...overrides },
  });

  it('requires an assignee to implement a change', () => {
    expect(checkTransition('change', 'scheduled', 'implement', planned())).toEqual({
      ok: false,
      errors: { assigneeId: 'An assignee is required when the status is Implement.' },
    });
    expect(
      checkTransition('change', 'scheduled', 'implement', { ...planned(), assigneeId: 'per_1' }),
    ).toEqual({
      ok: true,
    });
    expect(checkStatusFields('change', 'review', base)).toEqual({});
  });

  it('refuses an assignee on New only for the kinds with a queue', () => {
    const owned = { ...base, assigneeId: 'per_1' };
    for (const kind of TICKET_KINDS) {
      const errors = checkStatusFields(kind, 'new', owned);
      if (['change', 'release', 'project'].includes(kind)) expect(errors, kind).toEqual({});
      else
        expect(errors, kind).toEqual({
          assigneeId:
            'A ticket with status New cannot have an assignee; clear the assignee or choose Assigned.',
        });
    }
    expect(checkTransition('change', 'assess', 'new', owned)).toEqual({ ok: true });
  });

  it('checks pending reasons against the kind', () => {
    expect(checkStatusFields('problem', 'pending', { ...base, pendingReason: 'awaiting_requester' })).toEqual(
      {
        pendingReason: '"Awaiting requester" is not a valid pending reason for a problem.',
      },
    );
    expect(checkStatusFields('problem', 'pending', { ...base, pendingReason: 'awaiting_change' })).toEqual(
      {},
    );
    expect(checkStatusFields('release', 'pending', { ...base, pendingReason: 'awaiting_approval' })).toEqual({
      pendingReason: '"Awaiting approval" is not a valid pending reason for a release.',
    });
    expect(checkStatusFields('project', 'pending', { ...base, pendingReason: 'awaiting_approval' })).toEqual(
      {},
    );
    expect(checkStatusFields('task', 'pending', { ...base, pendingReason: 'awaiting_change' })).toEqual({
      pendingReason: '"Awaiting change" is not a valid pending reason for a task.',
    });
  });

  it('checks resolution codes against the kind, on Closed too', () => {
    const closing = { ...base, resolutionNotes: 'Done.' };
    expect(checkTransition('change', 'review', 'closed', { ...closing, resolutionCode: 'solved' })).toEqual({
      ok: false,
      errors: { resolutionCode: '"Solved (permanently)" is not a valid resolution code for a change.' },
    });
    expect(
      checkTransition('change', 'review', 'closed', { ...closing, resolutionCode: 'rolled_back' }),
    ).toEqual({ ok: true });
    expect(checkTransition('change', 'review', 'closed', base)).toEqual({
      ok: false,
      errors: {
        resolutionCode: 'A resolution code is required when the status is Closed.',
        resolutionNotes: 'Resolution notes are required when the status is Closed.',
      },
    });
    expect(
      checkStatusFields('project', 'resolved', { ...closing, resolutionCode: 'fixed' }).resolutionCode,
    ).toBe('"Root cause fixed" is not a valid resolution code for a project.');
    expect(checkStatusFields('problem', 'resolved', { ...closing, resolutionCode: 'fixed' })).toEqual({});
  });

  it('requires a reason to cancel a change, and nothing else', () => {
    for (const from of ['new', 'assess', 'authorize', 'scheduled'] as TicketStatus[]) {
      expect(checkTransition('change', from, 'cancelled', base), from).toEqual({
        ok: false,
        errors: { reason: 'A reason is required to cancel.' },
      });
      expect(checkTransition('change', from, 'cancelled', { ...base, reason: '  ' }), from).toEqual({
        ok: false,
        errors: { reason: 'A reason is required to cancel.' },
      });
      expect(checkTransition('change', from, 'cancelled', { ...base, reason: 'Not needed.' }), from).toEqual({
        ok: true,
      });
    }
  });

  it('asks for the change type before anything else on the way to the CAB or the calendar', () => {
    for (const [from, to] of [
      ['assess', 'authorize'],
      ['assess', 'scheduled'],
      ['authorize', 'scheduled'],
    ] as [TicketStatus, TicketStatus][]) {
      const expected = { ok: false, errors: { changeType: 'Choose the change type first.' } };
      expect(checkTransition('change', from, to, base), `${from}>${to}`).toEqual(expected);
      expect(checkTransition('change', from, to, planned({ changeType: '' })), `${from}>${to}`).toEqual(
        expected,
      );
    }
  });

  it('requires risk, plans and a window to go to the CAB or the calendar', () => {
    const empty = planned({
      risk: '',
      implementationPlan: ' ',
      backoutPlan: '',
      plannedStart: 0,
      plannedEnd: 0,
    });
    const missing = {
      risk: 'Answer the risk questionnaire first.',
      implementationPlan: 'An implementation plan is required.',
      backoutPlan: 'A back-out plan is required.',
      plannedStart: 'A planned window (start before end) is required.',
    };
    expect(checkTransition('change', 'assess', 'authorize', empty)).toEqual({ ok: false, errors: missing });
    expect(
      checkTransition('change', 'assess', 'scheduled', {
        ...empty,
        change: { ...empty.change!, changeType: 'standard' },
      }),
    ).toEqual({ ok: false, errors: missing });
    const backwards = planned({ plannedStart: WINDOW.plannedEnd, plannedEnd: WINDOW.plannedStart });
    expect(checkTransition('change', 'assess', 'authorize', backwards)).toEqual({
      ok: false,
      errors: { plannedStart: 'A planned window (start before end) is required.' },
    });
    const instant = planned({ plannedEnd: WINDOW.plannedStart });
    expect(checkTransition('change', 'assess', 'authorize', instant).ok).toBe(false);
    expect(checkTransition('change', 'assess', 'authorize', planned())).toEqual({ ok: true });
    // Going back or ahead within the plan needs none of it.
    expect(checkTransition('change', 'scheduled', 'assess', base)).toEqual({ ok: true });
    expect(checkTransition('change', 'new', 'assess', base)).toEqual({ ok: true });
  });

  it('lets only emergency changes skip the assessment', () => {
    for (const changeType of ['standard', 'normal'] as ChangeType[]) {
      expect(checkTransition('change', 'new', 'authorize', planned({ changeType })), changeType).toEqual({
        ok: false,
        errors: { status: 'Only emergency changes go to the CAB before they are assessed.' },
      });
    }
    expect(checkTransition('change', 'new', 'authorize', planned({ changeType: 'emergency' }))).toEqual({
      ok: true,
    });
  });

  it('lets only standard changes skip the CAB', () => {
    for (const changeType of ['normal', 'emergency'] as ChangeType[]) {
      expect(checkTransition('change', 'assess', 'scheduled', planned({ changeType })), changeType).toEqual({
        ok: false,
        errors: {
          status: 'A normal or emergency change must be authorised by the CAB before it is scheduled.',
        },
      });
    }
    expect(checkTransition('change', 'assess', 'scheduled', planned({ changeType: 'standard' }))).toEqual({
      ok: true,
    });
    expect(checkTransition('change', 'assess', 'authorize', planned({ changeType: 'standard' }))).toEqual({
      ok: true,
    });
  });

  it('schedules from Authorize only once the CAB approved', () => {
    const refused = { ok: false, errors: { status: 'The CAB has not approved this change yet.' } };
    for (const changeType of CHANGE_TYPES) {
      expect(
        checkTransition('change', 'authorize', 'scheduled', planned({ changeType })),
        changeType,
      ).toEqual(refused);
      expect(
        checkTransition('change', 'authorize', 'scheduled', {
          ...planned({ changeType }),
          cabApproved: false,
        }),
      ).toEqual(refused);
      expect(
        checkTransition('change', 'authorize', 'scheduled', {
          ...planned({ changeType }),
          cabApproved: true,
        }),
      ).toEqual({ ok: true });
    }
    // The CAB's refusal and a missing plan are reported together.
    expect(
      checkTransition('change', 'authorize', 'scheduled', {
        ...planned(),
        change: { ...PLANNED, backoutPlan: '' },
      }),
    ).toEqual({
      ok: false,
      errors: {
        status: 'The CAB has not approved this change yet.',
        backoutPlan: 'A back-out plan is required.',
      },
    });
  });

  it('releases a release only once it is ready; cancelling it needs no readiness', () => {
    const released = { ...base, resolutionCode: 'released', resolutionNotes: 'Live.' };
    const refused = {
      ok: false,
      errors: {
        status: 'A release can only be released once every included change is approved and implemented.',
      },
    };
    for (const from of ['new', 'in_progress', 'pending', 'reopened'] as TicketStatus[]) {
      expect(checkTransition('release', from, 'resolved', released), from).toEqual(refused);
      expect(
        checkTransition('release', from, 'resolved', { ...released, releaseReady: false }),
        from,
      ).toEqual(refused);
      expect(checkTransition('release', from, 'resolved', { ...released, releaseReady: true }), from).toEqual(
        {
          ok: true,
        },
      );
      expect(
        checkTransition('release', from, 'resolved', { ...released, resolutionCode: 'cancelled' }),
        from,
      ).toEqual({ ok: true });
    }
    expect(checkTransition('release', 'new', 'in_progress', base)).toEqual({
      ok: false,
      errors: { assigneeId: 'An assignee is required when the status is In progress.' },
    });
  });

  it('starts a task only when the tasks it depends on are done', () => {
    const waiting = { ...base, assigneeId: 'per_1', pendingReason: 'awaiting_delivery' };
    const open = { ...waiting, openDependencies: ['TSK-DEM0-0002', 'TSK-DEM0-0005'] };
    const refused = {
      ok: false,
      errors: {
        status:
          'This task cannot start before the tasks it depends on are done: TSK-DEM0-0002, TSK-DEM0-0005.',
      },
    };
    for (const from of ['new', 'assigned', 'pending', 'reopened'] as TicketStatus[]) {
      expect(checkTransition('task', from, 'in_progress', open), from).toEqual(refused);
      expect(checkTransition('task', from, 'in_progress', waiting), from).toEqual({ ok: true });
      expect(
        checkTransition('task', from, 'in_progress', { ...waiting, openDependencies: [] }),
        from,
      ).toEqual({
        ok: true,
      });
    }
    // Planning and parking the task are fine while it waits.
    expect(checkTransition('task', 'new', 'assigned', open)).toEqual({ ok: true });
    expect(checkTransition('task', 'in_progress', 'pending', open)).toEqual({ ok: true });
    // Other kinds ignore the dependency facts.
    expect(checkTransition('incident', 'new', 'in_progress', open)).toEqual({ ok: true });
  });
});

describe('phaseOf', () => {
  it('is done for resolved, closed and cancelled, open otherwise', () => {
    const phases = Object.fromEntries(TICKET_STATUSES.map((s) => [s, phaseOf(s)]));
    expect(phases).toEqual({
      new: 'open',
      assigned: 'open',
      in_progress: 'open',
      pending: 'open',
      resolved: 'done',
      closed: 'done',
      reopened: 'open',
      assess: 'open',
      authorize: 'open',
      scheduled: 'open',
      implement: 'open',
      review: 'open',
      cancelled: 'done',
    });
  });
});
