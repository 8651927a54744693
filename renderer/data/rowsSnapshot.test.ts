import { afterEach, describe, expect, it } from 'vitest';
import { listRowFrom } from './testRows';
import { createTicket, updateTicket } from './tickets';
import { loadListRowsAt } from './rowsLoader';
import {
  ROWS_SNAPSHOT_DOC_ID,
  fromColumns,
  laterCheckpoint,
  restoreRows,
  saveRowsSnapshot,
  toColumns,
} from './rowsSnapshot';
import { seedDemoIfEmpty } from './seed';
import { createDbTracker } from './testDb';

const dbs = createDbTracker();
afterEach(() => dbs.closeAll());
const session = { userId: 'per_agent' };
const NOW = 1_750_000_000_000;

function byId<T extends { id: string }>(rows: Iterable<T>): T[] {
  return [...rows].sort((a, b) => (a.id < b.id ? -1 : 1));
}

describe('list rows snapshot', () => {
  it('round-trips rows through columns', () => {
    const rows = [listRowFrom('a', 10), listRowFrom('b', 20)];
    expect(fromColumns(toColumns(rows))).toEqual(rows);
  });

  it('refuses torn columns', () => {
    const columns = toColumns([listRowFrom('a', 10), listRowFrom('b', 20)]);
    columns.title.pop();
    expect(fromColumns(columns)).toBeNull();
  });

  it('orders checkpoints by lwt, then id', () => {
    expect(laterCheckpoint({ id: 'b', lwt: 1 }, { id: 'a', lwt: 2 })).toEqual({ id: 'a', lwt: 2 });
    expect(laterCheckpoint({ id: 'b', lwt: 2 }, { id: 'a', lwt: 2 })).toEqual({ id: 'b', lwt: 2 });
    expect(laterCheckpoint(null, { id: 'a', lwt: 2 })).toEqual({ id: 'a', lwt: 2 });
  });

  it('restores the snapshot plus every change made after it, equal to a full load', async () => {
    const db = await dbs.open();
    await seedDemoIfEmpty(db, { seed: 7, tickets: 60, now: NOW });
    const first = await loadListRowsAt(db, () => undefined);
    expect(first.checkpoint).not.toBeNull();
    await saveRowsSnapshot(db, first.rows, first.checkpoint!);

    // Changes after the snapshot: a new ticket, an edit, a deletion.
    const created = await createTicket(
      db,
      {
        kind: 'incident',
        title: 'Printer offline after the snapshot',
        description: '',
        impact: 2,
        urgency: 2,
        category: '',
        requesterId: 'per_req',
        assigneeId: '',
        groupId: '',
      },
      session,
      { now: NOW + 1000 },
    );
    expect(created.ok).toBe(true);
    const edited = first.rows.find((r) => r.phase === 'open')!;
    const update = await updateTicket(db, edited.id, { title: 'Renamed after the snapshot' }, session, {
      now: NOW + 2000,
    });
    expect(update.ok).toBe(true);
    const removed = first.rows.find((r) => r.id !== edited.id)!;
    await (await db.tickets.findOne(removed.id).exec())!.remove();

    const restored = await restoreRows(db);
    const full = await loadListRowsAt(db, () => undefined);
    expect(restored).not.toBeNull();
    expect(byId(restored!.rows.values())).toEqual(byId(full.rows));
    expect(restored!.rows.has(removed.id)).toBe(false);
    expect(restored!.rows.get(edited.id)?.title).toBe('Renamed after the snapshot');
    expect(laterCheckpoint(restored!.checkpoint, full.checkpoint)).toEqual(restored!.checkpoint);
  });

  it('has nothing to restore without a snapshot, or from one of another format', async () => {
    const db = await dbs.open();
    expect(await restoreRows(db)).toBeNull();
    await db.upsertLocal(ROWS_SNAPSHOT_DOC_ID, { format: 999, columns: {} });
    expect(await restoreRows(db)).toBeNull();
  });
});
