/**
 * Checks on every document pulled from the server, before it may enter a collection.
 *
 * The server is shared by the whole team and reachable by anything holding a team account, so
 * its documents are untrusted input: `inspectHostile` refuses shapes that could hurt the
 * replica (oversized or deeply nested bodies, prototype keys, malformed strings, documents that
 * would land in the wrong collection), and `compileSchemaCheck` holds a document against its
 * collection's JSON schema. Both run on each pulled document (100k on a first sync), so each is
 * one walk with no serialization, and the schema is compiled once into plain closures: the
 * app's content security policy forbids `eval` and `new Function`, which rules out the usual
 * code-generating validators.
 */
import { ID_PREFIX } from '../domain/ids';

/**
 * Every replicated document type: the collection it lives in and the prefix its id carries.
 * One team database holds all of them, so `type` is what routes a pulled document.
 */
export const SYNC_TYPES = {
  ticket: { collection: 'tickets', prefix: ID_PREFIX.ticket },
  activity: { collection: 'activities', prefix: ID_PREFIX.activity },
  ci: { collection: 'cis', prefix: ID_PREFIX.ci },
  relation: { collection: 'relations', prefix: ID_PREFIX.relation },
  article: { collection: 'articles', prefix: ID_PREFIX.article },
  audit: { collection: 'audits', prefix: ID_PREFIX.audit },
  person: { collection: 'people', prefix: ID_PREFIX.person },
  setting: { collection: 'settings', prefix: ID_PREFIX.setting },
  file: { collection: 'files', prefix: ID_PREFIX.file },
} as const;

export type SyncType = keyof typeof SYNC_TYPES;
export type SyncCollection = (typeof SYNC_TYPES)[SyncType]['collection'];

export interface SyncRoute {
  type: SyncType;
  collection: SyncCollection;
  prefix: string;
}

// A Map, not property access on SYNC_TYPES: a pulled `type` of "constructor" or "__proto__"
// must not find something inherited from Object.prototype.
const ROUTES = new Map<string, SyncRoute>(
  (Object.keys(SYNC_TYPES) as SyncType[]).map((type) => [type, { type, ...SYNC_TYPES[type] }]),
);

/** Where a document of this `type` belongs, or null when no collection takes it. */
export function routeOf(type: unknown): SyncRoute | null {
  return typeof type === 'string' ? (ROUTES.get(type) ?? null) : null;
}

export interface HostileLimits {
  /** Estimated size of the document as JSON, in bytes. */
  maxBytes: number;
  /** Objects and arrays inside one another, the document itself being level 1. */
  maxDepth: number;
  maxIdLength: number;
}

export const DEFAULT_HOSTILE_LIMITS: HostileLimits = {
  maxBytes: 1024 * 1024,
  maxDepth: 32,
  maxIdLength: 200,
};

/**
 * Top-level fields CouchDB itself may put on a document. Any other leading underscore is either
 * refused by CouchDB or local bookkeeping (`_meta`) that must never come from the server.
 */
const SERVER_FIELDS = new Set(
  '_id _rev _deleted _attachments _conflicts _deleted_conflicts _revisions _revs_info _local_seq'.split(' '),
);

/** Keys kept in messages are cut short: a reason is shown to the user and stored locally. */
export function excerpt(text: string, max = 60): string {
  if (text.length <= max) return text;
  // Never cut between the two halves of a surrogate pair.
  const high = text.charCodeAt(max - 1);
  const end = high >= 0xd800 && high <= 0xdbff ? max - 1 : max;
  return `${text.slice(0, end)}…`;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

type WellFormed = (this: string) => boolean;
// ES2024's String.prototype.isWellFormed answers at once for one-byte strings (most of ours).
const nativeWellFormed = (String.prototype as { isWellFormed?: WellFormed }).isWellFormed;

/** False when the string holds a UTF-16 surrogate without its partner (not valid Unicode). */
export function isWellFormedText(text: string): boolean {
  return nativeWellFormed ? nativeWellFormed.call(text) : scanWellFormed(text);
}

/** The same answer as isWellFormedText, read unit by unit, where the runtime lacks it. */
export function scanWellFormed(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0xd800 || code > 0xdfff) continue;
    const next = text.charCodeAt(i + 1);
    if (code > 0xdbff || !(next >= 0xdc00 && next <= 0xdfff)) return false;
    i++;
  }
  return true;
}

interface Walk {
  bytes: number;
  limits: HostileLimits;
  reason: string | null;
}

function fail(walk: Walk, reason: string): false {
  walk.reason = reason;
  return false;
}

/** Length of a number as JSON text, without formatting it. */
function numberSize(value: number): number {
  if (!Number.isSafeInteger(value)) return 24;
  let size = value < 0 ? 2 : 1;
  for (let rest = Math.abs(value); rest >= 10; rest /= 10) size++;
  return size;
}

/**
 * Counts UTF-16 units, which is the UTF-8 size for ASCII and at most three times too small for
 * other text: close enough to refuse outsized bodies, and the size test comes before the
 * surrogate scan so that a huge string is refused without being read.
 */
function walkString(walk: Walk, text: string, extra: number, what: string): boolean {
  walk.bytes += text.length + extra;
  if (walk.bytes > walk.limits.maxBytes) return fail(walk, `larger than ${walk.limits.maxBytes} bytes`);
  if (!isWellFormedText(text)) return fail(walk, `${what} holds a lone UTF-16 surrogate`);
  return true;
}

function walkValue(walk: Walk, value: unknown, level: number): boolean {
  switch (typeof value) {
    case 'string':
      return walkString(walk, value, 3, 'a text value');
    case 'boolean':
      walk.bytes += 6;
      return true;
    case 'number':
      if (!Number.isFinite(value)) return fail(walk, 'holds a number JSON cannot represent');
      walk.bytes += numberSize(value) + 1;
      return walk.bytes <= walk.limits.maxBytes || fail(walk, `larger than ${walk.limits.maxBytes} bytes`);
    case 'object':
      if (value === null) {
        walk.bytes += 5;
        return true;
      }
      if (level > walk.limits.maxDepth) {
        return fail(walk, `nested deeper than ${walk.limits.maxDepth} levels`);
      }
      if (Array.isArray(value)) return walkArray(walk, value, level);
      return walkObject(walk, value, level);
    default:
      return fail(walk, 'holds a value that is not JSON');
  }
}

function walkArray(walk: Walk, items: readonly unknown[], level: number): boolean {
  walk.bytes += 2;
  for (let i = 0; i < items.length; i++) {
    if (!walkValue(walk, items[i], level + 1)) return false;
  }
  return true;
}

function walkObject(walk: Walk, value: object, level: number): boolean {
  if (!isPlainObject(value)) return fail(walk, 'holds a value that is not JSON');
  walk.bytes += 2;
  // Own keys only: JSON.parse makes "__proto__" an own property, which is exactly what to find.
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') {
      return fail(walk, `holds the forbidden key "${key}"`);
    }
    if (!walkString(walk, key, 4, 'a key')) return false;
    if (level === 1 && key.charCodeAt(0) === 95 && !SERVER_FIELDS.has(key)) {
      return fail(walk, `holds the reserved field "${excerpt(key)}"`);
    }
    if (!walkValue(walk, value[key], level + 1)) return false;
  }
  return true;
}

/** Attachment stubs describe content stored beside the document; they never carry it. */
function attachmentsIssue(value: unknown): string | null {
  if (!isPlainObject(value)) return '_attachments is not an object';
  for (const name of Object.keys(value)) {
    const stub = value[name];
    const label = `attachment "${excerpt(name)}"`;
    if (!isPlainObject(stub)) return `${label} is not an object`;
    if (Object.hasOwn(stub, 'data') || Object.hasOwn(stub, 'follows')) {
      return `${label} carries inline content`;
    }
    const { content_type: type, length, digest } = stub;
    if (
      typeof type !== 'string' ||
      typeof digest !== 'string' ||
      !Number.isSafeInteger(length) ||
      (length as number) < 0
    ) {
      return `${label} lacks content_type, length or digest`;
    }
  }
  return null;
}

/** What the fields that route and identify the document say, once the walk found them sound. */
function envelopeIssue(doc: Record<string, unknown>, id: string): string | null {
  const deleted = doc._deleted;
  if (deleted !== undefined && typeof deleted !== 'boolean') return '_deleted is not a boolean';
  if (doc._rev !== undefined && typeof doc._rev !== 'string') return '_rev is not a string';
  if (!Object.hasOwn(doc, 'type')) {
    return deleted === true ? 'deletion without the document body' : 'missing type';
  }
  const route = routeOf(doc.type);
  if (route === null) return `unknown type "${excerpt(String(doc.type))}"`;
  if (!id.startsWith(`${route.prefix}_`) || id.length === route.prefix.length + 1) {
    return `id does not start with "${route.prefix}_" as a ${route.type} id must`;
  }
  if (Object.hasOwn(doc, '_attachments')) {
    if (route.type !== 'file') return `_attachments on a ${route.type} document`;
    return attachmentsIssue(doc._attachments);
  }
  return null;
}

/**
 * Why a raw server document must not enter the replica, or null when it is safe to go on to
 * the schema check. One walk over the document; nothing is serialized.
 */
export function inspectHostile(raw: unknown, limits?: Partial<HostileLimits>): string | null {
  const max: HostileLimits = limits ? { ...DEFAULT_HOSTILE_LIMITS, ...limits } : DEFAULT_HOSTILE_LIMITS;
  if (!isPlainObject(raw)) return 'not a JSON object';
  const id = raw._id;
  if (typeof id !== 'string' || id === '') return 'missing or non-string _id';
  if (id.length > max.maxIdLength) return `_id longer than ${max.maxIdLength} characters`;
  const walk: Walk = { bytes: 0, limits: max, reason: null };
  if (!walkObject(walk, raw, 1)) return walk.reason;
  return envelopeIssue(raw, id);
}

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
