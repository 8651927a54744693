/**
 * Opening, renewing and closing the session with the sync server (CouchDB's cookie session).
 * In a browser tab the page talks to `/_session` itself and the browser keeps the AuthSession
 * cookie. In the desktop shell the main process does it (session:* channels): it keeps the
 * credentials in the OS keychain to renew the session and gives the window the cookie, never the
 * password. Either way the password only passes through; nothing here stores or logs it.
 */
import type { IpcResult, OutpostApi, SessionOutcome } from '../../shared/ipc/contract';
import { desktopApi } from '../lib/desktop';
import type { SyncUser } from './store';

export type AuthFailureReason = 'credentials' | 'network' | 'server';

export type AuthOutcome =
  { ok: true; user: SyncUser } | { ok: false; reason: AuthFailureReason; message: string };

export interface AuthBackend {
  login(serverUrl: string, name: string, password: string): Promise<AuthOutcome>;
  /** Re-opens an expired session without asking the user, where that is possible. */
  renew(serverUrl: string): Promise<AuthOutcome>;
  logout(serverUrl: string): Promise<void>;
}

export const WRONG_CREDENTIALS = 'Wrong user name or password.';
export const SESSION_EXPIRED = 'Your session has expired. Sign in again.';
/** A server that has not answered by then is treated as unreachable. */
export const AUTH_TIMEOUT_MS = 20_000;

const PERSON_ROLE = 'person:';

/**
 * The account as the UI knows it: Outpost roles, and the person it acts as, taken from its
 * `person:<id>` role (the first one, should an account carry several).
 */
export function toSyncUser(name: string, roles: readonly unknown[]): SyncUser {
  const names = roles.filter((role): role is string => typeof role === 'string');
  const person = names.find((role) => role.startsWith(PERSON_ROLE) && role.length > PERSON_ROLE.length);
  return {
    name,
    roles: names.filter((role) => !role.startsWith(PERSON_ROLE)),
    personId: person ? person.slice(PERSON_ROLE.length) : '',
  };
}

/** `<server>/_session`, whatever trailing slashes the address was typed with. */
export function sessionUrl(serverUrl: string): string {
  return `${serverUrl.trim().replace(/\/+$/, '')}/_session`;
}

function hostOf(serverUrl: string): string {
  try {
    return new URL(serverUrl).host;
  } catch {
    return serverUrl;
  }
}

function failure(reason: AuthFailureReason, message: string): AuthOutcome {
  return { ok: false, reason, message };
}

export function unreachableMessage(serverUrl: string, error: unknown): string {
  const host = hostOf(serverUrl);
  if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `The server at ${host} did not answer in time. Check the address and your network.`;
  }
  // A refused CORS request looks exactly like a network failure to page script.
  return `Cannot reach the server at ${host}. Check the address, your network, and that the server accepts this app.`;
}

function refusalMessage(serverUrl: string, status: number, body: unknown): string {
  const reason = (body as { reason?: unknown } | null)?.reason;
  const detail = typeof reason === 'string' && reason ? `: ${reason.slice(0, 200)}` : '.';
  return `The server at ${hostOf(serverUrl)} refused the request (HTTP ${status})${detail}`;
}

/** Reads a `/_session` answer: POST gives `{ok, name, roles}`, GET gives `{ok, userCtx}`. */
export function readSessionBody(body: unknown): { name: string | null; roles: unknown[] } | null {
  if (typeof body !== 'object' || body === null) return null;
  const record = body as { name?: unknown; roles?: unknown; userCtx?: unknown };
  const source = (
    typeof record.userCtx === 'object' && record.userCtx !== null ? record.userCtx : record
  ) as {
    name?: unknown;
    roles?: unknown;
  };
  if (source.name !== null && typeof source.name !== 'string') return null;
  return {
    name: source.name === '' ? null : source.name,
    roles: Array.isArray(source.roles) ? source.roles : [],
  };
}

type Fetch = (input: string, init: RequestInit) => Promise<Response>;

/** Browser mode: the page itself holds the cookie session (HttpOnly, so script never reads it). */
export function browserAuthBackend(
  fetchImpl: Fetch = (input, init) => fetch(input, init),
  timeoutMs = AUTH_TIMEOUT_MS,
): AuthBackend {
  type Sent = { response: Response } | { outcome: AuthOutcome };

  async function request(serverUrl: string, init: RequestInit): Promise<Sent> {
    try {
      const response = await fetchImpl(sessionUrl(serverUrl), {
        ...init,
        credentials: 'include',
        signal: AbortSignal.timeout(timeoutMs),
      });
      return { response };
    } catch (error) {
      return { outcome: failure('network', unreachableMessage(serverUrl, error)) };
    }
  }

  async function answer(
    serverUrl: string,
    response: Response,
    onAnonymous: AuthOutcome,
  ): Promise<AuthOutcome> {
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) return failure('server', refusalMessage(serverUrl, response.status, body));
    const session = readSessionBody(body);
    if (!session)
      return failure('server', `The server at ${hostOf(serverUrl)} did not answer like a CouchDB server.`);
    return session.name === null ? onAnonymous : { ok: true, user: toSyncUser(session.name, session.roles) };
  }

  return {
    async login(serverUrl, name, password) {
      const sent = await request(serverUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ name, password }),
      });
      if ('outcome' in sent) return sent.outcome;
      const { response } = sent;
      if (response.status === 401) return failure('credentials', WRONG_CREDENTIALS);
      return answer(serverUrl, response, failure('credentials', WRONG_CREDENTIALS));
    },

    async renew(serverUrl) {
      const sent = await request(serverUrl, { method: 'GET', headers: { Accept: 'application/json' } });
      if ('outcome' in sent) return sent.outcome;
      const { response } = sent;
      // The browser cannot re-post a password it never kept: an ended session needs the user.
      if (response.status === 401) return failure('credentials', SESSION_EXPIRED);
      return answer(serverUrl, response, failure('credentials', SESSION_EXPIRED));
    },

    async logout(serverUrl) {
      // Best effort: offline, the server-side session simply runs out; local sign-out goes on.
      await request(serverUrl, { method: 'DELETE', headers: { Accept: 'application/json' } });
    },
  };
}

export function fromSessionResult(result: IpcResult<SessionOutcome>): AuthOutcome {
  if (!result.ok) return failure('server', result.error.message);
  const outcome = result.value;
  return outcome.signedIn
    ? { ok: true, user: toSyncUser(outcome.name, outcome.roles) }
    : failure(outcome.reason, outcome.message);
}

async function invoke(call: () => Promise<IpcResult<SessionOutcome>>): Promise<AuthOutcome> {
  try {
    return fromSessionResult(await call());
  } catch {
    return failure('server', 'The desktop shell did not answer. Restart Outpost and try again.');
  }
}

/** Desktop mode: the main process opens the session and keeps the credentials. */
export function desktopAuthBackend(api: OutpostApi): AuthBackend {
  return {
    login: (serverUrl, name, password) => invoke(() => api['session:login']({ serverUrl, name, password })),
    renew: (serverUrl) => invoke(() => api['session:renew'](serverUrl)),
    async logout(serverUrl) {
      const result = await api['session:logout'](serverUrl);
      // The shell only fails here when it could not erase the saved credentials: say so.
      if (!result.ok) throw new Error(result.error.message);
    },
  };
}

/** The backend for where the app runs: the desktop shell when present, the browser otherwise. */
export function authBackend(): AuthBackend {
  const api = desktopApi();
  return api ? desktopAuthBackend(api) : browserAuthBackend();
}
