import { afterEach, describe, expect, it } from 'vitest';
import type { TicketFacts } from '../../shared/domain/kpi/model';
import type { ActivityDoc } from '../../shared/domain/model';
import { FACTS_SNAPSHOT_DOC_ID, restoreFactsSnapshot, saveFactsSnapshot } from './factsSnapshot';
import { createDbTracker, fixtureTicket } from './testDb';

const dbs = createDbTracker();
afterEach(() => dbs.closeAll());

const CONFIG = '{"policies":[],"calendars":[]}';

const facts = (id: string): TicketFacts => ({
  id,
  number: id.toUpperCase(),
  kind: 'incident',
  priority: 3,
  groupId: 'g1',
  assigneeId: '',
  category: 'Hardware',
  status: 'resolved',
  resolutionCode: 'fixed',
  createdAt: 1_000,
  done: [{ at: 2_000, workMs: 1_000, endedAt: null }],
  respondedAt: 1_500,
  responseWorkMs: 500,
  sla: { responseBreachAt: null, resolutionBreachAt: 9_000 },
  survey: { at: 3_000, score: 5 },
  singleTouch: true,
});

const comment = (id: string, parentId: string): ActivityDoc => ({
  id,
  type: 'activity',
  parentId,
  kind: 'comment',
  body: 'hello',
  minutes: 0,
  changes: [],
  createdAt: 5_000,
  createdBy: 'per_user0',
  updatedAt: 5_000,
  updatedBy: 'per_user0',
});

describe('KPI facts snapshot', () => {
  it('restores the facts and names only the tickets changed since it was taken', async () => {
    const db = await dbs.open();
    await db.tickets.bulkInsert([fixtureTicket(1), fixtureTicket(2), fixtureTicket(3)]);
    await db.activities.insert(comment('act_old', 'tkt_000003'));
    // Everything written so far is older than the replay margin.
    await saveFactsSnapshot(db, [facts('tkt_000001'), facts('tkt_000002')], CONFIG, Date.now() + 60_000);
    const untouched = await restoreFactsSnapshot(db, CONFIG);
    expect([...(untouched?.facts.keys() ?? [])]).toEqual(['tkt_000001', 'tkt_000002']);
    expect(untouched?.facts.get('tkt_000001')).toEqual(facts('tkt_000001'));
    expect(untouched?.changed.size).toBe(0);

    await saveFactsSnapshot(db, [facts('tkt_000001'), facts('tkt_000002')], CONFIG, Date.now());
    await db.tickets
      .findOne('tkt_000001')
      .exec()
      .then((d) => d?.incrementalPatch({ title: 'Edited' }));
    await db.activities.insert(comment('act_new', 'tkt_000002'));
    await db.tickets
      .findOne('tkt_000003')
      .exec()
      .then((d) => d?.remove());
    const restored = await restoreFactsSnapshot(db, CONFIG);
    expect([...(restored?.changed ?? [])].sort()).toEqual(['tkt_000001', 'tkt_000002', 'tkt_000003']);
  });

  it('is discarded when the SLA configuration or the format differs', async () => {
    const db = await dbs.open();
    expect(await restoreFactsSnapshot(db, CONFIG)).toBeNull();
    await saveFactsSnapshot(db, [facts('tkt_000001')], CONFIG, Date.now());
    expect(await restoreFactsSnapshot(db, '{"policies":[1]}')).toBeNull();
    await db.upsertLocal(FACTS_SNAPSHOT_DOC_ID, { format: 1, facts: [{ id: 'x' }] });
    expect(await restoreFactsSnapshot(db, CONFIG)).toBeNull();
    // The right format with torn columns: one more id than priorities.
    await saveFactsSnapshot(db, [facts('tkt_000001')], CONFIG, Date.now());
    const saved = (await db.getLocal<Record<string, unknown>>(FACTS_SNAPSHOT_DOC_ID))?.toJSON().data;
    const columns = saved?.facts as { id: string[] };
    await db.upsertLocal(FACTS_SNAPSHOT_DOC_ID, {
      ...saved,
      facts: { ...columns, id: [...columns.id, 'extra'] },
    });
    expect(await restoreFactsSnapshot(db, CONFIG)).toBeNull();
  });
});
