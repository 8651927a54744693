import { afterEach, describe, expect, it } from 'vitest';
import type { RxConflictHandler, WithDeleted } from 'rxdb';
import type { ActivityDoc, TicketDoc } from '../../shared/domain/model';
import {
  createConflictHandlers,
  appendOnlyConflictHandler,
  canonicalJson,
  compareVersions,
  latestWinsConflictHandler,
  stableHash,
} from './conflicts';
import { COLLECTION_NAMES } from './schemas';
import { emptyHookSlot } from './conflictHooks';
import { createDbTracker, fixtureTicket } from './testDb';

type T = WithDeleted<TicketDoc>;
const live = (doc: TicketDoc): T => ({ ...doc, _deleted: false });

/** Resolves as both replicas would: each sees its own state as the fork. */
async function bothWays(handler: RxConflictHandler<TicketDoc>, a: T, b: T): Promise<[T, T]> {
  const onA = await handler.resolve({ realMasterState: b, newDocumentState: a }, 'test');
  const onB = await handler.resolve({ realMasterState: a, newDocumentState: b }, 'test');
  return [onA, onB];
}

describe('canonicalJson and stableHash', () => {
  it('ignore key order and local bookkeeping fields', () => {
    const a = { b: 1, a: { y: [1, { d: 2, c: 3 }], x: 'x' }, _rev: '1-a', _meta: { lwt: 1 } };
    const b = { a: { x: 'x', y: [1, { c: 3, d: 2 }] }, b: 1, _rev: '9-z', _attachments: {} };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(stableHash(canonicalJson(a))).toBe(stableHash(canonicalJson(b)));
  });

  it('differ for different content and stay stable across runs', () => {
    expect(stableHash('a')).not.toBe(stableHash('b'));
    // Pinned values (cyrb53, seed 0): every replica and every version must break ties alike,
    // so changing the hash is a protocol change.
    expect(stableHash('')).toBe(3338908027751811);
    expect(stableHash('outpost')).toBe(8536801207852391);
    expect(Number.isSafeInteger(stableHash('x'.repeat(10_000)))).toBe(true);
  });
});

describe('latestWinsConflictHandler', () => {
  const handler = latestWinsConflictHandler<TicketDoc>();
  const base = fixtureTicket(1);

  it('treats equal content as no conflict, whatever the key order', () => {
    const reordered = JSON.parse(JSON.stringify(live(base), Object.keys(live(base)).reverse())) as T;
    expect(handler.isEqual(live(base), reordered, 'test')).toBe(true);
    expect(handler.isEqual(live(base), live({ ...base, title: 'Other' }), 'test')).toBe(false);
    expect(handler.isEqual(live(base), { ...live(base), _deleted: true }, 'test')).toBe(false);
  });

  it('keeps the side with the greater updatedAt, on every replica', async () => {
    const older = live({ ...base, title: 'older', updatedAt: 100 });
    const newer = live({ ...base, title: 'newer', updatedAt: 200 });
    const [onA, onB] = await bothWays(handler, older, newer);
    expect(onA.title).toBe('newer');
    expect(onB.title).toBe('newer');
  });

  it('breaks an updatedAt tie by updatedBy, then by content hash', async () => {
    const byAnn = live({ ...base, title: 'ann', updatedAt: 100, updatedBy: 'per_ann' });
    const byBob = live({ ...base, title: 'bob', updatedAt: 100, updatedBy: 'per_bob' });
    expect(await bothWays(handler, byAnn, byBob)).toEqual([byBob, byBob]);

    const x = live({ ...base, title: 'x', updatedAt: 100, updatedBy: 'per_ann' });
    const y = live({ ...base, title: 'y', updatedAt: 100, updatedBy: 'per_ann' });
    const [onX, onY] = await bothWays(handler, x, y);
    expect(onX).toEqual(onY);
    const expected = stableHash(canonicalJson(x)) > stableHash(canonicalJson(y)) ? x : y;
    expect(onX).toEqual(expected);
  });

  it('orders any two different states totally and antisymmetrically', () => {
    const states = [1, 2, 3, 4, 5].map((i) => live({ ...base, title: `t${i}`, updatedAt: 100 }));
    for (const a of states) {
      for (const b of states) {
        const ab = compareVersions(a, b);
        expect(ab + compareVersions(b, a)).toBe(0);
        expect(ab === 0).toBe(a === b);
      }
    }
  });
});

describe('appendOnlyConflictHandler', () => {
  it('keeps the master copy of an activity', async () => {
    const handler = appendOnlyConflictHandler<ActivityDoc>();
    const entry: WithDeleted<ActivityDoc> = {
      id: 'act_1',
      type: 'activity',
      parentId: 'tkt_1',
      kind: 'comment',
      body: 'master',
      minutes: 0,
      changes: [],
      createdAt: 1,
      createdBy: 'per_a',
      updatedAt: 1,
      updatedBy: 'per_a',
      _deleted: false,
    };
    const fork = { ...entry, body: 'fork', updatedAt: 99 };
    expect(handler.isEqual(entry, { ...entry }, 'test')).toBe(true);
    expect(await handler.resolve({ realMasterState: entry, newDocumentState: fork }, 'test')).toBe(entry);
  });
});

describe('createConflictHandlers', () => {
  const dbs = createDbTracker();
  afterEach(() => dbs.closeAll());

  it('covers every collection, and the database installs one per collection', async () => {
    const handlers = createConflictHandlers(emptyHookSlot());
    expect(Object.keys(handlers).sort()).toEqual([...COLLECTION_NAMES].sort());
    const db = await dbs.open();
    for (const name of COLLECTION_NAMES) {
      expect(typeof db.collections[name].conflictHandler.resolve).toBe('function');
    }
  });
});
