/**
 * The server admin, kept where express-pouchdb looks for it: `admins` in the data folder's
 * config.json, as a CouchDB-style PBKDF2 hash (`-pbkdf2-<key>,<salt>,<iterations>`). The
 * password itself is never written anywhere. The same file holds the cookie-session secret, so
 * sign-ins survive a restart of the server process.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pbkdf2Sync, randomBytes } from 'node:crypto';
import { CONFIG_FILE } from './paths';

/**
 * express-pouchdb checks passwords with a pure-JavaScript PBKDF2 on every request that signs
 * in with Basic auth, so the count trades brute-force cost against per-request latency
 * (1,000 rounds: about 8 ms). Generated passwords carry about 143 random bits regardless.
 */
export const HASH_ITERATIONS = 1000;

/** CouchDB user names: no leading underscore, no colon; kept to a safe, printable set. */
const USER_NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

export function validateUserName(name: string): string | null {
  return USER_NAME.test(name)
    ? null
    : `"${name}" is not a valid user name (letters, digits, . _ @ -; must not start with a symbol).`;
}

const PASSWORD_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const PASSWORD_LENGTH = 24;

/**
 * 24 letters and digits (about 143 bits): nothing a shell, a URL or a form would mangle, and no
 * leading dash to pass for a flag. Bytes above the last multiple of 62 are skipped, so every
 * character is equally likely.
 */
export function generatePassword(): string {
  const limit = 256 - (256 % PASSWORD_ALPHABET.length);
  let password = '';
  while (password.length < PASSWORD_LENGTH) {
    for (const byte of randomBytes(32)) {
      if (byte < limit && password.length < PASSWORD_LENGTH)
        password += PASSWORD_ALPHABET[byte % PASSWORD_ALPHABET.length];
    }
  }
  return password;
}

export function hashAdminPassword(password: string, iterations = HASH_ITERATIONS): string {
  const salt = randomBytes(16).toString('hex');
  const key = pbkdf2Sync(password, salt, iterations, 20, 'sha1').toString('hex');
  return `-pbkdf2-${key},${salt},${iterations}`;
}

type ServerConfig = Record<string, Record<string, unknown> | undefined>;

function configPath(dataDir: string): string {
  return join(dataDir, CONFIG_FILE);
}

export function readServerConfig(dataDir: string): ServerConfig {
  const file = configPath(dataDir);
  if (!existsSync(file)) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as ServerConfig;
  } catch (error) {
    throw new Error(`${file} is not valid JSON (${(error as Error).message}); fix or remove it.`);
  }
}

export function adminNames(config: ServerConfig): string[] {
  return Object.keys(config.admins ?? {});
}

/** Creates the data folder if needed and closes it to other local users (it holds hashes). */
export function prepareDataDir(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
}

function writeServerConfig(dataDir: string, config: ServerConfig): void {
  const file = configPath(dataDir);
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(config, null, 2) + '\n', { mode: 0o600 });
  renameSync(temp, file);
}

export interface InitialAdmin {
  name: string;
  password: string;
  /** True when the password was generated here (the caller must show it once). */
  generated: boolean;
}

/**
 * Makes sure the data folder has a server admin. When it has none yet, creates `name` with
 * `password` (or a generated one) and returns it; otherwise returns null and changes nothing.
 */
export function ensureServerAdmin(
  dataDir: string,
  admin: { name?: string; password?: string },
): InitialAdmin | null {
  prepareDataDir(dataDir);
  const config = readServerConfig(dataDir);
  if (adminNames(config).length > 0) return null;
  const name = admin.name ?? 'admin';
  const invalid = validateUserName(name);
  if (invalid) throw new Error(`Server admin: ${invalid}`);
  if (admin.password !== undefined && admin.password.length < 8) {
    throw new Error('The server admin password must have at least 8 characters.');
  }
  const password = admin.password ?? generatePassword();
  const auth = config.couch_httpd_auth ?? {};
  writeServerConfig(dataDir, {
    ...config,
    admins: { [name]: hashAdminPassword(password) },
    couch_httpd_auth: {
      ...auth,
      secret: auth.secret ?? randomBytes(16).toString('hex'),
      iterations: auth.iterations ?? HASH_ITERATIONS,
    },
  });
  return { name, password, generated: admin.password === undefined };
}

/**
 * Remembers the configuration file as it is now; the returned function puts it back (or removes
 * it if there was none). Used to undo an admin created by a start that then failed, so its
 * password, shown only after a successful start, is not lost with it.
 */
export function snapshotConfig(dataDir: string): () => void {
  const file = configPath(dataDir);
  const before = existsSync(file) ? readFileSync(file, 'utf8') : null;
  return () => {
    if (before === null) rmSync(file, { force: true });
    else writeFileSync(file, before, { mode: 0o600 });
  };
}
