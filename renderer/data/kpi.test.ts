import { afterEach, describe, expect, it } from 'vitest';
import { firstValueFrom, filter } from 'rxjs';
import type { ActivityDoc, CiDoc } from '../../shared/domain/model';
import { loadAllTickets, loadFactActivities, loadFactTickets, observeAssetStates } from './kpi';
import { createDbTracker, fixtureTicket } from './testDb';

const dbs = createDbTracker();
afterEach(() => dbs.closeAll());

function entry(
  id: string,
  parentId: string,
  kind: ActivityDoc['kind'],
  createdAt: number,
  changes: ActivityDoc['changes'] = [],
): ActivityDoc {
  return {
    id,
    type: 'activity',
    parentId,
    kind,
    body: 'long text the figures never read',
    minutes: 0,
    changes,
    createdAt,
    createdBy: 'per_user0',
    updatedAt: createdAt,
    updatedBy: 'per_user0',
  };
}

describe('KPI reads', () => {
  it('pages through every ticket once, in id order, across chunk boundaries', async () => {
    const db = await dbs.open();
    await db.tickets.bulkInsert(Array.from({ length: 11 }, (_, i) => fixtureTicket(i)));
    await db.tickets
      .findOne('tkt_000004')
      .exec()
      .then((d) => d?.remove());
    const seen: string[] = [];
    const chunks: number[] = [];
    await loadAllTickets(
      db,
      (chunk) => {
        chunks.push(chunk.length);
        for (const t of chunk) seen.push(t.id);
      },
      3,
    );
    const expected = Array.from({ length: 11 }, (_, i) => `tkt_${String(i).padStart(6, '0')}`).filter(
      (id) => id !== 'tkt_000004',
    );
    expect(seen).toEqual(expected);
    expect(chunks).toEqual([3, 3, 3, 1]);
  });

  it('reads a batch of changed tickets at once, without the ones deleted', async () => {
    const db = await dbs.open();
    await db.tickets.bulkInsert([fixtureTicket(1), fixtureTicket(2, { description: 'long text' })]);
    const found = await loadFactTickets(db, ['tkt_000002', 'tkt_000001', 'tkt_gone']);
    expect([...found.keys()].sort()).toEqual(['tkt_000001', 'tkt_000002']);
    expect(found.get('tkt_000002')?.description).toBe('');
  });

  it('reads only the entries that move a figure, without their text, in timeline order', async () => {
    const db = await dbs.open();
    await db.tickets.bulkInsert([fixtureTicket(1), fixtureTicket(2)]);
    const a = 'tkt_000001';
    await db.activities.bulkInsert([
      entry('act_3', a, 'comment', 3000),
      entry('act_1', a, 'change', 1000, [
        { field: 'status', from: 'new', to: 'assigned' },
        { field: 'title', from: 'x', to: 'y' },
      ]),
      entry('act_2', a, 'note', 2000),
      entry('act_4', a, 'change', 4000, [{ field: 'title', from: 'y', to: 'z' }]),
      { ...entry('act_5', a, 'survey', 5000), score: 4 },
      entry('act_6', 'tkt_000002', 'escalation', 1500, [{ field: 'groupId', from: 'g1', to: 'g2' }]),
    ]);
    const byParent = await loadFactActivities(db, ['tkt_000002', a]);
    const first = byParent.get(a) ?? [];
    expect(first.map((x) => x.id)).toEqual(['act_1', 'act_3', 'act_5']);
    expect(first.every((x) => x.body === '')).toBe(true);
    expect(first[0]?.changes).toEqual([{ field: 'status', from: 'new', to: 'assigned' }]);
    expect(first[2]?.score).toBe(4);
    expect(byParent.get('tkt_000002')?.map((x) => x.id)).toEqual(['act_6']);
    expect((await loadFactActivities(db, [])).size).toBe(0);
  });

  it('follows asset states live, leaving out CIs without a tag', async () => {
    const db = await dbs.open();
    const ci = (id: string, assetTag: string, state: CiDoc['state']): CiDoc => ({
      id,
      type: 'ci',
      name: id,
      ciClass: 'laptop',
      assetTag,
      serial: '',
      state,
      locationId: '',
      ownerId: '',
      attributes: {},
      createdAt: 1,
      updatedAt: 1,
      updatedBy: 'per_user0',
    });
    await db.cis.bulkInsert([ci('ci_1', 'A-1', 'in_stock'), ci('ci_2', '', 'deployed')]);
    const states = observeAssetStates(db);
    expect(await firstValueFrom(states)).toEqual(['in_stock']);
    await db.cis.insert(ci('ci_3', 'A-3', 'deployed'));
    const next = await firstValueFrom(states.pipe(filter((s) => s.length === 2)));
    expect(next.sort()).toEqual(['deployed', 'in_stock']);
  });
});
