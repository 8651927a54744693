import { afterEach, describe, expect, it } from 'vitest';
import type { WithDeleted } from 'rxdb';
import type { ActivityDoc, TicketDoc } from '../../shared/domain/model';
import {
  createConflictHandlers,
  appendOnlyConflictHandler,
  canonicalJson,
  sameContent,
  stableHash,
} from './conflicts';
import { COLLECTION_NAMES } from './schemas';
import { emptyHookSlot } from './conflictHooks';
import { createDbTracker, fixtureTicket } from './testDb';

type T = WithDeleted<TicketDoc>;
const live = (doc: TicketDoc): T => ({ ...doc, _deleted: false });

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

describe('sameContent', () => {
  const base = fixtureTicket(1);

  it('treats equal content as equal, whatever the key order', () => {
    const reordered = JSON.parse(JSON.stringify(live(base), Object.keys(live(base)).reverse())) as T;
    expect(sameContent(live(base), reordered)).toBe(true);
    expect(sameContent(live(base), live({ ...base, title: 'Other' }))).toBe(false);
    expect(sameContent(live(base), { ...live(base), _deleted: true })).toBe(false);
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
