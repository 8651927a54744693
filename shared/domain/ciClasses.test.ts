import { describe, expect, it } from 'vitest';
import {
  BUILTIN_CLASS_ATTRIBUTES,
  classDefinitionsSetting,
  parseAttributeText,
  readClassDefinitions,
  validateAttributeDefs,
  validateAttributes,
  type AttributeDef,
} from './ciClasses';
import { applyCiEdit, buildCi, diffCi, parseCost, formatCost, parseDay, formatDay } from './cmdb';
import { buildRelation, relationPhrase, relationsOf, validateRelation } from './relations';
import { generateTeam } from '../demo/team';

const ctx = {
  now: 1_700_000_000_000,
  userId: 'per_me',
  definitions: readClassDefinitions(undefined).definitions,
};

describe('class attributes', () => {
  it('every built-in list is valid', () => {
    for (const list of Object.values(BUILTIN_CLASS_ATTRIBUTES))
      expect(validateAttributeDefs(list)).toEqual({});
  });

  it('an admin list replaces one class; a malformed one falls back to the built-ins', () => {
    const custom: AttributeDef[] = [
      { key: 'rack', label: 'Rack', type: 'text', required: true },
      { key: 'tier', label: 'Tier', type: 'choice', required: false, options: ['gold', 'silver'] },
    ];
    const read = readClassDefinitions({
      classes: { server: custom, laptop: [{ key: 'Bad Key', label: '', type: 'x' }] },
    });
    expect(read.definitions.server).toEqual(custom);
    expect(read.definitions.laptop).toEqual(BUILTIN_CLASS_ATTRIBUTES.laptop);
    expect(read.ignored).toEqual(['laptop']);
    expect(read.overridden).toEqual(['server']);
    expect(readClassDefinitions('nonsense').definitions.server).toEqual(BUILTIN_CLASS_ATTRIBUTES.server);
    expect(readClassDefinitions({ classes: [] }).ignored).toHaveLength(11);
  });

  it('names every problem of an attribute list by position and field', () => {
    const errors = validateAttributeDefs([
      { key: 'os', label: 'OS', type: 'text', required: false },
      { key: 'os', label: ' ', type: 'choice', required: 'yes', options: [] },
    ]);
    expect(errors).toEqual({
      '1.key': 'The key “os” is used twice.',
      '1.label': 'Label is required.',
      '1.required': 'Required must be yes or no.',
      '1.options': 'A choice needs at least one option.',
    });
  });

  it('stores only the classes that differ from the built-ins', () => {
    const defs = readClassDefinitions(undefined).definitions;
    defs.printer = [...defs.printer, { key: 'duplex', label: 'Duplex', type: 'boolean', required: false }];
    expect(Object.keys(classDefinitionsSetting(defs).classes)).toEqual(['printer']);
  });

  it('checks values against their types and reports each field', () => {
    const defs = ctx.definitions.server;
    expect(validateAttributes({ ram_gb: 'lots', virtual: 'cloud', ip: '10.0.0.1' }, defs)).toEqual({
      'attributes.ram_gb': 'RAM (GB) must be a number.',
      'attributes.virtual': 'Physical or virtual must be one of: physical, virtual.',
    });
    expect(validateAttributes({}, ctx.definitions.business_service)).toEqual({
      'attributes.criticality': 'Criticality is required.',
    });
  });

  it('reads typed text as values', () => {
    const [num, yes, date, choice] = [
      { key: 'n', label: 'N', type: 'number', required: false },
      { key: 'y', label: 'Y', type: 'boolean', required: false },
      { key: 'd', label: 'D', type: 'date', required: false },
      { key: 'c', label: 'C', type: 'choice', required: false, options: ['Gold'] },
    ] as AttributeDef[];
    expect(parseAttributeText(num!, '12,5')).toEqual({ value: 12.5 });
    expect(parseAttributeText(num!, '1e3').error).toMatch(/number/);
    expect(parseAttributeText(yes!, 'Yes')).toEqual({ value: true });
    expect(parseAttributeText(date!, '2025-02-30').error).toMatch(/date/);
    expect(parseAttributeText(choice!, 'gold')).toEqual({ value: 'Gold' });
    expect(parseAttributeText(num!, '  ')).toEqual({});
  });

  it('accepts every demo CI as it stands', () => {
    const team = generateTeam(20261128);
    for (const ci of team.cis) {
      expect(validateAttributes(ci.attributes, ctx.definitions[ci.ciClass]), ci.name).toEqual({});
    }
  });
});

describe('CI build and edit', () => {
  const input = {
    ciClass: 'server' as const,
    name: ' SRV-01 ',
    assetTag: 'AT-1',
    serial: '',
    locationId: '',
    ownerId: '',
    attributes: { ram_gb: 64, os: '  ' },
    cost: 129_999,
  };

  it('builds a trimmed CI in stock with blank values dropped', () => {
    const built = buildCi(input, { ...ctx, id: 'ci_1' });
    expect(built.ok && built.ci).toMatchObject({
      name: 'SRV-01',
      state: 'in_stock',
      attributes: { ram_gb: 64 },
      cost: 129_999,
    });
  });

  it('refuses bad fields with a message per field and writes nothing', () => {
    const built = buildCi(
      {
        ...input,
        name: '',
        assetTag: 'has space',
        attributes: { ram_gb: 'x' },
        cost: -1,
        warrantyEnd: 5,
        purchaseDate: 10,
      },
      { ...ctx, id: 'ci_1' },
    );
    expect(built.ok).toBe(false);
    if (!built.ok) {
      expect(Object.keys(built.errors).sort()).toEqual([
        'assetTag',
        'attributes.ram_gb',
        'cost',
        'name',
        'warrantyEnd',
      ]);
    }
  });

  it('records each changed field and attribute, and nothing for a no-op', () => {
    const built = buildCi(input, { ...ctx, id: 'ci_1' });
    if (!built.ok) throw new Error('build failed');
    const edited = applyCiEdit(
      built.ci,
      { name: 'SRV-02', attributes: { ram_gb: 128, os: 'Linux' }, cost: null },
      { ...ctx, now: ctx.now + 1 },
    );
    expect(edited.ok && edited.changes).toEqual([
      { field: 'name', from: 'SRV-01', to: 'SRV-02' },
      { field: 'cost', from: 129_999, to: null },
      { field: 'attributes.os', from: null, to: 'Linux' },
      { field: 'attributes.ram_gb', from: 64, to: 128 },
    ]);
    const same = applyCiEdit(built.ci, { name: 'SRV-01 ' }, ctx);
    expect(same.ok && same.changes).toEqual([]);
    expect(diffCi(built.ci, built.ci)).toEqual([]);
  });

  it('reads money and days exactly', () => {
    expect(parseCost('£1 299,5')).toEqual({ value: 129_950 });
    expect(parseCost('12.345')).toHaveProperty('error');
    expect(formatCost(129_950)).toBe('1299.50');
    const day = parseDay('2024-02-29');
    expect('value' in day && formatDay(day.value ?? 0)).toBe('2024-02-29');
    expect(parseDay('2023-02-29')).toHaveProperty('error');
  });
});

describe('relations', () => {
  const exists = (id: string) => ['a', 'b'].includes(id);
  it('forbids self links, unknown items and duplicates (either way round when symmetric)', () => {
    expect(validateRelation({ fromId: 'a', toId: 'a', relType: 'depends_on' }, [], exists)).toEqual({
      toId: 'An item cannot be related to itself.',
    });
    expect(validateRelation({ fromId: 'a', toId: 'z', relType: 'depends_on' }, [], exists).toId).toMatch(
      /no longer/,
    );
    const existing = [
      buildRelation({ fromId: 'b', toId: 'a', relType: 'connected_to' }, { id: 'r1', now: 1, userId: 'u' }),
    ];
    expect(
      validateRelation({ fromId: 'a', toId: 'b', relType: 'connected_to' }, existing, exists).toId,
    ).toMatch(/already/);
    expect(validateRelation({ fromId: 'a', toId: 'b', relType: 'depends_on' }, existing, exists)).toEqual({});
  });

  it('reads each link from the side it is shown on', () => {
    expect(relationPhrase('depends_on', true)).toBe('depends on');
    expect(relationPhrase('depends_on', false)).toBe('is depended on by');
    expect(relationPhrase('future_type', true)).toBe('future_type');
    const views = relationsOf(
      'b',
      [
        { id: 'r1', fromId: 'a', toId: 'b', relType: 'depends_on' },
        { id: 'r2', fromId: 'b', toId: 'c', relType: 'runs_on' },
        { id: 'r3', fromId: 'x', toId: 'y', relType: 'runs_on' },
      ],
      (id) => id,
    );
    expect(views.map((v) => [v.phrase, v.otherId])).toEqual([
      ['is depended on by', 'a'],
      ['runs on', 'c'],
    ]);
  });
});
