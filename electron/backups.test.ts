import {
  mkdir,
  mkdtemp,
  open,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  unlink,
  writeFile,
} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  backupFileName,
  createBackupStore,
  diskSpace,
  parseBackupFileName,
  planRotation,
  type BackupFs,
} from './backups';

vi.mock('electron', () => ({}));

let dir: string;
beforeEach(async () => {
  dir = path.join(await mkdtemp(path.join(os.tmpdir(), 'outpost-backups-')), 'backups');
});
afterEach(async () => {
  await rm(path.dirname(dir), { recursive: true, force: true });
});

const realFs: BackupFs = { mkdir, open, rename, unlink, readdir, stat };
const T0 = Date.UTC(2026, 2, 14, 9, 30, 15, 123);

describe('backup file names', () => {
  it('names a backup by kind and UTC time, and reads the name back', () => {
    expect(backupFileName('auto', T0)).toBe('outpost-auto-20260314-093015-123.jsonl');
    expect(parseBackupFileName('outpost-auto-20260314-093015-123.jsonl')).toEqual({
      kind: 'auto',
      createdAt: T0,
    });
  });

  it.each([
    'outpost-auto-20260314-093015-123.jsonl.partial',
    'outpost-daily-20260314-093015-123.jsonl',
    'outpost-auto-20261399-093015-123.jsonl',
    'outpost-auto-20260314-093015-123.json',
    '../outpost-auto-20260314-093015-123.jsonl',
    'notes.txt',
  ])('ignores %s', (name) => expect(parseBackupFileName(name)).toBeNull());

  it('round-trips any time (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Date.UTC(9999, 11, 31) }),
        fc.constantFrom('auto', 'manual'),
        (at, kind) => {
          expect(parseBackupFileName(backupFileName(kind as 'auto', at))).toEqual({ kind, createdAt: at });
        },
      ),
    );
  });
});

describe('planRotation', () => {
  it('keeps the newest of each kind and never touches other files', () => {
    const names = [
      ...[0, 1, 2, 3].map((i) => backupFileName('auto', T0 + i * 1000)),
      ...[0, 1, 2].map((i) => backupFileName('manual', T0 + i * 1000)),
      'my-notes.txt',
    ];
    expect(planRotation(names, { auto: 2, manual: 5 })).toEqual([
      backupFileName('auto', T0 + 1000),
      backupFileName('auto', T0),
    ]);
  });
});

describe('createBackupStore', () => {
  it('writes chunks into a partial file, renames it on commit and lists it', async () => {
    const store = createBackupStore({ dir, fs: realFs, now: () => T0 });
    const { id } = await store.begin('manual');
    expect(await readdir(dir)).toEqual([`${backupFileName('manual', T0)}.partial`]);
    await store.append(id, '{"a":1}\n');
    await store.append(id, '{"b":"é"}\n');
    const info = await store.commit(id);
    expect(info).toEqual({ name: backupFileName('manual', T0), kind: 'manual', createdAt: T0, bytes: 19 });
    expect(await readFile(path.join(dir, info.name), 'utf8')).toBe('{"a":1}\n{"b":"é"}\n');
    expect(await store.list()).toEqual([info]);
    await expect(store.append(id, 'late')).rejects.toMatchObject({ code: 'invalid_argument' });
  });

  it('rotates after each commit', async () => {
    let clock = T0;
    const store = createBackupStore({ dir, fs: realFs, now: () => clock, keep: { auto: 2, manual: 1 } });
    for (let i = 0; i < 4; i++) {
      clock += 60_000;
      const { id } = await store.begin('auto');
      await store.append(id, `${i}\n`);
      await store.commit(id);
    }
    const listed = await store.list();
    expect(listed.map((b) => b.createdAt)).toEqual([T0 + 240_000, T0 + 180_000]);
  });

  it('gives two backups in one millisecond different names', async () => {
    const store = createBackupStore({ dir, fs: realFs, now: () => T0 });
    const a = await store.begin('auto');
    const b = await store.begin('auto');
    await store.append(a.id, 'a');
    await store.append(b.id, 'b');
    const names = [(await store.commit(a.id)).name, (await store.commit(b.id)).name];
    expect(new Set(names).size).toBe(2);
  });

  it('abort removes the partial file; cleanUp removes those a crash left behind', async () => {
    const store = createBackupStore({ dir, fs: realFs, now: () => T0 });
    const { id } = await store.begin('auto');
    await store.abort(id);
    expect(await readdir(dir)).toEqual([]);
    await writeFile(path.join(dir, 'outpost-auto-20200101-000000-000.jsonl.partial'), 'x');
    await writeFile(path.join(dir, 'keep-me.txt'), 'x');
    await store.cleanUp();
    expect(await readdir(dir)).toEqual(['keep-me.txt']);
  });

  it('turns a full disk into a clear disk_full error and leaves no partial file', async () => {
    const fullFs: BackupFs = {
      ...realFs,
      open: async (file, flags, mode) => {
        const handle = await open(file, flags, mode);
        return {
          write: async () => {
            throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
          },
          sync: () => handle.sync(),
          close: () => handle.close(),
        };
      },
    };
    const store = createBackupStore({ dir, fs: fullFs, now: () => T0 });
    const { id } = await store.begin('auto');
    await expect(store.append(id, 'data')).rejects.toMatchObject({
      code: 'disk_full',
      message: expect.stringMatching(/disk is full/),
    });
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses a backup that grows past the limit, and a third one at a time', async () => {
    const store = createBackupStore({ dir, fs: realFs, now: () => T0, maxBytes: 10 });
    const { id } = await store.begin('auto');
    await store.append(id, '12345');
    await expect(store.append(id, '123456')).rejects.toMatchObject({ code: 'not_allowed' });
    expect(await readdir(dir)).toEqual([]);
    await store.begin('auto');
    await store.begin('manual');
    await expect(store.begin('auto')).rejects.toMatchObject({ code: 'not_allowed' });
  });

  it('abandons a backup whose window went away long ago', async () => {
    let clock = T0;
    const store = createBackupStore({ dir, fs: realFs, now: () => clock });
    await store.begin('auto');
    await store.begin('auto');
    clock += 31 * 60 * 1000;
    await expect(store.begin('auto')).resolves.toHaveProperty('id');
    expect((await readdir(dir)).filter((n) => n.endsWith('.partial'))).toHaveLength(1);
  });
});

describe('diskSpace', () => {
  it('reports what this user may still write', async () => {
    expect(await diskSpace('/data', async () => ({ bsize: 4096, bavail: 10, blocks: 100 }))).toEqual({
      freeBytes: 40960,
      totalBytes: 409600,
    });
    await expect(diskSpace('/data', async () => Promise.reject(new Error('EIO')))).rejects.toMatchObject({
      code: 'storage_error',
    });
  });
});
