/**
 * Every migration strategy against old fixture documents, then the real path end to end:
 * a database written with the v0 schema, closed, and reopened with the current schemas.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRxDatabase, type MigrationStrategies, type RxDatabase } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { wrappedValidateZSchemaStorage } from 'rxdb/plugins/validate-z-schema';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { MAX_TIME, type ActivityDoc, type TicketDoc } from '../../shared/domain/model';
import { closeQuietly, type OutpostDatabase } from '../../renderer/data/database';
import { COLLECTION_DEFINITIONS, COLLECTION_NAMES } from '../../renderer/data/schemas';
import { openTestDb, uniqueDbName } from '../../renderer/data/testDb';
import { queryViewPage } from '../../renderer/data/views';
import { activitiesSchemaV0 } from '../fixtures/activities.v0.schema';
import { articlesSchemaV0 } from '../fixtures/articles.v0.schema';
import { ticketsSchemaV0 } from '../fixtures/tickets.v0.schema';
import { ticketsSchemaV1 } from '../fixtures/tickets.v1.schema';

type V0Ticket = Omit<TicketDoc, 'phase' | 'sortDesc'>;

const fixtures = JSON.parse(
  readFileSync(new URL('../fixtures/tickets.v0.json', import.meta.url), 'utf8'),
) as V0Ticket[];

const ticketsV1 = JSON.parse(
  readFileSync(new URL('../fixtures/tickets.v1.json', import.meta.url), 'utf8'),
) as TicketDoc[];
const activitiesV0 = JSON.parse(
  readFileSync(new URL('../fixtures/activities.v0.json', import.meta.url), 'utf8'),
) as ActivityDoc[];

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
  );
}

const hashOf = (schema: unknown): string =>
  createHash('sha256')
    .update(JSON.stringify(canonical(schema)))
    .digest('hex');

/** Runs a document through strategies `from + 1 .. to`, like RxDB does (null = dropped). */
async function migrate(
  strategies: MigrationStrategies,
  from: number,
  to: number,
  doc: Record<string, unknown>,
): Promise<Record<string, unknown> | null> {
  let current: Record<string, unknown> | null = structuredClone(doc);
  for (let version = from + 1; version <= to && current; version++) {
    const strategy = strategies[version];
    if (!strategy) throw new Error(`missing migration strategy to version ${version}`);
    current = (await strategy(current as never, undefined as never)) as Record<string, unknown> | null;
  }
  return current;
}

/** What a v0 fixture must look like at the current version. */
/** v2 gave changes their own machine: a v1 change in work waits in Assess, a resolved one in Review. */
const CHANGE_V2: Record<string, TicketDoc['status']> = {
  assigned: 'assess',
  in_progress: 'assess',
  pending: 'assess',
  reopened: 'assess',
  resolved: 'review',
};

function expectedCurrent(doc: V0Ticket): TicketDoc {
  const v1Status = doc.status as TicketDoc['status'];
  const status = doc.kind === 'change' ? (CHANGE_V2[v1Status] ?? v1Status) : v1Status;
  const done = status === 'resolved' || status === 'closed';
  return {
    ...doc,
    status,
    ...(status !== v1Status ? { pendingReason: '' as const } : {}),
    phase: done ? 'done' : 'open',
    sortDesc: MAX_TIME - doc.updatedAt,
  } as TicketDoc;
}

describe('migration strategies', () => {
  it('exist for every version of every collection, and none beyond', () => {
    for (const name of COLLECTION_NAMES) {
      const { schema, migrationStrategies } = COLLECTION_DEFINITIONS[name];
      const versions = Object.keys(migrationStrategies)
        .map(Number)
        .sort((a, b) => a - b);
      expect(versions, name).toEqual(Array.from({ length: schema.version }, (_, i) => i + 1));
    }
  });

  it('the fixtures cover every v0 status', () => {
    expect(new Set(fixtures.map((f) => f.status)).size).toBe(7);
  });

  it('upgrade every v0 ticket fixture to the current schema', async () => {
    const { schema, migrationStrategies } = COLLECTION_DEFINITIONS.tickets;
    for (const fixture of fixtures) {
      const migrated = await migrate(migrationStrategies, 0, schema.version, fixture as never);
      expect(migrated).toEqual(expectedCurrent(fixture));
      // Exactly the current fields: nothing left over, nothing missing.
      expect(Object.keys(migrated ?? {}).sort()).toEqual([...(schema.required ?? [])].sort());
    }
  });

  it('do not mutate their input', async () => {
    const { migrationStrategies } = COLLECTION_DEFINITIONS.tickets;
    const fixture = structuredClone(fixtures[0]);
    const before = JSON.stringify(fixture);
    await migrationStrategies[1]?.(fixture as never, undefined as never);
    expect(JSON.stringify(fixture)).toBe(before);
  });
});

describe('process records: tickets v2 and activities v1', () => {
  it('the frozen schemas are the ones that shipped (hashes from snapshot.json at the time)', () => {
    expect(hashOf(ticketsSchemaV1)).toBe('d3be33a6a8f36847859ae141de583fdec397de7a886d13fc93d2e625f981feeb');
    expect(hashOf(activitiesSchemaV0)).toBe(
      'c04ac75679b394d7bd4319af707e8b352742140cddf944d08df02fe40b6bac77',
    );
  });

  it('the fixtures cover every v1 status and every v0 activity kind', () => {
    expect(new Set(ticketsV1.map((t) => t.status)).size).toBe(7);
    expect(new Set(activitiesV0.map((a) => a.kind))).toEqual(
      new Set(['created', 'comment', 'note', 'worklog', 'change', 'merge']),
    );
  });

  it('a v1 ticket reaches the current version unchanged', async () => {
    const { schema, migrationStrategies } = COLLECTION_DEFINITIONS.tickets;
    expect(schema.version).toBe(2);
    for (const fixture of ticketsV1) {
      const migrated = await migrate(migrationStrategies, 1, schema.version, fixture as never);
      expect(migrated).toEqual(fixture);
      // No process field appears: they stay optional and absent.
      expect(Object.keys(migrated ?? {}).sort()).toEqual([...(schema.required ?? [])].sort());
    }
  });

  it('a v0 activity reaches the current version unchanged', async () => {
    const { schema, migrationStrategies } = COLLECTION_DEFINITIONS.activities;
    expect(schema.version).toBe(1);
    for (const fixture of activitiesV0) {
      const migrated = await migrate(migrationStrategies, 0, schema.version, fixture as never);
      expect(migrated).toEqual(fixture);
      expect(migrated).not.toHaveProperty('vote');
      expect(migrated).not.toHaveProperty('score');
    }
  });

  it('the identity strategies do not mutate their input', async () => {
    const ticket = structuredClone(ticketsV1[2]);
    const activity = structuredClone(activitiesV0[4]);
    const before = JSON.stringify([ticket, activity]);
    await COLLECTION_DEFINITIONS.tickets.migrationStrategies[2]?.(ticket as never, undefined as never);
    await COLLECTION_DEFINITIONS.activities.migrationStrategies[1]?.(activity as never, undefined as never);
    expect(JSON.stringify([ticket, activity])).toBe(before);
  });
});

describe('end to end under fake-indexeddb', () => {
  const open: (RxDatabase | OutpostDatabase)[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((db) => closeQuietly(db)));
  });

  it('a v0 database reopened with the current schemas holds migrated tickets', async () => {
    const name = uniqueDbName('migrate');
    // Validated storage: proves the fixtures really are valid v0 documents.
    const v0 = await createRxDatabase({
      name,
      storage: wrappedValidateZSchemaStorage({ storage: getRxStorageDexie({ indexedDB, IDBKeyRange }) }),
      multiInstance: false,
    });
    open.push(v0);
    await v0.addCollections({ tickets: { schema: ticketsSchemaV0 } });
    const written = await v0.collections.tickets?.bulkInsert(fixtures as never[]);
    expect(written?.error).toEqual([]);
    await v0.close();

    // Dev-mode and z-schema validation are on: every migrated document is checked on write.
    const db = await openTestDb(name);
    open.push(db);
    const stored = (await db.tickets.find().exec()).map((d) => d.toMutableJSON());
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
    expect(stored.sort(byId)).toEqual(fixtures.map(expectedCurrent).sort(byId));

    // The new indexes serve the views over migrated data.
    const open1 = await queryViewPage(db, 'open', { userId: '' }, 50);
    // The resolved v1 change waits in Review (open) under its v2 machine.
    expect(open1.map((t) => t.status)).toEqual([
      'reopened',
      'review',
      'pending',
      'in_progress',
      'assigned',
      'new',
    ]);
    const done = await queryViewPage(db, 'done', { userId: '' }, 50);
    expect(done.map((t) => t.status)).toEqual(['closed']);
  });
  it('a v1 ticket and v0 activity database reopened with the current schemas keeps every document', async () => {
    const name = uniqueDbName('migrate-v1');
    const old = await createRxDatabase({
      name,
      storage: wrappedValidateZSchemaStorage({ storage: getRxStorageDexie({ indexedDB, IDBKeyRange }) }),
      multiInstance: false,
    });
    open.push(old);
    await old.addCollections({
      // The strategy only has to exist for RxDB to open a v1 collection; nothing older is stored.
      tickets: { schema: ticketsSchemaV1, migrationStrategies: { 1: (doc: unknown) => doc } },
      activities: { schema: activitiesSchemaV0 },
    });
    expect((await old.collections.tickets?.bulkInsert(ticketsV1 as never[]))?.error).toEqual([]);
    expect((await old.collections.activities?.bulkInsert(activitiesV0 as never[]))?.error).toEqual([]);
    await old.close();

    const db = await openTestDb(name);
    open.push(db);
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
    const tickets = (await db.tickets.find().exec()).map((d) => d.toMutableJSON());
    expect(tickets.sort(byId)).toEqual([...ticketsV1].sort(byId));
    const activities = (await db.activities.find().exec()).map((d) => d.toMutableJSON());
    expect(activities.sort(byId)).toEqual([...activitiesV0].sort(byId));
    // Upgraded collections take the new kinds and fields at once.
    await db.activities.insert({
      ...activitiesV0[1]!,
      id: 'act_01KVOTEAFTERUPGRADE000000',
      kind: 'vote',
      vote: 'approve',
    });
    expect((await db.activities.findOne('act_01KVOTEAFTERUPGRADE000000').exec())?.vote).toBe('approve');
  });
});

describe('knowledge articles v1', () => {
  const articlesV0 = (['draft', 'review', 'published', 'retired'] as const).map((state, i) => ({
    id: `kb_01KARTICLEV0FIXTURE00000${i}`,
    type: 'article' as const,
    title: `Reset the VPN client ${i}`,
    body: '# Steps\n\n1. Quit the client\n2. Start it again',
    category: 'Network',
    tags: ['vpn', 'remote'],
    state,
    version: i + 1,
    ownerId: 'per_OWNER',
    sortDesc: MAX_TIME - (1_700_000_000_000 + i),
    createdAt: 1_690_000_000_000,
    updatedAt: 1_700_000_000_000 + i,
    updatedBy: 'per_OWNER',
  }));
  const open: (RxDatabase | OutpostDatabase)[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((db) => closeQuietly(db)));
  });

  it('the frozen v0 schema is the one that shipped, and a v0 article reaches v1 unchanged', async () => {
    expect(hashOf(articlesSchemaV0)).toBe('7d8d1e40b01df5f096118055d868a850ed60dd75950ca995b2116ded5157d44c');
    const { schema, migrationStrategies } = COLLECTION_DEFINITIONS.articles;
    expect(schema.version).toBe(1);
    for (const fixture of articlesV0) {
      const before = JSON.stringify(fixture);
      const migrated = await migrate(migrationStrategies, 0, schema.version, fixture);
      expect(migrated).toEqual(fixture);
      expect(Object.keys(migrated ?? {}).sort()).toEqual([...(schema.required ?? [])].sort());
      expect(JSON.stringify(fixture)).toBe(before);
    }
  });

  it('a v0 articles database reopened with the current schemas keeps every article', async () => {
    const name = uniqueDbName('migrate-articles');
    const old = await createRxDatabase({
      name,
      storage: wrappedValidateZSchemaStorage({ storage: getRxStorageDexie({ indexedDB, IDBKeyRange }) }),
      multiInstance: false,
    });
    open.push(old);
    await old.addCollections({ articles: { schema: articlesSchemaV0 } });
    expect((await old.collections.articles?.bulkInsert(articlesV0 as never[]))?.error).toEqual([]);
    await old.close();

    const db = await openTestDb(name);
    open.push(db);
    const stored = (await db.articles.find().exec()).map((d) => d.toMutableJSON());
    expect(stored.sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual(articlesV0);
    // The upgraded collection takes the review fields at once.
    const first = await db.articles.findOne(articlesV0[0]!.id).exec();
    await first?.incrementalPatch({ reviewerIds: ['per_REVIEWER'], reviewDueAt: 1_710_000_000_000 });
    expect((await db.articles.findOne(articlesV0[0]!.id).exec())?.reviewerIds).toEqual(['per_REVIEWER']);
  });
});

describe('configuration items v1 (asset fields)', () => {
  const cisV0 = (['server', 'laptop', 'business_service'] as const).map((ciClass, i) => ({
    id: `ci_01KCIV0FIXTURE000000000${i}`,
    type: 'ci' as const,
    ciClass,
    name: `Fixture item ${i}`,
    assetTag: ciClass === 'business_service' ? '' : `AT-00000${i}`,
    serial: ciClass === 'business_service' ? '' : `SN${i}`,
    state: (['deployed', 'in_stock', 'deployed'] as const)[i]!,
    locationId: ciClass === 'business_service' ? '' : 'per_LOCATION',
    ownerId: 'per_OWNER',
    attributes: ciClass === 'server' ? { os: 'Linux', ram_gb: 64, virtual: 'virtual' } : { managed: true },
    createdAt: 1_690_000_000_000,
    updatedAt: 1_700_000_000_000 + i,
    updatedBy: 'per_OWNER',
  }));
  const open: (RxDatabase | OutpostDatabase)[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((db) => closeQuietly(db)));
  });

  it('the frozen v0 schema is the one that shipped, and a v0 CI reaches v1 unchanged', async () => {
    const { cisSchemaV0 } = await import('../fixtures/cis.v0.schema');
    expect(hashOf(cisSchemaV0)).toBe('c7e5ab5576c3521bf660f25987d6a21ec459b05f86311ec4a8040a06d5b6b63f');
    const { schema, migrationStrategies } = COLLECTION_DEFINITIONS.cis;
    expect(schema.version).toBe(1);
    for (const fixture of cisV0) {
      const before = JSON.stringify(fixture);
      const migrated = await migrate(migrationStrategies, 0, schema.version, fixture);
      expect(migrated).toEqual(fixture);
      // No asset field appears: they stay optional and absent.
      expect(Object.keys(migrated ?? {}).sort()).toEqual([...(schema.required ?? [])].sort());
      expect(JSON.stringify(fixture)).toBe(before);
    }
  });

  it('a v0 cis database reopened with the current schemas keeps every CI and takes the asset fields', async () => {
    const { cisSchemaV0 } = await import('../fixtures/cis.v0.schema');
    const name = uniqueDbName('migrate-cis');
    const old = await createRxDatabase({
      name,
      storage: wrappedValidateZSchemaStorage({ storage: getRxStorageDexie({ indexedDB, IDBKeyRange }) }),
      multiInstance: false,
    });
    open.push(old);
    await old.addCollections({ cis: { schema: cisSchemaV0 } });
    expect((await old.collections.cis?.bulkInsert(cisV0 as never[]))?.error).toEqual([]);
    await old.close();

    const db = await openTestDb(name);
    open.push(db);
    const stored = (await db.cis.find().exec()).map((d) => d.toMutableJSON());
    expect(stored.sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual(cisV0);
    const first = await db.cis.findOne(cisV0[0]!.id).exec();
    await first?.incrementalPatch({ model: 'PowerEdge R750', cost: 849_900, warrantyEnd: 1_800_000_000_000 });
    expect((await db.cis.findOne(cisV0[0]!.id).exec())?.cost).toBe(849_900);
    // The new index serves lifecycle views over migrated data.
    const inStock = await db.cis.find({ selector: { state: 'in_stock' }, index: ['state', 'name'] }).exec();
    expect(inStock.map((d) => d.id)).toEqual([cisV0[1]!.id]);
  });
});

describe('audit campaigns v1 (scope, snapshot, timestamps)', () => {
  // The v0 schema as it shipped (frozen here: the live schema has moved on).
  const auditsSchemaV0 = {
    title: 'audits',
    description: 'Audit campaigns, keyed by id',
    version: 0,
    primaryKey: 'id',
    type: 'object',
    properties: {
      id: { type: 'string', maxLength: 64 },
      type: { type: 'string', enum: ['audit'], maxLength: 5 },
      name: { type: 'string' },
      state: { type: 'string', enum: ['draft', 'running', 'closed'], maxLength: 7 },
      locationId: { type: 'string', maxLength: 64 },
      expectedCiIds: { type: 'array', items: { type: 'string', maxLength: 64 } },
      createdAt: { type: 'number', minimum: 0, maximum: MAX_TIME, multipleOf: 1 },
      updatedAt: { type: 'number', minimum: 0, maximum: MAX_TIME, multipleOf: 1 },
      updatedBy: { type: 'string', maxLength: 64 },
    },
    required: [
      'id',
      'type',
      'name',
      'state',
      'locationId',
      'expectedCiIds',
      'createdAt',
      'updatedAt',
      'updatedBy',
    ],
    indexes: [],
    additionalProperties: false,
  } as const;
  const auditsV0 = (['draft', 'running', 'closed'] as const).map((state, i) => ({
    id: `aud_01KAUDITV0FIXTURE000000${i}`,
    type: 'audit' as const,
    name: `Stock take ${i}`,
    state,
    locationId: i === 0 ? '' : 'per_LOCATION',
    expectedCiIds: i === 0 ? [] : ['ci_A', 'ci_B'],
    createdAt: 1_690_000_000_000,
    updatedAt: 1_700_000_000_000 + i,
    updatedBy: 'per_AUDITOR',
  }));
  const open: (RxDatabase | OutpostDatabase)[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((db) => closeQuietly(db)));
  });

  it('the frozen v0 schema is the one that shipped, and a v0 campaign reaches v1 unchanged', async () => {
    expect(hashOf(auditsSchemaV0)).toBe('c4ea90c9525559f465b0f18b89911965b364af30e830f6300ae3cc1d966946cb');
    const { schema, migrationStrategies } = COLLECTION_DEFINITIONS.audits;
    expect(schema.version).toBe(1);
    for (const fixture of auditsV0) {
      const before = JSON.stringify(fixture);
      const migrated = await migrate(migrationStrategies, 0, schema.version, fixture);
      expect(migrated).toEqual(fixture);
      // The new fields stay optional and absent: the domain reads a missing scope from locationId.
      expect(Object.keys(migrated ?? {}).sort()).toEqual([...(schema.required ?? [])].sort());
      expect(JSON.stringify(fixture)).toBe(before);
    }
  });

  it('a v0 audits database reopened with the current schemas keeps every campaign and takes the new fields', async () => {
    const name = uniqueDbName('migrate-audits');
    const old = await createRxDatabase({
      name,
      storage: wrappedValidateZSchemaStorage({ storage: getRxStorageDexie({ indexedDB, IDBKeyRange }) }),
      multiInstance: false,
    });
    open.push(old);
    await old.addCollections({ audits: { schema: auditsSchemaV0 as never } });
    expect((await old.collections.audits?.bulkInsert(auditsV0 as never[]))?.error).toEqual([]);
    await old.close();

    const db = await openTestDb(name);
    open.push(db);
    const stored = (await db.audits.find().exec()).map((d) => d.toMutableJSON());
    expect(stored.sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual(auditsV0);
    const running = await db.audits.findOne(auditsV0[1]!.id).exec();
    await running?.incrementalPatch({
      scope: { locationId: 'per_LOCATION', ciClass: 'laptop', ownerId: '' },
      expected: [{ ciId: 'ci_A', assetTag: 'AT-1', name: 'Laptop A', locationId: 'per_LOCATION' }],
      startedAt: 1_700_000_000_100,
    });
    expect((await db.audits.findOne(auditsV0[1]!.id).exec())?.expected?.[0]?.assetTag).toBe('AT-1');
  });
});

describe('files v1 (articles as parents)', () => {
  it('the frozen v0 schema is the one that shipped, and a v0 file reaches v1 unchanged', async () => {
    const { filesSchemaV0 } = await import('../fixtures/files.v0.schema');
    expect(hashOf(filesSchemaV0)).toBe('279801d2c05999e7a12f91bf2010411b1590e6ddb6778aefb261d95ad9df6e2c');
    const { schema, migrationStrategies } = COLLECTION_DEFINITIONS.files;
    expect(schema.version).toBe(1);
    const file = {
      id: 'fil_01KFILEV0FIXTURE000000000',
      type: 'file',
      parentId: 'tkt_01KFILEPARENT0000000000',
      parentType: 'ticket',
      name: 'router-photo.jpg',
      contentType: 'image/jpeg',
      size: 48_213,
      createdAt: 1_700_000_000_000,
      createdBy: 'per_TECH',
      updatedAt: 1_700_000_000_000,
      updatedBy: 'per_TECH',
    };
    const before = JSON.stringify(file);
    expect(await migrate(migrationStrategies, 0, schema.version, file)).toEqual(file);
    expect(JSON.stringify(file)).toBe(before);
  });
});
