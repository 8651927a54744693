import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_TIME } from '../domain/model';
import { jsonEqual, mergeOptionsFor, threeWayMerge, type MergeOptions, type MergeSide } from './merge';

type Doc = Record<string, unknown>;

const BASE: Doc = {
  id: 'tkt_1',
  type: 'ticket',
  title: 'Printer jams',
  status: 'new',
  assigneeId: '',
  tags: ['printer', 'floor-2'],
  ciIds: ['ci_a'],
  impact: 3,
  urgency: 3,
  priority: 5,
  updatedAt: 1_000,
  updatedBy: 'per_base',
};
const OPTIONS: MergeOptions = {
  setFields: ['tags', 'ciIds'],
  objectFields: ['attributes'],
  bookkeeping: ['updatedAt', 'updatedBy'],
};

function side(patch: Doc = {}, deleted = false, from: Doc = BASE): MergeSide {
  return { doc: { ...from, ...patch }, deleted };
}

function merge(local: MergeSide, remote: MergeSide, base: MergeSide | null = side(), options = OPTIONS) {
  return threeWayMerge({ base, local, remote }, options);
}

const LOCAL_EDIT = { updatedAt: 2_000, updatedBy: 'per_local' };
const REMOTE_EDIT = { updatedAt: 1_500, updatedBy: 'per_remote' };

describe('threeWayMerge: plain fields', () => {
  it('keeps the side that changed a field, and the value both agree on', () => {
    const result = merge(
      side({ title: 'Printer jams on floor 2', ...LOCAL_EDIT }),
      side({ status: 'assigned', assigneeId: 'per_tech', ...REMOTE_EDIT }),
    );
    expect(result.doc).toMatchObject({
      title: 'Printer jams on floor 2',
      status: 'assigned',
      assigneeId: 'per_tech',
    });
    expect(result.notices).toEqual([]);
    expect(result.deleted).toBe(false);
  });

  it('takes the remote value when both changed a field differently, and sets the local one aside', () => {
    const result = merge(
      side({ title: 'Local title', ...LOCAL_EDIT }),
      side({ title: 'Remote title', ...REMOTE_EDIT }),
    );
    expect(result.doc.title).toBe('Remote title');
    expect(result.notices).toEqual([{ field: 'title', kept: 'Remote title', setAside: 'Local title' }]);
  });

  it('raises no notice when both sides made the same change', () => {
    const result = merge(side({ title: 'Same', ...LOCAL_EDIT }), side({ title: 'Same', ...REMOTE_EDIT }));
    expect(result.doc.title).toBe('Same');
    expect(result.notices).toEqual([]);
  });

  it('compares JSON values whatever the order of their keys', () => {
    const base = side({ meta: { a: 1, b: [1, 2] } });
    const local = side({ meta: { b: [1, 2], a: 1 }, title: 'Edited' });
    const remote = side({ meta: { a: 1, b: [1, 2], c: 3 } });
    const result = merge(local, remote, base);
    expect(result.doc.meta).toEqual({ a: 1, b: [1, 2], c: 3 });
    expect(result.doc.title).toBe('Edited');
    expect(result.notices).toEqual([]);
  });

  it('treats a field one side removed as a change', () => {
    const { assigneeId: _gone, ...withoutAssignee } = BASE;
    expect(merge(side(), { doc: withoutAssignee, deleted: false }).doc).not.toHaveProperty('assigneeId');
    const conflict = merge(side({ assigneeId: 'per_x' }), { doc: withoutAssignee, deleted: false });
    expect(conflict.doc).not.toHaveProperty('assigneeId');
    expect(conflict.notices).toEqual([{ field: 'assigneeId', kept: undefined, setAside: 'per_x' }]);
  });
});

describe('threeWayMerge: set fields', () => {
  it('unites both additions and drops either removal, in remote order then local additions', () => {
    const local = side({ tags: ['printer', 'urgent', 'vip'], ...LOCAL_EDIT });
    const remote = side({ tags: ['hardware', 'floor-2', 'printer'], ...REMOTE_EDIT });
    // Local removed floor-2 and added urgent, vip; remote added hardware and reordered.
    const result = merge(local, remote);
    expect(result.doc.tags).toEqual(['hardware', 'printer', 'urgent', 'vip']);
    expect(result.notices).toEqual([]);
  });

  it('honours a removal against an unchanged side, and an addition both made once', () => {
    expect(merge(side({ ciIds: [] }), side()).doc.ciIds).toEqual([]);
    expect(merge(side(), side({ ciIds: [] })).doc.ciIds).toEqual([]);
    expect(merge(side({ ciIds: ['ci_a', 'ci_b'] }), side({ ciIds: ['ci_b', 'ci_a'] })).doc.ciIds).toEqual([
      'ci_b',
      'ci_a',
    ]);
  });

  it('unites both sides when there is no common ancestor, without a notice', () => {
    const result = merge(side({ tags: ['a', 'b'] }), side({ tags: ['c', 'a'] }), null);
    expect(result.doc.tags).toEqual(['c', 'a', 'b']);
    expect(result.notices).toEqual([]);
  });

  it('falls back to the plain rule when a side holds something else than strings', () => {
    const result = merge(side({ tags: 'printer' }), side({ tags: ['printer', 'new'] }));
    expect(result.doc.tags).toEqual(['printer', 'new']);
    expect(result.notices).toEqual([{ field: 'tags', kept: ['printer', 'new'], setAside: 'printer' }]);
  });
});

describe('threeWayMerge: object fields', () => {
  const ci = {
    id: 'ci_1',
    type: 'ci',
    attributes: { os: 'Linux', ram: 8, ssd: true },
    updatedAt: 1,
    updatedBy: 'p',
  };

  it('merges key by key and names the key in a notice', () => {
    const base = side({}, false, ci);
    const local = side({ attributes: { os: 'Debian', ram: 16, ssd: true, rack: 'B2' } }, false, ci);
    const remote = side({ attributes: { os: 'Ubuntu', ram: 8 } }, false, ci);
    const result = merge(local, remote, base);
    expect(result.doc.attributes).toEqual({ os: 'Ubuntu', ram: 16, rack: 'B2' });
    expect(result.notices).toEqual([{ field: 'attributes.os', kept: 'Ubuntu', setAside: 'Debian' }]);
  });

  it('keeps a key one side removed and the other changed, with a notice when it was local', () => {
    const base = side({}, false, ci);
    const local = side({ attributes: { os: 'Linux', ram: 32, ssd: true } }, false, ci);
    const remote = side({ attributes: { os: 'Linux', ssd: true } }, false, ci);
    const result = merge(local, remote, base);
    expect(result.doc.attributes).toEqual({ os: 'Linux', ssd: true });
    expect(result.notices).toEqual([{ field: 'attributes.ram', kept: undefined, setAside: 32 }]);
  });

  it('reports every differing key when there is no common ancestor', () => {
    const local = side({ attributes: { os: 'Linux', ram: 16 } }, false, ci);
    const remote = side({ attributes: { os: 'Linux', ram: 8 } }, false, ci);
    const result = merge(local, remote, null);
    expect(result.doc.attributes).toEqual({ os: 'Linux', ram: 8 });
    expect(result.notices).toEqual([{ field: 'attributes.ram', kept: 8, setAside: 16 }]);
  });
});

describe('threeWayMerge: bookkeeping and derived fields', () => {
  it('takes the later updatedAt and the local editor when local changed something', () => {
    const result = merge(
      side({ title: 'Local', ...LOCAL_EDIT }),
      side({ status: 'assigned', ...REMOTE_EDIT }),
    );
    expect(result.doc).toMatchObject({ updatedAt: 2_000, updatedBy: 'per_local' });
    const remoteLater = merge(
      side({ title: 'Local', ...LOCAL_EDIT }),
      side({ status: 'x', updatedAt: 9_000, updatedBy: 'r' }),
    );
    expect(remoteLater.doc).toMatchObject({ updatedAt: 9_000, updatedBy: 'per_local' });
  });

  it('keeps the remote editor when local only touched bookkeeping, and never reports it', () => {
    const result = merge(
      side({ updatedAt: 5_000, updatedBy: 'per_local' }),
      side({ title: 'Remote', ...REMOTE_EDIT }),
    );
    expect(result.doc).toMatchObject({ title: 'Remote', updatedAt: 5_000, updatedBy: 'per_remote' });
    expect(result.notices).toEqual([]);
  });

  it('returns the remote state untouched when both say the same apart from bookkeeping', () => {
    const remote = side({ title: 'Same', ...REMOTE_EDIT });
    const result = merge(side({ title: 'Same', ...LOCAL_EDIT }), remote);
    expect(result).toEqual({ doc: remote.doc, deleted: false, notices: [] });
    expect(result.doc).not.toBe(remote.doc);
  });

  it('leaves derived fields out of the merge and lets finalize recompute them', () => {
    const options: MergeOptions = {
      ...OPTIONS,
      derived: ['priority'],
      finalize: (doc) => ({ ...doc, priority: (doc.impact as number) + (doc.urgency as number) - 1 }),
    };
    const local = side({ impact: 1, priority: 3, ...LOCAL_EDIT });
    const remote = side({ urgency: 2, priority: 4, ...REMOTE_EDIT });
    const result = merge(local, remote, side(), options);
    expect(result.doc).toMatchObject({ impact: 1, urgency: 2, priority: 2 });
    expect(result.notices).toEqual([]);
  });

  it('without finalize, takes derived values from a side whose content the result equals', () => {
    const options: MergeOptions = { ...OPTIONS, derived: ['priority'] };
    expect(merge(side({ impact: 1, priority: 3 }), side(REMOTE_EDIT), side(), options).doc.priority).toBe(3);
    expect(merge(side(LOCAL_EDIT), side({ impact: 1, priority: 3 }), side(), options).doc.priority).toBe(3);
    const both = merge(side({ impact: 1, priority: 3 }), side({ urgency: 1, priority: 1 }), side(), options);
    expect(both.doc.priority).toBe(1);
    expect(both.notices).toEqual([]);
  });

  it('follows the remote side for storage fields and never reports them', () => {
    const result = merge(side({ title: 'L', _meta: { lwt: 5 } }), side({ status: 'x', _meta: { lwt: 9 } }));
    expect(result.doc._meta).toEqual({ lwt: 9 });
    expect(result.notices).toEqual([]);
  });
});

describe('threeWayMerge: deletions', () => {
  const notice = { field: '_deleted', kept: false, setAside: true };

  it('lets an edit win over a concurrent deletion, keeping both bodies’ changes', () => {
    const deletedLocally = merge(
      side({ title: 'Edited before deleting' }, true),
      side({ status: 'assigned' }),
    );
    expect(deletedLocally.deleted).toBe(false);
    expect(deletedLocally.doc).toMatchObject({ title: 'Edited before deleting', status: 'assigned' });
    expect(deletedLocally.notices).toEqual([notice]);
    const deletedRemotely = merge(side({ status: 'assigned' }), side({}, true));
    expect(deletedRemotely).toMatchObject({ deleted: false, notices: [notice] });
    expect(deletedRemotely.doc.status).toBe('assigned');
  });

  it('keeps a deletion when the other side did not edit the content', () => {
    expect(merge(side({}, true), side(REMOTE_EDIT)).deleted).toBe(true);
    const remoteDeleted = merge(side(LOCAL_EDIT), side(REMOTE_EDIT, true));
    expect(remoteDeleted).toMatchObject({ deleted: true, notices: [] });
  });

  it('keeps a deletion made on both sides without a notice', () => {
    const result = merge(side({ title: 'Local' }, true), side({ title: 'Remote' }, true));
    expect(result).toMatchObject({ deleted: true, notices: [] });
    expect(result.doc.title).toBe('Remote');
  });

  it('reports no deletion that was already in the common ancestor', () => {
    const result = merge(side({ title: 'Restored' }), side({}, true), side({}, true));
    expect(result).toMatchObject({ deleted: false, notices: [] });
  });

  it('lets the live side win when the sides share no history', () => {
    expect(merge(side({}, true), side(), null)).toMatchObject({ deleted: false, notices: [notice] });
  });
});

describe('threeWayMerge: other cases', () => {
  it('compares everything against nothing when there is no common ancestor', () => {
    const result = merge(side({ title: 'A', status: 'new' }), side({ title: 'B', status: 'new' }), null);
    expect(result.doc).toMatchObject({ title: 'B', status: 'new' });
    expect(result.notices).toEqual([{ field: 'title', kept: 'B', setAside: 'A' }]);
  });

  it('returns the only side there is', () => {
    expect(merge(side({ title: 'L' }), null as unknown as MergeSide).doc.title).toBe('L');
    expect(threeWayMerge({ base: null, local: null, remote: side({}, true) })).toMatchObject({
      deleted: true,
    });
    expect(() => threeWayMerge({ base: null, local: null, remote: null })).toThrow();
  });

  it('neither changes its inputs nor depends on anything but them', () => {
    const freeze = (s: MergeSide): MergeSide => Object.freeze({ ...s, doc: Object.freeze(s.doc) });
    const input = {
      base: freeze(side()),
      local: freeze(side({ title: 'L', tags: ['x'] })),
      remote: freeze(side({ title: 'R' })),
    };
    const first = threeWayMerge(input, OPTIONS);
    expect(threeWayMerge(input, OPTIONS)).toEqual(first);
  });
});

describe('mergeOptionsFor', () => {
  it('gives every collection the bookkeeping fields and its own field kinds', () => {
    expect(mergeOptionsFor('tickets')).toEqual({
      setFields: ['tags', 'ciIds'],
      derived: ['priority', 'phase', 'sortDesc'],
      bookkeeping: ['updatedAt', 'updatedBy'],
    });
    expect(mergeOptionsFor('cis').objectFields).toEqual(['attributes']);
    expect(mergeOptionsFor('settings').objectFields).toEqual(['value']);
    expect(mergeOptionsFor('activities')).toEqual({ bookkeeping: ['updatedAt', 'updatedBy'] });
    expect(mergeOptionsFor('constructor')).toEqual({ bookkeeping: ['updatedAt', 'updatedBy'] });
  });

  it('recomputes an article’s sort key from the merged updatedAt', () => {
    const article = {
      id: 'kb_1',
      type: 'article',
      title: 'T',
      tags: [],
      updatedAt: 10,
      updatedBy: 'a',
      sortDesc: 0,
    };
    const result = threeWayMerge(
      {
        base: side({}, false, article),
        local: side({ title: 'L', updatedAt: 20 }, false, article),
        remote: side({ tags: ['x'], updatedAt: 30 }, false, article),
      },
      mergeOptionsFor('articles'),
    );
    expect(result.doc).toMatchObject({ title: 'L', tags: ['x'], updatedAt: 30, sortDesc: MAX_TIME - 30 });
  });
});

describe('threeWayMerge: properties', () => {
  const value = fc.constantFrom<unknown>('a', 'b', 1, 2, ['x'], { k: 1 }, undefined);
  const doc = fc.record({ title: value, status: value, tags: fc.subarray(['p', 'q', 'r', 's']) });
  const toSide = (fields: Doc, deleted = false): MergeSide => ({
    doc: Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
    deleted,
  });

  it('is the other side when one side did not change', () => {
    fc.assert(
      fc.property(doc, doc, (base, other) => {
        const unchanged = toSide(base);
        const changed = toSide(other);
        expect(threeWayMerge({ base: unchanged, local: unchanged, remote: changed }, OPTIONS)).toEqual({
          ...changed,
          notices: [],
        });
        const remoteUnchanged = threeWayMerge(
          { base: unchanged, local: changed, remote: unchanged },
          OPTIONS,
        );
        expect(jsonEqual(remoteUnchanged.doc, changed.doc)).toBe(true);
        expect(remoteUnchanged.notices).toEqual([]);
      }),
    );
  });

  it('keeps every local change or sets it aside in a notice', () => {
    fc.assert(
      fc.property(doc, doc, doc, (base, local, remote) => {
        const result = threeWayMerge(
          { base: toSide(base), local: toSide(local), remote: toSide(remote) },
          OPTIONS,
        );
        for (const field of ['title', 'status'] as const) {
          const changed = !jsonEqual(local[field], base[field]);
          const kept = jsonEqual(result.doc[field], local[field]);
          const noticed = result.notices.some(
            (n) => n.field === field && jsonEqual(n.setAside, local[field]),
          );
          if (changed) expect(kept || noticed).toBe(true);
          // The result only ever holds a value one of the sides holds.
          expect(kept || jsonEqual(result.doc[field], remote[field])).toBe(true);
        }
      }),
    );
  });
});
