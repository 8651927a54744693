import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { filter, firstValueFrom } from 'rxjs';
import { indexedDB } from 'fake-indexeddb';
import { createBlobStore, type BlobStore } from './blobs';
import type { OutpostDatabase } from './database';
import {
  FILE_MAX_BYTES,
  attachFile,
  hasFileBlob,
  observeFileBlobChanges,
  observeFiles,
  readFileBlob,
  type AttachFileInput,
} from './files';
import { createDbTracker, fixtureTicket, uniqueDbName } from './testDb';

const dbs = createDbTracker();
let db: OutpostDatabase;
let blobs: BlobStore;

const NOW = 1_750_000_000_000;
const session = { userId: 'per_tech', now: NOW };
const TICKET = fixtureTicket(1);

beforeEach(async () => {
  db = await dbs.open();
  await db.tickets.insert(TICKET);
  blobs = createBlobStore({ name: uniqueDbName('blobs'), indexedDB });
});
afterEach(async () => {
  vi.restoreAllMocks();
  blobs.close();
  await dbs.closeAll();
});

function photo(overrides: Partial<AttachFileInput> = {}): AttachFileInput {
  return {
    parentId: TICKET.id,
    parentType: 'ticket',
    name: 'broken-screen.jpg',
    contentType: 'image/jpeg',
    data: new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])], { type: 'image/jpeg' }),
    ...overrides,
  };
}

async function nothingStored(): Promise<void> {
  expect(await db.files.count().exec()).toBe(0);
  expect(await blobs.ids()).toEqual(new Set());
}

describe('attachFile', () => {
  it('stores the bytes and an immutable document, readable back', async () => {
    const result = await attachFile(db, photo(), session, blobs);
    if (!result.ok) throw new Error(result.error);
    const { file } = result;
    expect(file.id).toMatch(/^fil_[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(file).toEqual({
      id: file.id,
      type: 'file',
      parentId: TICKET.id,
      parentType: 'ticket',
      name: 'broken-screen.jpg',
      contentType: 'image/jpeg',
      size: 7,
      createdAt: NOW,
      createdBy: 'per_tech',
      updatedAt: NOW,
      updatedBy: 'per_tech',
    });
    expect((await db.files.findOne(file.id).exec())?.toMutableJSON()).toEqual(file);
    expect(await hasFileBlob(file.id, blobs)).toBe(true);
    const blob = await readFileBlob(file.id, blobs);
    expect(blob?.type).toBe('image/jpeg');
    expect([...new Uint8Array((await blob?.arrayBuffer()) ?? new ArrayBuffer(0))]).toEqual([
      0xff, 0xd8, 0xff, 0xe0, 1, 2, 3,
    ]);
  });

  it('trims the name and stores an unknown type as application/octet-stream', async () => {
    const result = await attachFile(
      db,
      photo({ name: '  notes.bin ', contentType: '', data: new Blob(['abc']) }),
      session,
      blobs,
    );
    if (!result.ok) throw new Error(result.error);
    expect(result.file).toMatchObject({
      name: 'notes.bin',
      contentType: 'application/octet-stream',
      size: 3,
    });
    expect((await readFileBlob(result.file.id, blobs))?.type).toBe('application/octet-stream');
  });

  it.each([
    ['an empty file', { data: new Blob([]) }, /empty/],
    ['a file over 25 MB', { data: new Blob([new Uint8Array(FILE_MAX_BYTES + 1)]) }, /larger than 25 MB/],
    ['a blank name', { name: '   ' }, /no name/],
    ['a name with a slash', { name: '../etc/passwd' }, /cannot contain/],
    ['a name with a backslash', { name: 'C:\\temp\\a.txt' }, /cannot contain/],
    ['a dot-dot name', { name: '..' }, /not a file name/],
    ['a name with a control character', { name: 'a\u0000b.txt' }, /control characters/],
    ['a name over 255 characters', { name: `${'n'.repeat(252)}.txt` }, /longer than 255/],
    ['a malformed content type', { contentType: 'not a type' }, /not a valid media type/],
    ['an unknown parent type', { parentType: 'person' as never }, /only be attached/],
  ])('refuses %s with a clear error and stores nothing', async (_label, overrides, message) => {
    const result = await attachFile(db, photo(overrides), session, blobs);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
    await nothingStored();
  });

  it('accepts exactly 25 MB and a 255-character name', async () => {
    const result = await attachFile(
      db,
      photo({
        name: `${'n'.repeat(251)}.pdf`,
        contentType: 'application/pdf',
        data: new Blob([new Uint8Array(FILE_MAX_BYTES)]),
      }),
      session,
      blobs,
    );
    expect(result.ok && result.file.size).toBe(FILE_MAX_BYTES);
  });

  it('refuses a parent that does not exist', async () => {
    const result = await attachFile(db, photo({ parentId: 'tkt_missing' }), session, blobs);
    expect(result).toEqual({ ok: false, error: 'This record no longer exists.' });
    const wrongKind = await attachFile(db, photo({ parentType: 'ci' }), session, blobs);
    expect(wrongKind.ok).toBe(false);
    await nothingStored();
  });

  it('a full disk while storing the bytes gives a clear error and writes no document', async () => {
    vi.spyOn(blobs, 'put').mockRejectedValue(new DOMException('Quota exceeded', 'QuotaExceededError'));
    const result = await attachFile(db, photo(), session, blobs);
    expect(result).toEqual({
      ok: false,
      error: 'The disk is full: the file was not saved. Free some space and try again.',
    });
    await nothingStored();
  });

  it('removes the stored bytes again when the document cannot be written', async () => {
    vi.spyOn(db.files, 'insert').mockRejectedValue(new DOMException('Quota exceeded', 'QuotaExceededError'));
    const result = await attachFile(db, photo(), session, blobs);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/disk is full/);
    await nothingStored();
  });
});

describe('observeFiles', () => {
  it('lists the files of one record oldest first and follows new ones', async () => {
    const other = fixtureTicket(2);
    await db.tickets.insert(other);
    await attachFile(db, photo({ name: 'second.jpg' }), { ...session, now: NOW + 2 }, blobs);
    await attachFile(db, photo({ name: 'first.jpg' }), { ...session, now: NOW + 1 }, blobs);
    await attachFile(db, photo({ parentId: other.id, name: 'elsewhere.jpg' }), session, blobs);

    const names = (await firstValueFrom(observeFiles(db, TICKET.id))).map((f) => f.name);
    expect(names).toEqual(['first.jpg', 'second.jpg']);

    const third = firstValueFrom(observeFiles(db, TICKET.id).pipe(filter((files) => files.length === 3)));
    await attachFile(db, photo({ name: 'third.jpg' }), { ...session, now: NOW + 3 }, blobs);
    expect((await third).map((f) => f.name)).toEqual(['first.jpg', 'second.jpg', 'third.jpg']);
  });
});

describe('observeFileBlobChanges', () => {
  it('announces the id of newly stored bytes', async () => {
    const announced = firstValueFrom(observeFileBlobChanges(blobs));
    const result = await attachFile(db, photo(), session, blobs);
    expect(result.ok && (await announced)).toBe(result.ok && result.file.id);
  });
});
