import { describe, expect, it } from 'vitest';
import { readClassDefinitions } from './ciClasses';
import { exportRows, suggestMapping, type ColumnTarget } from './ciColumns';
import { ImportPlanner, buildLookup, type ImportContext, type ImportPlan } from './ciImport';
import { parseCsv, toCsv } from './csv';
import type { CiDoc } from './model';

const definitions = readClassDefinitions(undefined).definitions;
const locations = [{ id: 'per_ldn', name: 'London HQ' }];
const people = [
  { id: 'per_amy', name: 'Amy Reid', email: 'amy@example.com' },
  { id: 'per_grp', name: 'Server Ops' },
];

function existingCi(overrides: Partial<CiDoc> = {}): CiDoc {
  return {
    id: 'ci_OLD',
    type: 'ci',
    ciClass: 'laptop',
    name: 'LDN-LT-0001',
    assetTag: 'AT-1',
    serial: 'S1',
    state: 'deployed',
    locationId: 'per_ldn',
    ownerId: 'per_amy',
    attributes: { ram_gb: 16 },
    createdAt: 1,
    updatedAt: 1,
    updatedBy: 'per_amy',
    ...overrides,
  };
}

function context(existing: CiDoc[] = []): ImportContext {
  let n = 0;
  const untagged = new Map<string, CiDoc[]>();
  for (const ci of existing.filter((c) => !c.assetTag)) {
    const key = `${ci.ciClass}:${ci.name.toLowerCase()}`;
    untagged.set(key, [...(untagged.get(key) ?? []), ci]);
  }
  return {
    definitions,
    existingByTag: new Map(existing.filter((c) => c.assetTag).map((c) => [c.assetTag, c])),
    untaggedByName: untagged,
    locations: buildLookup(locations, 'location'),
    owners: buildLookup(people, 'owner'),
    users: buildLookup(people.slice(0, 1), 'person'),
    refs: {
      isLocation: (id) => id === 'per_ldn',
      isOwner: (id) => id === 'per_amy' || id === 'per_grp',
      isUser: (id) => id === 'per_amy',
    },
    now: 1_700_000_000_000,
    userId: 'per_me',
    newId: () => `ci_NEW${++n}`,
  };
}

function plan(csv: string, existing: CiDoc[] = [], mapping?: ColumnTarget[]): ImportPlan {
  const { records } = parseCsv(csv);
  const [header, ...rows] = records;
  const planner = new ImportPlanner(
    header!.fields,
    mapping ?? suggestMapping(header!.fields, definitions),
    context(existing),
  );
  for (const r of rows) planner.addRow(r.fields, r.row);
  return planner.result();
}

describe('column mapping', () => {
  it('suggests fields and attributes from common header names, each once', () => {
    expect(
      suggestMapping(
        ['Asset Tag', 'Hostname', 'Type', 'S/N', 'RAM (GB)', 'attr.cpu_cores', 'Site', 'tag', 'Notes'],
        definitions,
      ),
    ).toEqual([
      'assetTag',
      'attr:hostname',
      'ciClass',
      'serial',
      'attr:ram_gb',
      'attr:cpu_cores',
      'location',
      '',
      '',
    ]);
  });

  it('refuses a mapping without a key column or with a field twice', () => {
    expect(ImportPlanner.mappingErrors(['serial', ''])).toEqual(['Map a column to Asset tag or Name.']);
    expect(ImportPlanner.mappingErrors(['name', 'name'])).toEqual(['Two columns are mapped to Name.']);
  });
});

describe('import planning', () => {
  it('creates new CIs, updates by asset tag, leaves identical rows unchanged', () => {
    const result = plan(
      'Asset tag,Name,Class,Location,Owner,RAM (GB),Cost\n' +
        'AT-1,LDN-LT-0001,Laptop,London HQ,amy@example.com,32,\n' +
        'AT-2,LDN-LT-0002,laptop,london hq,Amy Reid,16,1299.99\n' +
        'AT-3,LDN-LT-0003,Laptop,,,,\n',
      [existingCi(), existingCi({ id: 'ci_3', assetTag: 'AT-3', name: 'LDN-LT-0003', attributes: {} })],
    );
    expect(result.counts).toEqual({ rows: 3, new: 1, updated: 1, unchanged: 1, errors: 0 });
    expect(result.writes.map((w) => [w.row, w.created, w.ci.id])).toEqual([
      [2, false, 'ci_OLD'],
      [3, true, 'ci_NEW1'],
    ]);
    expect(result.writes[0]!.changes).toEqual([{ field: 'attributes.ram_gb', from: 16, to: 32 }]);
    expect(result.writes[1]!.ci).toMatchObject({
      cost: 129_999,
      locationId: 'per_ldn',
      ownerId: 'per_amy',
      state: 'in_stock',
    });
  });

  it('names the row and the field of every error', () => {
    const result = plan(
      'Asset tag,Name,Class,RAM (GB),Location\n' +
        'AT-1,A,Spaceship,,\n' +
        'AT-2,B,Laptop,lots,Paris\n' +
        'AT-2,C,Laptop,8,\n' +
        ',,Laptop,,\n' +
        'AT-5,E,Laptop\n',
    );
    expect(result.counts.errors).toBe(5);
    expect(result.errors.map((e) => [e.row, e.field, e.column])).toEqual([
      [2, 'Class', 'Class'],
      [3, 'Location', 'Location'],
      [3, 'RAM (GB)', 'RAM (GB)'],
      [4, 'Asset tag', 'Asset tag'],
      [5, 'Asset tag', 'Asset tag'],
      [6, 'Row', ''],
    ]);
    expect(result.errors[3]!.message).toBe('Asset tag AT-2 is already on row 3 of this file.');
    expect(result.writes).toEqual([]);
  });

  it('is idempotent: importing an export of the result changes nothing', () => {
    const first = plan(
      'Asset tag,Name,Class,Cost,Purchase date,attr.ram_gb,attr.colour_profile\nAT-9,=SUM(A1),Laptop,10,2024-01-31,8,sRGB\n',
    );
    expect(first.counts.new).toBe(1);
    const created = first.writes.map((w) => w.ci);
    const names = new Map([...locations, ...people].map((p) => [p.id, p.name]));
    const csv = toCsv(exportRows(created, definitions, { nameOf: (id) => names.get(id) ?? id }));
    expect(csv).toContain("'=SUM(A1)");
    const again = plan(csv, created);
    expect(again.counts).toEqual({ rows: 1, new: 0, updated: 0, unchanged: 1, errors: 0 });
  });

  it('matches untagged items by class and name', () => {
    const service = existingCi({
      id: 'ci_svc',
      ciClass: 'business_service',
      name: 'Payroll',
      assetTag: '',
      attributes: { criticality: 'high' },
    });
    const result = plan(
      'Name,Class,Criticality\nPayroll,Business service,critical\nNew service,Business service,low\n',
      [service],
    );
    expect(result.counts).toMatchObject({ new: 1, updated: 1 });
    expect(result.writes[0]!.ci.id).toBe('ci_svc');
  });

  it('warns about replaced characters without refusing the row', () => {
    const result = plan('Name,Class\nCaf\uFFFD PC,Desktop\n');
    expect(result.counts.new).toBe(1);
    expect(result.warnings).toHaveLength(1);
  });
});
