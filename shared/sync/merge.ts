/**
 * Three-way, per-field merge of two states of one document against their common ancestor.
 *
 * `base` is the last state both sides agreed on, `remote` the server's current state and
 * `local` this device's. A field changed on one side only takes that side's value. A field
 * changed on both sides to different values takes the REMOTE value: the server acknowledged it
 * first and other replicas may already hold it, so every replica settles on it without
 * consulting device clocks, which drift. The local value is then set aside in a notice, so an
 * overridden edit is never lost silently.
 *
 * Pure and deterministic. Values are shared with the inputs, not copied: treat both as
 * immutable.
 */
import { MAX_TIME } from '../domain/model';

/** One state of a document: its body (a deletion keeps its body) and whether it is deleted. */
export interface MergeSide {
  doc: Readonly<Record<string, unknown>>;
  deleted: boolean;
}

export interface MergeInput {
  /** The common ancestor; null when the two sides were created apart (no shared history). */
  base: MergeSide | null;
  local: MergeSide | null;
  remote: MergeSide | null;
}

/** A local value the merge did not keep. An overridden deletion reads `_deleted`: false over true. */
export interface MergeNotice {
  field: string;
  kept: unknown;
  setAside: unknown;
}

export interface MergeResult {
  doc: Record<string, unknown>;
  deleted: boolean;
  notices: MergeNotice[];
}

export interface MergeOptions {
  /** Arrays of strings with set meaning (tags): both sides' additions, minus either's removals. */
  setFields?: readonly string[];
  /** Objects merged key by key, one level deep (a CI's `attributes`). */
  objectFields?: readonly string[];
  /** Who and when: never a notice; numbers take the larger, others follow the editing side. */
  bookkeeping?: readonly string[];
  /** Computed from other fields: left out of the merge, recomputed by `finalize`. */
  derived?: readonly string[];
  finalize?: (doc: Record<string, unknown>) => Record<string, unknown>;
}

type Doc = Readonly<Record<string, unknown>>;
type Role = 'plain' | 'set' | 'object' | 'bookkeeping' | 'derived' | 'storage';

/** JSON equality: arrays in order, objects whatever the order of their keys. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => jsonEqual(item, b[i]));
  }
  const left = a as Doc;
  const right = b as Doc;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  return keys.every((key) => Object.hasOwn(right, key) && jsonEqual(left[key], right[key]));
}

function rolesOf(options: MergeOptions): (field: string) => Role {
  const roles = new Map<string, Role>();
  for (const field of options.setFields ?? []) roles.set(field, 'set');
  for (const field of options.objectFields ?? []) roles.set(field, 'object');
  for (const field of options.bookkeeping ?? []) roles.set(field, 'bookkeeping');
  for (const field of options.derived ?? []) roles.set(field, 'derived');
  // A leading underscore is storage bookkeeping (RxDB's _meta, _rev): never content.
  return (field) => roles.get(field) ?? (field.charCodeAt(0) === 95 ? 'storage' : 'plain');
}

function isContent(role: Role): boolean {
  return role === 'plain' || role === 'set' || role === 'object';
}

/** Every field of the given documents, in the order of the first that has it. */
function fieldsOf(...docs: (Doc | undefined)[]): string[] {
  const fields = new Set<string>();
  for (const doc of docs) for (const key of Object.keys(doc ?? {})) fields.add(key);
  return [...fields];
}

/** Did this side change what the document says (its content fields) since the base? */
function contentChanged(base: Doc | undefined, side: Doc, roleOf: (field: string) => Role): boolean {
  if (base === undefined) return true;
  return fieldsOf(base, side).some(
    (field) => isContent(roleOf(field)) && !jsonEqual(base[field], side[field]),
  );
}

interface FieldMerge {
  /** False when the sides share no history: then every difference is a conflict. */
  hasBase: boolean;
  base: Doc;
  local: Doc;
  remote: Doc;
  notices: MergeNotice[];
}

function mergeValue(m: FieldMerge, field: string, b: unknown, l: unknown, r: unknown): unknown {
  if (jsonEqual(l, r)) return r;
  if (m.hasBase) {
    if (jsonEqual(l, b)) return r;
    if (jsonEqual(r, b)) return l;
  }
  m.notices.push({ field, kept: r, setAside: l });
  return r;
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function isRecord(value: unknown): value is Doc {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Remote order first (what other replicas already show), then the local additions. */
function mergeSet(base: readonly string[], local: readonly string[], remote: readonly string[]): string[] {
  const before = new Set(base);
  const here = new Set(local);
  const there = new Set(remote);
  const out = new Set<string>();
  for (const item of remote) if (here.has(item) || !before.has(item)) out.add(item);
  for (const item of local) if (!there.has(item) && !before.has(item)) out.add(item);
  return [...out];
}

/** Key by key with the plain rule; notices name the key (`attributes.os`). */
function mergeObject(m: FieldMerge, field: string, base: Doc, local: Doc, remote: Doc): Doc {
  const inner: FieldMerge = { ...m, base, local, remote };
  const out: Record<string, unknown> = {};
  for (const key of fieldsOf(remote, local, base)) {
    const value = mergeValue(inner, `${field}.${key}`, base[key], local[key], remote[key]);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

function mergeContent(m: FieldMerge, field: string, role: Role): unknown {
  const b = m.base[field];
  const l = m.local[field];
  const r = m.remote[field];
  if (jsonEqual(l, r)) return r;
  // A value without the expected shape on either side falls back to the plain rule. A base
  // without the field only means that each side added its own.
  if (role === 'set' && isStringArray(l) && isStringArray(r) && (b === undefined || isStringArray(b))) {
    // A side that changed nothing leaves the other side's list as it is, order included.
    if (m.hasBase && jsonEqual(r, b)) return l;
    if (m.hasBase && jsonEqual(l, b)) return r;
    return mergeSet(b ?? [], l, r);
  }
  if (role === 'object' && isRecord(l) && isRecord(r) && (b === undefined || isRecord(b))) {
    return mergeObject(m, field, b ?? {}, l, r);
  }
  return mergeValue(m, field, b, l, r);
}

function valueFor(
  m: FieldMerge,
  field: string,
  role: Role,
  localChanged: boolean,
  derivedFrom: Doc,
): unknown {
  const l = m.local[field];
  const r = m.remote[field];
  switch (role) {
    case 'derived':
      return derivedFrom[field];
    case 'storage':
      return r;
    case 'bookkeeping':
      if (typeof l === 'number' && typeof r === 'number') return Math.max(l, r);
      return localChanged ? l : r;
    default:
      return mergeContent(m, field, role);
  }
}

interface Edited {
  local: boolean;
  remote: boolean;
}

/**
 * When exactly one side is deleted: an edit made without knowing of the deletion wins over it
 * (the edit carries work, a deletion is easily repeated); otherwise the deletion stands.
 */
function mergeDeletion(base: MergeSide | null, local: MergeSide, edited: Edited): MergeNotice | 'deleted' {
  const otherEdited = local.deleted ? edited.remote : edited.local;
  // Over a deleted base, the side still alive brought the document back: that is an edit too.
  if (!otherEdited && !(base?.deleted ?? false)) return 'deleted';
  return { field: '_deleted', kept: false, setAside: true };
}

function copy(side: MergeSide): MergeResult {
  return { doc: { ...side.doc }, deleted: side.deleted, notices: [] };
}

export function threeWayMerge(input: MergeInput, options: MergeOptions = {}): MergeResult {
  const { base, local, remote } = input;
  if (local === null || remote === null) {
    const only = local ?? remote;
    if (only === null) throw new Error('threeWayMerge needs at least one side');
    return copy(only);
  }
  const roleOf = rolesOf(options);
  const sameContent = !contentChanged(local.doc, remote.doc, roleOf);
  if ((local.deleted === remote.deleted && sameContent) || (local.deleted && remote.deleted)) {
    return copy(remote);
  }

  const baseDoc = base?.doc;
  const edited: Edited = {
    local: contentChanged(baseDoc, local.doc, roleOf),
    remote: contentChanged(baseDoc, remote.doc, roleOf),
  };
  const wasDeleted = base?.deleted ?? false;
  const localChanged = edited.local || local.deleted !== wasDeleted;
  // Derived values follow a side whose content the result equals, whenever one does.
  const derivedFrom = edited.remote || remote.deleted !== wasDeleted ? remote.doc : local.doc;
  const m: FieldMerge = {
    hasBase: base !== null,
    base: baseDoc ?? {},
    local: local.doc,
    remote: remote.doc,
    notices: [],
  };

  let doc: Record<string, unknown> = {};
  for (const field of fieldsOf(remote.doc, local.doc, baseDoc)) {
    const value = valueFor(m, field, roleOf(field), localChanged, derivedFrom);
    if (value !== undefined) doc[field] = value;
  }
  let deleted = false;
  if (local.deleted !== remote.deleted) {
    const outcome = mergeDeletion(base, local, edited);
    // A deletion already in the base was no one's new decision: nothing to report.
    if (outcome === 'deleted') deleted = true;
    else if (!wasDeleted) m.notices.unshift(outcome);
  }
  if (options.finalize) doc = options.finalize(doc);
  return { doc, deleted, notices: m.notices };
}

const BOOKKEEPING = ['updatedAt', 'updatedBy'] as const;

/** An article's `sortDesc` serves "newest first" from an ascending index (see model.ts). */
function articleSortKey(doc: Record<string, unknown>): Record<string, unknown> {
  return typeof doc.updatedAt === 'number' ? { ...doc, sortDesc: MAX_TIME - doc.updatedAt } : doc;
}

/**
 * How each collection merges. Tickets leave `finalize` to the caller: priority comes from the
 * team's priority matrix, which the merge does not know. Collections whose documents are never
 * edited (activities, files) still merge safely with the plain rule.
 */
const COLLECTION_OPTIONS: Readonly<Record<string, MergeOptions>> = {
  tickets: { setFields: ['tags', 'ciIds'], derived: ['priority', 'phase', 'sortDesc'] },
  cis: { objectFields: ['attributes'] },
  settings: { objectFields: ['value'] },
  articles: { setFields: ['tags'], derived: ['sortDesc'], finalize: articleSortKey },
  audits: { setFields: ['expectedCiIds'] },
  people: { setFields: ['roles', 'groupIds'] },
};

export function mergeOptionsFor(collection: string): MergeOptions {
  const options = Object.hasOwn(COLLECTION_OPTIONS, collection) ? COLLECTION_OPTIONS[collection] : undefined;
  return { ...options, bookkeeping: BOOKKEEPING };
}
