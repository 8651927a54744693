/**
 * The server's wire format: how a replica document travels to and from the team database.
 *
 * A wire document is the replica document with `id` renamed `_id` and every other field as it
 * is. A deletion keeps the whole body beside `_deleted: true`, so that a deletion can be merged
 * against a concurrent edit field by field and the server's validation can still read `type`.
 * Fields with a leading underscore belong to one side's bookkeeping (RxDB's `_meta`, `_rev`,
 * `_attachments`, `_deleted` locally; the server's revision tree remotely) and never cross.
 */
import {
  DEFAULT_HOSTILE_LIMITS,
  excerpt,
  inspectHostile,
  isPlainObject,
  routeOf,
  type DocCheck,
  type HostileLimits,
  type SyncCollection,
} from './docCheck';

// The routing table lives beside the checks that enforce it (docCheck) so that neither module
// needs the other's caller; it is part of the wire format, hence exported from here too.
export { SYNC_TYPES, routeOf, type SyncCollection, type SyncRoute, type SyncType } from './docCheck';

/** What the server says about an attachment of a file document; the content stays on the server. */
export interface AttachmentStub {
  content_type: string;
  length: number;
  digest: string;
}

export interface WireDoc {
  _id: string;
  _rev?: string;
  _deleted?: boolean;
  _attachments?: Record<string, AttachmentStub & { stub?: boolean; revpos?: number }>;
  [field: string]: unknown;
}

/** A replica document: what a collection stores, keyed by `id`. */
export type ReplicaDoc = Record<string, unknown> & { id: string };

/** Each collection's compiled schema (see compileSchemaCheck). */
export type SchemaChecks = Readonly<Record<SyncCollection, DocCheck>>;

export type WireResult =
  | {
      kind: 'doc';
      collection: SyncCollection;
      doc: ReplicaDoc;
      deleted: boolean;
      rev: string;
      /** File documents only: the stubs of the content stored with the document. */
      attachments?: Record<string, AttachmentStub>;
    }
  /** Not a replica document at all (design documents): dropped without a report. */
  | { kind: 'skip'; reason: string }
  /** Refused: it never enters a collection, and the user sees why. */
  | { kind: 'quarantine'; docId: string; collection: SyncCollection | ''; reason: string };

const DESIGN_PREFIX = '_design/';
const UNDERSCORE = 95;

/** The wire form of a replica document; `deleted` marks a deletion that still carries its body. */
export function toWire<T extends { id: string }>(doc: T, deleted: boolean): WireDoc {
  const source = doc as unknown as Record<string, unknown>;
  const wire: WireDoc = { _id: doc.id };
  for (const key of Object.keys(source)) {
    // RxDB forbids schema fields with a leading underscore, so those are all local bookkeeping;
    // CouchDB would refuse the unknown ones and stall the push.
    if (key !== 'id' && key.charCodeAt(0) !== UNDERSCORE) wire[key] = source[key];
  }
  if (deleted) wire._deleted = true;
  return wire;
}

function quarantine(raw: unknown, reason: string): WireResult {
  const id = isPlainObject(raw) ? raw._id : undefined;
  const route = isPlainObject(raw) ? routeOf(raw.type) : null;
  return {
    kind: 'quarantine',
    // Cut short: an id is refused precisely when it is absurdly long, and it is stored locally.
    docId: typeof id === 'string' ? excerpt(id, DEFAULT_HOSTILE_LIMITS.maxIdLength) : '',
    collection: route?.collection ?? '',
    reason,
  };
}

function stubsOf(wire: WireDoc): Record<string, AttachmentStub> {
  const stubs: Record<string, AttachmentStub> = {};
  for (const [name, stub] of Object.entries(wire._attachments ?? {})) {
    stubs[name] = { content_type: stub.content_type, length: stub.length, digest: stub.digest };
  }
  return stubs;
}

/**
 * Reads one document from the server: design documents are skipped, anything that fails the
 * safety checks or its collection's schema is quarantined, and the rest comes back as the
 * replica document (`id`, no underscore fields) with its revision beside it.
 */
export function fromWire(raw: unknown, checks: SchemaChecks, limits?: Partial<HostileLimits>): WireResult {
  if (isPlainObject(raw) && typeof raw._id === 'string' && raw._id.startsWith(DESIGN_PREFIX)) {
    return { kind: 'skip', reason: 'design document' };
  }
  const hostile = inspectHostile(raw, limits);
  if (hostile !== null) return quarantine(raw, hostile);
  const wire = raw as WireDoc;
  // inspectHostile has already refused every document whose type routes nowhere.
  const route = routeOf(wire.type);
  if (route === null) return quarantine(raw, 'unknown type');
  if (typeof wire._rev !== 'string' || wire._rev === '') return quarantine(raw, 'missing _rev');

  const doc: ReplicaDoc = { id: wire._id };
  for (const key of Object.keys(wire)) {
    if (key !== 'id' && key.charCodeAt(0) !== UNDERSCORE) doc[key] = wire[key];
  }
  const check = Object.hasOwn(checks, route.collection) ? checks[route.collection] : undefined;
  if (check === undefined) return quarantine(raw, `no schema check for ${route.collection}`);
  const invalid = check(doc);
  if (invalid !== null) return quarantine(raw, invalid);

  const deleted = wire._deleted === true;
  if (route.type !== 'file' || wire._attachments === undefined) {
    return { kind: 'doc', collection: route.collection, doc, deleted, rev: wire._rev };
  }
  return {
    kind: 'doc',
    collection: route.collection,
    doc,
    deleted,
    rev: wire._rev,
    attachments: stubsOf(wire),
  };
}
