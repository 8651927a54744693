/**
 * Schema guard (CONVENTIONS item 6): fields are added, never removed, renamed or retyped, and
 * any schema change ships with a version bump (RxDB refuses to open a collection whose schema
 * changed under the same version, and old replicas keep sending the old fields).
 *
 * The committed snapshot is renderer/data/schemas/snapshot.json. After an ADDITIVE change
 * (new field, new index, new collection, version bump with its migration), refresh it with:
 *
 *   UPDATE_SCHEMA_SNAPSHOT=1 npx vitest run test/unit/schema-snapshot.test.ts
 *
 * and commit the result (formatting is free: the test compares parsed JSON, so prettier may
 * reflow the file). The update refuses to write while a guard below fails: removing or
 * retyping a field, or changing a schema without bumping its version, needs a new field instead.
 */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { JsonSchema, RxJsonSchema } from 'rxdb';
import { COLLECTION_DEFINITIONS, COLLECTION_NAMES } from '../../renderer/data/schemas';

interface CollectionSnapshot {
  version: number;
  /** sha256 of the whole schema in canonical JSON: any change at all shows here. */
  hash: string;
  properties: Record<string, string>;
  required: string[];
  indexes: string[][];
}
type Snapshot = Record<string, CollectionSnapshot>;

const SNAPSHOT_PATH = fileURLToPath(new URL('../../renderer/data/schemas/snapshot.json', import.meta.url));
const UPDATE = process.env.UPDATE_SCHEMA_SNAPSHOT === '1';

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
  );
}

/** 'string', 'integer', 'array<string>', 'string|number|boolean', 'any' ... */
function typeOf(schema: JsonSchema | undefined): string {
  if (!schema) return 'any';
  const type = schema.type;
  const name = Array.isArray(type) ? [...type].sort().join('|') : typeof type === 'string' ? type : 'any';
  if (name === 'array') {
    const items = Array.isArray(schema.items) ? schema.items[0] : schema.items;
    return `array<${typeOf(items as JsonSchema | undefined)}>`;
  }
  return name;
}

function snapshotOf(schema: RxJsonSchema<unknown>): CollectionSnapshot {
  const properties = schema.properties as Record<string, JsonSchema>;
  return {
    version: schema.version,
    hash: createHash('sha256')
      .update(JSON.stringify(canonical(schema)))
      .digest('hex'),
    properties: Object.fromEntries(
      Object.keys(properties)
        .sort()
        .map((k) => [k, typeOf(properties[k])]),
    ),
    required: [...((schema.required ?? []) as readonly string[])].sort(),
    indexes: (schema.indexes ?? []).map((index) => (Array.isArray(index) ? [...index] : [index as string])),
  };
}

const current: Snapshot = Object.fromEntries(
  COLLECTION_NAMES.map((name) => [
    name,
    snapshotOf(COLLECTION_DEFINITIONS[name].schema as RxJsonSchema<unknown>),
  ]),
);
const committed: Snapshot = existsSync(SNAPSHOT_PATH)
  ? (JSON.parse(readFileSync(SNAPSHOT_PATH, 'utf8')) as Snapshot)
  : {};

/** Every breaking difference between the committed snapshot and the code. */
function violations(): string[] {
  const out: string[] = [];
  for (const [name, before] of Object.entries(committed)) {
    const now = current[name];
    if (!now) {
      out.push(`${name}: collection removed (collections are never removed; old replicas still sync it)`);
      continue;
    }
    if (now.version < before.version)
      out.push(`${name}: version went back from ${before.version} to ${now.version}`);
    for (const [field, type] of Object.entries(before.properties)) {
      const nowType = now.properties[field];
      if (nowType === undefined)
        out.push(`${name}.${field}: field removed or renamed (add a new field instead)`);
      else if (nowType !== type)
        out.push(`${name}.${field}: type changed from ${type} to ${nowType} (add a new field instead)`);
    }
    if (now.hash !== before.hash && now.version === before.version) {
      out.push(`${name}: schema changed without a version bump (bump version and add a migration strategy)`);
    }
  }
  return out;
}

describe('schema snapshot', () => {
  it('no field is removed or retyped, and every change bumps the version', () => {
    expect(violations()).toEqual([]);
  });

  it('keeps every process field optional, so older documents stay valid unchanged', () => {
    const tickets = current.tickets!;
    const activities = current.activities!;
    expect([tickets.version, activities.version]).toEqual([2, 1]);
    const processFields = {
      parentId: 'string',
      slaPolicyId: 'string',
      rootCause: 'string',
      workaround: 'string',
      knownError: 'boolean',
      changeType: 'string',
      riskAnswers: 'object',
      risk: 'string',
      implementationPlan: 'string',
      backoutPlan: 'string',
      testPlan: 'string',
      plannedStart: 'number',
      plannedEnd: 'number',
      version: 'string',
      targetDate: 'number',
      stage: 'string',
      dueAt: 'number',
      estimateMinutes: 'integer',
      dependsOn: 'array<string>',
    };
    for (const [field, type] of Object.entries(processFields)) {
      expect(tickets.properties[field], field).toBe(type);
      expect(tickets.required, field).not.toContain(field);
    }
    expect([activities.properties.vote, activities.properties.score]).toEqual(['string', 'integer']);
    expect(activities.required).not.toContain('vote');
    expect(activities.required).not.toContain('score');
  });

  it('the committed snapshot matches the schemas', () => {
    if (UPDATE && violations().length === 0) {
      writeFileSync(SNAPSHOT_PATH, `${JSON.stringify(current, null, 2)}\n`);
      return;
    }
    expect(
      committed,
      'Schemas changed additively: run UPDATE_SCHEMA_SNAPSHOT=1 npx vitest run test/unit/schema-snapshot.test.ts and commit snapshot.json',
    ).toEqual(current);
  });
});
