import { IDBKeyRange, IDBObjectStore, indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TicketInput } from '../../shared/domain/validation';
import { describeWriteError } from '../lib/errors';
import { createBlobStore, type BlobStore } from './blobs';
import {
  applyRestore,
  hasChangesSince,
  readBackup,
  writeBackup,
  type RestorePlan,
  type WriteBackupOptions,
} from './backup';
import { closeQuietly, createOutpostDatabase, type OutpostDatabase } from './database';
import { isStorageFullError } from './storageQuery';
import { attachFile } from './files';
import { seedDemoIfEmpty } from './seed';
import { recordRejection } from './syncIssues';
import { createTicket } from './tickets';
import { fixtureTicket, uniqueDbName } from './testDb';

const NOW = Date.UTC(2026, 2, 1);
const opened: OutpostDatabase[] = [];
const stores: BlobStore[] = [];

// One full database at a time: the free tier allows 13 open collections per JS context.
async function openDb(name = uniqueDbName('backup')): Promise<OutpostDatabase> {
  const db = await createOutpostDatabase({
    name,
    indexedDB,
    IDBKeyRange,
    devMode: true,
    multiInstance: false,
  });
  opened.push(db);
  return db;
}
function blobStore(): BlobStore {
  const store = createBlobStore({ name: uniqueDbName('blobs'), indexedDB, broadcast: false });
  stores.push(store);
  return store;
}
afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => closeQuietly(db)));
  for (const store of stores.splice(0)) store.close();
  vi.restoreAllMocks();
});

async function backupText(db: OutpostDatabase, options: Partial<WriteBackupOptions> & { blobs: BlobStore }) {
  const chunks: string[] = [];
  const summary = await writeBackup(db, {
    scope: 'full',
    now: NOW,
    write: async (chunk) => void chunks.push(chunk),
    ...options,
  });
  return { text: chunks.join(''), chunks, summary };
}

/** Every live document of every collection, as plain data, sorted for comparison. */
async function snapshot(db: OutpostDatabase): Promise<Record<string, unknown[]>> {
  const result: Record<string, unknown[]> = {};
  for (const [name, collection] of Object.entries(db.collections)) {
    const docs = (await collection.find().exec()).map((doc) => doc.toMutableJSON() as { id: string });
    result[name] = docs.sort((a, b) => a.id.localeCompare(b.id));
  }
  return result;
}

async function fillReplica(db: OutpostDatabase, blobs: BlobStore) {
  await seedDemoIfEmpty(db, { seed: 7, tickets: 30, now: NOW });
  const ticket = (await db.tickets.findOne().exec())?.toMutableJSON();
  if (!ticket) throw new Error('no ticket');
  const bytes = new Uint8Array(70_000).map((_, i) => (i * 31) % 256);
  const attached = await attachFile(
    db,
    {
      parentId: ticket.id,
      parentType: 'ticket',
      name: 'scan.png',
      contentType: 'image/png',
      data: new Blob([bytes]),
    },
    { userId: 'per_x', now: NOW },
    blobs,
  );
  if (!attached.ok) throw new Error(attached.error);
  await db.audits.insert({
    id: 'aud_01HZZZZZZZZZZZZZZZZZZZZZZZ',
    type: 'audit',
    name: 'Room 4 inventory',
    state: 'draft',
    locationId: '',
    expectedCiIds: [],
    createdAt: NOW,
    updatedAt: NOW,
    updatedBy: 'per_x',
  });
  await recordRejection(db, {
    collection: 'tickets',
    docId: ticket.id,
    status: 403,
    reason: 'not allowed',
    title: 'x',
    doc: { id: ticket.id },
    base: null,
    now: NOW,
  });
  return { fileId: attached.file.id, bytes };
}

describe('writeBackup and applyRestore', () => {
  it('brings back every document of every collection and every attachment, into an emptied replica', async () => {
    const name = uniqueDbName('roundtrip');
    let db = await openDb(name);
    const blobs = blobStore();
    const { fileId, bytes } = await fillReplica(db, blobs);
    const before = await snapshot(db);
    for (const [collection, docs] of Object.entries(before))
      expect(docs.length, collection).toBeGreaterThan(0);

    const { text, chunks, summary } = await backupText(db, { blobs, chunkChars: 64 * 1024 });
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.every((chunk) => chunk.length <= 64 * 1024)).toBe(true);
    const total = Object.values(before).reduce((sum, docs) => sum + docs.length, 0);
    expect(summary).toEqual({ documents: total, blobs: 1, missingBlobs: 0 });

    // The replica is lost: same name, nothing in it, no attachment bytes either.
    await db.remove();
    db = await openDb(name);
    const emptyBlobs = blobStore();
    expect((await snapshot(db)).tickets).toEqual([]);

    const read = readBackup(text);
    if (!read.ok) throw new Error(read.message);
    expect(read.plan.problems).toEqual([]);
    expect(read.plan.complete).toBe(true);
    const result = await applyRestore(db, read.plan, { blobs: emptyBlobs });
    expect(result).toMatchObject({
      written: total,
      keptNewer: 0,
      blobsWritten: 1,
      failed: [],
      stopped: null,
    });
    expect(await snapshot(db)).toEqual(before);
    const restored = await emptyBlobs.get(fileId);
    expect(new Uint8Array(await restored!.arrayBuffer())).toEqual(bytes);
    expect(restored?.type).toBe('image/png');
  });

  it('leaves documents that are newer here alone, and restoring twice changes nothing', async () => {
    const db = await openDb();
    const blobs = blobStore();
    await db.tickets.bulkInsert([fixtureTicket(1), fixtureTicket(2)]);
    const { text } = await backupText(db, { blobs });
    const first = await db.tickets.findOne('tkt_000001').exec();
    await first?.incrementalPatch({
      title: 'Edited after the backup',
      updatedAt: (first.updatedAt ?? 0) + 1,
    });
    await (await db.tickets.findOne('tkt_000002').exec())?.remove();
    const read = readBackup(text);
    if (!read.ok) throw new Error(read.message);
    const restored = await applyRestore(db, read.plan, { blobs });
    expect(restored).toMatchObject({ written: 0, keptNewer: 1, keptDeleted: 1 });
    expect(await applyRestore(db, read.plan, { blobs })).toMatchObject({
      written: 0,
      keptNewer: 1,
      keptDeleted: 1,
    });
    expect((await db.tickets.findOne('tkt_000001').exec())?.title).toBe('Edited after the backup');
    expect(await db.tickets.findOne('tkt_000002').exec()).toBeNull();
  });

  it('backs up only the changes written after a time, and knows when there are some', async () => {
    const db = await openDb();
    const blobs = blobStore();
    await db.tickets.insert(fixtureTicket(1));
    const mark = Date.now() + 1;
    await vi.waitFor(() => expect(Date.now()).toBeGreaterThan(mark));
    expect(await hasChangesSince(db, mark)).toBe(false);
    await db.tickets.insert(fixtureTicket(2));
    expect(await hasChangesSince(db, mark)).toBe(true);
    const { text, summary } = await backupText(db, { blobs, scope: 'changes', since: mark });
    expect(summary.documents).toBe(1);
    const read = readBackup(text);
    expect(read.ok && read.plan.header).toMatchObject({ scope: 'changes', since: mark });
    expect(read.ok && read.plan.documents.get('tickets')?.map((d) => d.id)).toEqual(['tkt_000002']);
  });

  it('counts attachments whose bytes are not on this device yet', async () => {
    const db = await openDb();
    const blobs = blobStore();
    await db.tickets.insert(fixtureTicket(1));
    await db.files.insert({
      id: 'fil_01HZZZZZZZZZZZZZZZZZZZZZZZ',
      type: 'file',
      parentId: 'tkt_000001',
      parentType: 'ticket',
      name: 'remote.pdf',
      contentType: 'application/pdf',
      size: 10,
      createdAt: NOW,
      createdBy: 'per_x',
      updatedAt: NOW,
      updatedBy: 'per_x',
    });
    const { summary } = await backupText(db, { blobs });
    expect(summary).toEqual({ documents: 2, blobs: 0, missingBlobs: 1 });
  });
});

const HEADER = JSON.stringify({
  format: 'outpost-backup',
  version: 1,
  scope: 'full',
  createdAt: NOW,
  since: 0,
  source: null,
  collections: ['tickets'],
});
const docLine = (doc: unknown, collection = 'tickets') => JSON.stringify({ collection, doc });

describe('readBackup', () => {
  it.each([
    ['an empty file', ''],
    ['another JSON file', '{"name":"outpost","version":"1.0.0"}'],
    ['a CSV export', 'id,title\n1,x'],
    ['a newer format', HEADER.replace('"version":1', '"version":2')],
  ])('refuses %s outright', (_label, text) => {
    const read = readBackup(text);
    expect(read.ok).toBe(false);
  });

  it('refuses hostile and malformed entries one by one, with the line and the reason', () => {
    const good = fixtureTicket(1);
    const lines = [
      HEADER,
      docLine(good),
      '{"collection":"tickets","doc":{"id":"tkt_2"',
      docLine({ ...fixtureTicket(3), priority: 'urgent!!' }),
      `{"collection":"tickets","doc":${JSON.stringify(fixtureTicket(4)).replace('{', '{"__proto__":{"admin":true},')}}`,
      docLine({ ...fixtureTicket(5), _meta: { lwt: 1 } }),
      docLine({ ...fixtureTicket(6), id: 'per_000006' }),
      docLine({ ...fixtureTicket(7), type: 'person' }),
      docLine(fixtureTicket(8), 'people'),
      docLine(fixtureTicket(9), '__proto__'),
      docLine({ ...fixtureTicket(10), title: 'x'.repeat(2_000_000) }),
      docLine(good),
      JSON.stringify({ blob: 'fil_x', contentType: 'text/plain', size: 3, data: '!!!' }),
      JSON.stringify({ blob: 'fil_y', contentType: 'text/plain', size: 3, data: 'YWJj' }),
      '[1,2,3]',
      JSON.stringify({ end: true, documents: 11, blobs: 2 }),
      docLine(fixtureTicket(11)),
    ];
    const read = readBackup(lines.join('\n'));
    if (!read.ok) throw new Error(read.message);
    const { plan } = read;
    expect(plan.documents.get('tickets')?.map((d) => d.id)).toEqual([good.id]);
    expect(plan.blobs.size).toBe(0);
    expect(plan.problems.map((p) => p.line)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 17, 17]);
    const messages = plan.problems.map((p) => p.message).join('\n');
    expect(messages).toMatch(/not valid JSON/);
    expect(messages).toMatch(/reserved field "__proto__"/);
    expect(messages).toMatch(/priority must be an integer/);
    expect(messages).toMatch(/reserved field "_meta"/);
    expect(messages).toMatch(/id does not start with "tkt_"/);
    expect(messages).toMatch(/cannot go into people/);
    expect(messages).toMatch(/no collection named "__proto__"/);
    expect(messages).toMatch(/larger than/);
    expect(messages).toMatch(/appears twice/);
    expect(messages).toMatch(/not valid base64/);
    expect(messages).toMatch(/file document is not in the backup/);
    expect(messages).toMatch(/after the end/);
    expect(messages).toMatch(/written with 11 documents and 2 attachments, but holds 10 and 2/);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('notices a file cut short and an attachment whose size does not match', () => {
    const file = {
      id: 'fil_01HZZZZZZZZZZZZZZZZZZZZZZZ',
      type: 'file',
      parentId: 'tkt_000001',
      parentType: 'ticket',
      name: 'a.txt',
      contentType: 'text/plain',
      size: 4,
      createdAt: NOW,
      createdBy: 'per_x',
      updatedAt: NOW,
      updatedBy: 'per_x',
    };
    const read = readBackup(
      [
        HEADER,
        docLine(file, 'files'),
        JSON.stringify({ blob: file.id, contentType: 'text/plain', size: 3, data: 'YWJj' }),
      ].join('\n'),
    );
    if (!read.ok) throw new Error(read.message);
    expect(read.plan.complete).toBe(false);
    expect(read.plan.blobs.size).toBe(0);
    expect(read.plan.problems[0]?.message).toMatch(/size does not match/);
  });
});

describe('isStorageFullError', () => {
  const quota = new DOMException('full', 'QuotaExceededError');
  it.each([
    ['the bare DOMException', quota],
    ["Dexie's own error", Object.assign(new Error('full'), { name: 'QuotaExceededError', inner: quota })],
    [
      'a bulk write failure',
      Object.assign(new Error('1 of 1 failed'), { name: 'BulkError', failures: [quota] }),
    ],
    ['a bulk failure by position', { name: 'BulkError', failuresByPos: { 3: quota } }],
    [
      'an RxDB error carrying it',
      { name: 'RxError', parameters: { error: { name: 'DatabaseClosedError', inner: quota } } },
    ],
    ['a cause', new Error('write failed', { cause: quota })],
    ["Firefox's name", { name: 'NS_ERROR_DOM_QUOTA_REACHED' }],
  ])('sees %s', (_label, error) => expect(isStorageFullError(error)).toBe(true));

  it.each([
    ['an abort', new DOMException('x', 'AbortError')],
    ['a message that only mentions it', new Error('QuotaExceededError')],
    ['a conflict', { name: 'RxError', parameters: { error: { status: 409 } } }],
    ['null', null],
  ])('does not mistake %s for it', (_label, error) => expect(isStorageFullError(error)).toBe(false));

  it('does not loop forever on a cyclic error', () => {
    const cyclic: { name: string; cause?: unknown } = { name: 'Error' };
    cyclic.cause = cyclic;
    expect(isStorageFullError(cyclic)).toBe(false);
  });
});

describe('a full disk', () => {
  function fillDisk() {
    // The browser refuses the write itself, as Chromium does when the quota is exhausted.
    return vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('The disk is full.', 'QuotaExceededError');
    });
  }

  it('fails a ticket write with a clear message and keeps what was there', async () => {
    const db = await openDb();
    await db.tickets.insert(fixtureTicket(1));
    fillDisk();
    const input: TicketInput = {
      kind: 'incident',
      title: 'Printer jam',
      description: '',
      impact: 2,
      urgency: 2,
      category: '',
      requesterId: 'per_req',
      assigneeId: '',
      groupId: '',
    };
    const failure = await createTicket(db, input, { userId: 'per_agent' }, { now: NOW }).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(Object);
    vi.restoreAllMocks();
    expect(describeWriteError(failure)).toMatch(/disk is full: nothing was saved/);
    expect((await db.tickets.find().exec()).map((d) => d.id)).toEqual(['tkt_000001']);
  });

  it('stops a restore with a clear report of what was written', async () => {
    const db = await openDb();
    const blobs = blobStore();
    const lines = [
      HEADER,
      docLine(fixtureTicket(1)),
      docLine(fixtureTicket(2)),
      '{"end":true,"documents":2,"blobs":0}',
    ];
    const read = readBackup(lines.join('\n'));
    if (!read.ok) throw new Error(read.message);
    fillDisk();
    const result = await applyRestore(db, read.plan as RestorePlan, { blobs });
    vi.restoreAllMocks();
    expect(result.stopped).toMatch(/disk is full: the restore stopped/);
    expect(result.written).toBe(0);
  });

  it('stops a backup when the backups folder is full, and says so', async () => {
    const db = await openDb();
    await db.tickets.insert(fixtureTicket(1));
    const full = Object.assign(new Error('The disk is full: The backup could not be written.'), {
      code: 'disk_full',
    });
    await expect(
      writeBackup(db, {
        scope: 'full',
        now: NOW,
        blobs: blobStore(),
        write: async () => Promise.reject(full),
      }),
    ).rejects.toBe(full);
  });
});
