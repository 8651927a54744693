import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import {
  closeQuietly,
  createOutpostDatabase,
  createTicket,
  updateTicket,
  type OutpostDatabase,
} from '../../data';
import { describeRestoreErrors, isOverriddenDeletion, restorePatch } from './mergeNotice';

describe('restorePatch', () => {
  it('puts the set-aside value back for fields a user edits', () => {
    expect(restorePatch({ field: 'title', from: 'Printer jams', to: 'Printer jams on tray 2' })).toEqual({
      title: 'Printer jams',
    });
    expect(restorePatch({ field: 'tags', from: ['vip'], to: [] })).toEqual({ tags: ['vip'] });
    expect(restorePatch({ field: 'assigneeId', from: '', to: 'per_bob' })).toEqual({ assigneeId: '' });
  });

  it('offers nothing for derived fields, the kind, deletions or missing values', () => {
    expect(restorePatch({ field: 'priority', from: 1, to: 3 })).toBeNull();
    expect(restorePatch({ field: 'kind', from: 'request', to: 'incident' })).toBeNull();
    expect(restorePatch({ field: 'updatedAt', from: 1, to: 2 })).toBeNull();
    expect(restorePatch({ field: '_deleted', from: true, to: false })).toBeNull();
    expect(restorePatch({ field: 'title', from: undefined, to: 'x' })).toBeNull();
    expect(restorePatch({ field: '__proto__', from: 'x', to: 'y' })).toBeNull();
  });

  it('recognises an overridden deletion', () => {
    expect(isOverriddenDeletion({ field: '_deleted', from: true, to: false })).toBe(true);
    expect(isOverriddenDeletion({ field: 'title', from: 'a', to: 'b' })).toBe(false);
  });

  it('joins field errors into one message', () => {
    expect(describeRestoreErrors({ impact: 'Impact must be 1.', form: 'Nope.' })).toBe(
      'Impact must be 1. Nope.',
    );
    expect(describeRestoreErrors({})).toBe('The value could not be restored.');
  });
});

describe('restoring through updateTicket', () => {
  let db: OutpostDatabase;
  let counter = 0;
  beforeEach(async () => {
    counter++;
    db = await createOutpostDatabase({
      name: `merge-notice-${Date.now().toString(36)}-${counter}`,
      indexedDB,
      IDBKeyRange,
      multiInstance: false,
    });
  });
  afterEach(() => closeQuietly(db));

  async function ticket() {
    const created = await createTicket(
      db,
      {
        kind: 'incident',
        title: 'Printer jams on tray 2',
        description: '',
        impact: 2,
        urgency: 2,
        category: 'Hardware',
        requesterId: 'per_req',
        assigneeId: '',
        groupId: '',
      },
      { userId: 'per_agent' },
      { now: 1_750_000_000_000 },
    );
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    return created.ticket;
  }

  it('is a normal edit: the value comes back and the timeline records it', async () => {
    const t = await ticket();
    const patch = restorePatch({ field: 'title', from: 'Printer jams', to: t.title });
    if (!patch) throw new Error('expected a patch');
    const result = await updateTicket(db, t.id, patch, { userId: 'per_agent' });
    expect(result).toMatchObject({
      ok: true,
      changes: [{ field: 'title', from: t.title, to: 'Printer jams' }],
    });
    expect((await db.tickets.findOne(t.id).exec())?.title).toBe('Printer jams');
  });

  it('refuses a set-aside value the rules no longer accept, and writes nothing', async () => {
    const t = await ticket();
    const patch = restorePatch({ field: 'impact', from: 7, to: 2 });
    if (!patch) throw new Error('expected a patch');
    const result = await updateTicket(db, t.id, patch, { userId: 'per_agent' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(describeRestoreErrors(result.errors)).toMatch(/Impact/);
    const stored = await db.tickets.findOne(t.id).exec();
    expect(stored?.impact).toBe(2);
    expect(stored?.updatedAt).toBe(t.updatedAt);
  });
});
