/**
 * Attachment bytes on the wire. On the server a file document carries its bytes as the CouchDB
 * attachment named `content`; locally they live in the blob store (renderer/data/blobs.ts).
 * - Push: the engine sends the file document with `_attachments` from attachmentForPush, so
 *   metadata and bytes arrive in one write and no reader ever sees a document without bytes.
 * - Pull: the engine replicates the document alone (fast, small), then downloadMissingBlobs
 *   fetches the bytes one file at a time, so a slow link never blocks ticket sync.
 */
import type { FileDoc } from '../../shared/domain/model';
import { defaultBlobStore, isQuotaError, type BlobStore, type OutpostDatabase } from '../data';

/** Attachment name of the bytes on every file document. */
export const CONTENT_ATTACHMENT = 'content';

export interface InlineAttachments {
  content: { content_type: string; data: string };
}

/**
 * Bytes per btoa call: a multiple of 3, so every chunk but the last encodes without padding
 * and the pieces join into one valid base64 string; small enough for String.fromCharCode's
 * argument list.
 */
const CHUNK_BYTES = 3 * 8192;

/** Base64 of arbitrary bytes, built from chunks (never one string concatenation per byte). */
export function encodeBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let start = 0; start < bytes.length; start += CHUNK_BYTES) {
    const chunk = bytes.subarray(start, start + CHUNK_BYTES);
    parts.push(btoa(String.fromCharCode(...chunk)));
  }
  return parts.join('');
}

/** `_attachments` for pushing a file document, or null when its bytes are not on this device. */
export async function attachmentForPush(
  file: FileDoc,
  blobs: BlobStore = defaultBlobStore(),
): Promise<InlineAttachments | null> {
  const blob = await blobs.get(file.id);
  if (!blob) return null;
  const bytes = new Uint8Array(await blob.arrayBuffer());
  return { content: { content_type: file.contentType, data: encodeBase64(bytes) } };
}

/** Sends a request relative to the team database URL (the engine adds base URL and credentials). */
export type DatabaseRequest = (path: string, init?: RequestInit) => Promise<Response>;

export interface DownloadOptions {
  signal?: AbortSignal;
  blobs?: BlobStore;
}

export interface DownloadResult {
  downloaded: number;
  failed: { id: string; reason: string }[];
}

type Outcome = { kind: 'stored' } | { kind: 'failed'; reason: string; stop: boolean } | { kind: 'aborted' };

/**
 * Fetches the bytes of every file document whose bytes are not on this device, newest first
 * (the file someone just attached is the one a colleague is waiting for). One request at a
 * time: the browser's few connections per server are needed by replication. A bad file is
 * reported in `failed` and the next one is tried; an abort stops quietly.
 */
export async function downloadMissingBlobs(
  db: OutpostDatabase,
  request: DatabaseRequest,
  options: DownloadOptions = {},
): Promise<DownloadResult> {
  const blobs = options.blobs ?? defaultBlobStore();
  const result: DownloadResult = { downloaded: 0, failed: [] };
  const missing = await missingFiles(db, blobs);
  for (const file of missing) {
    if (options.signal?.aborted) break;
    const outcome = await downloadOne(file, request, blobs, options.signal);
    if (outcome.kind === 'aborted') break;
    if (outcome.kind === 'stored') {
      result.downloaded++;
      continue;
    }
    result.failed.push({ id: file.id, reason: outcome.reason });
    if (outcome.stop) break;
  }
  return result;
}

async function missingFiles(db: OutpostDatabase, blobs: BlobStore): Promise<FileDoc[]> {
  const [docs, present] = await Promise.all([db.files.find().exec(), blobs.ids()]);
  return docs
    .map((doc) => doc.toMutableJSON())
    .filter((file) => !present.has(file.id))
    .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1));
}

async function downloadOne(
  file: FileDoc,
  request: DatabaseRequest,
  blobs: BlobStore,
  signal: AbortSignal | undefined,
): Promise<Outcome> {
  let body: Blob;
  try {
    const response = await request(`${encodeURIComponent(file.id)}/${CONTENT_ATTACHMENT}`, { signal });
    if (!response.ok) {
      // Free the connection: an unread error body would keep it busy.
      await response.body?.cancel().catch(() => undefined);
      return { kind: 'failed', reason: describeStatus(response.status), stop: false };
    }
    body = await response.blob();
  } catch (error) {
    if (signal?.aborted || isAbort(error)) return { kind: 'aborted' };
    return { kind: 'failed', reason: `Download failed: ${messageOf(error)}`, stop: false };
  }
  if (body.size !== file.size) {
    return {
      kind: 'failed',
      reason: `Expected ${file.size} bytes, received ${body.size}; the copy was not kept.`,
      stop: false,
    };
  }
  // The server may label the bytes differently; the document's type is the one the user saw.
  const typed = body.type === file.contentType ? body : new Blob([body], { type: file.contentType });
  try {
    await blobs.put(file.id, typed);
  } catch (error) {
    // A full disk fails every following file too: stop and say so once.
    if (isQuotaError(error)) {
      return { kind: 'failed', reason: 'The disk is full: downloads stopped.', stop: true };
    }
    return { kind: 'failed', reason: `Storing the file failed: ${messageOf(error)}`, stop: false };
  }
  return { kind: 'stored' };
}

function describeStatus(status: number): string {
  if (status === 404) return 'The server has no content for this file (404).';
  if (status === 401 || status === 403) return `The server refused the download (${status}).`;
  return `The server answered ${status}.`;
}

function isAbort(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
