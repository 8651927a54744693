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

export { compileSchemaCheck, type DocCheck } from './schemaCheck';
