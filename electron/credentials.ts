// Sync-server credentials, held by the main process only. Passwords are encrypted with the OS
// keychain through Electron's safeStorage and written as ciphertext. If the OS offers no real
// secret store (Linux without a keyring: Chromium's `basic_text` fallback, a fixed key) nothing
// is written unless the user has explicitly chosen to save anyway (session-auth asks).
import type { CredentialFallback, CredentialsStatus } from '../shared/ipc/contract';
import { IpcFailure } from './validate';

/** The slice of Electron's safeStorage we use (the async API; the sync one is deprecated in 45). */
export type SafeStorageLike = {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
  getSelectedStorageBackend?(): string;
};

export type CredentialFs = {
  readFile(filePath: string, encoding: 'utf8'): Promise<string>;
  writeFile(filePath: string, data: string, options: { encoding: 'utf8'; mode: number }): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  mkdir(dir: string, options: { recursive: true }): Promise<unknown>;
};

export type CredentialStoreDeps = {
  /** e.g. <userData>/credentials.json */
  filePath: string;
  dir: string;
  safeStorage: SafeStorageLike;
  platform: string;
  fs: CredentialFs;
  /** The user's answer to the "no keyring" question, for status(); 'ask' when not given. */
  fallback?: () => Promise<CredentialFallback>;
};

type StoredEntry = { username: string; password: string /* base64 ciphertext */ };
type StoredFile = { version: 1; entries: Record<string, StoredEntry> };

/** Credentials are per server: scheme, host, port and database path; no query or hash. */
export function normalizeServerUrl(serverUrl: string): string {
  const url = new URL(serverUrl);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function isNotFound(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ENOENT';
}

export type CredentialStore = ReturnType<typeof createCredentialStore>;

export function createCredentialStore(deps: CredentialStoreDeps) {
  const { safeStorage, fs } = deps;
  // Writes are serialized so two quick `set` calls cannot lose one another's entry.
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };

  /** Which secret store safeStorage uses; only Linux has a choice (and a weak fallback). */
  function backend(): string {
    if (deps.platform !== 'linux') return 'os';
    return safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
  }

  async function secureStorageAvailable(): Promise<boolean> {
    // On Linux without a keyring Chromium falls back to 'basic_text': a hardcoded key, which is
    // plaintext in all but name. Treat it as unavailable.
    const used = backend();
    if (used === 'basic_text' || used === 'unknown') return false;
    return safeStorage.isAsyncEncryptionAvailable();
  }

  /** True where only the weak `basic_text` store exists: saving is possible, but not safe. */
  async function weakStorageOnly(): Promise<boolean> {
    return backend() === 'basic_text' && (await safeStorage.isAsyncEncryptionAvailable());
  }

  async function readStore(): Promise<StoredFile> {
    let text: string;
    try {
      text = await fs.readFile(deps.filePath, 'utf8');
    } catch (error) {
      if (isNotFound(error)) return { version: 1, entries: {} };
      throw new IpcFailure('storage_error', 'The credential store could not be read.');
    }
    try {
      const parsed = JSON.parse(text) as { version?: unknown; entries?: unknown };
      if (parsed.version !== 1 || typeof parsed.entries !== 'object' || parsed.entries === null)
        throw new Error();
      const entries: Record<string, StoredEntry> = {};
      for (const [key, entry] of Object.entries(parsed.entries as Record<string, Partial<StoredEntry>>)) {
        if (typeof entry?.username === 'string' && typeof entry.password === 'string') {
          entries[key] = { username: entry.username, password: entry.password };
        }
      }
      return { version: 1, entries };
    } catch {
      throw new IpcFailure('storage_error', 'The credential store is damaged.');
    }
  }

  async function writeStore(store: StoredFile): Promise<void> {
    await fs.mkdir(deps.dir, { recursive: true });
    // Write then rename: a crash mid-write never leaves a truncated store behind.
    const temp = `${deps.filePath}.tmp`;
    await fs.writeFile(temp, `${JSON.stringify(store, null, 2)}\n`, { encoding: 'utf8', mode: 0o600 });
    await fs.rename(temp, deps.filePath);
  }

  return {
    secureStorageAvailable,
    weakStorageOnly,

    /**
     * `allowWeak` writes through the `basic_text` store too: only after the user chose to save
     * despite the warning. Without a store at all, nothing is ever written.
     */
    async set(
      serverUrl: string,
      username: string,
      password: string,
      options: { allowWeak?: boolean } = {},
    ): Promise<void> {
      const allowed =
        (await secureStorageAvailable()) || (options.allowWeak === true && (await weakStorageOnly()));
      if (!allowed) {
        throw new IpcFailure(
          'no_secure_storage',
          'No secure credential storage is available on this system.',
        );
      }
      const key = normalizeServerUrl(serverUrl);
      const encrypted = (await safeStorage.encryptStringAsync(password)).toString('base64');
      await exclusive(async () => {
        const store = await readStore();
        store.entries[key] = { username, password: encrypted };
        await writeStore(store);
      });
    },

    /** Username only: the renderer may show who is signed in, never the secret. */
    async get(serverUrl: string): Promise<{ username: string } | null> {
      const entry = (await readStore()).entries[normalizeServerUrl(serverUrl)];
      return entry ? { username: entry.username } : null;
    },

    /** Main-process only (sync authentication). Never wire this to IPC. */
    async getSecret(serverUrl: string): Promise<{ username: string; password: string } | null> {
      const key = normalizeServerUrl(serverUrl);
      const entry = (await readStore()).entries[key];
      if (!entry) return null;
      const decrypted = await safeStorage.decryptStringAsync(Buffer.from(entry.password, 'base64'));
      if (decrypted.shouldReEncrypt) {
        // The OS rotated its key; store a fresh ciphertext, best effort.
        const fresh = (await safeStorage.encryptStringAsync(decrypted.result)).toString('base64');
        await exclusive(async () => {
          const store = await readStore();
          const current = store.entries[key];
          if (current && current.password === entry.password) {
            store.entries[key] = { ...current, password: fresh };
            await writeStore(store);
          }
        }).catch(() => undefined);
      }
      return { username: entry.username, password: decrypted.result };
    },

    async clear(serverUrl: string): Promise<void> {
      const key = normalizeServerUrl(serverUrl);
      await exclusive(async () => {
        const store = await readStore();
        if (!(key in store.entries)) return;
        delete store.entries[key];
        await writeStore(store);
      });
    },

    /** Forgets every saved password (the user chose to keep them for the session only). */
    async clearAll(): Promise<void> {
      await exclusive(async () => {
        const store = await readStore();
        if (Object.keys(store.entries).length === 0) return;
        await writeStore({ version: 1, entries: {} });
      });
    },

    async status(): Promise<CredentialsStatus> {
      const [secureStorage, store, fallback] = await Promise.all([
        secureStorageAvailable(),
        readStore(),
        deps.fallback ? deps.fallback() : Promise.resolve<CredentialFallback>('ask'),
      ]);
      return { secureStorage, backend: backend(), fallback, servers: Object.keys(store.entries).sort() };
    },
  };
}
