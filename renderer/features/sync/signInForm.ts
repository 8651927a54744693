/**
 * The sign-in form's rules, checked before anything is sent: an address the app may connect to,
 * a database name CouchDB accepts, and the two credentials. Values live in the form only.
 */
import type { SyncState } from '../../sync/store';

export const DEFAULT_SERVER_URL = 'http://127.0.0.1:5984';
export const DEFAULT_DATABASE = 'outpost';

/** CouchDB's rule for database names (it also caps them at 238 characters). */
export const DATABASE_NAME_PATTERN = /^[a-z][a-z0-9_$()+/-]*$/;
export const DATABASE_NAME_MAX = 238;
// Bounds the desktop shell also enforces on its sign-in channel.
export const SERVER_URL_MAX = 2048;
export const USER_NAME_MAX = 256;
export const PASSWORD_MAX = 4096;

export interface SignInValues {
  serverUrl: string;
  database: string;
  name: string;
  password: string;
}

export type SignInErrors = Partial<Record<keyof SignInValues, string>>;

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

export function validateServerUrl(raw: string): string | null {
  const text = raw.trim();
  if (text === '') return 'Enter the address of the sync server.';
  if (text.length > SERVER_URL_MAX) return 'This address is too long.';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'Enter a full address, such as https://sync.example.org.';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return 'The address must start with http:// or https://.';
  }
  if (url.username || url.password) return 'Put the user name and password in their own fields.';
  if (url.search || url.hash || text.includes('?') || text.includes('#')) {
    return 'The address cannot contain ? or #.';
  }
  // The app's content security policy allows plain http to this computer only, and a password
  // must not cross a network in clear.
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    return 'Use https:// for a server on another computer (plain http is for this computer only).';
  }
  return null;
}

export function validateDatabase(raw: string): string | null {
  const name = raw.trim();
  if (name === '') return 'Enter the team database name.';
  if (name.length > DATABASE_NAME_MAX) return `At most ${DATABASE_NAME_MAX} characters.`;
  if (!DATABASE_NAME_PATTERN.test(name)) {
    return 'Start with a lowercase letter; then use only a-z, 0-9 and _ $ ( ) + - /.';
  }
  return null;
}

export function validateSignIn(values: SignInValues): SignInErrors {
  const errors: SignInErrors = {};
  const server = validateServerUrl(values.serverUrl);
  if (server) errors.serverUrl = server;
  const database = validateDatabase(values.database);
  if (database) errors.database = database;
  const name = values.name.trim();
  if (name === '') errors.name = 'Enter your user name.';
  else if (name.length > USER_NAME_MAX) errors.name = `At most ${USER_NAME_MAX} characters.`;
  if (values.password === '') errors.password = 'Enter your password.';
  else if (values.password.length > PASSWORD_MAX) errors.password = `At most ${PASSWORD_MAX} characters.`;
  return errors;
}

/** What is sent: trimmed address without trailing slashes; the password exactly as typed. */
export function normalizeSignIn(values: SignInValues): SignInValues {
  return {
    serverUrl: values.serverUrl.trim().replace(/\/+$/, ''),
    database: values.database.trim(),
    name: values.name.trim(),
    password: values.password,
  };
}

/** Starts from the server, database and user the sync store knows, else from the defaults. */
export function initialSignInValues(state: Pick<SyncState, 'serverUrl' | 'database' | 'user'>): SignInValues {
  return {
    serverUrl: state.serverUrl || DEFAULT_SERVER_URL,
    database: state.database || DEFAULT_DATABASE,
    name: state.user?.name ?? '',
    password: '',
  };
}
