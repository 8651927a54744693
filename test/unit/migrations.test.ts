/**
 * Every migration strategy against old fixture documents, then the real path end to end:
 * a database written with the v0 schema, closed, and reopened with the current schemas.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRxDatabase, type MigrationStrategies, type RxDatabase } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { wrappedValidateZSchemaStorage } from 'rxdb/plugins/validate-z-schema';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { MAX_TIME, type TicketDoc } from '../../shared/domain/model';
import { closeQuietly, type OutpostDatabase } from '../../renderer/data/database';
import { COLLECTION_DEFINITIONS, COLLECTION_NAMES } from '../../renderer/data/schemas';
import { openTestDb, uniqueDbName } from '../../renderer/data/testDb';
import { queryViewPage } from '../../renderer/data/views';
import { ticketsSchemaV0 } from '../fixtures/tickets.v0.schema';

type V0Ticket = Omit<TicketDoc, 'phase' | 'sortDesc'>;

const fixtures = JSON.parse(
  readFileSync(new URL('../fixtures/tickets.v0.json', import.meta.url), 'utf8'),
) as V0Ticket[];

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
function expectedCurrent(doc: V0Ticket): TicketDoc {
  const done = doc.status === 'resolved' || doc.status === 'closed';
  return { ...doc, phase: done ? 'done' : 'open', sortDesc: MAX_TIME - doc.updatedAt };
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
    expect(open1.map((t) => t.status)).toEqual(['reopened', 'pending', 'in_progress', 'assigned', 'new']);
    const done = await queryViewPage(db, 'done', { userId: '' }, 50);
    expect(done.map((t) => t.status)).toEqual(['closed', 'resolved']);
  });
});
