/**
 * Attachments on tickets, CIs and audits. A file is written once and never edited: the bytes go
 * to the blob store first, then the metadata document, so a document never points at bytes
 * that were not saved. If the document cannot be written the bytes are removed again.
 */
import { map, type Observable } from 'rxjs';
import { ID_PREFIX, newId } from '../../shared/domain/ids';
import { FILE_PARENT_TYPES, type FileDoc, type FileParentType } from '../../shared/domain/model';
import { defaultBlobStore, isQuotaError, type BlobStore } from './blobs';
import type { OutpostDatabase } from './database';
import { cryptoRandom } from './random';

/** 25 MB per file: a phone photo or a scanned PDF fits; a video belongs elsewhere. */
export const FILE_MAX_BYTES = 25 * 1024 * 1024;
export const FILE_NAME_MAX = 255;
export const CONTENT_TYPE_MAX = 255;
/** Used when the browser cannot tell what a file is. */
export const UNKNOWN_CONTENT_TYPE = 'application/octet-stream';

export interface AttachFileInput {
  parentId: string;
  parentType: FileParentType;
  /** The name shown and suggested on download (a File's `name`). */
  name: string;
  /** MIME type (a File's `type`); empty means unknown. */
  contentType: string;
  data: Blob;
}

export interface FileSession {
  userId: string;
  /** Epoch ms; defaults to the current time. */
  now?: number;
}

export type AttachFileResult = { ok: true; file: FileDoc } | { ok: false; error: string };

// token "/" token, then optional parameters (RFC 9110 media type).
const MEDIA_TYPE = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+(\s*;.*)?$/i;
// Control characters would corrupt a download name or a log line.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

/** Why a file name cannot be stored, or null when it is fine. */
export function fileNameError(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed === '') return 'The file has no name.';
  if (trimmed.length > FILE_NAME_MAX) return `The file name is longer than ${FILE_NAME_MAX} characters.`;
  if (/[/\\]/.test(trimmed)) return 'A file name cannot contain / or \\.';
  if (trimmed === '.' || trimmed === '..') return 'That is not a file name.';
  if (CONTROL_CHARS.test(trimmed)) return 'The file name contains control characters.';
  return null;
}

/** The content type to store: lower case, `application/octet-stream` when unknown. */
export function normalizeContentType(contentType: string): string {
  const trimmed = contentType.trim().toLowerCase();
  return trimmed === '' ? UNKNOWN_CONTENT_TYPE : trimmed;
}

/** A user-facing sentence for what is wrong with an attachment, or null when it can be stored. */
export function validateAttachment(input: AttachFileInput): string | null {
  if (!(FILE_PARENT_TYPES as readonly string[]).includes(input.parentType)) {
    return 'Files can only be attached to tickets, configuration items, audits and articles.';
  }
  if (typeof input.name !== 'string') return 'The file has no name.';
  const nameError = fileNameError(input.name);
  if (nameError) return nameError;
  if (typeof input.contentType !== 'string') return 'The file type is not readable.';
  const contentType = normalizeContentType(input.contentType);
  if (contentType.length > CONTENT_TYPE_MAX || !MEDIA_TYPE.test(contentType)) {
    return `The file type "${contentType.slice(0, 60)}" is not a valid media type.`;
  }
  if (!(input.data instanceof Blob)) return 'The file content is not readable.';
  if (input.data.size === 0) return 'The file is empty.';
  if (input.data.size > FILE_MAX_BYTES) {
    return `The file is larger than 25 MB (${(input.data.size / (1024 * 1024)).toFixed(1)} MB).`;
  }
  return null;
}

/** A user-facing sentence for a failed write of the bytes or the document. */
export function describeFileWriteError(error: unknown): string {
  if (isQuotaError(error)) {
    return 'The disk is full: the file was not saved. Free some space and try again.';
  }
  const detail = error instanceof Error ? error.message : String(error);
  return `Saving the file failed: ${detail}`;
}

/** Stores the bytes, then the metadata; on any failure neither stays behind. */
export async function attachFile(
  db: OutpostDatabase,
  input: AttachFileInput,
  session: FileSession,
  blobs: BlobStore = defaultBlobStore(),
): Promise<AttachFileResult> {
  const invalid = validateAttachment(input);
  if (invalid) return { ok: false, error: invalid };
  if (!(await parentExists(db, input.parentType, input.parentId))) {
    return { ok: false, error: 'This record no longer exists.' };
  }
  const now = session.now ?? Date.now();
  const contentType = normalizeContentType(input.contentType);
  const file: FileDoc = {
    id: newId(ID_PREFIX.file, now, cryptoRandom),
    type: 'file',
    parentId: input.parentId,
    parentType: input.parentType,
    name: input.name.trim(),
    contentType,
    size: input.data.size,
    createdAt: now,
    createdBy: session.userId,
    updatedAt: now,
    updatedBy: session.userId,
  };
  // Stored with the normalized type so a later blob: URL renders (an image) as what it is.
  const data = input.data.type === contentType ? input.data : new Blob([input.data], { type: contentType });
  try {
    await blobs.put(file.id, data);
  } catch (error) {
    return { ok: false, error: describeFileWriteError(error) };
  }
  try {
    await db.files.insert(file);
  } catch (error) {
    // Bytes without a document would never be listed nor synced: take them back out.
    await blobs.delete(file.id).catch((cleanup: unknown) => {
      console.warn('Outpost could not remove the bytes of an unsaved file', file.id, cleanup);
    });
    return { ok: false, error: describeFileWriteError(error) };
  }
  return { ok: true, file };
}

async function parentExists(
  db: OutpostDatabase,
  parentType: FileParentType,
  parentId: string,
): Promise<boolean> {
  if (parentId === '') return false;
  const collections = { ticket: db.tickets, ci: db.cis, audit: db.audits, article: db.articles };
  return (await collections[parentType].findOne(parentId).exec()) !== null;
}

/** The files of one record, oldest first, live; one walk of the [parentId, createdAt] index. */
export function observeFiles(db: OutpostDatabase, parentId: string): Observable<FileDoc[]> {
  return db.files
    .find({
      selector: { parentId },
      sort: [{ createdAt: 'asc' }],
      index: ['parentId', 'createdAt'],
    })
    .$.pipe(map((docs) => docs.map((doc) => doc.toMutableJSON())));
}

/** The bytes of a file, or null when they have not reached this device yet. */
export function readFileBlob(fileId: string, blobs: BlobStore = defaultBlobStore()): Promise<Blob | null> {
  return blobs.get(fileId);
}

export function hasFileBlob(fileId: string, blobs: BlobStore = defaultBlobStore()): Promise<boolean> {
  return blobs.has(fileId);
}

/** Ids whose bytes were stored or removed on this device, as it happens (e.g. by sync). */
export function observeFileBlobChanges(blobs: BlobStore = defaultBlobStore()): Observable<string> {
  return blobs.changes$;
}
