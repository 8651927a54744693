import { afterEach, describe, expect, it } from 'vitest';
import { generateTeam, generateTickets } from '../../shared/demo/generator';
import { parseTicketNumber } from '../../shared/domain/numbering';
import { createTicket } from './tickets';
import { getDeviceId } from './device';
import { loadListRows } from './rowsLoader';
import { BulkInsertError, DEMO_DEVICE_ID, DEMO_SPAN_DAYS, bulkLoadTickets, seedDemoIfEmpty } from './seed';
import { createDbTracker } from './testDb';
import { VIEW_IDS, queryViewPage } from './views';

const dbs = createDbTracker();
afterEach(() => dbs.closeAll());

const SEED = 4242;
const NOW = Date.UTC(2026, 2, 1);

describe('seedDemoIfEmpty', () => {
  it('writes the team and tickets once, deterministically', async () => {
    const db = await dbs.open();
    const result = await seedDemoIfEmpty(db, { seed: SEED, tickets: 120, now: NOW });
    const team = generateTeam(SEED);
    const expected = generateTickets(SEED, team, {
      start: 0,
      count: 120,
      now: NOW,
      deviceId: DEMO_DEVICE_ID,
      withActivities: true,
      spanDays: DEMO_SPAN_DAYS,
    });
    expect(result).toEqual({ seeded: true, tickets: 120, activities: expected.activities.length });
    expect(await db.people.count().exec()).toBe(team.people.length);
    expect(await db.cis.count().exec()).toBe(team.cis.length);
    expect(await db.articles.count().exec()).toBe(team.articles.length);
    expect(await db.relations.count().exec()).toBe(team.relations.length);
    expect(await db.settings.count().exec()).toBe(team.settings.length);
    const stored = (await db.tickets.find().exec()).map((d) => d.toMutableJSON());
    expect(stored.sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual(
      [...expected.tickets].sort((a, b) => (a.id < b.id ? -1 : 1)),
    );

    expect(await seedDemoIfEmpty(db, { seed: SEED, tickets: 120, now: NOW })).toEqual({
      seeded: false,
      tickets: 0,
      activities: 0,
    });
    expect(await db.tickets.count().exec()).toBe(120);
  });

  it('seeded data serves every view in newest-first order', async () => {
    const db = await dbs.open();
    await seedDemoIfEmpty(db, { seed: SEED, tickets: 300, now: NOW });
    const all = (await db.tickets.find().exec()).map((d) => d.toMutableJSON());
    const someone = all.find((t) => t.assigneeId !== '' && t.phase === 'open')?.assigneeId ?? '';
    const preds = {
      open: (t: (typeof all)[number]) => t.phase === 'open',
      mine: (t: (typeof all)[number]) => t.phase === 'open' && t.assigneeId === someone,
      unassigned: (t: (typeof all)[number]) => t.phase === 'open' && t.assigneeId === '',
      all: () => true,
      done: (t: (typeof all)[number]) => t.phase === 'done',
    };
    for (const viewId of VIEW_IDS) {
      const expected = all
        .filter(preds[viewId])
        .sort((a, b) => b.updatedAt - a.updatedAt || (a.id < b.id ? -1 : 1))
        .slice(0, 50)
        .map((t) => t.id);
      const page = await queryViewPage(db, viewId, { userId: someone }, 50);
      expect(
        page.map((t) => t.id),
        viewId,
      ).toEqual(expected);
    }
    // Real numbering on this device is untouched by the demo numbers.
    const created = await createTicket(
      db,
      {
        kind: 'incident',
        title: 'Fresh one',
        description: '',
        impact: 3,
        urgency: 3,
        category: '',
        requesterId: someone,
        assigneeId: '',
        groupId: '',
      },
      { userId: someone },
    );
    expect(created.ok && created.ticket.number).toBe(`INC-${await getDeviceId(db)}-0001`);
  });
});

describe('bulkLoadTickets', () => {
  it('inserts in chunks, reports progress, and continues numbering on a second load', async () => {
    const db = await dbs.open();
    await seedDemoIfEmpty(db, { seed: SEED, tickets: 10, now: NOW });
    const progress: number[] = [];
    const first = await bulkLoadTickets(db, {
      seed: SEED + 1,
      count: 250,
      chunkSize: 100,
      now: NOW,
      onProgress: (n) => progress.push(n),
    });
    expect(first.inserted).toBe(250);
    expect(first.ms).toBeGreaterThanOrEqual(0);
    expect(progress).toEqual([100, 200, 250]);
    const second = await bulkLoadTickets(db, { seed: SEED + 1, count: 40, now: NOW });
    expect(second.inserted).toBe(40);

    const rows = await loadListRows(db, () => undefined, 64);
    expect(rows).toHaveLength(300);
    const counters = rows.map((r) => parseTicketNumber(r.number)?.counter ?? 0).sort((a, b) => a - b);
    expect(counters).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    expect(new Set(rows.map((r) => r.id)).size).toBe(300);
  });

  it('surfaces refused documents instead of swallowing them', async () => {
    const db = await dbs.open();
    await seedDemoIfEmpty(db, { seed: SEED, tickets: 5, now: NOW });
    // Occupy the id the next load will generate (ticket index 5 of seed SEED + 7, from the team
    // as stored) so that its bulkInsert meets a 409.
    const team = {
      people: (await db.people.find().exec()).map((d) => d.toMutableJSON()),
      cis: (await db.cis.find().exec()).map((d) => d.toMutableJSON()),
      articles: [],
      relations: [],
      settings: (await db.settings.find().exec()).map((d) => d.toMutableJSON()),
    };
    const clash = generateTickets(SEED + 7, team, { start: 5, count: 1, now: NOW, deviceId: 'ZZZZ' })
      .tickets[0];
    if (!clash) throw new Error('fixture');
    await db.tickets.insert({ ...clash, number: 'INC-ZZZZ-0001' });
    const error = await bulkLoadTickets(db, { seed: SEED + 7, count: 3, now: NOW }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BulkInsertError);
    expect((error as BulkInsertError).errors.map((e) => [e.status, e.documentId])).toEqual([[409, clash.id]]);
  });
});
