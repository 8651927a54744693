import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  approvalsNeeded,
  enteredAuthorizeAt,
  tallyVotes,
  validateCabSettings,
  type CabRule,
  DEFAULT_CAB_SETTINGS,
} from './cab';
import type { ActivityDoc, FieldChange, Vote } from './model';

const T = 1_780_000_000_000;
let seq = 0;

function vote(by: string, v: Vote, at: number, id?: string, body = ''): ActivityDoc {
  seq++;
  return {
    id: id ?? `act_${String(seq).padStart(4, '0')}`,
    type: 'activity',
    parentId: 'chg',
    kind: 'vote',
    vote: v,
    body,
    minutes: 0,
    changes: [],
    createdAt: at,
    createdBy: by,
    updatedAt: at,
    updatedBy: by,
  };
}

function statusChange(to: string, at: number, from = 'assess'): ActivityDoc {
  const changes: FieldChange[] = [{ field: 'status', from, to }];
  return { ...vote('per_x', 'approve', at), kind: 'change', vote: undefined, changes };
}

const ALL: CabRule = { kind: 'all' };
const MAJORITY: CabRule = { kind: 'majority' };
const approvers = ['per_a', 'per_b', 'per_c'];

describe('approvalsNeeded', () => {
  it('follows each rule', () => {
    expect(approvalsNeeded(ALL, 3)).toBe(3);
    expect(approvalsNeeded(MAJORITY, 3)).toBe(2);
    expect(approvalsNeeded(MAJORITY, 4)).toBe(3);
    expect(approvalsNeeded({ kind: 'count', count: 2 }, 3)).toBe(2);
    // More than there are approvers means all of them; at least one.
    expect(approvalsNeeded({ kind: 'count', count: 9 }, 3)).toBe(3);
    expect(approvalsNeeded({ kind: 'count', count: 0 }, 3)).toBe(1);
    expect(approvalsNeeded(ALL, 0)).toBe(0);
  });
});

describe('tallyVotes: counting rules', () => {
  it('all: approved only when every approver approved', () => {
    const two = [vote('per_a', 'approve', T), vote('per_b', 'approve', T + 1)];
    expect(tallyVotes(two, approvers, ALL).outcome).toBe('pending');
    const three = [...two, vote('per_c', 'approve', T + 2)];
    expect(tallyVotes(three, approvers, ALL)).toMatchObject({ outcome: 'approved', needed: 3, waiting: [] });
  });

  it('all: one rejection rejects', () => {
    const votes = [vote('per_a', 'approve', T), vote('per_b', 'reject', T + 1, undefined, 'No back-out')];
    const tally = tallyVotes(votes, approvers, ALL);
    expect(tally.outcome).toBe('rejected');
    expect(tally.rejections).toEqual([
      { approverId: 'per_b', vote: 'reject', comment: 'No back-out', at: T + 1 },
    ]);
    expect(tally.waiting).toEqual(['per_c']);
  });

  it('majority: two of three approve; two rejections make it impossible', () => {
    expect(
      tallyVotes([vote('per_a', 'approve', T), vote('per_c', 'approve', T)], approvers, MAJORITY).outcome,
    ).toBe('approved');
    const oneNo = [vote('per_a', 'reject', T, undefined, 'x')];
    expect(tallyVotes(oneNo, approvers, MAJORITY).outcome).toBe('pending');
    const twoNo = [...oneNo, vote('per_b', 'reject', T, undefined, 'y')];
    expect(tallyVotes(twoNo, approvers, MAJORITY).outcome).toBe('rejected');
  });

  it('count N: N approvals are enough even with a rejection', () => {
    const rule: CabRule = { kind: 'count', count: 1 };
    const votes = [vote('per_a', 'reject', T, undefined, 'x'), vote('per_b', 'approve', T + 1)];
    expect(tallyVotes(votes, approvers, rule)).toMatchObject({ outcome: 'approved', needed: 1 });
    const rule2: CabRule = { kind: 'count', count: 2 };
    expect(tallyVotes(votes, approvers, rule2).outcome).toBe('pending');
  });
});

describe('tallyVotes: which ballots count', () => {
  it('counts each approver’s latest vote', () => {
    const changed = [vote('per_a', 'reject', T, undefined, 'x'), vote('per_a', 'approve', T + 5)];
    expect(tallyVotes(changed, ['per_a'], ALL).outcome).toBe('approved');
    const changedBack = [...changed, vote('per_a', 'reject', T + 9, undefined, 'y')];
    expect(tallyVotes(changedBack, ['per_a'], ALL).outcome).toBe('rejected');
  });

  it('ignores votes from before the change last entered Authorize', () => {
    const timeline = [
      statusChange('authorize', T),
      vote('per_a', 'approve', T + 1),
      statusChange('assess', T + 2, 'authorize'),
      statusChange('authorize', T + 3),
      vote('per_b', 'approve', T + 4),
    ];
    const since = enteredAuthorizeAt(timeline);
    expect(since).toBe(T + 3);
    const tally = tallyVotes(timeline, ['per_a', 'per_b'], ALL, since);
    expect(tally.outcome).toBe('pending');
    expect(tally.waiting).toEqual(['per_a']);
    expect(tallyVotes(timeline, ['per_a', 'per_b'], ALL).outcome).toBe('approved');
  });

  it('ignores people who are not approvers, and non-vote entries', () => {
    const votes = [vote('per_z', 'approve', T), statusChange('authorize', T), vote('per_a', 'approve', T)];
    const tally = tallyVotes(votes, ['per_a', 'per_b'], ALL);
    expect(tally.approvals.map((b) => b.approverId)).toEqual(['per_a']);
    expect(tally.outcome).toBe('pending');
  });

  it('breaks a tie on time by the larger id, on every replica', () => {
    const a = vote('per_a', 'approve', T, 'act_0001');
    const b = vote('per_a', 'reject', T, 'act_0002', 'x');
    expect(tallyVotes([a, b], ['per_a'], ALL).outcome).toBe('rejected');
    expect(tallyVotes([b, a], ['per_a'], ALL).outcome).toBe('rejected');
  });

  it('counts duplicate approver ids once', () => {
    const tally = tallyVotes([vote('per_a', 'approve', T)], ['per_a', 'per_a', 'per_b'], ALL);
    expect(tally).toMatchObject({ outcome: 'pending', needed: 2, waiting: ['per_b'] });
  });

  it('never approves without approvers', () => {
    const votes = [vote('per_a', 'approve', T)];
    for (const rule of [ALL, MAJORITY, { kind: 'count', count: 1 } as CabRule]) {
      expect(tallyVotes(votes, [], rule).outcome).toBe('pending');
      expect(tallyVotes([], [], rule).outcome).toBe('pending');
    }
  });
});

describe('tallyVotes: properties', () => {
  const people = ['per_a', 'per_b', 'per_c', 'per_d'];
  const ballot = fc.record({
    by: fc.constantFrom(...people, 'per_outsider'),
    vote: fc.constantFrom<Vote>('approve', 'reject'),
    at: fc.integer({ min: T, max: T + 20 }),
  });
  const rule = fc.oneof(
    fc.constant<CabRule>(ALL),
    fc.constant<CabRule>(MAJORITY),
    fc.integer({ min: 1, max: 5 }).map<CabRule>((count) => ({ kind: 'count', count })),
  );
  const timeline = fc
    .array(ballot, { maxLength: 25 })
    .map((list) => list.map((b, i) => vote(b.by, b.vote, b.at, `act_${String(i).padStart(3, '0')}`, 'c')));

  it('does not depend on the order in which replicas received the votes', () => {
    fc.assert(
      fc.property(
        timeline.chain((votes) =>
          fc.tuple(fc.constant(votes), fc.shuffledSubarray(votes, { minLength: votes.length })),
        ),
        fc.subarray(people),
        rule,
        fc.integer({ min: T, max: T + 20 }),
        ([votes, shuffled], approverIds, r, since) => {
          expect(tallyVotes(shuffled, approverIds, r, since)).toEqual(
            tallyVotes(votes, approverIds, r, since),
          );
        },
      ),
    );
  });

  it('keeps its counts consistent with the outcome', () => {
    fc.assert(
      fc.property(timeline, fc.subarray(people), rule, (votes, approverIds, r) => {
        const tally = tallyVotes(votes, approverIds, r);
        const n = approverIds.length;
        expect(tally.approvals.length + tally.rejections.length + tally.waiting.length).toBe(n);
        if (tally.outcome === 'approved') expect(tally.approvals.length).toBeGreaterThanOrEqual(tally.needed);
        if (n === 0) expect(tally.outcome).toBe('pending');
        if (tally.outcome === 'pending') {
          expect(tally.approvals.length + tally.waiting.length).toBeGreaterThanOrEqual(tally.needed);
        }
      }),
    );
  });
});

describe('validateCabSettings', () => {
  it('reads valid settings and falls back for anything else', () => {
    expect(
      validateCabSettings({ rule: { kind: 'count', count: 2.7 }, approverIds: ['per_a', '', 3] }),
    ).toEqual({
      rule: { kind: 'count', count: 2 },
      approverIds: ['per_a'],
    });
    expect(validateCabSettings({ rule: { kind: 'majority' } })).toEqual({ rule: MAJORITY, approverIds: [] });
    expect(validateCabSettings({ rule: { kind: 'count', count: 0 } }).rule).toEqual(ALL);
    expect(validateCabSettings('all')).toEqual(DEFAULT_CAB_SETTINGS);
    expect(validateCabSettings(null)).toEqual(DEFAULT_CAB_SETTINGS);
  });
});
