import { describe, expect, it } from 'vitest';
import { TICKET_KINDS, TICKET_STATUSES, type TicketKind, type TicketStatus } from './model';
import {
  RESOLUTION_CODES,
  allowedTransitions,
  checkStatusFields,
  checkTransition,
  pendingReasonsFor,
  phaseOf,
  resolutionCodesFor,
  type TransitionFields,
} from './status';

/**
 * The expected machines, written out independently of status.ts: one "from>to" per allowed
 * transition. Every other cell of the 7x7 grid must be refused.
 */
// prettier-ignore
const EXPECTED: Record<'incident' | 'request' | 'question', string[]> = {
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
};

const VALID_CODE = { incident: 'solved', request: 'fulfilled', question: 'answered' } as const;
const STATUS_NAMES: Record<TicketStatus, string> = {
  new: 'New',
  assigned: 'Assigned',
  in_progress: 'In progress',
  pending: 'Pending',
  resolved: 'Resolved',
  closed: 'Closed',
  reopened: 'Reopened',
};
const ARTICLE_KIND = { incident: 'An incident', request: 'A request', question: 'A question' } as const;

/** Fields that satisfy every guard of `to`, so only the table decides. */
function fieldsFor(kind: keyof typeof EXPECTED, to: TicketStatus): TransitionFields {
  return {
    assigneeId: to === 'new' ? '' : 'per_1',
    pendingReason: 'awaiting_requester',
    resolutionCode: VALID_CODE[kind],
    resolutionNotes: 'Replaced the cable.',
    reason: 'It broke again.',
  };
}

const grid = (Object.keys(EXPECTED) as (keyof typeof EXPECTED)[]).flatMap((kind) =>
  TICKET_STATUSES.flatMap((from) =>
    TICKET_STATUSES.map((to) => ({ kind, from, to, allowed: EXPECTED[kind].includes(`${from}>${to}`) })),
  ),
);

describe('transition grid', () => {
  it('covers 3 kinds x 7 x 7 cells', () => {
    expect(grid).toHaveLength(147);
    expect(grid.filter((cell) => cell.allowed)).toHaveLength(20 + 20 + 16);
  });

  it.each(grid)('$kind: $from -> $to allowed=$allowed', ({ kind, from, to, allowed }) => {
    expect(allowedTransitions(kind, from).includes(to)).toBe(allowed);
    const result = checkTransition(kind, from, to, fieldsFor(kind, to));
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

  it.each(Object.keys(EXPECTED) as (keyof typeof EXPECTED)[])(
    '%s lists exactly the expected targets',
    (kind) => {
      for (const from of TICKET_STATUSES) {
        const expected = EXPECTED[kind].filter((t) => t.startsWith(`${from}>`)).map((t) => t.split('>')[1]);
        expect(allowedTransitions(kind, from).slice().sort()).toEqual(expected.sort());
      }
    },
  );

  it('closed is terminal for every kind', () => {
    for (const kind of TICKET_KINDS) expect(allowedTransitions(kind, 'closed')).toEqual([]);
  });

  it('other kinds use the incident machine', () => {
    for (const kind of ['problem', 'change', 'release', 'project', 'task'] as TicketKind[]) {
      for (const from of TICKET_STATUSES)
        expect(allowedTransitions(kind, from)).toEqual(allowedTransitions('incident', from));
      expect(pendingReasonsFor(kind)).toEqual(pendingReasonsFor('incident'));
      expect(resolutionCodesFor(kind)).toEqual(resolutionCodesFor('incident'));
    }
  });

  it('returns copies that callers cannot use to alter the machine', () => {
    allowedTransitions('incident', 'new').push('closed');
    pendingReasonsFor('incident').length = 0;
    expect(allowedTransitions('incident', 'new')).not.toContain('closed');
    expect(pendingReasonsFor('incident').length).toBe(4);
  });
});

describe('pending reasons and resolution codes per kind', () => {
  it('lists the pending reasons each kind may wait on', () => {
    expect(pendingReasonsFor('incident').sort()).toEqual([
      'awaiting_change',
      'awaiting_problem',
      'awaiting_requester',
      'awaiting_vendor',
    ]);
    expect(pendingReasonsFor('request').sort()).toEqual([
      'awaiting_approval',
      'awaiting_delivery',
      'awaiting_requester',
      'awaiting_vendor',
    ]);
    expect(pendingReasonsFor('question').sort()).toEqual(['awaiting_requester', 'awaiting_vendor']);
  });

  it('offers kind-specific resolution codes drawn from RESOLUTION_CODES', () => {
    expect(resolutionCodesFor('request').sort()).toEqual(['cancelled', 'duplicate', 'fulfilled', 'rejected']);
    expect(resolutionCodesFor('question').sort()).toEqual(['answered', 'cancelled', 'duplicate']);
    expect(resolutionCodesFor('incident')).toContain('solved');
    expect(resolutionCodesFor('incident')).not.toContain('fulfilled');
    for (const kind of TICKET_KINDS) {
      for (const code of resolutionCodesFor(kind)) expect(RESOLUTION_CODES).toContain(code);
    }
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

describe('phaseOf', () => {
  it('is done for resolved and closed, open otherwise', () => {
    const phases = Object.fromEntries(TICKET_STATUSES.map((s) => [s, phaseOf(s)]));
    expect(phases).toEqual({
      new: 'open',
      assigned: 'open',
      in_progress: 'open',
      pending: 'open',
      resolved: 'done',
      closed: 'done',
      reopened: 'open',
    });
  });
});
