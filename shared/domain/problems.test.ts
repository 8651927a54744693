import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_TIME, type Level, type TicketDoc, type TicketKind, type TicketStatus } from './model';
import {
  RESOLVED_BY_PROBLEM_CODE,
  isKnownError,
  linkRefusal,
  matchWords,
  planLinkedResolution,
  problemDraft,
  rankKnownErrors,
  resolutionNotesFor,
  selectionRefusal,
} from './problems';
import { resolutionCodesFor } from './status';
import { applyTicketEdit } from './tickets';

const NOW = 1_750_000_000_000;

function ticket(n: number, overrides: Partial<TicketDoc> = {}): TicketDoc {
  return {
    id: `tkt_${n}`,
    type: 'ticket',
    kind: 'incident',
    number: `INC-TEST-${String(n).padStart(4, '0')}`,
    title: `Ticket ${n}`,
    description: '',
    status: 'new',
    pendingReason: '',
    impact: 2,
    urgency: 2,
    priority: 3,
    category: '',
    requesterId: 'per_req',
    assigneeId: '',
    groupId: '',
    ciIds: [],
    tags: [],
    resolutionCode: '',
    resolutionNotes: '',
    phase: 'open',
    sortDesc: MAX_TIME - NOW,
    createdAt: NOW,
    createdBy: 'per_req',
    updatedAt: NOW,
    updatedBy: 'per_req',
    resolvedAt: 0,
    closedAt: 0,
    ...overrides,
  };
}

function problem(n: number, overrides: Partial<TicketDoc> = {}): TicketDoc {
  return ticket(n, { kind: 'problem', number: `PRB-TEST-${String(n).padStart(4, '0')}`, ...overrides });
}

const badge = problem(1, {
  title: 'Badge reader at the north door rejects badges',
  workaround: 'Let visitors in through the south entrance and log them by hand.',
  rootCause: 'Expired certificate on the door controller.',
  knownError: true,
  status: 'in_progress',
  assigneeId: 'per_tech',
});
const printer = problem(2, {
  title: 'Colour printer on floor 3 jams on A3 paper',
  workaround: 'Print A3 on the floor 2 printer.',
  knownError: true,
  status: 'assigned',
  assigneeId: 'per_tech',
});
const vpn = problem(3, {
  title: 'VPN disconnects every hour',
  workaround: 'Reconnect; use the office network for long uploads.',
  knownError: true,
  status: 'in_progress',
  assigneeId: 'per_tech',
});

describe('matchWords', () => {
  it('lower-cases, splits on punctuation and drops common words', () => {
    expect(matchWords("The badge READER doesn't work at the North-door!")).toEqual([
      'badge',
      'reader',
      'north',
      'door',
    ]);
    expect(matchWords('Ein Drucker druckt nicht: Überhitzung')).toContain('überhitzung');
    expect(matchWords('   ')).toEqual([]);
  });
});

describe('isKnownError', () => {
  it('takes flagged problems in force, not closed, cancelled or resolved without a fix', () => {
    expect(isKnownError(badge)).toBe(true);
    expect(isKnownError({ ...badge, knownError: false })).toBe(false);
    expect(isKnownError({ ...badge, knownError: undefined })).toBe(false);
    expect(isKnownError({ ...badge, kind: 'incident' })).toBe(false);
    expect(isKnownError({ ...badge, status: 'closed', resolutionCode: 'fixed' })).toBe(false);
    expect(isKnownError({ ...badge, status: 'cancelled' })).toBe(false);
    expect(isKnownError({ ...badge, status: 'resolved', resolutionCode: 'fixed' })).toBe(true);
    expect(isKnownError({ ...badge, status: 'resolved', resolutionCode: 'duplicate' })).toBe(false);
    expect(isKnownError({ ...badge, status: 'resolved', resolutionCode: 'cancelled' })).toBe(false);
  });
});

describe('rankKnownErrors', () => {
  const all = [printer, vpn, badge];

  it('finds the known error that shares words with the incident, prefixes included', () => {
    const result = rankKnownErrors(
      { title: 'Badge reader north entrance rejects cards', description: 'Nobody can get in.' },
      all,
    );
    expect(result.map((m) => m.problem.number)).toEqual([badge.number]);
    expect(result[0]?.terms).toEqual(['badge', 'reader', 'north', 'entrance', 'rejects']);
    expect(result[0]?.score).toBeGreaterThan(20);
  });

  it('weighs title words above description words, and hits in the known error title above its body', () => {
    const inTitle = rankKnownErrors({ title: 'printer' }, all, { minScore: 0 })[0];
    const inDescription = rankKnownErrors({ title: 'x', description: 'printer' }, all, { minScore: 0 })[0];
    expect(inTitle?.score).toBe(6); // 2 (incident title) x 3 (known error title)
    expect(inDescription?.score).toBe(3);
    const bodyOnly = rankKnownErrors({ title: 'uploads' }, all, { minScore: 0 })[0];
    expect(bodyOnly?.problem.number).toBe(vpn.number);
    expect(bodyOnly?.score).toBe(2);
    const prefix = rankKnownErrors({ title: 'print' }, all, { minScore: 0 })[0];
    expect(prefix?.score).toBeCloseTo(3.6);
  });

  it('ignores common words, non-known errors and weak matches', () => {
    expect(rankKnownErrors({ title: 'The the is not working' }, all)).toEqual([]);
    expect(rankKnownErrors({ title: 'badge reader' }, [{ ...badge, knownError: false }])).toEqual([]);
    expect(rankKnownErrors({ title: 'x', description: 'door' }, all)).toEqual([]);
    expect(rankKnownErrors({ title: 'x', description: 'door' }, all, { minScore: 0 })).toHaveLength(1);
  });

  it('keeps the best few, best first, ties by number', () => {
    const twin = { ...badge, id: 'tkt_9', number: 'PRB-TEST-0000' };
    const result = rankKnownErrors({ title: 'badge reader printer VPN' }, [...all, twin], { limit: 2 });
    expect(result.map((m) => m.problem.number)).toEqual(['PRB-TEST-0000', badge.number]);
  });

  it('returns only known errors, sorted, never more than the limit (property)', () => {
    const word = fc.constantFrom('badge', 'reader', 'door', 'printer', 'vpn', 'the', 'jams', 'hour', 'xyz');
    const text = fc.array(word, { maxLength: 8 }).map((w) => w.join(' '));
    const candidate = fc.record({
      title: text,
      workaround: text,
      knownError: fc.boolean(),
      status: fc.constantFrom<TicketStatus>('new', 'in_progress', 'resolved', 'closed', 'cancelled'),
    });
    fc.assert(
      fc.property(
        text,
        text,
        fc.array(candidate, { maxLength: 8 }),
        fc.nat(5),
        (title, description, specs, limit) => {
          const candidates = specs.map((spec, i) => problem(i + 1, { ...spec, resolutionCode: 'fixed' }));
          const result = rankKnownErrors({ title, description }, candidates, { limit, minScore: 0 });
          expect(result.length).toBeLessThanOrEqual(limit);
          for (const m of result) {
            expect(isKnownError(m.problem)).toBe(true);
            expect(m.score).toBeGreaterThan(0);
            expect(m.terms.length).toBeGreaterThan(0);
          }
          for (let i = 1; i < result.length; i++) {
            expect((result[i - 1]?.score ?? 0) >= (result[i]?.score ?? 0)).toBe(true);
          }
        },
      ),
    );
  });
});

describe('problems from a selection', () => {
  const numbers = new Map([[badge.id, badge.number]]);
  const numberOf = (id: string) => numbers.get(id);
  const a = ticket(10, { title: 'Badge reader at north door rejects badges', impact: 3, urgency: 2 });
  const b = ticket(11, { kind: 'request', title: 'Badge for new starter', impact: 1, urgency: 3 });

  it('drafts the first title, a list of the records and the highest impact and urgency', () => {
    const result = problemDraft([a, b], numberOf);
    expect(result).toEqual({
      ok: true,
      draft: {
        title: a.title,
        description: `Raised from 2 records:\n- ${a.number}: ${a.title}\n- ${b.number}: ${b.title}`,
        impact: 1,
        urgency: 2,
      },
    });
  });

  it('refuses other kinds, records linked elsewhere, closed records and empty selections', () => {
    expect(selectionRefusal([], numberOf)).toMatch(/at least one/);
    expect(selectionRefusal([a, ticket(12, { kind: 'change', number: 'CHG-1' })], numberOf)).toBe(
      'CHG-1 is a change; only incidents and requests can be linked to a problem.',
    );
    expect(selectionRefusal([a, { ...b, parentId: badge.id }], numberOf)).toBe(
      `${b.number} is already linked to ${badge.number}.`,
    );
    expect(selectionRefusal([{ ...a, parentId: 'tkt_gone' }], numberOf)).toBe(
      `${a.number} is already linked to another problem.`,
    );
    expect(selectionRefusal([{ ...a, status: 'closed' }], numberOf)).toMatch(/is closed/);
    expect(problemDraft([problem(5)], numberOf)).toEqual({
      ok: false,
      error: 'PRB-TEST-0005 is a problem; only incidents and requests can be linked to a problem.',
    });
    const many = Array.from({ length: 101 }, (_, i) => ticket(100 + i));
    expect(selectionRefusal(many, numberOf)).toMatch(/at most 100/);
  });

  it('draft levels are the minimum of the selection (property)', () => {
    const level = fc.constantFrom<Level>(1, 2, 3);
    fc.assert(
      fc.property(fc.array(fc.tuple(level, level), { minLength: 1, maxLength: 10 }), (levels) => {
        const records = levels.map(([impact, urgency], i) => ticket(i + 1, { impact, urgency }));
        const result = problemDraft(records, numberOf);
        if (!result.ok) throw new Error(result.error);
        expect(result.draft.impact).toBe(Math.min(...levels.map((l) => l[0])));
        expect(result.draft.urgency).toBe(Math.min(...levels.map((l) => l[1])));
        expect(result.draft.description.split('\n')).toHaveLength(records.length + 1);
      }),
    );
  });

  it('links only to problems that are not closed, and only records free to link', () => {
    expect(linkRefusal(a, badge, numberOf)).toBeNull();
    expect(linkRefusal({ ...a, parentId: badge.id }, badge, numberOf)).toBeNull();
    expect(linkRefusal({ ...a, parentId: badge.id }, printer, numberOf)).toMatch(/already linked/);
    expect(linkRefusal(a, { ...badge, status: 'closed' }, numberOf)).toMatch(/is closed/);
    expect(linkRefusal(a, ticket(3), numberOf)).toMatch(/is not a problem/);
  });
});

describe('resolving linked records', () => {
  const fixed = {
    ...badge,
    status: 'resolved' as const,
    resolutionCode: 'fixed',
    resolutionNotes: 'Certificate renewed.',
  };
  const linked = (n: number, kind: TicketKind, status: TicketStatus, more: Partial<TicketDoc> = {}) =>
    ticket(n, { kind, status, parentId: badge.id, ...more });

  it('resolves open linked incidents and requests with a code valid for each kind', () => {
    const records = [
      linked(1, 'incident', 'new'),
      linked(2, 'request', 'pending', { pendingReason: 'awaiting_vendor', assigneeId: 'per_other' }),
      linked(3, 'incident', 'resolved', { resolutionCode: 'solved', resolutionNotes: 'x' }),
      linked(4, 'incident', 'closed'),
      ticket(5, { status: 'in_progress', assigneeId: 'per_x' }),
      linked(6, 'incident', 'reopened', { parentId: 'tkt_other' }),
    ];
    const plan = planLinkedResolution(fixed, records);
    if (!plan.ok) throw new Error(plan.error);
    expect(plan.items.map((i) => i.record.id)).toEqual(['tkt_1', 'tkt_2']);
    expect(plan.items[0]?.patch).toMatchObject({
      status: 'resolved',
      resolutionCode: 'resolved_by_problem',
      assigneeId: 'per_tech',
    });
    expect(plan.items[1]?.patch.resolutionCode).toBe('fulfilled');
    expect(plan.items[1]?.patch.assigneeId).toBeUndefined();
    for (const { record, patch } of plan.items) {
      const edit = applyTicketEdit(record, patch, { now: NOW + 1, userId: 'per_agent' });
      expect(edit.ok).toBe(true);
    }
  });

  it('uses codes the status machines accept', () => {
    for (const [kind, code] of Object.entries(RESOLVED_BY_PROBLEM_CODE)) {
      expect(resolutionCodesFor(kind as TicketKind)).toContain(code);
    }
  });

  it('names the problem, its root cause and workaround in the notes', () => {
    const notes = resolutionNotesFor(fixed);
    expect(notes).toContain(`problem ${badge.number}`);
    expect(notes).toContain('Root cause: Expired certificate on the door controller.');
    expect(notes).toContain('Workaround: Let visitors in');
    const bare = resolutionNotesFor({ ...fixed, rootCause: '', workaround: undefined });
    expect(bare).toContain('Certificate renewed.');
    const long = resolutionNotesFor({ ...fixed, rootCause: 'r'.repeat(30_000) });
    expect(long.length).toBeLessThan(10_000);
  });

  it('refuses problems that are not resolved or were not fixed', () => {
    expect(planLinkedResolution(badge, [])).toEqual({
      ok: false,
      error: `${badge.number} is not resolved yet.`,
    });
    expect(planLinkedResolution({ ...fixed, resolutionCode: 'duplicate' }, []).ok).toBe(false);
    expect(planLinkedResolution({ ...fixed, kind: 'incident' }, []).ok).toBe(false);
    expect(planLinkedResolution({ ...fixed, status: 'closed' }, []).ok).toBe(true);
  });

  it('every planned patch is a valid edit of its record (property)', () => {
    const status = fc.constantFrom<TicketStatus>('new', 'assigned', 'in_progress', 'pending', 'reopened');
    const spec = fc.record({
      kind: fc.constantFrom<TicketKind>('incident', 'request'),
      status,
      assigned: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(spec, { maxLength: 6 }), fc.boolean(), (specs, problemAssigned) => {
        const records = specs.map((s, i) =>
          linked(i + 1, s.kind, s.status, {
            assigneeId: s.assigned || s.status === 'assigned' || s.status === 'in_progress' ? 'per_a' : '',
            pendingReason: s.status === 'pending' ? 'awaiting_vendor' : '',
          }),
        );
        const plan = planLinkedResolution(
          { ...fixed, assigneeId: problemAssigned ? 'per_tech' : '' },
          records,
        );
        if (!plan.ok) throw new Error(plan.error);
        expect(plan.items).toHaveLength(records.length);
        for (const { record, patch } of plan.items) {
          const edit = applyTicketEdit(record, patch, { now: NOW + 1, userId: 'per_agent' });
          if (!edit.ok) throw new Error(JSON.stringify(edit.errors));
          expect(edit.ticket.status).toBe('resolved');
          expect(edit.ticket.assigneeId).toBe(record.assigneeId || (problemAssigned ? 'per_tech' : ''));
        }
      }),
    );
  });
});
