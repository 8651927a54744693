import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { indexedDB } from 'fake-indexeddb';
import type { FileDoc } from '../../shared/domain/model';
import { createBlobStore, type BlobStore } from '../data/blobs';
import type { OutpostDatabase } from '../data/database';
import { createDbTracker, uniqueDbName } from '../data/testDb';
import { attachmentForPush, downloadMissingBlobs, encodeBase64, type DatabaseRequest } from './attachments';

const dbs = createDbTracker();
let db: OutpostDatabase;
let blobs: BlobStore;

beforeEach(async () => {
  db = await dbs.open();
  blobs = createBlobStore({ name: uniqueDbName('blobs'), indexedDB });
});
afterEach(async () => {
  vi.restoreAllMocks();
  blobs.close();
  await dbs.closeAll();
});

const NOW = 1_750_000_000_000;

function fileDoc(n: number, size: number, overrides: Partial<FileDoc> = {}): FileDoc {
  return {
    id: `fil_${String(n).padStart(26, '0')}`,
    type: 'file',
    parentId: 'tkt_000001',
    parentType: 'ticket',
    name: `photo-${n}.jpg`,
    contentType: 'image/jpeg',
    size,
    createdAt: NOW + n,
    createdBy: 'per_tech',
    updatedAt: NOW + n,
    updatedBy: 'per_tech',
    ...overrides,
  };
}

/** Deterministic bytes covering every value (not only ASCII). */
function bytesOf(length: number, seed = 7): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/**
 * Index of the first differing byte, -1 when equal. toEqual walks a typed array element by
 * element through its generic matcher (about 20 s for 5 MB); a plain loop takes milliseconds.
 */
function firstDifference(a: Uint8Array, b: Uint8Array): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : length;
}

async function bytesOfBlob(blob: Blob | null): Promise<Uint8Array> {
  return new Uint8Array((await blob?.arrayBuffer()) ?? new ArrayBuffer(0));
}

describe('encodeBase64', () => {
  it('matches the RFC 4648 test vectors', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'Zg=='],
      ['fo', 'Zm8='],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg=='],
      ['fooba', 'Zm9vYmE='],
      ['foobar', 'Zm9vYmFy'],
    ];
    for (const [plain, encoded] of vectors)
      expect(encodeBase64(new TextEncoder().encode(plain))).toBe(encoded);
  });

  it('joins chunks into one valid string at every length around a chunk boundary', () => {
    for (const length of [24_575, 24_576, 24_577, 49_152, 49_153]) {
      const bytes = bytesOf(length, length);
      const encoded = encodeBase64(bytes);
      expect(encoded.length).toBe(Math.ceil(length / 3) * 4);
      expect(firstDifference(decodeBase64(encoded), bytes)).toBe(-1);
    }
  });
});

describe('attachmentForPush', () => {
  it('is the inline CouchDB attachment of a 5 MB blob, byte for byte', async () => {
    const bytes = bytesOf(5 * 1024 * 1024 + 1);
    const file = fileDoc(1, bytes.length, { contentType: 'application/pdf' });
    await blobs.put(file.id, new Blob([bytes], { type: 'application/pdf' }));
    const attachment = await attachmentForPush(file, blobs);
    expect(attachment?.content.content_type).toBe('application/pdf');
    const decoded = decodeBase64(attachment?.content.data ?? '');
    expect(decoded.length).toBe(bytes.length);
    expect(firstDifference(decoded, bytes)).toBe(-1);
  });

  it('is null when the bytes are not on this device', async () => {
    expect(await attachmentForPush(fileDoc(1, 10), blobs)).toBeNull();
  });
});

/** A fake server: a map from request path to the bytes (or the status) it answers. */
function fakeServer(answers: Record<string, Uint8Array<ArrayBuffer> | number>) {
  const requested: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const request: DatabaseRequest = async (path) => {
    requested.push(path);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      await Promise.resolve();
      const answer = answers[path];
      if (answer === undefined) return new Response('{"error":"not_found"}', { status: 404 });
      if (typeof answer === 'number') return new Response('{"error":"x"}', { status: answer });
      return new Response(answer, { status: 200, headers: { 'content-type': 'application/octet-stream' } });
    } finally {
      inFlight--;
    }
  };
  return { request, requested, maxInFlight: () => maxInFlight };
}

describe('downloadMissingBlobs', () => {
  it('fetches only missing bytes, one at a time, newest first, and stores them typed', async () => {
    const older = fileDoc(1, 100);
    const newer = fileDoc(2, 200, { contentType: 'image/png' });
    const present = fileDoc(3, 3);
    await db.files.bulkInsert([older, newer, present]);
    await blobs.put(present.id, new Blob([bytesOf(3)]));
    const server = fakeServer({
      [`${older.id}/content`]: bytesOf(100, 1),
      [`${newer.id}/content`]: bytesOf(200, 2),
    });

    const result = await downloadMissingBlobs(db, server.request, { blobs });

    expect(result).toEqual({ downloaded: 2, failed: [] });
    expect(server.requested).toEqual([`${newer.id}/content`, `${older.id}/content`]);
    expect(server.maxInFlight()).toBe(1);
    expect(await bytesOfBlob(await blobs.get(older.id))).toEqual(bytesOf(100, 1));
    const png = await blobs.get(newer.id);
    expect(png?.type).toBe('image/png');
    expect(await bytesOfBlob(png)).toEqual(bytesOf(200, 2));
    // Nothing left to do: a second pass sends no request.
    expect(await downloadMissingBlobs(db, server.request, { blobs })).toEqual({ downloaded: 0, failed: [] });
    expect(server.requested).toHaveLength(2);
  });

  it('keeps no copy of the wrong length, reports a 404, and carries on with the next file', async () => {
    const short = fileDoc(3, 50);
    const gone = fileDoc(2, 10);
    const fine = fileDoc(1, 20);
    await db.files.bulkInsert([short, gone, fine]);
    const server = fakeServer({
      [`${short.id}/content`]: bytesOf(49),
      [`${fine.id}/content`]: bytesOf(20),
    });

    const result = await downloadMissingBlobs(db, server.request, { blobs });

    expect(result.downloaded).toBe(1);
    expect(result.failed).toEqual([
      { id: short.id, reason: 'Expected 50 bytes, received 49; the copy was not kept.' },
      { id: gone.id, reason: 'The server has no content for this file (404).' },
    ]);
    expect(await blobs.ids()).toEqual(new Set([fine.id]));
  });

  it('reports a network failure for one file without throwing', async () => {
    const file = fileDoc(1, 5);
    await db.files.insert(file);
    const request: DatabaseRequest = () => Promise.reject(new TypeError('Failed to fetch'));
    expect(await downloadMissingBlobs(db, request, { blobs })).toEqual({
      downloaded: 0,
      failed: [{ id: file.id, reason: 'Download failed: Failed to fetch' }],
    });
  });

  it('stops when aborted mid-download and keeps what arrived', async () => {
    const files = [fileDoc(3, 10), fileDoc(2, 10), fileDoc(1, 10)];
    await db.files.bulkInsert(files);
    const controller = new AbortController();
    const requested: string[] = [];
    const request: DatabaseRequest = (path, init) => {
      requested.push(path);
      if (requested.length === 1) return Promise.resolve(new Response(bytesOf(10)));
      // The second download is under way when the user signs out.
      return new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError')));
        controller.abort();
      });
    };

    const result = await downloadMissingBlobs(db, request, { blobs, signal: controller.signal });

    expect(result).toEqual({ downloaded: 1, failed: [] });
    expect(requested).toHaveLength(2);
    expect(await blobs.ids()).toEqual(new Set([files[0]?.id]));
  });

  it('sends nothing when already aborted', async () => {
    await db.files.insert(fileDoc(1, 10));
    const server = fakeServer({});
    const controller = new AbortController();
    controller.abort();
    expect(await downloadMissingBlobs(db, server.request, { blobs, signal: controller.signal })).toEqual({
      downloaded: 0,
      failed: [],
    });
    expect(server.requested).toEqual([]);
  });

  it('stops at a full disk and says so once', async () => {
    const files = [fileDoc(2, 4), fileDoc(1, 4)];
    await db.files.bulkInsert(files);
    const server = fakeServer(Object.fromEntries(files.map((f) => [`${f.id}/content`, bytesOf(4)])));
    vi.spyOn(blobs, 'put').mockRejectedValue(new DOMException('Quota exceeded', 'QuotaExceededError'));

    const result = await downloadMissingBlobs(db, server.request, { blobs });

    expect(result).toEqual({
      downloaded: 0,
      failed: [{ id: files[0]?.id, reason: 'The disk is full: downloads stopped.' }],
    });
    expect(server.requested).toHaveLength(1);
  });
});
