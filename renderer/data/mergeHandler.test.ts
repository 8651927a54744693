import { describe, expect, it } from 'vitest';
import type { WithDeleted } from 'rxdb';
import { MAX_TIME, type TicketDoc } from '../../shared/domain/model';
import type { MergeNotice } from '../../shared/sync/merge';
import { emptyHookSlot } from './conflictHooks';
import { mergeConflictHandler } from './mergeHandler';
import { fixtureTicket } from './testDb';

function ticket(overrides: Partial<TicketDoc> = {}): WithDeleted<TicketDoc> {
  return {
    ...fixtureTicket(3, { status: 'in_progress', pendingReason: '', assigneeId: 'per_tech', ...overrides }),
    _deleted: false,
  };
}

function setup() {
  const slot = emptyHookSlot();
  const notices: MergeNotice[][] = [];
  const refused = new Set<string>();
  slot.current = {
    takeRefused: (id) => refused.delete(id),
    onNotices: (_collection, _doc, list) => notices.push(list),
  };
  return { handler: mergeConflictHandler<TicketDoc>('tickets', slot), notices, refused };
}

describe('mergeConflictHandler', () => {
  it('keeps edits of different fields from both sides, without a notice', async () => {
    const { handler, notices } = setup();
    const base = ticket();
    const local = {
      ...base,
      title: 'Printer on floor 2 jams',
      updatedAt: base.updatedAt + 10,
      updatedBy: 'per_a',
    };
    const remote = {
      ...base,
      description: 'Vendor called',
      updatedAt: base.updatedAt + 5,
      updatedBy: 'per_b',
    };
    const merged = await handler.resolve(
      { assumedMasterState: base, newDocumentState: local, realMasterState: remote },
      'test',
    );
    expect(merged).toMatchObject({ title: local.title, description: 'Vendor called', _deleted: false });
    expect(merged.updatedAt).toBe(local.updatedAt);
    expect(merged.sortDesc).toBe(MAX_TIME - local.updatedAt);
    expect(notices).toEqual([]);
  });

  it('keeps the server value of a field both sides changed and sets ours aside', async () => {
    const { handler, notices } = setup();
    const base = ticket({ title: 'Old' });
    const local = { ...base, title: 'Mine', updatedAt: base.updatedAt + 50 };
    const remote = { ...base, title: 'Theirs', updatedAt: base.updatedAt + 1 };
    const merged = await handler.resolve(
      { assumedMasterState: base, newDocumentState: local, realMasterState: remote },
      'test',
    );
    // The later device clock does not win: the value the server acknowledged first stands.
    expect(merged.title).toBe('Theirs');
    expect(notices).toEqual([[{ field: 'title', kept: 'Theirs', setAside: 'Mine' }]]);
  });

  it('merges a status with its reason and resolution as one unit', async () => {
    const { handler, notices } = setup();
    const base = ticket();
    const local = { ...base, status: 'pending' as const, pendingReason: 'awaiting_vendor' as const };
    const remote = {
      ...base,
      status: 'resolved' as const,
      resolutionCode: 'fixed',
      resolutionNotes: 'Replaced toner',
      resolvedAt: base.updatedAt + 9,
      phase: 'done' as const,
    };
    const merged = await handler.resolve(
      { assumedMasterState: base, newDocumentState: local, realMasterState: remote },
      'test',
    );
    expect(merged).toMatchObject({
      status: 'resolved',
      pendingReason: '',
      resolutionCode: 'fixed',
      phase: 'done',
    });
    expect(notices[0]).toEqual([
      { field: 'status', kept: 'resolved', setAside: 'pending' },
      { field: 'pendingReason', kept: '', setAside: 'awaiting_vendor' },
    ]);
  });

  it('keeps an edit made on one side over a deletion on the other, with a notice', async () => {
    const { handler, notices } = setup();
    const base = ticket();
    const deleted = { ...base, _deleted: true };
    const edited = { ...base, title: 'Still broken', updatedAt: base.updatedAt + 3 };
    const merged = await handler.resolve(
      { assumedMasterState: base, newDocumentState: edited, realMasterState: deleted },
      'test',
    );
    expect(merged).toMatchObject({ _deleted: false, title: 'Still broken' });
    expect(notices[0]?.[0]?.field).toBe('_deleted');
  });

  it('returns the server state for a change the server refused', async () => {
    const { handler, notices, refused } = setup();
    const base = ticket();
    const local = { ...base, priority: 1 as const, updatedAt: base.updatedAt + 1 };
    refused.add(base.id);
    const merged = await handler.resolve(
      { assumedMasterState: base, newDocumentState: local, realMasterState: base },
      'test',
    );
    expect(merged).toBe(base);
    expect(refused.size).toBe(0);
    expect(notices).toEqual([]);
  });
});
