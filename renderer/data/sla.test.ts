import { firstValueFrom, skip, take } from 'rxjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ActivityDoc, PersonDoc, Role } from '../../shared/domain/model';
import { toDraft } from '../../shared/domain/slaDraft';
import { DEFAULT_SLA_CONFIG } from '../../shared/domain/slaSettings';
import type { OutpostDatabase } from './database';
import { saveSetting } from './settings';
import {
  SLA_CALENDARS_KEY,
  SLA_POLICIES_KEY,
  loadClockActivities,
  loadOpenTickets,
  observeSlaConfig,
  saveSlaSettings,
} from './sla';
import { createDbTracker, fixtureTicket } from './testDb';

const dbs = createDbTracker();
afterEach(async () => {
  vi.restoreAllMocks();
  await dbs.closeAll();
});

const NOW = 1_780_000_000_000;
const manager = { userId: 'per_mgr' };
const technician = { userId: 'per_tech' };

function person(id: string, roles: Role[]): PersonDoc {
  return {
    id,
    type: 'person',
    personKind: 'user',
    name: id,
    email: `${id}@example.test`,
    roles,
    groupIds: [],
    createdAt: NOW,
    updatedAt: NOW,
    updatedBy: 'per_admin',
  };
}

async function openWithPeople(): Promise<OutpostDatabase> {
  const db = await dbs.open();
  await db.people.bulkInsert([person('per_mgr', ['manager', 'agent']), person('per_tech', ['technician'])]);
  return db;
}

describe('SLA settings', () => {
  it('reads the defaults until a manager saves, then the saved settings', async () => {
    const db = await openWithPeople();
    const before = await firstValueFrom(observeSlaConfig(db));
    const draft = toDraft(DEFAULT_SLA_CONFIG);
    draft.policies[0]!.response = { amount: 30, unit: 'minutes' };
    draft.calendars[1]!.timeZone = 'America/New_York';
    const result = await saveSlaSettings(db, draft, manager, { now: NOW });
    expect(result.ok).toBe(true);
    const after = await firstValueFrom(observeSlaConfig(db));
    expect(before).toEqual(DEFAULT_SLA_CONFIG);
    expect(after?.policies[0]).toMatchObject({ id: 'default-p1', responseMs: 30 * 60_000 });
    expect(after?.calendars[1]).toMatchObject({ id: 'business', timeZone: 'America/New_York' });
    const stored = await db.settings.find().exec();
    expect(stored.map((d) => d.key).sort()).toEqual([SLA_CALENDARS_KEY, SLA_POLICIES_KEY]);
  });

  it('saves nothing for someone who may not change settings, and says why', async () => {
    const db = await openWithPeople();
    const result = await saveSlaSettings(db, toDraft(DEFAULT_SLA_CONFIG), technician);
    expect(result).toEqual({ ok: false, errors: { form: 'Only managers and admins may change settings.' } });
    expect(await db.settings.count().exec()).toBe(0);
  });

  it('saves nothing while a field is wrong', async () => {
    const db = await openWithPeople();
    const draft = toDraft(DEFAULT_SLA_CONFIG);
    draft.calendars[1]!.hours[1] = '9 to 5';
    const result = await saveSlaSettings(db, draft, manager);
    expect(result.ok).toBe(false);
    expect(!result.ok && Object.keys(result.errors)).toEqual(['calendars.1.hours.1']);
    expect(await db.settings.count().exec()).toBe(0);
  });

  it('falls back to the defaults for settings malformed elsewhere, warning once', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const db = await openWithPeople();
    const later = firstValueFrom(observeSlaConfig(db).pipe(skip(1), take(1)));
    await saveSetting(db, SLA_POLICIES_KEY, { policies: [{ id: 'x', name: 'Broken' }] }, manager);
    expect(await later).toEqual(DEFAULT_SLA_CONFIG);
    // An unrelated setting re-emits the settings list; the bad value is not reported again.
    await firstValueFrom(observeSlaConfig(db));
    await saveSetting(db, 'categories', { categories: ['Hardware'] }, manager);
    await firstValueFrom(observeSlaConfig(db));
    const messages = warn.mock.calls.map((c) => String(c[0]));
    expect(messages.filter((m) => m.includes('Ignoring the stored SLA policies'))).toHaveLength(1);
  });
});

describe('bulk reads for the clock projection', () => {
  it('walks every open ticket once, across ties of sortDesc, without their long text', async () => {
    const db = await dbs.open();
    const tickets = Array.from({ length: 60 }, (_, i) =>
      fixtureTicket(i, { description: 'long text', updatedAt: NOW + Math.floor(i / 7) }),
    );
    await db.tickets.bulkInsert(tickets);
    const chunks: string[][] = [];
    await loadOpenTickets(db, (chunk) => void chunks.push(chunk.map((t) => t.id)), 4);
    const seen = chunks.flat();
    const open = tickets.filter((t) => t.phase === 'open').map((t) => t.id);
    expect(seen.slice().sort()).toEqual(open.sort());
    expect(new Set(seen).size).toBe(seen.length);
    expect(chunks.every((c) => c.length <= 4)).toBe(true);
  });

  it('reads the status changes and comments of the asked tickets only', async () => {
    const db = await dbs.open();
    const entry = (
      id: string,
      parentId: string,
      kind: ActivityDoc['kind'],
      field = 'status',
    ): ActivityDoc => ({
      id,
      type: 'activity',
      parentId,
      kind,
      body: 'some words',
      minutes: 0,
      changes: kind === 'change' ? [{ field, from: 'new', to: 'in_progress' }] : [],
      createdAt: NOW,
      createdBy: 'per_agent',
      updatedAt: NOW,
      updatedBy: 'per_agent',
    });
    await db.activities.bulkInsert([
      entry('act_1', 'tkt_a', 'change'),
      entry('act_2', 'tkt_a', 'comment'),
      entry('act_3', 'tkt_a', 'note'),
      entry('act_4', 'tkt_a', 'change', 'title'),
      entry('act_5', 'tkt_b', 'comment'), // inside the id range, not asked for
      entry('act_6', 'tkt_c', 'change'),
    ]);
    const byParent = await loadClockActivities(db, ['tkt_c', 'tkt_a']);
    expect([...byParent.keys()].sort()).toEqual(['tkt_a', 'tkt_c']);
    expect(byParent.get('tkt_a')?.map((a) => a.id)).toEqual(['act_1', 'act_2']);
    expect(byParent.get('tkt_a')?.every((a) => a.body === '')).toBe(true);
    expect(byParent.get('tkt_c')?.map((a) => a.id)).toEqual(['act_6']);
  });
});
