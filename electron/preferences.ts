// Small settings the main process keeps for itself in <userData>/preferences.json: the window's
// last bounds, the answer to the "no keyring" question and the sync servers the content security
// policy admits. The file is local and could be edited by hand, so every field is checked on
// read and a damaged field is dropped on its own instead of failing the whole start.
import type { CredentialFallback } from '../shared/ipc/contract';
import { normalizeSyncOrigins } from './security';
import type { SavedWindowState } from './window-state';

export type Preferences = {
  window?: SavedWindowState;
  credentialFallback?: Exclude<CredentialFallback, 'ask'>;
  /** Origins of the sync servers signed in to from this device. */
  syncServers?: string[];
};

export type PreferencesFs = {
  readFile(filePath: string, encoding: 'utf8'): Promise<string>;
  writeFile(filePath: string, data: string, options: { encoding: 'utf8'; mode: number }): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  mkdir(dir: string, options: { recursive: true }): Promise<unknown>;
};

const finite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

function readWindowState(value: unknown): SavedWindowState | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { x, y, width, height, maximized } = value as Record<string, unknown>;
  if (![x, y, width, height].every(finite)) return undefined;
  return {
    x: x as number,
    y: y as number,
    width: width as number,
    height: height as number,
    maximized: maximized === true,
  };
}

/** Keeps what is well-formed; anything else is left out as if it had never been saved. */
export function parsePreferences(text: string): Preferences {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return {};
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {};
  const record = raw as Record<string, unknown>;
  const prefs: Preferences = {};
  const window = readWindowState(record.window);
  if (window) prefs.window = window;
  if (record.credentialFallback === 'session' || record.credentialFallback === 'disk') {
    prefs.credentialFallback = record.credentialFallback;
  }
  if (Array.isArray(record.syncServers)) {
    prefs.syncServers = normalizeSyncOrigins(
      record.syncServers.filter((item): item is string => typeof item === 'string'),
    );
  }
  return prefs;
}

export type PreferenceStore = {
  read(): Promise<Preferences>;
  /** Applies `change` to the stored preferences and writes them; resolves with the result. */
  update(change: (current: Preferences) => Preferences): Promise<Preferences>;
};

export function createPreferenceStore(deps: {
  filePath: string;
  dir: string;
  fs: PreferencesFs;
}): PreferenceStore {
  const { fs, filePath } = deps;
  // Updates run one after another so two quick ones cannot lose each other's field.
  let queue: Promise<unknown> = Promise.resolve();

  async function read(): Promise<Preferences> {
    try {
      return parsePreferences(await fs.readFile(filePath, 'utf8'));
    } catch {
      return {};
    }
  }

  return {
    read,
    update(change) {
      const run = queue.then(async () => {
        const next = change(await read());
        await fs.mkdir(deps.dir, { recursive: true });
        const temp = `${filePath}.tmp`;
        await fs.writeFile(temp, `${JSON.stringify(next, null, 2)}\n`, { encoding: 'utf8', mode: 0o600 });
        await fs.rename(temp, filePath);
        return next;
      });
      queue = run.catch(() => undefined);
      return run;
    },
  };
}
