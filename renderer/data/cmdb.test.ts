import { afterEach, describe, expect, it } from 'vitest';
import { firstValueFrom } from 'rxjs';
import type { PersonDoc } from '../../shared/domain/model';
import type { CiInput } from '../../shared/domain/cmdb';
import { observeActivities } from './activities';
import {
  createCi,
  loadClassDefinitions,
  observeClassDefinitions,
  saveClassDefinitions,
  updateCi,
} from './cis';
import { followCmdb, loadAllDocs, loadCmdb, loadTicketLinks } from './cmdb';
import type { OutpostDatabase } from './database';
import { addRelation, observeRelationsOf, removeRelation } from './relations';
import { CI_CLASSES_SETTING_KEY } from '../../shared/domain/ciClasses';
import { createDbTracker } from './testDb';
import { createTicket } from './tickets';

const dbs = createDbTracker();
afterEach(() => dbs.closeAll());

const session = { userId: 'per_tech' };
const NOW = 1_750_000_000_000;

function person(id: string, personKind: PersonDoc['personKind'], name: string): PersonDoc {
  return {
    id,
    type: 'person',
    personKind,
    name,
    email: '',
    roles: [],
    groupIds: [],
    createdAt: 1,
    updatedAt: 1,
    updatedBy: 'per_tech',
  };
}

async function openWithPeople(): Promise<OutpostDatabase> {
  const db = await dbs.open();
  await db.people.bulkInsert([
    person('per_tech', 'user', 'Tess Tech'),
    person('per_ldn', 'location', 'London HQ'),
    person('per_ops', 'group', 'Server Ops'),
  ]);
  return db;
}

const server: CiInput = {
  ciClass: 'server',
  name: 'SRV-01',
  assetTag: 'AT-0001',
  serial: 'CZJ1',
  locationId: 'per_ldn',
  ownerId: 'per_ops',
  attributes: { ram_gb: 64 },
};

async function make(db: OutpostDatabase, input: Partial<CiInput> = {}) {
  const result = await createCi(db, { ...server, ...input }, session, { now: NOW });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.ci;
}

describe('CI writes', () => {
  it('creates a CI with a creation entry, and records every edit in its history', async () => {
    const db = await openWithPeople();
    const ci = await make(db);
    const edited = await updateCi(
      db,
      ci.id,
      { name: 'SRV-01A', attributes: { ram_gb: 128, os: 'Linux' } },
      session,
      { now: NOW + 1 },
    );
    expect(edited.ok && edited.changes.map((c) => c.field)).toEqual([
      'name',
      'attributes.os',
      'attributes.ram_gb',
    ]);
    const history = await firstValueFrom(observeActivities(db, ci.id));
    expect(history.map((a) => a.kind)).toEqual(['created', 'change']);
    expect(history[1]?.changes).toContainEqual({ field: 'attributes.ram_gb', from: 64, to: 128 });
    const none = await updateCi(db, ci.id, { name: 'SRV-01A' }, session, { now: NOW + 2 });
    expect(none.ok && none.changes).toEqual([]);
    expect(await firstValueFrom(observeActivities(db, ci.id))).toHaveLength(2);
  });

  it('refuses a taken asset tag, an unknown location and a bad attribute, writing nothing', async () => {
    const db = await openWithPeople();
    await make(db);
    const taken = await createCi(db, { ...server, name: 'SRV-02' }, session, { now: NOW });
    expect(taken).toEqual({ ok: false, errors: { assetTag: 'Asset tag AT-0001 is already on SRV-01.' } });
    const bad = await createCi(
      db,
      { ...server, assetTag: 'AT-2', locationId: 'per_tech', attributes: { ram_gb: 'lots' } },
      session,
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(Object.keys(bad.errors).sort()).toEqual(['attributes.ram_gb', 'locationId']);
    expect(await db.cis.count().exec()).toBe(1);
  });

  it('admin class lists validate on save, apply to new CIs, and a malformed stored list falls back', async () => {
    const db = await openWithPeople();
    const refused = await saveClassDefinitions(
      db,
      { server: [{ key: 'Rack', label: '', type: 'text', required: false }] },
      session,
    );
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(Object.keys(refused.errors).sort()).toEqual(['server.0.key', 'server.0.label']);
    expect(await db.settings.count().exec()).toBe(0);

    await saveClassDefinitions(
      db,
      { server: [{ key: 'rack', label: 'Rack', type: 'text', required: true }] },
      session,
      { now: NOW },
    );
    expect((await loadClassDefinitions(db)).definitions.server.map((d) => d.key)).toEqual(['rack']);
    const missing = await createCi(db, server, session);
    expect(missing.ok === false && missing.errors['attributes.rack']).toBe('Rack is required.');

    const doc = await db.settings.findOne({ selector: { key: CI_CLASSES_SETTING_KEY } }).exec();
    await doc?.incrementalPatch({ value: { classes: { server: 'not a list' } }, updatedAt: NOW + 5 });
    const read = await firstValueFrom(observeClassDefinitions(db));
    expect(read.ignored).toEqual(['server']);
    expect(read.definitions.server.map((d) => d.key)).toContain('ram_gb');
  });
});

describe('relations', () => {
  it('adds and removes links with history on both ends, refusing self links and duplicates', async () => {
    const db = await openWithPeople();
    const app = await make(db, { ciClass: 'application', name: 'ERP app', assetTag: '', attributes: {} });
    const srv = await make(db);
    const added = await addRelation(db, { fromId: app.id, toId: srv.id, relType: 'runs_on' }, session, {
      now: NOW + 1,
    });
    expect(added.ok).toBe(true);
    const dup = await addRelation(db, { fromId: app.id, toId: srv.id, relType: 'runs_on' }, session);
    expect(dup).toEqual({ ok: false, errors: { toId: 'This relationship already exists.' } });
    const self = await addRelation(db, { fromId: app.id, toId: app.id, relType: 'depends_on' }, session);
    expect(self.ok).toBe(false);
    expect(await firstValueFrom(observeRelationsOf(db, srv.id))).toHaveLength(1);

    if (!added.ok) throw new Error('not added');
    await removeRelation(db, added.relation.id, session, { now: NOW + 2 });
    expect(await firstValueFrom(observeRelationsOf(db, srv.id))).toEqual([]);
    const srvHistory = await firstValueFrom(observeActivities(db, srv.id));
    expect(srvHistory.slice(1).map((a) => a.changes[0])).toEqual([
      { field: 'relation', from: null, to: 'runs ERP app' },
      { field: 'relation', from: 'runs ERP app', to: null },
    ]);
    const appHistory = await firstValueFrom(observeActivities(db, app.id));
    expect(appHistory.at(-1)?.changes[0]?.from).toBe('runs on SRV-01');
  });
});

describe('whole-CMDB reads', () => {
  it('loads every CI, relation and ticket link in chunks, and follows changes', async () => {
    const db = await openWithPeople();
    const cis = [];
    for (let i = 0; i < 7; i++) cis.push(await make(db, { assetTag: `AT-${i}`, name: `SRV-${i}` }));
    await addRelation(db, { fromId: cis[0]!.id, toId: cis[1]!.id, relType: 'depends_on' }, session);
    const ticket = await createTicket(
      db,
      {
        kind: 'incident',
        title: 'Server down',
        description: '',
        impact: 2,
        urgency: 2,
        category: '',
        requesterId: 'per_tech',
        assigneeId: '',
        groupId: '',
        ciIds: [cis[1]!.id],
      },
      session,
    );
    expect(ticket.ok).toBe(true);

    const seen: number[] = [];
    await loadAllDocs(db.cis, (docs) => seen.push(docs.length), 3);
    expect(seen).toEqual([3, 3, 1]);
    const data = await loadCmdb(db);
    expect(data.cis).toHaveLength(7);
    expect(data.cis[0]).not.toHaveProperty('_meta');
    expect(data.relations).toHaveLength(1);
    expect((await loadTicketLinks(db)).map((l) => l.ciIds)).toEqual([[cis[1]!.id]]);

    const events: string[] = [];
    const sub = followCmdb(db, {
      ci: (id, doc) => events.push(`ci ${doc ? doc.name : 'gone'}`),
      relation: () => events.push('relation'),
      ticket: () => events.push('ticket'),
      flush: () => events.push('flush'),
    });
    await updateCi(db, cis[2]!.id, { name: 'SRV-renamed' }, session);
    sub.unsubscribe();
    expect(events).toEqual(['ci SRV-renamed', 'flush']);
  });
});
