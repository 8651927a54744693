import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { firstValueFrom } from 'rxjs';
import { parseTicketNumber } from '../../shared/domain/numbering';
import type { TicketInput } from '../../shared/domain/validation';
import { addActivity, observeActivities } from './activities';
import type { OutpostDatabase } from './database';
import { getDeviceId, nextTicketNumber } from './device';
import { saveSetting } from './settings';
import { createDbTracker, fixtureTicket } from './testDb';
import { createTicket, deleteTicket, findTicketByNumber, observeTicket, updateTicket } from './tickets';

const dbs = createDbTracker();
afterEach(() => dbs.closeAll());

const session = { userId: 'per_agent' };
const NOW = 1_750_000_000_000;

const input: TicketInput = {
  kind: 'incident',
  title: 'VPN drops every hour',
  description: 'Since Monday',
  impact: 2,
  urgency: 1,
  category: 'Network',
  requesterId: 'per_req',
  assigneeId: '',
  groupId: 'per_group_net',
};

async function counts(db: OutpostDatabase): Promise<[number, number]> {
  return [await db.tickets.count().exec(), await db.activities.count().exec()];
}

describe('createTicket', () => {
  let db: OutpostDatabase;
  beforeEach(async () => {
    db = await dbs.open();
  });

  it('writes the ticket with a device number and a created activity', async () => {
    const result = await createTicket(db, input, session, { now: NOW });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const deviceId = await getDeviceId(db);
    expect(result.ticket.number).toMatch(new RegExp(`^INC-${deviceId}-0001$`));
    expect(result.ticket.id).toMatch(/^tkt_[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(result.ticket).toMatchObject({ status: 'new', phase: 'open', priority: 2, createdAt: NOW });
    const stored = await db.tickets.findOne(result.ticket.id).exec();
    expect(stored?.toMutableJSON()).toEqual(result.ticket);
    const timeline = await firstValueFrom(observeActivities(db, result.ticket.id));
    expect(timeline).toHaveLength(1);
    expect(timeline[0]).toMatchObject({
      kind: 'created',
      parentId: result.ticket.id,
      createdBy: 'per_agent',
    });
    expect(await findTicketByNumber(db, ` ${result.ticket.number.toLowerCase()} `)).toEqual(result.ticket);

    const second = await createTicket(db, { ...input, kind: 'request' }, session, { now: NOW + 1 });
    expect(second.ok && second.ticket.number).toBe(`REQ-${deviceId}-0002`);
  });

  it('refuses invalid input, saves nothing and burns no number', async () => {
    const result = await createTicket(db, { ...input, title: '' }, session, { now: NOW });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.title).toBeTruthy();
    expect(await counts(db)).toEqual([0, 0]);
    const ok = await createTicket(db, input, session, { now: NOW });
    expect(ok.ok && parseTicketNumber(ok.ticket.number)?.counter).toBe(1);
  });

  it('uses the team priority matrix from settings', async () => {
    const matrix = [
      [1, 1, 2],
      [1, 2, 3],
      [2, 3, 4],
    ];
    expect((await saveSetting(db, 'priorityMatrix', { matrix }, session)).ok).toBe(true);
    const result = await createTicket(db, { ...input, impact: 2, urgency: 1 }, session, { now: NOW });
    expect(result.ok && result.ticket.priority).toBe(1);
  });

  it('refuses an invalid priority matrix setting', async () => {
    const result = await saveSetting(db, 'priorityMatrix', { matrix: [[1, 2]] }, session);
    expect(result.ok).toBe(false);
    expect(await db.settings.count().exec()).toBe(0);
  });
});

describe('updateTicket', () => {
  let db: OutpostDatabase;
  let ticketId: string;
  beforeEach(async () => {
    db = await dbs.open();
    const created = await createTicket(db, input, session, { now: NOW });
    if (!created.ok) throw new Error('fixture');
    ticketId = created.ticket.id;
  });

  it('writes the change and a change activity holding from/to', async () => {
    const result = await updateTicket(db, ticketId, { assigneeId: 'per_tech', urgency: 3 }, session, {
      now: NOW + 5000,
    });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const stored = (await db.tickets.findOne(ticketId).exec())?.toMutableJSON();
    expect(stored).toMatchObject({
      assigneeId: 'per_tech',
      status: 'assigned',
      urgency: 3,
      updatedAt: NOW + 5000,
    });
    expect(stored?.sortDesc).toBe(10_000_000_000_000 - (NOW + 5000));
    const timeline = await firstValueFrom(observeActivities(db, ticketId));
    expect(timeline.map((a) => a.kind)).toEqual(['created', 'change']);
    expect(timeline[1]?.changes).toEqual(
      expect.arrayContaining([
        { field: 'status', from: 'new', to: 'assigned' },
        { field: 'assigneeId', from: '', to: 'per_tech' },
        { field: 'urgency', from: 1, to: 3 },
      ]),
    );
    expect(await firstValueFrom(observeTicket(db, ticketId))).toEqual(stored);
  });

  it('refuses a status transition and leaves the document unchanged', async () => {
    const before = (await db.tickets.findOne(ticketId).exec())?.toMutableJSON(true);
    const result = await updateTicket(db, ticketId, { status: 'closed' }, session, { now: NOW + 1 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.status).toMatch(/cannot move/);
    const after = (await db.tickets.findOne(ticketId).exec())?.toMutableJSON(true);
    expect(after).toEqual(before);
    expect(await counts(db)).toEqual([1, 1]);
  });

  it('writes nothing when nothing changes, and reports a missing ticket', async () => {
    const same = await updateTicket(db, ticketId, { title: input.title }, session);
    expect(same.ok && same.changes).toEqual([]);
    expect(await counts(db)).toEqual([1, 1]);
    const missing = await updateTicket(db, 'tkt_missing', { title: 'Other' }, session);
    expect(missing.ok).toBe(false);
  });
});

describe('addActivity', () => {
  let db: OutpostDatabase;
  let ticketId: string;
  beforeEach(async () => {
    db = await dbs.open();
    const created = await createTicket(db, input, session, { now: NOW });
    if (!created.ok) throw new Error('fixture');
    ticketId = created.ticket.id;
  });

  it('validates body and worklog minutes and saves nothing when invalid', async () => {
    const cases = [
      [{ kind: 'comment', body: '   ' }, 'body'],
      [{ kind: 'note', body: 'x'.repeat(20_001) }, 'body'],
      [{ kind: 'worklog', body: 'Replaced disk', minutes: 0 }, 'minutes'],
      [{ kind: 'worklog', body: 'Replaced disk', minutes: 1441 }, 'minutes'],
      [{ kind: 'worklog', body: 'Replaced disk', minutes: 12.5 }, 'minutes'],
    ] as const;
    for (const [entry, field] of cases) {
      const result = await addActivity(db, ticketId, entry, session);
      expect(result.ok ? 'saved' : Object.keys(result.errors)).toEqual([field]);
    }
    expect((await addActivity(db, 'tkt_nope', { kind: 'comment', body: 'hi' }, session)).ok).toBe(false);
    expect(await counts(db)).toEqual([1, 1]);
  });

  it('appends entries, listed oldest first', async () => {
    await addActivity(db, ticketId, { kind: 'worklog', body: ' Replaced disk ', minutes: 45 }, session, {
      now: NOW + 20,
    });
    await addActivity(db, ticketId, { kind: 'comment', body: 'Fixed?', minutes: 99 }, session, {
      now: NOW + 10,
    });
    const timeline = await firstValueFrom(observeActivities(db, ticketId));
    expect(timeline.map((a) => [a.kind, a.body, a.minutes])).toEqual([
      ['created', '', 0],
      ['comment', 'Fixed?', 0],
      ['worklog', 'Replaced disk', 45],
    ]);
  });
});

describe('nextTicketNumber', () => {
  it('is unique across 200 concurrent calls and continues after the highest known number', async () => {
    const db = await dbs.open();
    const numbers = await Promise.all(
      Array.from({ length: 200 }, (_, i) => nextTicketNumber(db, i % 2 ? 'incident' : 'change')),
    );
    expect(new Set(numbers).size).toBe(200);
    const counters = numbers.map((n) => parseTicketNumber(n)?.counter).sort((a, b) => (a ?? 0) - (b ?? 0));
    expect(counters).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
  });

  it('never reuses a number when the local counter is lost, deleted tickets included', async () => {
    const name = `lost-counter-${Date.now()}`;
    const db = await dbs.open(name);
    await createTicket(db, input, session, { now: NOW });
    const second = await createTicket(db, input, session, { now: NOW });
    if (!second.ok) throw new Error('fixture');
    await db.tickets.findOne(second.ticket.id).remove();
    const deviceId = await getDeviceId(db);
    // Simulate a restore from an old backup: the counter goes back to 0, the tickets remain.
    await db.upsertLocal('device', { deviceId, counter: 0 });
    await db.close();
    const reopened = await dbs.open(name);
    expect(await nextTicketNumber(reopened, 'incident')).toBe(`INC-${deviceId}-0003`);
  });
});

describe('deleteTicket', () => {
  const dbs = createDbTracker();
  afterEach(() => dbs.closeAll());

  it('stamps the tombstone with who deleted it and when', async () => {
    const db = await dbs.open();
    await db.tickets.insert(fixtureTicket(1));
    const id = fixtureTicket(1).id;
    expect(await deleteTicket(db, id, { userId: 'per_deleter' }, { now: 1_800_000_000_000 })).toEqual({
      ok: true,
    });
    expect(await db.tickets.findOne(id).exec()).toBeNull();
    const [tombstone] = await db.tickets.storageInstance.findDocumentsById([id], true);
    expect(tombstone).toMatchObject({
      _deleted: true,
      updatedBy: 'per_deleter',
      updatedAt: 1_800_000_000_000,
    });
    expect(await deleteTicket(db, id, { userId: 'per_deleter' })).toEqual({
      ok: false,
      error: 'This ticket no longer exists.',
    });
  });
});
