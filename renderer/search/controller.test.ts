import { afterEach, describe, expect, it, vi } from 'vitest';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { generateTeam } from '../../shared/demo/generator';
import type { TicketInput } from '../../shared/domain/validation';
import { createTicket, deleteTicket, updateTicket } from '../data/tickets';
import { createDbTracker, fixtureTicket, uniqueDbName } from '../data/testDb';
import type { OutpostDatabase } from '../data';
import { SearchController } from './controller';

const dbs = createDbTracker();
const controllers: SearchController[] = [];
afterEach(async () => {
  await Promise.all(controllers.splice(0).map((c) => c.close()));
  await dbs.closeAll();
});

const session = { userId: 'per_agent' };
const team = generateTeam(7);

function index(
  db: OutpostDatabase,
  storeName: string,
  options: { replayMarginMs?: number; freezeAt?: number } = {},
): SearchController {
  const controller = new SearchController(db, {
    storeName,
    ...options,
    indexedDB,
    IDBKeyRange,
    saveDelayMs: 5,
    maintainDelayMs: 5,
  });
  controllers.push(controller);
  return controller;
}

async function seeded(name = uniqueDbName('search')): Promise<OutpostDatabase> {
  const db = await dbs.open(name);
  await db.people.bulkInsert(team.people);
  await db.cis.bulkInsert(team.cis);
  await db.articles.bulkInsert(team.articles);
  await db.tickets.bulkInsert(
    Array.from({ length: 60 }, (_, i) =>
      fixtureTicket(i, { title: `Keyboard ${i} sticks`, description: '' }),
    ),
  );
  return db;
}

const input = (title: string, description = ''): TicketInput => ({
  kind: 'incident',
  title,
  description,
  impact: 2,
  urgency: 2,
  category: 'Hardware',
  requesterId: 'per_req',
  assigneeId: '',
  groupId: 'per_group',
});

const ids = (c: SearchController, text: string) => c.search({ text, types: ['ticket'] }).map((h) => h.id);

async function create(db: OutpostDatabase, title: string, description = ''): Promise<string> {
  const result = await createTicket(db, input(title, description), session);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.ticket.id;
}

describe('SearchController', () => {
  it('builds the index from every searchable collection on the first start', async () => {
    const db = await seeded();
    const c = index(db, uniqueDbName('idx'));
    await c.whenReady;
    expect(c.stats).toMatchObject({ fullBuilds: 1, restored: false });
    const ci = team.cis.find((x) => x.assetTag)!;
    expect(c.search({ text: ci.assetTag })[0]).toMatchObject({ type: 'ci', id: ci.id });
    const person = team.people.find((p) => p.personKind === 'user')!;
    expect(c.search({ text: person.name })[0]).toMatchObject({ type: 'person', id: person.id });
    const article = team.articles[0]!;
    expect(c.search({ text: article.title, types: ['article'] })[0]?.id).toBe(article.id);
    expect(c.search({ text: 'keyboard' }).length).toBeGreaterThanOrEqual(50);
  });

  it('follows creates, edits and deletions as they happen', async () => {
    const db = await seeded();
    const c = index(db, uniqueDbName('idx'));
    await c.whenReady;

    const id = await create(db, 'Plotter prints blank pages', 'The magenta cartridge looks empty');
    await vi.waitFor(() => expect(ids(c, 'plottr')).toEqual([id]));
    expect(ids(c, 'magenta')).toEqual([id]);

    const edited = await updateTicket(db, id, { title: 'Scanner feeds two sheets' }, session);
    expect(edited.ok).toBe(true);
    await vi.waitFor(() => expect(ids(c, 'scanner')).toEqual([id]));
    expect(ids(c, 'plotter')).toEqual([]);
    expect(ids(c, 'magenta')).toEqual([id]);

    const removed = await deleteTicket(db, id, { userId: 'per_manager' });
    expect(removed.ok).toBe(true);
    await vi.waitFor(() => expect(ids(c, 'scanner')).toEqual([]));
    expect(ids(c, 'magenta')).toEqual([]);
  });

  it('indexes a document written as the replication writes a pulled one', async () => {
    const db = await seeded();
    const c = index(db, uniqueDbName('idx'));
    await c.whenReady;
    const pulled = fixtureTicket(500, {
      id: 'tkt_pulled000000000000000001',
      title: 'Badge reader at gate B is dead',
    });
    await db.tickets.bulkUpsert([pulled]);
    await vi.waitFor(() => expect(ids(c, 'badge reader')).toEqual([pulled.id]));
    await db.tickets.bulkUpsert([
      { ...pulled, title: 'Turnstile at gate B is dead', updatedAt: pulled.updatedAt + 1 },
    ]);
    await vi.waitFor(() => expect(ids(c, 'turnstile')).toEqual([pulled.id]));
    expect(ids(c, 'badge')).toEqual([]);
  });

  it('restarts from the saved index and replays what changed while it was closed', async () => {
    const name = uniqueDbName('search');
    const store = uniqueDbName('idx');
    let db = await seeded(name);
    const first = index(db, store);
    await first.whenReady;
    const kept = await create(db, 'Projector flickers in room 12');
    const edited = await create(db, 'Docking station loses the monitor');
    const doomed = await create(db, 'Webcam shows a black image');
    await vi.waitFor(() => expect(ids(first, 'webcam')).toEqual([doomed]));
    await first.flush();
    await first.close();
    controllers.splice(controllers.indexOf(first), 1);

    // While the app is closed: local edits, and documents arriving from the server.
    await updateTicket(db, edited, { title: 'Docking station powers off at random' }, session);
    await deleteTicket(db, doomed, { userId: 'per_manager' });
    const synced = fixtureTicket(900, {
      id: 'tkt_synced00000000000000001',
      title: 'Headset crackles on calls',
    });
    await db.tickets.bulkUpsert([synced]);
    await dbs.closeAll();

    db = await dbs.open(name);
    const second = index(db, store, { replayMarginMs: 0 });
    await second.whenReady;
    expect(second.stats.fullBuilds).toBe(0);
    expect(second.stats.restored).toBe(true);
    // The edited, deleted and synced tickets (and the checkpoint's own document), not all 290.
    expect(second.stats.replayed).toBeGreaterThanOrEqual(3);
    expect(second.stats.replayed).toBeLessThanOrEqual(4);
    expect(ids(second, 'projector')).toEqual([kept]);
    expect(ids(second, 'powers')).toEqual([edited]);
    expect(ids(second, 'monitor')).toEqual([]);
    expect(ids(second, 'webcam')).toEqual([]);
    expect(ids(second, 'headst')).toEqual([synced.id]);
    expect(second.search({ text: 'keyboard' }).length).toBeGreaterThanOrEqual(50);
  });

  it('builds afresh when the saved index belongs to another replica', async () => {
    const store = uniqueDbName('idx');
    const a = await seeded();
    const first = index(a, store);
    await first.whenReady;
    const only = await create(a, 'Only in the first replica');
    await vi.waitFor(() => expect(ids(first, 'replica')).toEqual([only]));
    await first.flush();
    await first.close();
    controllers.splice(controllers.indexOf(first), 1);
    await dbs.closeAll();

    const b = await seeded();
    const second = index(b, store);
    await second.whenReady;
    expect(second.stats.fullBuilds).toBe(1);
    expect(ids(second, 'replica')).toEqual([]);
  });

  it('keeps results right across freezing and merging segments, and restores them', async () => {
    const name = uniqueDbName('search');
    const store = uniqueDbName('idx');
    let db = await seeded(name);
    const c = index(db, store, { freezeAt: 40 });
    await c.whenReady;
    const many = Array.from({ length: 300 }, (_, i) =>
      fixtureTicket(1000 + i, { title: `Router ${i} reboots nightly`, description: i % 2 ? 'odd' : 'even' }),
    );
    await db.tickets.bulkInsert(many);
    await vi.waitFor(() => expect(c.engine.segmentCount).toBeGreaterThan(1));
    for (let i = 0; i < 200; i += 25) {
      // Several bulks, so segments fill, freeze and merge in between.
      await db.tickets.bulkUpsert(
        many.slice(i, i + 25).map((t) => ({ ...t, title: 'Switch fan is loud', updatedAt: t.updatedAt + 1 })),
      );
    }
    await vi.waitFor(() => expect(c.engine.needsMaintenance(40)).toBe(false));
    // Four or more small segments are always merged into one.
    expect(c.engine.segmentCount).toBeLessThan(4);
    expect(c.search({ text: 'switch fan', limit: 2000 })).toHaveLength(200);
    expect(c.search({ text: 'router reboots', limit: 5000 })).toHaveLength(100);
    await c.flush();
    await c.close();
    controllers.splice(controllers.indexOf(c), 1);
    await dbs.closeAll();

    db = await dbs.open(name);
    const again = index(db, store, { freezeAt: 40 });
    await again.whenReady;
    expect(again.stats.fullBuilds).toBe(0);
    expect(again.search({ text: 'switch fan', limit: 2000 })).toHaveLength(200);
    expect(again.search({ text: 'router reboots', limit: 5000 })).toHaveLength(100);
  });
});
