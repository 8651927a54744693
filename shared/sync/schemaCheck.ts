/**
 * Compiles a collection's JSON schema (the subset RxDB schemas use) into one fast check per
 * collection, run on every document pulled from the server. No eval or Function: the app's
 * content security policy forbids both.
 */
import { excerpt, isPlainObject } from './docCheck';

/** A compiled collection schema: null when the document fits, else a short reason naming the field. */
export type DocCheck = (doc: unknown) => string | null;

/** Where (a path such as `attributes.os` or `tags[2]`) and what; built only when a check fails. */
interface Issue {
  at: string;
  message: string;
}
type Check = (value: unknown) => Issue | null;
type SchemaNode = Readonly<Record<string, unknown>>;

/** The subset the collection schemas use; any other constraint is refused when compiling. */
const VALIDATION_KEYWORDS = new Set([
  ...['type', 'enum', 'properties', 'required', 'additionalProperties', 'items'],
  ...['maxLength', 'minimum', 'maximum', 'multipleOf'],
]);

/** Keywords that describe or configure (RxDB's among them) but never constrain a value. */
const ANNOTATION_KEYWORDS = new Set([
  ...['title', 'description', '$comment', 'default', 'version', 'primaryKey', 'indexes', 'internalIndexes'],
  ...['keyCompression', 'encrypted', 'attachments', 'final', 'ref'],
]);

/** Each JSON type: how a message names it, and its test. */
const JSON_TYPES: Readonly<Record<string, readonly [string, (value: unknown) => boolean]>> = {
  string: ['a string', (value) => typeof value === 'string'],
  number: ['a number', (value) => typeof value === 'number' && Number.isFinite(value)],
  integer: ['an integer', (value) => Number.isInteger(value)],
  boolean: ['a boolean', (value) => typeof value === 'boolean'],
  object: ['an object', (value) => typeof value === 'object' && value !== null && !Array.isArray(value)],
  array: ['an array', (value) => Array.isArray(value)],
  null: ['null', (value) => value === null],
};

function issue(message: string): Issue {
  return { at: '', message };
}

/** Puts a property name or an `[index]` in front of the path of an issue found below it. */
function within(found: Issue, step: string): Issue {
  if (found.at === '') found.at = step;
  else found.at = found.at.charCodeAt(0) === 91 ? step + found.at : `${step}.${found.at}`;
  return found;
}

/** JSON schema `maxLength` counts code points; only text longer in UTF-16 units needs counting. */
function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

function numberKeyword(node: SchemaNode, keyword: string, where: string): number | undefined {
  const value = node[keyword];
  if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value))) {
    throw new TypeError(`${where}: ${keyword} must be a number`);
  }
  return value;
}

/** Runs checks in turn and reports the first issue. */
function allOf(checks: (Check | null)[]): Check | null {
  const list = checks.filter((check): check is Check => check !== null);
  const [first, second] = list;
  if (list.length <= 1) return first ?? null;
  // Most fields have a type and one constraint: spare them the loop.
  if (list.length === 2 && first && second) return (value) => first(value) ?? second(value);
  return (value) => {
    for (let i = 0; i < list.length; i++) {
      const found = (list[i] as Check)(value);
      if (found !== null) return found;
    }
    return null;
  };
}

function typeCheck(node: SchemaNode, where: string): Check | null {
  if (node.type === undefined) return null;
  const types = (Array.isArray(node.type) ? node.type : [node.type]).map((type: unknown) => {
    const known = typeof type === 'string' ? JSON_TYPES[type] : undefined;
    if (!known) throw new TypeError(`${where}: unknown type ${String(type)}`);
    return known;
  });
  const names = types.map(([name]) => name);
  const message = `must be ${names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`}`;
  const tests = types.map(([, test]) => test);
  const [single] = tests;
  // The two commonest types test inline: one call per field instead of two.
  if (node.type === 'string') return (value) => (typeof value === 'string' ? null : issue(message));
  if (node.type === 'number') return (value) => (Number.isFinite(value) ? null : issue(message));
  if (tests.length === 1 && single) return (value) => (single(value) ? null : issue(message));
  return (value) => (tests.some((test) => test(value)) ? null : issue(message));
}

function enumCheck(node: SchemaNode, where: string): Check | null {
  if (node.enum === undefined) return null;
  const values = node.enum;
  if (!Array.isArray(values) || values.some((value) => typeof value === 'object' && value !== null)) {
    throw new TypeError(`${where}: enum must be an array of scalar values`);
  }
  const allowed = new Set<unknown>(values);
  return (value) => (allowed.has(value) ? null : issue('is not one of the allowed values'));
}

function scalarCheck(node: SchemaNode, where: string): Check | null {
  const maxLength = numberKeyword(node, 'maxLength', where);
  const min = numberKeyword(node, 'minimum', where);
  const max = numberKeyword(node, 'maximum', where);
  const step = numberKeyword(node, 'multipleOf', where);
  if (step !== undefined && step <= 0) throw new TypeError(`${where}: multipleOf must be positive`);
  if (maxLength === undefined && min === undefined && max === undefined && step === undefined) return null;
  return (value) => {
    if (typeof value === 'string') {
      const long = maxLength !== undefined && value.length > maxLength && codePoints(value) > maxLength;
      return long ? issue(`is longer than ${maxLength} characters`) : null;
    }
    if (typeof value !== 'number') return null;
    if (min !== undefined && value < min) return issue(`must be at least ${min}`);
    if (max !== undefined && value > max) return issue(`must be at most ${max}`);
    if (step !== undefined && !isMultiple(value, step)) return issue(`must be a multiple of ${step}`);
    return null;
  };
}

function isMultiple(value: number, step: number): boolean {
  if (step === 1) return Number.isInteger(value);
  const quotient = value / step;
  // Decimal steps (0.01) are not exact in binary floating point: allow rounding noise.
  return Math.abs(quotient - Math.round(quotient)) <= 1e-9 * Math.max(1, Math.abs(quotient));
}

interface PropertyCheck {
  check: Check | null;
  required: boolean;
}

function objectCheck(node: SchemaNode, where: string): Check | null {
  const { properties = {}, required = [], additionalProperties } = node;
  if (!isPlainObject(properties) || !Array.isArray(required)) {
    throw new TypeError(`${where}: properties must be an object and required an array`);
  }
  const known = new Map<string, PropertyCheck>();
  for (const [key, schema] of Object.entries(properties)) {
    known.set(key, { check: compileNode(schema, `${where}.${key}`), required: false });
  }
  const requiredKeys = [...new Set(required as string[])];
  for (const key of requiredKeys) known.set(key, { check: known.get(key)?.check ?? null, required: true });
  const closed = additionalProperties === false;
  const extra = isPlainObject(additionalProperties) ? compileNode(additionalProperties, `${where}.*`) : null;
  if (known.size === 0 && !closed && extra === null) return null;

  return (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
    const record = value as Record<string, unknown>;
    // Required fields are counted during the one pass; only a document that lacks one pays
    // for the second look that names it. `for…in` spares an array of keys per object (it also
    // lists inherited enumerable keys, which plain JSON objects do not have).
    let present = 0;
    for (const key in record) {
      const property = known.get(key);
      if (property?.required) present++;
      else if (!property && closed) return { at: key, message: 'is not a known field' };
      const check = property ? property.check : extra;
      const found = check === null ? null : check(record[key]);
      if (found !== null) return within(found, key);
    }
    if (present === requiredKeys.length) return null;
    const missing = requiredKeys.find((key) => !Object.hasOwn(record, key));
    return missing === undefined ? null : { at: missing, message: 'is missing' };
  };
}

function arrayCheck(node: SchemaNode, where: string): Check | null {
  if (node.items === undefined) return null;
  if (!isPlainObject(node.items)) throw new TypeError(`${where}: items must be one schema, not a tuple`);
  const item = compileNode(node.items, `${where}[]`);
  if (item === null) return null;
  return (value) => {
    if (!Array.isArray(value)) return null;
    for (let i = 0; i < value.length; i++) {
      const found = item(value[i]);
      if (found !== null) return within(found, `[${i}]`);
    }
    return null;
  };
}

/** Null when the schema accepts any value (`{}`), so that callers skip calling it. */
function compileNode(schema: unknown, where: string): Check | null {
  if (!isPlainObject(schema)) throw new TypeError(`${where}: a schema must be an object`);
  for (const keyword of Object.keys(schema)) {
    // A keyword this compiler does not enforce would silently check nothing: refuse the schema.
    if (!VALIDATION_KEYWORDS.has(keyword) && !ANNOTATION_KEYWORDS.has(keyword)) {
      throw new TypeError(`${where}: unsupported schema keyword "${keyword}"`);
    }
  }
  const checks = [typeCheck, enumCheck, scalarCheck, objectCheck, arrayCheck];
  return allOf(checks.map((compile) => compile(schema, where)));
}

/**
 * Compiles an RxDB collection schema (the JSON schema subset the collections use) into a
 * check. Throws at compile time on a keyword it does not enforce, never at check time.
 */
export function compileSchemaCheck(schema: object): DocCheck {
  const check = compileNode(schema, 'schema') ?? (() => null);
  return (doc) => {
    const found = check(doc);
    return found === null ? null : `${found.at === '' ? 'document' : excerpt(found.at, 80)} ${found.message}`;
  };
}
