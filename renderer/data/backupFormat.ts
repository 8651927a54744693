/**
 * Reading a backup file back (see backup.ts for the format). A backup is a file the user picks,
 * which may have been damaged, truncated or crafted, so it gets the checks a document from the
 * server gets: the hostile-shape checks and the collection's JSON schema (shared/sync), type and
 * id prefix matching the collection, and attachments whose bytes match their file document.
 * Every refused line is reported with its number and reason; nothing is written here.
 */
import { DEFAULT_HOSTILE_LIMITS, isPlainObject, isWellFormedText } from '../../shared/sync/docCheck';
import { compileSchemaCheck, type DocCheck } from '../../shared/sync/docCheck';
import { fromWire, routeOf, type SchemaChecks } from '../../shared/sync/wire';
import { collectionSchema, COLLECTION_NAMES, SYNCED_COLLECTIONS } from './schemas';

export const BACKUP_FORMAT = 'outpost-backup';
export const BACKUP_VERSION = 1;
export type BackupScope = 'full' | 'changes';

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  scope: BackupScope;
  createdAt: number;
  /** 'changes': the documents written after this time; 0 for a full backup. */
  since: number;
  source: { serverUrl: string; database: string } | null;
  collections: string[];
}

export interface BackupProblem {
  line: number;
  message: string;
}

type Row = Record<string, unknown> & { id: string };

export interface RestorePlan {
  header: BackupHeader;
  /** Checked documents by collection. */
  documents: Map<string, Row[]>;
  /** Checked attachment bytes by file id. */
  blobs: Map<string, { contentType: string; data: Uint8Array }>;
  documentCount: number;
  problems: BackupProblem[];
  /** Problems beyond the ones listed (a badly damaged file would otherwise list thousands). */
  moreProblems: number;
  /** False when the end line is missing: the file was cut short. */
  complete: boolean;
}

export type ReadBackupResult = { ok: true; plan: RestorePlan } | { ok: false; message: string };

const MAX_LISTED_PROBLEMS = 200;
/** An attachment line holds up to 25 MB as base64; anything far beyond is not ours. */
const MAX_LINE_CHARS = 40 * 1024 * 1024;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const FILE_PREFIX = `${routeOf('file')?.prefix ?? 'fil'}_`;

let checks: { synced: SchemaChecks; local: Map<string, DocCheck> } | null = null;

/** Compiled once: the same checks the sync engine runs on pulled documents. */
function schemaChecks() {
  if (!checks) {
    const synced = Object.fromEntries(
      SYNCED_COLLECTIONS.map((name) => [name, compileSchemaCheck(collectionSchema(name))]),
    ) as SchemaChecks;
    const local = new Map<string, DocCheck>(
      COLLECTION_NAMES.filter((name) => !SYNCED_COLLECTIONS.includes(name)).map((name) => [
        name,
        compileSchemaCheck(collectionSchema(name)),
      ]),
    );
    checks = { synced, local };
  }
  return checks;
}

function readHeader(value: unknown): BackupHeader | string {
  if (!isPlainObject(value) || value.format !== BACKUP_FORMAT) return 'This is not an Outpost backup file.';
  if (value.version !== BACKUP_VERSION) {
    return typeof value.version === 'number' && value.version > BACKUP_VERSION
      ? 'This backup was made by a newer version of Outpost. Update Outpost to restore it.'
      : 'This backup file has an unknown version.';
  }
  const { scope, createdAt, since, source, collections } = value;
  const sourceOk =
    source === null ||
    (isPlainObject(source) && typeof source.serverUrl === 'string' && typeof source.database === 'string');
  if (
    (scope !== 'full' && scope !== 'changes') ||
    typeof createdAt !== 'number' ||
    typeof since !== 'number' ||
    !sourceOk ||
    !Array.isArray(collections) ||
    !collections.every((name) => typeof name === 'string')
  ) {
    return 'The first line of this backup file is damaged.';
  }
  return value as unknown as BackupHeader;
}

/** Why a local-only document (no server route) is unsafe: the hostile checks without the envelope. */
function localShapeIssue(value: unknown, level = 1, budget = { bytes: 0 }): string | null {
  if (level > DEFAULT_HOSTILE_LIMITS.maxDepth)
    return `nested deeper than ${DEFAULT_HOSTILE_LIMITS.maxDepth} levels`;
  if (typeof value === 'string') {
    budget.bytes += value.length;
    if (budget.bytes > DEFAULT_HOSTILE_LIMITS.maxBytes) return 'larger than 1 MiB';
    return isWellFormedText(value) ? null : 'holds a lone UTF-16 surrogate';
  }
  if (Array.isArray(value)) {
    for (const item of value) {
      const issue = localShapeIssue(item, level + 1, budget);
      if (issue) return issue;
    }
    return null;
  }
  if (typeof value === 'object' && value !== null) {
    if (!isPlainObject(value)) return 'holds a value that is not JSON';
    for (const key of Object.keys(value)) {
      if (key === '__proto__' || key === 'constructor' || key === 'prototype')
        return `holds the forbidden key "${key}"`;
      const issue = localShapeIssue(key, level, budget) ?? localShapeIssue(value[key], level + 1, budget);
      if (issue) return issue;
    }
  }
  return null;
}

/** The checked document, or why it is refused. */
function checkDocument(collection: string, raw: unknown): Row | string {
  if (!isPlainObject(raw)) return 'the document is not an object';
  if (typeof raw.id !== 'string' || raw.id === '') return 'the document has no id';
  const reserved = Object.keys(raw).find((key) => key.startsWith('_'));
  if (reserved !== undefined) return `the document holds the reserved field "${reserved.slice(0, 40)}"`;
  const { synced, local } = schemaChecks();
  if ((SYNCED_COLLECTIONS as readonly string[]).includes(collection)) {
    const { id, ...rest } = raw;
    const result = fromWire({ ...rest, _id: id, _rev: '0-backup' }, synced);
    if (result.kind !== 'doc') return result.reason;
    if (result.collection !== collection)
      return `a ${String(raw.type)} document cannot go into ${collection}`;
    return { ...result.doc, id: raw.id };
  }
  const check = local.get(collection);
  if (!check) return `Outpost has no collection named "${collection.slice(0, 40)}"`;
  return localShapeIssue(raw) ?? check(raw) ?? (raw as Row);
}

function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

type BlobLine = { line: number; id: string; contentType: string; size: number; data: string };

function readBlobLine(value: Record<string, unknown>, line: number): BlobLine | string {
  const { blob, contentType, size, data } = value;
  if (Object.keys(value).some((key) => !['blob', 'contentType', 'size', 'data'].includes(key))) {
    return 'the attachment line holds unknown fields';
  }
  if (
    typeof blob !== 'string' ||
    !blob.startsWith(FILE_PREFIX) ||
    blob.length > DEFAULT_HOSTILE_LIMITS.maxIdLength
  ) {
    return 'the attachment line names no file';
  }
  if (typeof contentType !== 'string' || contentType.length > 255) return 'the attachment has no valid type';
  if (!Number.isSafeInteger(size) || (size as number) < 0) return 'the attachment has no valid size';
  if (typeof data !== 'string' || data.length % 4 !== 0 || !BASE64.test(data)) {
    return 'the attachment content is not valid base64';
  }
  return { line, id: blob, contentType, size: size as number, data };
}

/**
 * Parses and checks a whole backup. A file that is not a backup at all is refused outright;
 * otherwise every line is judged on its own and the plan holds what passed, with a report of
 * what did not.
 */
export function readBackup(text: string): ReadBackupResult {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  let first: unknown;
  try {
    first = JSON.parse(lines[0] ?? '');
  } catch {
    return { ok: false, message: 'This is not an Outpost backup file.' };
  }
  const header = readHeader(first);
  if (typeof header === 'string') return { ok: false, message: header };

  const plan: RestorePlan = {
    header,
    documents: new Map(),
    blobs: new Map(),
    documentCount: 0,
    problems: [],
    moreProblems: 0,
    complete: false,
  };
  const problem = (line: number, message: string) => {
    if (plan.problems.length < MAX_LISTED_PROBLEMS) plan.problems.push({ line, message });
    else plan.moreProblems++;
  };
  const seen = new Set<string>();
  const files = new Map<string, Row>();
  const blobLines: BlobLine[] = [];
  let end: { documents: unknown; blobs: unknown } | null = null;
  let documentLines = 0;
  let attachmentLines = 0;

  for (let index = 1; index < lines.length; index++) {
    const number = index + 1;
    const source = lines[index] ?? '';
    if (end) {
      problem(number, 'text after the end of the backup');
      continue;
    }
    if (source.length > MAX_LINE_CHARS) {
      problem(number, 'the line is far too long for a backup entry');
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(source);
    } catch {
      problem(number, 'the line is not valid JSON (damaged or cut short)');
      continue;
    }
    if (!isPlainObject(value)) {
      problem(number, 'the line is not an entry of a backup');
    } else if (value.end === true) {
      end = { documents: value.documents, blobs: value.blobs };
    } else if ('blob' in value) {
      attachmentLines++;
      const blob = readBlobLine(value, number);
      if (typeof blob === 'string') problem(number, blob);
      else blobLines.push(blob);
    } else if (typeof value.collection === 'string' && 'doc' in value && Object.keys(value).length === 2) {
      documentLines++;
      const doc = checkDocument(value.collection, value.doc);
      const key = `${value.collection}\u0000${typeof doc === 'string' ? '' : doc.id}`;
      if (typeof doc === 'string') problem(number, `${value.collection}: ${doc}`);
      else if (seen.has(key)) problem(number, `${value.collection}: ${doc.id} appears twice`);
      else {
        seen.add(key);
        const list = plan.documents.get(value.collection) ?? [];
        list.push(doc);
        plan.documents.set(value.collection, list);
        plan.documentCount++;
        if (value.collection === 'files') files.set(doc.id, doc);
      }
    } else {
      problem(number, 'the line is not an entry of a backup');
    }
  }

  for (const blob of blobLines) {
    const file = files.get(blob.id);
    if (!file) {
      problem(blob.line, `attachment ${blob.id}: its file document is not in the backup`);
      continue;
    }
    if (plan.blobs.has(blob.id)) {
      problem(blob.line, `attachment ${blob.id} appears twice`);
      continue;
    }
    const data = base64ToBytes(blob.data);
    if (data.length !== blob.size || data.length !== file.size) {
      problem(
        blob.line,
        `attachment ${blob.id}: its size does not match the file (${data.length} bytes, expected ${String(file.size)})`,
      );
      continue;
    }
    plan.blobs.set(blob.id, { contentType: String(file.contentType ?? blob.contentType), data });
  }

  plan.complete = end !== null;
  // The counts at the end say what was written; other counts mean lines went missing.
  if (end && (end.documents !== documentLines || end.blobs !== attachmentLines)) {
    problem(
      lines.length,
      `the backup was written with ${String(end.documents)} documents and ${String(end.blobs)} attachments, but holds ${documentLines} and ${attachmentLines}`,
    );
  }
  plan.problems.sort((a, b) => a.line - b.line);
  return { ok: true, plan };
}
