/**
 * The sync engine against a real server process over real HTTP: two replicas apart and
 * offline, conflicts on different and on the same fields, an edit against a deletion.
 */
import { describe, expect, it } from 'vitest';
import { toWire } from '../../shared/sync/wire';
import { fixtureTicket } from '../../renderer/data/testDb';
import { deleteTicket } from '../../renderer/data';
import { createTestTeam, uniqueName, type TestUser } from '../server/harness';
import { adminBulk, syncSuite, serverDocs, syncUntil, type Replica } from './replicas';

const suite = syncSuite();

function users(db: string): { manager: TestUser; agent: TestUser } {
  return {
    manager: { name: `${db}-mgr`, password: 'manager-pass-1', role: 'manager', personId: 'per_manager' },
    agent: { name: `${db}-agent`, password: 'agent-pass-1', role: 'agent', personId: 'per_agent' },
  };
}

async function team(count: number) {
  const db = uniqueName('team');
  const accounts = users(db);
  await createTestTeam(suite.server(), { db, users: [accounts.manager, accounts.agent] });
  const tickets = Array.from({ length: count }, (_, i) =>
    fixtureTicket(i, { updatedBy: 'per_manager', createdBy: 'per_manager', requesterId: 'per_manager' }),
  );
  await adminBulk(
    suite.server(),
    db,
    tickets.map((t) => toWire(t, false)),
  );
  return { db, ...accounts, tickets };
}

async function replica(db: string, user: TestUser): Promise<Replica> {
  return suite.replica(db, user);
}

async function ticketOf(r: Replica, id: string) {
  return (await r.db.tickets.findOne(id).exec())?.toMutableJSON() ?? null;
}

async function count(r: Replica): Promise<number> {
  return r.db.tickets.count().exec();
}

describe('sync engine with a real server', () => {
  it('pulls the team database into an empty replica; design documents never enter', async () => {
    const { db, agent, tickets } = await team(25);
    const a = await replica(db, agent);
    await syncUntil([a], async () => (await count(a)) === tickets.length);
    expect(await ticketOf(a, tickets[3]!.id)).toMatchObject({ title: tickets[3]!.title });
    expect(await a.db.tickets.findOne('_design/outpost').exec()).toBeNull();
  });

  it('two replicas edit apart and offline; both edits survive, same-field edits leave a notice', async () => {
    const { db, agent, manager, tickets } = await team(4);
    const a = await replica(db, manager);
    const b = await replica(db, agent);
    await syncUntil([a, b], async () => (await count(a)) === 4 && (await count(b)) === 4);
    const [one, two] = [tickets[0]!.id, tickets[1]!.id];
    a.setOnline(false);
    b.setOnline(false);
    const t = Date.now();
    await a.db.tickets.findOne(one).patch({ title: 'Title from A', updatedAt: t, updatedBy: 'per_manager' });
    await b.db.tickets
      .findOne(one)
      .patch({ description: 'Notes from B', updatedAt: t + 1, updatedBy: 'per_agent' });
    await a.db.tickets
      .findOne(two)
      .patch({ title: 'A wins the race', updatedAt: t + 5, updatedBy: 'per_manager' });
    await b.db.tickets
      .findOne(two)
      .patch({ title: 'B came later', updatedAt: t + 9, updatedBy: 'per_agent' });

    // A reaches the server first; B's later device clock does not matter.
    a.setOnline(true);
    await syncUntil(
      [a],
      async () => (await serverDocs(suite.server(), db)).get(two)?.title === 'A wins the race',
    );
    b.setOnline(true);
    const converged = async () => {
      const [a1, b1, a2, b2] = await Promise.all([
        ticketOf(a, one),
        ticketOf(b, one),
        ticketOf(a, two),
        ticketOf(b, two),
      ]);
      return JSON.stringify([a1, a2]) === JSON.stringify([b1, b2]) && b1?.description === 'Notes from B';
    };
    await syncUntil([a, b], converged);

    expect(await ticketOf(a, one)).toMatchObject({ title: 'Title from A', description: 'Notes from B' });
    expect(await ticketOf(b, two)).toMatchObject({ title: 'A wins the race' });
    const notice = async (r: Replica) =>
      (await r.db.activities.find({ selector: { parentId: two, kind: 'merge' } }).exec()).map(
        (d) => d.changes,
      );
    await syncUntil([a, b], async () => (await notice(a)).length === 1);
    expect(await notice(b)).toEqual([[{ field: 'title', from: 'B came later', to: 'A wins the race' }]]);
    expect(await notice(a)).toEqual(await notice(b));
  });

  it('an edit made offline survives a deletion made elsewhere, with a notice', async () => {
    const { db, agent, manager, tickets } = await team(2);
    const a = await replica(db, manager);
    const b = await replica(db, agent);
    await syncUntil([a, b], async () => (await count(a)) === 2 && (await count(b)) === 2);
    const id = tickets[1]!.id;
    a.setOnline(false);
    b.setOnline(false);
    expect(await deleteTicket(a.db, id, { userId: 'per_manager' })).toEqual({ ok: true });
    await b.db.tickets
      .findOne(id)
      .patch({ title: 'Still happening', updatedAt: Date.now() + 10, updatedBy: 'per_agent' });
    a.setOnline(true);
    await syncUntil([a], async () => (await serverDocs(suite.server(), db)).get(id) === undefined);
    b.setOnline(true);
    await syncUntil([a, b], async () => (await ticketOf(a, id))?.title === 'Still happening');
    expect(await ticketOf(b, id)).toMatchObject({ title: 'Still happening' });
    const merges = await b.db.activities.find({ selector: { parentId: id, kind: 'merge' } }).exec();
    expect(merges.map((m) => m.changes[0]?.field)).toEqual(['_deleted']);
  });
});
