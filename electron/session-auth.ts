// Sync-server sessions, opened by the main process. The renderer hands over a password once
// (session:login) and from then on holds only a cookie that page script cannot read: the main
// process posts the credentials to CouchDB's `/_session`, keeps them encrypted (credentials.ts) to
// renew the session when the server lets it expire, and writes the AuthSession cookie into the
// window's cookie store, where the renderer's `fetch(…, { credentials: 'include' })` picks it up.
import type { Cookie, CookiesGetFilter, CookiesSetDetails, Session } from 'electron';
import type { SessionFailureReason, SessionLoginInput, SessionOutcome } from '../shared/ipc/contract';
import { normalizeServerUrl, type CredentialStore } from './credentials';

export const AUTH_COOKIE = 'AuthSession';
/** A server that has not answered by then is treated as unreachable. */
export const SESSION_TIMEOUT_MS = 20_000;

export const WRONG_CREDENTIALS = 'Wrong user name or password.';
export const SESSION_EXPIRED = 'Your session has expired. Sign in again.';
export const PASSWORD_CHANGED = 'The server no longer accepts the saved password. Sign in again.';

export type SessionRequest = {
  method: 'GET' | 'POST' | 'DELETE';
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
};
export type SessionResponse = {
  status: number;
  headers: { get(name: string): string | null };
  json(): Promise<unknown>;
};
export type SessionCookieJar = {
  get(filter: CookiesGetFilter): Promise<Pick<Cookie, 'value' | 'expirationDate'>[]>;
  set(details: CookiesSetDetails): Promise<void>;
  remove(url: string, name: string): Promise<void>;
};

export type SessionAuthDeps = {
  /** Sends the request through the window's network stack (cookies included). */
  fetch: (url: string, request: SessionRequest) => Promise<SessionResponse>;
  cookies: SessionCookieJar;
  credentials: Pick<CredentialStore, 'set' | 'getSecret' | 'clear' | 'secureStorageAvailable'> &
    Partial<Pick<CredentialStore, 'weakStorageOnly'>>;
  /**
   * Where only the weak `basic_text` store exists: the user's choice (asked once, then
   * remembered) between keeping the password for this session and saving it anyway.
   */
  chooseWeakStorage?: () => Promise<'session' | 'disk'>;
  now?: () => number;
  timeoutMs?: number;
};

export type SessionAuth = {
  login(input: SessionLoginInput): Promise<SessionOutcome>;
  renew(serverUrl: string): Promise<SessionOutcome>;
  logout(serverUrl: string): Promise<void>;
};

type Secret = { username: string; password: string };

const failure = (reason: SessionFailureReason, message: string): SessionOutcome => ({
  signedIn: false,
  reason,
  message,
});

export function sessionEndpoint(serverUrl: string): string {
  return `${normalizeServerUrl(serverUrl)}/_session`;
}

/** The URL the session cookie belongs to: the server's origin, so every database path gets it. */
export function cookieUrl(serverUrl: string): string {
  return `${new URL(serverUrl).origin}/`;
}

export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * Plain http is accepted only for a server on this computer: anywhere else the password would
 * cross the network in clear, the app's CSP refuses the connection, and Chromium would not send
 * a cross-site cookie without `Secure` anyway.
 */
export function transportRefusal(serverUrl: string): string | null {
  const url = new URL(serverUrl);
  if (url.protocol === 'https:' || isLoopbackHost(url.hostname)) return null;
  return `Use an https:// address for ${url.host}: plain http is only allowed for a server on this computer.`;
}

/** CouchDB answers a successful POST /_session with `{ ok: true, name, roles }`. */
export function readSessionUser(body: unknown): { name: string; roles: string[] } | null {
  if (typeof body !== 'object' || body === null) return null;
  const { ok, name, roles } = body as { ok?: unknown; name?: unknown; roles?: unknown };
  if (ok !== true || typeof name !== 'string' || name === '' || !Array.isArray(roles)) return null;
  return { name, roles: roles.filter((role): role is string => typeof role === 'string') };
}

/** Cookie values CouchDB issues are base64url-like; anything else is not used as a cookie. */
const TOKEN = /^[A-Za-z0-9._~+/=-]{1,4096}$/;

/**
 * Finds the AuthSession cookie in a Set-Cookie header (several headers may arrive joined with
 * ", "). Returns its value and Max-Age in seconds, if the server gave one.
 */
export function parseAuthCookie(header: string | null): { value: string; maxAge: number | null } | null {
  if (!header) return null;
  const match = new RegExp(`(?:^|,\\s*)${AUTH_COOKIE}=([^;,\\s]*)(.*)$`, 's').exec(header);
  const value = match?.[1] ?? '';
  if (!TOKEN.test(value)) return null;
  // This cookie's attributes end where the next cookie ("name=" after a comma) begins; the
  // comma inside an Expires date is followed by a day number, not by a name.
  const attributes = (match?.[2] ?? '').split(/,\s*(?=[A-Za-z0-9_-]+=)/)[0] ?? '';
  const maxAge = /;\s*max-age=(\d{1,10})/i.exec(attributes)?.[1];
  return { value, maxAge: maxAge === undefined ? null : Number(maxAge) };
}

/**
 * How the session cookie is stored for the renderer. The app runs on app://outpost, so every
 * request to the server is cross-site: only a SameSite=None cookie travels with it, and Chromium
 * demands Secure for those (it treats loopback http as secure). HttpOnly keeps it out of page
 * script.
 */
export function authCookieDetails(
  serverUrl: string,
  value: string,
  expiresAtSeconds: number | null,
): CookiesSetDetails {
  return {
    url: cookieUrl(serverUrl),
    name: AUTH_COOKIE,
    value,
    path: '/',
    httpOnly: true,
    secure: true,
    sameSite: 'no_restriction',
    ...(expiresAtSeconds === null ? {} : { expirationDate: expiresAtSeconds }),
  };
}

/** A short, plain sentence for a non-2xx answer; the server's own reason is kept as text. */
export function describeServerRefusal(serverUrl: string, status: number, body: unknown): string {
  const reason =
    typeof body === 'object' && body !== null && typeof (body as { reason?: unknown }).reason === 'string'
      ? (body as { reason: string }).reason.slice(0, 200)
      : '';
  const host = new URL(serverUrl).host;
  return `The server at ${host} refused the sign-in (HTTP ${status})${reason ? `: ${reason}` : '.'}`;
}

function describeUnreachable(serverUrl: string, error: unknown): string {
  const host = new URL(serverUrl).host;
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `The server at ${host} did not answer in time. Check the address and your network.`;
  }
  return `Cannot reach the server at ${host}. Check the address and your network connection.`;
}

export function createSessionAuth(deps: SessionAuthDeps): SessionAuth {
  const now = deps.now ?? Date.now;
  const timeoutMs = deps.timeoutMs ?? SESSION_TIMEOUT_MS;
  // Used only where the OS offers no secure store: the sign-in then lasts until Outpost quits
  // and the password is never written anywhere.
  const memory = new Map<string, Secret>();

  async function existingCookie(serverUrl: string): Promise<Pick<Cookie, 'value' | 'expirationDate'> | null> {
    const cookies = await deps.cookies.get({ url: cookieUrl(serverUrl), name: AUTH_COOKIE });
    return cookies.find((cookie) => TOKEN.test(cookie.value)) ?? null;
  }

  /** Posts the credentials; on success the renderer's cookie store holds the new session. */
  async function openSession(serverUrl: string, secret: Secret): Promise<SessionOutcome> {
    const refusal = transportRefusal(serverUrl);
    if (refusal) return failure('server', refusal);
    let response: SessionResponse;
    try {
      response = await deps.fetch(sessionEndpoint(serverUrl), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ name: secret.username, password: secret.password }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      return failure('network', describeUnreachable(serverUrl, error));
    }
    if (response.status === 401) return failure('credentials', WRONG_CREDENTIALS);
    const body: unknown = await response.json().catch(() => null);
    if (response.status < 200 || response.status >= 300) {
      return failure('server', describeServerRefusal(serverUrl, response.status, body));
    }
    const user = readSessionUser(body);
    if (!user) {
      return failure(
        'server',
        `The server at ${new URL(serverUrl).host} did not answer like a CouchDB server.`,
      );
    }
    // Chromium may keep Set-Cookie to itself; the cookie it stored for the request is the fallback.
    const fromHeader = parseAuthCookie(response.headers.get('set-cookie'));
    const stored = fromHeader ? null : await existingCookie(serverUrl);
    const value = fromHeader?.value ?? stored?.value;
    if (!value) {
      return failure(
        'server',
        'The server accepted the password but opened no session (no AuthSession cookie).',
      );
    }
    const expiresAt =
      fromHeader?.maxAge != null
        ? Math.floor(now() / 1000) + fromHeader.maxAge
        : (stored?.expirationDate ?? null);
    try {
      await deps.cookies.set(authCookieDetails(serverUrl, value, expiresAt));
    } catch {
      // Chromium refuses a cookie it considers unsafe for this address; say so instead of failing
      // later with a puzzling "unauthorized" from the first sync request.
      return failure(
        'server',
        `The session for ${new URL(serverUrl).host} could not be kept by this window.`,
      );
    }
    return { signedIn: true, name: user.name, roles: user.roles };
  }

  async function remember(serverUrl: string, secret: Secret): Promise<void> {
    const key = normalizeServerUrl(serverUrl);
    try {
      if (await deps.credentials.secureStorageAvailable()) {
        await deps.credentials.set(serverUrl, secret.username, secret.password);
        memory.delete(key);
        return;
      }
      if (deps.chooseWeakStorage && (await deps.credentials.weakStorageOnly?.())) {
        if ((await deps.chooseWeakStorage()) === 'disk') {
          await deps.credentials.set(serverUrl, secret.username, secret.password, { allowWeak: true });
          memory.delete(key);
          return;
        }
      }
    } catch {
      // Falls through to memory: the session works, it just does not outlive this run.
      console.warn('[session] the credential store could not be written; sign-in lasts until Outpost quits');
    }
    memory.set(key, secret);
  }

  async function savedSecret(serverUrl: string): Promise<Secret | null> {
    const inMemory = memory.get(normalizeServerUrl(serverUrl));
    if (inMemory) return inMemory;
    // A damaged store or a key the OS no longer has means there is nothing usable to renew with.
    return deps.credentials.getSecret(serverUrl).catch(() => null);
  }

  async function forget(serverUrl: string): Promise<void> {
    memory.delete(normalizeServerUrl(serverUrl));
    await deps.cookies.remove(cookieUrl(serverUrl), AUTH_COOKIE);
    await deps.credentials.clear(serverUrl);
  }

  return {
    async login(input) {
      const secret = { username: input.name, password: input.password };
      const outcome = await openSession(input.serverUrl, secret);
      if (outcome.signedIn) await remember(input.serverUrl, secret);
      return outcome;
    },

    async renew(serverUrl) {
      const secret = await savedSecret(serverUrl);
      if (!secret) return failure('credentials', SESSION_EXPIRED);
      const outcome = await openSession(serverUrl, secret);
      if (!outcome.signedIn && outcome.reason === 'credentials') {
        // The password changed or the account was removed: retrying it would only lock it out.
        await forget(serverUrl);
        return failure('credentials', PASSWORD_CHANGED);
      }
      return outcome;
    },

    async logout(serverUrl) {
      try {
        await deps.fetch(sessionEndpoint(serverUrl), {
          method: 'DELETE',
          headers: { Accept: 'application/json' },
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch {
        // Offline: the server-side session simply expires; this device forgets it below.
      }
      await forget(serverUrl);
    },
  };
}

/** Wires the session auth to a real Electron session (the one the app window uses). */
export function sessionAuthFor(
  ses: Pick<Session, 'fetch' | 'cookies'>,
  credentials: SessionAuthDeps['credentials'],
  chooseWeakStorage?: SessionAuthDeps['chooseWeakStorage'],
): SessionAuth {
  return createSessionAuth({
    fetch: (url, request) => ses.fetch(url, { ...request, credentials: 'include' }),
    cookies: ses.cookies,
    credentials,
    chooseWeakStorage,
  });
}

/**
 * Records the origin of every server a sign-in succeeded with (the content security policy
 * admits only those), and reports when that origin is new to this device.
 */
export function recordingSignIns(
  auth: SessionAuth,
  onSignedIn: (serverUrl: string) => Promise<void>,
): SessionAuth {
  return {
    ...auth,
    async login(input) {
      const outcome = await auth.login(input);
      if (outcome.signedIn) await onSignedIn(input.serverUrl);
      return outcome;
    },
  };
}
