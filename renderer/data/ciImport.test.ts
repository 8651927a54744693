import { afterEach, describe, expect, it } from 'vitest';
import { firstValueFrom } from 'rxjs';
import { suggestMapping } from '../../shared/domain/ciColumns';
import { readClassDefinitions } from '../../shared/domain/ciClasses';
import type { PersonDoc } from '../../shared/domain/model';
import { observeActivities } from './activities';
import { commitImport, planImport, readCsvHeader } from './ciImport';
import type { OutpostDatabase } from './database';
import { createDbTracker } from './testDb';

const dbs = createDbTracker();
afterEach(() => dbs.closeAll());

const session = { userId: 'per_tech' };
const NOW = 1_750_000_000_000;
const definitions = readClassDefinitions(undefined).definitions;

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

async function openDb(): Promise<OutpostDatabase> {
  const db = await dbs.open();
  await db.people.bulkInsert([
    person('per_tech', 'user', 'Tess Tech'),
    person('per_ldn', 'location', 'London HQ'),
  ]);
  return db;
}

/** A Blob streamed in small pieces, so records and UTF-8 sequences cross chunk boundaries. */
function file(text: string | Uint8Array<ArrayBuffer>): Blob {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  const parts: Uint8Array<ArrayBuffer>[] = [];
  for (let i = 0; i < bytes.length; i += 7) parts.push(bytes.slice(i, i + 7));
  return new Blob(parts);
}

const GOOD_AND_BAD =
  '\uFEFFAsset tag;Name;Class;Location;RAM (GB)\r\n' +
  'AT-100;LDN-LT-0100;Laptop;London HQ;16\r\n' +
  'AT-101;LDN-LT-0101;Toaster;London HQ;16\r\n' +
  'AT-102;LDN-LT-0102;Laptop;Paris;lots\r\n' +
  'AT-103;"Caf\u00e9 PC; ""floor 2""";Desktop;;8\r\n';

describe('CSV import through the data layer', () => {
  it('reads the header and suggests a mapping', async () => {
    const header = await readCsvHeader(file(GOOD_AND_BAD));
    expect(header?.headers).toEqual(['Asset tag', 'Name', 'Class', 'Location', 'RAM (GB)']);
    expect(header?.report.delimiter).toBe(';');
    expect(suggestMapping(header!.headers, definitions)).toEqual([
      'assetTag',
      'name',
      'ciClass',
      'location',
      'attr:ram_gb',
    ]);
  });

  it('previews without writing, refuses to import with errors, then imports the valid rows only', async () => {
    const db = await openDb();
    const mapping = suggestMapping(['Asset tag', 'Name', 'Class', 'Location', 'RAM (GB)'], definitions);
    const planned = await planImport(db, file(GOOD_AND_BAD), mapping, session, { now: NOW });
    if ('error' in planned) throw new Error(planned.error);
    expect(planned.plan.counts).toEqual({ rows: 4, new: 2, updated: 0, unchanged: 0, errors: 2 });
    expect(planned.plan.errors.map((e) => `row ${e.row}: ${e.field}`)).toEqual([
      'row 3: Class',
      'row 4: Location',
      'row 4: RAM (GB)',
    ]);
    expect(await db.cis.count().exec()).toBe(0);

    const refused = await commitImport(db, file(GOOD_AND_BAD), mapping, session, { now: NOW });
    expect(refused.ok).toBe(false);
    expect(await db.cis.count().exec()).toBe(0);

    const done = await commitImport(db, file(GOOD_AND_BAD), mapping, session, { now: NOW, validOnly: true });
    expect(done.ok && done.summary).toEqual({ created: 2, updated: 0, unchanged: 0, skipped: 2, failed: [] });
    const stored = (await db.cis.find().exec()).map((d) => d.toMutableJSON());
    expect(stored.map((c) => c.name).sort()).toEqual(['Café PC; "floor 2"', 'LDN-LT-0100']);
    const history = await firstValueFrom(observeActivities(db, stored[0]!.id));
    expect(history.map((a) => [a.kind, a.body])).toEqual([['created', 'Imported from CSV']]);
  });

  it('is idempotent by asset tag, and an update writes one history entry with its changes', async () => {
    const db = await openDb();
    const csv = 'Asset tag,Name,Class,RAM (GB)\nAT-1,LT-1,Laptop,8\nAT-2,LT-2,Laptop,8\n';
    const mapping = suggestMapping(['Asset tag', 'Name', 'Class', 'RAM (GB)'], definitions);
    await commitImport(db, file(csv), mapping, session, { now: NOW });
    const again = await commitImport(db, file(csv), mapping, session, { now: NOW + 1 });
    expect(again.ok && again.summary).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect(await db.cis.count().exec()).toBe(2);

    const changed = await commitImport(
      db,
      file('Asset tag,RAM (GB)\nAT-2,16\n'),
      ['assetTag', 'attr:ram_gb'],
      session,
      { now: NOW + 2 },
    );
    expect(changed.ok && changed.summary.updated).toBe(1);
    const ci = await db.cis.findOne({ selector: { assetTag: 'AT-2' } }).exec();
    expect(ci?.attributes.ram_gb).toBe(16);
    expect(ci?.name).toBe('LT-2');
    const history = await firstValueFrom(observeActivities(db, ci!.id));
    expect(history.at(-1)?.changes).toEqual([{ field: 'attributes.ram_gb', from: 8, to: 16 }]);
  });

  it('reports invalid UTF-8 bytes and still imports the row with replacement characters', async () => {
    const db = await openDb();
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('Name,Class\nCaf'),
      0xe9,
      ...new TextEncoder().encode(' PC,Desktop\n'),
    ]);
    const planned = await planImport(db, file(bytes), ['name', 'ciClass'], session);
    if ('error' in planned) throw new Error(planned.error);
    expect(planned.report.invalidBytes).toBe(1);
    expect(planned.report.invalidOffsets).toEqual([14]);
    expect(planned.plan.counts.new).toBe(1);
    expect(planned.plan.warnings.map((w) => w.row)).toEqual([2]);
  });

  it('refuses a mapping without a key column', async () => {
    const db = await openDb();
    expect(await planImport(db, file('a,b\n1,2\n'), ['serial', ''], session)).toEqual({
      error: 'Map a column to Asset tag or Name.',
    });
  });
});
