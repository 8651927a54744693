import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TICKET_STATUSES, type TicketDoc, type TicketStatus } from './model';
import { changeReadiness, exclusionError, inclusionError, releaseReadiness } from './release';

const RELEASE = { id: 'tkt_rel', number: 'REL-AAAA-0001', kind: 'release', status: 'in_progress' } as const;

type ChangeShape = Pick<
  TicketDoc,
  'id' | 'number' | 'title' | 'status' | 'resolutionCode' | 'kind' | 'parentId'
>;

function change(
  n: number,
  status: TicketStatus,
  resolutionCode = '',
  parentId: string = RELEASE.id,
): ChangeShape {
  const number = `CHG-AAAA-${String(n).padStart(4, '0')}`;
  return { id: `tkt_c${n}`, number, title: `Change ${n}`, status, resolutionCode, kind: 'change', parentId };
}

describe('changeReadiness', () => {
  // Written out per status rather than derived, so a change to the rules shows up here.
  const EXPECTED: Record<TicketStatus, { state: string; reason: RegExp }> = {
    new: { state: 'waiting', reason: /not approved/i },
    assess: { state: 'waiting', reason: /not approved/i },
    authorize: { state: 'waiting', reason: /not approved/i },
    scheduled: { state: 'waiting', reason: /not implemented/i },
    implement: { state: 'waiting', reason: /not implemented/i },
    review: { state: 'ready', reason: /implemented, in review/i },
    closed: { state: 'blocked', reason: /without success/i },
    cancelled: { state: 'dropped', reason: /cancelled/i },
    // Not change statuses; a change never holds them, but readiness must not call them ready.
    assigned: { state: 'waiting', reason: /not approved/i },
    in_progress: { state: 'waiting', reason: /not approved/i },
    pending: { state: 'waiting', reason: /not approved/i },
    resolved: { state: 'waiting', reason: /not approved/i },
    reopened: { state: 'waiting', reason: /not approved/i },
  };

  it.each(TICKET_STATUSES.map((s) => [s]))('status %s', (status) => {
    const result = changeReadiness(change(1, status));
    const expected = EXPECTED[status];
    expect(result.state).toBe(expected.state);
    expect(result.ready).toBe(expected.state === 'ready');
    expect(result.reason).toMatch(expected.reason);
    expect(result).toMatchObject({ id: 'tkt_c1', number: 'CHG-AAAA-0001', status });
  });

  it('a closed change is ready only when it succeeded', () => {
    expect(changeReadiness(change(1, 'closed', 'successful')).ready).toBe(true);
    expect(changeReadiness(change(1, 'closed', 'successful_with_issues')).ready).toBe(true);
    const rolledBack = changeReadiness(change(1, 'closed', 'rolled_back'));
    expect(rolledBack).toMatchObject({ ready: false, state: 'blocked', reason: 'Rolled back' });
    expect(changeReadiness(change(1, 'closed', 'unsuccessful'))).toMatchObject({
      ready: false,
      state: 'blocked',
    });
  });
});

describe('releaseReadiness', () => {
  it('an empty release is not ready', () => {
    const result = releaseReadiness(RELEASE, []);
    expect(result).toMatchObject({ ready: false, progress: 0, changes: [], blockers: [] });
    expect(result.summary).toMatch(/includes no changes/);
  });

  it('is ready when every included change is implemented', () => {
    const result = releaseReadiness(RELEASE, [change(1, 'review'), change(2, 'closed', 'successful')]);
    expect(result.ready).toBe(true);
    expect(result.progress).toBe(1);
    expect(result.blockers).toEqual([]);
    expect(result.summary).toBe('Ready to release: all 2 included changes are implemented.');
  });

  it('one waiting change keeps it not ready and names it', () => {
    const result = releaseReadiness(RELEASE, [change(1, 'review'), change(2, 'implement')]);
    expect(result.ready).toBe(false);
    expect(result.progress).toBe(0.5);
    expect(result.blockers.map((c) => c.number)).toEqual(['CHG-AAAA-0002']);
    expect(result.summary).toBe('Cannot be released yet: CHG-AAAA-0002 (approved, not implemented yet).');
  });

  it.each([['unsuccessful'], ['rolled_back']])('a change closed as %s blocks the release', (code) => {
    const result = releaseReadiness(RELEASE, [change(1, 'review'), change(2, 'closed', code)]);
    expect(result.ready).toBe(false);
    expect(result.blockers).toHaveLength(1);
    expect(result.blockers[0]?.state).toBe('blocked');
  });

  it('a cancelled change is listed but not counted', () => {
    const result = releaseReadiness(RELEASE, [change(1, 'review'), change(2, 'cancelled')]);
    expect(result.ready).toBe(true);
    expect(result.changes).toHaveLength(2);
    expect(result.progress).toBe(1);
    const onlyCancelled = releaseReadiness(RELEASE, [change(2, 'cancelled')]);
    expect(onlyCancelled.ready).toBe(false);
    expect(onlyCancelled.summary).toMatch(/every included change was cancelled/);
  });

  it('ignores changes of other releases and records that are not changes', () => {
    const other = change(3, 'new', '', 'tkt_other');
    const task = { ...change(4, 'new'), kind: 'task' as const };
    const result = releaseReadiness(RELEASE, [change(1, 'review'), other, task]);
    expect(result.changes.map((c) => c.number)).toEqual(['CHG-AAAA-0001']);
    expect(result.ready).toBe(true);
  });

  it('lists changes by number whatever the input order, and summarises at most five', () => {
    const changes = [7, 3, 9, 1, 5, 2, 8].map((n) => change(n, 'assess'));
    const result = releaseReadiness(RELEASE, changes);
    expect(result.changes.map((c) => c.number)).toEqual(
      [1, 2, 3, 5, 7, 8, 9].map((n) => `CHG-AAAA-${String(n).padStart(4, '0')}`),
    );
    expect(result.summary).toMatch(/CHG-AAAA-0007 \(not approved yet\) and 2 more\.$/);
  });

  it('is ready exactly when at least one counted change exists and all counted are ready', () => {
    const statuses = fc.constantFrom<TicketStatus>(...TICKET_STATUSES);
    const codes = fc.constantFrom('', 'successful', 'successful_with_issues', 'unsuccessful', 'rolled_back');
    fc.assert(
      fc.property(fc.array(fc.tuple(statuses, codes), { maxLength: 12 }), (specs) => {
        const changes = specs.map(([status, code], i) => change(i + 1, status, code));
        const result = releaseReadiness(RELEASE, changes);
        const counted = result.changes.filter((c) => c.state !== 'dropped');
        expect(result.ready).toBe(counted.length > 0 && counted.every((c) => c.ready));
        expect(result.progress).toBeGreaterThanOrEqual(0);
        expect(result.progress).toBeLessThanOrEqual(1);
        if (result.ready) expect(result.progress).toBe(1);
        const sorted = result.changes.map((c) => c.number);
        expect(sorted).toEqual([...sorted].sort());
      }),
    );
  });
});

describe('inclusionError / exclusionError', () => {
  const open = { id: 'tkt_c1', number: 'CHG-AAAA-0001', kind: 'change', status: 'assess' } as const;

  it('accepts an open change that belongs to no release', () => {
    expect(inclusionError(RELEASE, open)).toBeNull();
    expect(inclusionError(RELEASE, { ...open, parentId: '' })).toBeNull();
  });

  it('refuses closed and cancelled changes, other kinds and finished releases', () => {
    expect(inclusionError(RELEASE, { ...open, status: 'closed' })).toMatch(/is closed/);
    expect(inclusionError(RELEASE, { ...open, status: 'cancelled' })).toMatch(/is cancelled/);
    expect(inclusionError(RELEASE, { ...open, kind: 'incident' })).toMatch(/not a change/);
    expect(inclusionError({ ...RELEASE, kind: 'project' }, open)).toMatch(/only be added to a release/);
    expect(inclusionError({ ...RELEASE, status: 'resolved' }, open)).toMatch(/finished/);
  });

  it('refuses a change already in this or another release, naming the other one', () => {
    expect(inclusionError(RELEASE, { ...open, parentId: RELEASE.id })).toMatch(/already part of this/);
    expect(inclusionError(RELEASE, { ...open, parentId: 'tkt_other' }, 'REL-BBBB-0002')).toBe(
      'CHG-AAAA-0001 is already part of REL-BBBB-0002; remove it there first.',
    );
    expect(inclusionError(RELEASE, { ...open, parentId: 'tkt_other' })).toMatch(/another release/);
  });

  it('removes changes of this, unfinished, release, failed closed ones included', () => {
    const inRelease = { ...open, parentId: RELEASE.id };
    expect(exclusionError(RELEASE, inRelease)).toBeNull();
    expect(exclusionError(RELEASE, open)).toMatch(/not part of this release/);
    expect(exclusionError(RELEASE, { ...inRelease, status: 'closed' })).toBeNull();
    expect(exclusionError({ ...RELEASE, status: 'closed' }, inRelease)).toMatch(/finished/);
  });
});
