import { mkdtemp, mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCredentialStore, normalizeServerUrl, type SafeStorageLike } from './credentials';
import { IpcFailure } from './validate';

vi.mock('electron', () => ({}));

const reverse = (text: string) => [...text].reverse().join('');

/** Stand-in keychain: "encrypts" by reversing the base64 of the text. Not a cipher, but the
 * plaintext never appears in its output, which is what the file assertions need. */
function fakeSafeStorage(overrides: Partial<SafeStorageLike> = {}): SafeStorageLike {
  return {
    isAsyncEncryptionAvailable: async () => true,
    encryptStringAsync: async (plain) =>
      Buffer.from(reverse(Buffer.from(plain, 'utf8').toString('base64')), 'utf8'),
    decryptStringAsync: async (encrypted) => ({
      result: Buffer.from(reverse(encrypted.toString('utf8')), 'base64').toString('utf8'),
      shouldReEncrypt: false,
    }),
    getSelectedStorageBackend: () => 'gnome_libsecret',
    ...overrides,
  };
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'outpost-credentials-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function store(safeStorage: SafeStorageLike = fakeSafeStorage(), platform = 'linux') {
  return createCredentialStore({
    filePath: path.join(dir, 'credentials.json'),
    dir,
    safeStorage,
    platform,
    fs: { readFile, writeFile, rename, mkdir },
  });
}

const PASSWORD = 'correct horse battery staple';
const SERVER = 'https://couch.example.org/site-a/';

describe('credential store', () => {
  it('round-trips a password and gives the renderer-facing get() the username only', async () => {
    const credentials = store();
    await credentials.set(SERVER, 'alice', PASSWORD);
    expect(await credentials.get(SERVER)).toEqual({ username: 'alice' });
    expect(await credentials.get('https://couch.example.org/site-a')).toEqual({ username: 'alice' });
    expect(await credentials.getSecret(SERVER)).toEqual({ username: 'alice', password: PASSWORD });
    expect(await credentials.status()).toEqual({
      secureStorage: true,
      backend: 'gnome_libsecret',
      fallback: 'ask',
      servers: ['https://couch.example.org/site-a'],
    });
  });

  it('never writes the plaintext password (nor its base64) to disk', async () => {
    await store().set(SERVER, 'alice', PASSWORD);
    const text = await readFile(path.join(dir, 'credentials.json'), 'utf8');
    expect(text).toContain('alice');
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(Buffer.from(PASSWORD).toString('base64'));
    expect(await readdir(dir)).toEqual(['credentials.json']);
    if (process.platform !== 'win32')
      expect((await stat(path.join(dir, 'credentials.json'))).mode & 0o077).toBe(0);
  });

  it('refuses to store when encryption is unavailable, and writes nothing', async () => {
    const credentials = store(fakeSafeStorage({ isAsyncEncryptionAvailable: async () => false }), 'win32');
    await expect(credentials.set(SERVER, 'alice', PASSWORD)).rejects.toMatchObject({
      code: 'no_secure_storage',
    });
    expect(await readdir(dir)).toEqual([]);
    expect((await credentials.status()).secureStorage).toBe(false);
  });

  it("treats Linux's basic_text backend (a hardcoded key) as no secure storage", async () => {
    const encrypt = vi.fn(fakeSafeStorage().encryptStringAsync);
    const credentials = store(
      fakeSafeStorage({ getSelectedStorageBackend: () => 'basic_text', encryptStringAsync: encrypt }),
    );
    const failure = await credentials.set(SERVER, 'alice', PASSWORD).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(IpcFailure);
    expect((failure as IpcFailure).code).toBe('no_secure_storage');
    expect(encrypt).not.toHaveBeenCalled();
    expect(await credentials.weakStorageOnly()).toBe(true);
    expect(await credentials.status()).toMatchObject({ secureStorage: false, backend: 'basic_text' });
  });

  it('writes through basic_text only when the user chose to save anyway', async () => {
    const weak = fakeSafeStorage({ getSelectedStorageBackend: () => 'basic_text' });
    const credentials = store(weak);
    await credentials.set(SERVER, 'alice', PASSWORD, { allowWeak: true });
    expect(await credentials.getSecret(SERVER)).toEqual({ username: 'alice', password: PASSWORD });
    const text = await readFile(path.join(dir, 'credentials.json'), 'utf8');
    expect(text).not.toContain(PASSWORD);
  });

  it('never writes without any store, even when saving anyway was chosen', async () => {
    const none = fakeSafeStorage({
      getSelectedStorageBackend: () => 'basic_text',
      isAsyncEncryptionAvailable: async () => false,
    });
    await expect(store(none).set(SERVER, 'alice', PASSWORD, { allowWeak: true })).rejects.toMatchObject({
      code: 'no_secure_storage',
    });
    // Windows and macOS have no weak store to fall back to: allowWeak changes nothing there.
    const windows = store(fakeSafeStorage({ isAsyncEncryptionAvailable: async () => false }), 'win32');
    await expect(windows.set(SERVER, 'alice', PASSWORD, { allowWeak: true })).rejects.toMatchObject({
      code: 'no_secure_storage',
    });
    expect(await readdir(dir)).toEqual([]);
  });

  it('reports the fallback choice and clears every saved password on request', async () => {
    const credentials = createCredentialStore({
      filePath: path.join(dir, 'credentials.json'),
      dir,
      safeStorage: fakeSafeStorage(),
      platform: 'darwin',
      fs: { readFile, writeFile, rename, mkdir },
      fallback: async () => 'session',
    });
    await credentials.set('https://a.example.org', 'alice', 'pw-a');
    await credentials.set('https://b.example.org', 'bob', 'pw-b');
    expect(await credentials.status()).toMatchObject({ backend: 'os', fallback: 'session' });
    await credentials.clearAll();
    expect((await credentials.status()).servers).toEqual([]);
    expect(await credentials.getSecret('https://a.example.org')).toBeNull();
  });

  it('keeps entries per server, serializes concurrent writes and clears one', async () => {
    const credentials = store();
    await Promise.all([
      credentials.set('https://a.example.org', 'alice', 'pw-a'),
      credentials.set('https://b.example.org', 'bob', 'pw-b'),
      credentials.set('http://127.0.0.1:5984/site', 'carol', 'pw-c'),
    ]);
    expect((await credentials.status()).servers).toHaveLength(3);
    await credentials.clear('https://a.example.org/');
    expect(await credentials.get('https://a.example.org')).toBeNull();
    expect(await credentials.getSecret('https://b.example.org')).toEqual({
      username: 'bob',
      password: 'pw-b',
    });
    await credentials.clear('https://never-stored.example.org');
  });

  it('answers null (a value, not an error) when nothing is stored', async () => {
    expect(await store().get(SERVER)).toBeNull();
    expect(await store().getSecret(SERVER)).toBeNull();
  });

  it('re-encrypts when the OS rotated its key', async () => {
    const base = fakeSafeStorage();
    await store(base).set(SERVER, 'alice', PASSWORD);
    const before = await readFile(path.join(dir, 'credentials.json'), 'utf8');
    const rotated = fakeSafeStorage({
      decryptStringAsync: async (encrypted) => ({
        ...(await base.decryptStringAsync(encrypted)),
        shouldReEncrypt: true,
      }),
      encryptStringAsync: async (plain) =>
        Buffer.from(`v2:${(await base.encryptStringAsync(plain)).toString('utf8')}`),
    });
    expect(await store(rotated).getSecret(SERVER)).toEqual({ username: 'alice', password: PASSWORD });
    const after = await readFile(path.join(dir, 'credentials.json'), 'utf8');
    expect(after).not.toEqual(before);
    expect(after).not.toContain(PASSWORD);
  });

  it('reports a damaged store instead of overwriting it', async () => {
    await writeFile(path.join(dir, 'credentials.json'), '{ not json');
    await expect(store().get(SERVER)).rejects.toMatchObject({ code: 'storage_error' });
    await expect(store().set(SERVER, 'alice', PASSWORD)).rejects.toMatchObject({ code: 'storage_error' });
    expect(await readFile(path.join(dir, 'credentials.json'), 'utf8')).toBe('{ not json');
  });
});

describe('normalizeServerUrl', () => {
  it('keys by origin and path, ignoring trailing slashes, query and hash', () => {
    expect(normalizeServerUrl('https://Couch.Example.org:443/site-a/?x=1#y')).toBe(
      'https://couch.example.org/site-a',
    );
    expect(normalizeServerUrl('http://127.0.0.1:5984')).toBe('http://127.0.0.1:5984');
  });
});
