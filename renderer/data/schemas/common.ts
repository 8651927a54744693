/**
 * Building blocks shared by the collection schemas.
 *
 * Why the limits: RxDB builds index keys from strings padded to `maxLength` and from numbers
 * scaled by `minimum`/`maximum`/`multipleOf`, so every string that is a key or part of an index
 * needs `maxLength`, and every indexed number needs all three bounds (dev-mode enforces it).
 * Fields that are never indexed stay unbounded here: the domain layer owns business limits,
 * and a schema change costs a version bump plus a migration.
 */
import type { TopLevelProperty } from 'rxdb';
import { MAX_TIME } from '../../../shared/domain/model';

/** Ids are type-prefixed ULID-like strings (`tkt_…`); 64 leaves room for any prefix. */
export const ID_MAX_LENGTH = 64;

/** Document id or reference to another document (key or index part). */
export function idField(): TopLevelProperty {
  return { type: 'string', maxLength: ID_MAX_LENGTH };
}

/** A string constrained to a fixed set; `maxLength` because enums are indexed too. */
export function enumField(values: readonly string[]): TopLevelProperty {
  const maxLength = Math.max(1, ...values.map((v) => v.length));
  return { type: 'string', enum: [...values], maxLength };
}

/** Free text, never indexed. */
export function textField(): TopLevelProperty {
  return { type: 'string' };
}

/** Bounded string that takes part in an index (names, tags, keys). */
export function keyField(maxLength: number): TopLevelProperty {
  return { type: 'string', maxLength };
}

/** Epoch milliseconds (0 = not set); bounded so it can take part in an index. */
export function timeField(): TopLevelProperty {
  return { type: 'number', minimum: 0, maximum: MAX_TIME, multipleOf: 1 };
}

/** Small bounded integer (levels, priorities, minutes). */
export function intField(minimum: number, maximum: number): TopLevelProperty {
  return { type: 'integer', minimum, maximum, multipleOf: 1 };
}

export function idListField(): TopLevelProperty {
  return { type: 'array', items: { type: 'string', maxLength: ID_MAX_LENGTH } };
}

export function stringListField(): TopLevelProperty {
  return { type: 'array', items: { type: 'string' } };
}

/** The `type` discriminator that routes a document to its collection when syncing. */
export function typeField(value: string): TopLevelProperty {
  return { type: 'string', enum: [value], maxLength: value.length };
}
