import { describe, expect, it, vi } from 'vitest';
import type { CookiesSetDetails } from 'electron';
import {
  PASSWORD_CHANGED,
  SESSION_EXPIRED,
  WRONG_CREDENTIALS,
  authCookieDetails,
  createSessionAuth,
  parseAuthCookie,
  recordingSignIns,
  transportRefusal,
  type SessionAuthDeps,
  type SessionRequest,
  type SessionResponse,
} from './session-auth';

vi.mock('electron', () => ({}));

const SERVER = 'https://couch.example.org';
const PASSWORD = 'correct horse battery staple';
const NOW = Date.UTC(2026, 0, 5, 9, 0, 0);

type Call = { url: string; request: SessionRequest };
type Answer = { status: number; body?: unknown; setCookie?: string } | Error;

function response(answer: Exclude<Answer, Error>): SessionResponse {
  const headers = new Headers();
  if (answer.setCookie) headers.set('set-cookie', answer.setCookie);
  return {
    status: answer.status,
    headers,
    json: async () => {
      if (answer.body === undefined) throw new SyntaxError('Unexpected end of JSON input');
      return answer.body;
    },
  };
}

/** A server stand-in answering each request from a script, and the stores the auth writes to. */
function setup(
  options: {
    answers?: Answer[];
    secureStorage?: boolean;
    jar?: CookiesSetDetails[];
    weakStorageOnly?: boolean;
    choice?: 'session' | 'disk';
  } = {},
) {
  const answers = [...(options.answers ?? [])];
  const calls: Call[] = [];
  const jar = new Map<string, CookiesSetDetails>(
    (options.jar ?? []).map((c) => [`${c.url} ${c.name}`, c] as const),
  );
  const saved = new Map<string, { username: string; password: string }>();
  const deps: SessionAuthDeps = {
    fetch: vi.fn(async (url: string, request: SessionRequest) => {
      calls.push({ url, request });
      const answer = answers.shift();
      if (!answer) throw new Error('unexpected request');
      if (answer instanceof Error) throw answer;
      return response(answer);
    }),
    cookies: {
      get: vi.fn(async ({ url, name }) => {
        const cookie = jar.get(`${url} ${name}`);
        return cookie ? [{ value: cookie.value ?? '', expirationDate: cookie.expirationDate }] : [];
      }),
      set: vi.fn(
        async (details: CookiesSetDetails) => void jar.set(`${details.url} ${details.name}`, details),
      ),
      remove: vi.fn(async (url: string, name: string) => void jar.delete(`${url} ${name}`)),
    },
    credentials: {
      secureStorageAvailable: vi.fn(async () => options.secureStorage ?? true),
      weakStorageOnly: vi.fn(async () => options.weakStorageOnly ?? false),
      set: vi.fn(async (url: string, username: string, password: string) => {
        saved.set(url, { username, password });
      }),
      getSecret: vi.fn(async (url: string) => saved.get(url) ?? null),
      clear: vi.fn(async (url: string) => void saved.delete(url)),
    },
    now: () => NOW,
    ...(options.choice ? { chooseWeakStorage: vi.fn(async () => options.choice ?? 'session') } : {}),
  };
  return { auth: createSessionAuth(deps), deps, calls, jar, saved, answers };
}

const OK_BODY = { ok: true, name: 'alice', roles: ['agent', 'person:per_01ALICE'] };
const COOKIE = 'AuthSession=YWxpY2U6NjVBQjEyMzQ6abc-_; Version=1; Max-Age=600; Path=/; HttpOnly';

describe('parseAuthCookie', () => {
  it('reads the value and Max-Age of the AuthSession cookie', () => {
    expect(parseAuthCookie(COOKIE)).toEqual({ value: 'YWxpY2U6NjVBQjEyMzQ6abc-_', maxAge: 600 });
    expect(parseAuthCookie('AuthSession=abc; Path=/; HttpOnly')).toEqual({ value: 'abc', maxAge: null });
  });

  it('finds it among several joined cookies, whatever commas their Expires dates hold', () => {
    const joined =
      'theme=dark; Expires=Wed, 01 Jan 2031 00:00:00 GMT, AuthSession=tok123; Expires=Thu, 02 Jan 2031 00:00:00 GMT; Path=/, other=1; Max-Age=5';
    expect(parseAuthCookie(joined)).toEqual({ value: 'tok123', maxAge: null });
  });

  it('ignores an absent, empty or malformed cookie', () => {
    expect(parseAuthCookie(null)).toBeNull();
    expect(parseAuthCookie('other=1')).toBeNull();
    expect(parseAuthCookie('AuthSession=; Path=/')).toBeNull();
    expect(parseAuthCookie('XAuthSession=abc')).toBeNull();
    expect(parseAuthCookie('AuthSession="<script>"')).toBeNull();
  });
});

describe('transportRefusal and authCookieDetails', () => {
  it('allows https anywhere and plain http only on this computer', () => {
    expect(transportRefusal('https://couch.example.org')).toBeNull();
    expect(transportRefusal('http://127.0.0.1:5984')).toBeNull();
    expect(transportRefusal('http://localhost:5984')).toBeNull();
    expect(transportRefusal('http://[::1]:5984')).toBeNull();
    expect(transportRefusal('http://couch.example.org:5984')).toContain('https://');
    expect(transportRefusal('http://127.0.0.1.evil.example')).not.toBeNull();
  });

  it('stores a cross-site, script-proof cookie on the server origin', () => {
    expect(authCookieDetails('http://127.0.0.1:5984/', 'tok', 1_800_000_600)).toEqual({
      url: 'http://127.0.0.1:5984/',
      name: 'AuthSession',
      value: 'tok',
      path: '/',
      httpOnly: true,
      secure: true,
      sameSite: 'no_restriction',
      expirationDate: 1_800_000_600,
    });
    expect(authCookieDetails('https://couch.example.org/team/', 'tok', null)).not.toHaveProperty(
      'expirationDate',
    );
  });
});

describe('session login', () => {
  it('posts the credentials, installs the cookie and keeps the password in the secure store', async () => {
    const { auth, calls, jar, saved } = setup({
      answers: [{ status: 200, body: OK_BODY, setCookie: COOKIE }],
    });
    const outcome = await auth.login({ serverUrl: `${SERVER}/`, name: 'alice', password: PASSWORD });
    expect(outcome).toEqual({ signedIn: true, name: 'alice', roles: ['agent', 'person:per_01ALICE'] });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe(`${SERVER}/_session`);
    expect(calls[0]?.request.method).toBe('POST');
    expect(JSON.parse(calls[0]?.request.body ?? '')).toEqual({ name: 'alice', password: PASSWORD });
    expect(jar.get(`${SERVER}/ AuthSession`)).toMatchObject({
      value: 'YWxpY2U6NjVBQjEyMzQ6abc-_',
      httpOnly: true,
      sameSite: 'no_restriction',
      expirationDate: NOW / 1000 + 600,
    });
    expect(saved.get(`${SERVER}/`)).toEqual({ username: 'alice', password: PASSWORD });
    expect(JSON.stringify(outcome)).not.toContain(PASSWORD);
  });

  it('takes the cookie the network stack stored when Set-Cookie is not visible', async () => {
    const stored = {
      url: `${SERVER}/`,
      name: 'AuthSession',
      value: 'fromjar',
      expirationDate: 1_900_000_000,
    };
    const { auth, jar } = setup({ answers: [{ status: 200, body: OK_BODY }], jar: [stored] });
    expect(await auth.login({ serverUrl: SERVER, name: 'alice', password: PASSWORD })).toMatchObject({
      signedIn: true,
    });
    expect(jar.get(`${SERVER}/ AuthSession`)).toMatchObject({
      value: 'fromjar',
      sameSite: 'no_restriction',
      expirationDate: 1_900_000_000,
    });
  });

  it.each<[string, Answer, string, RegExp]>([
    ['a wrong password', { status: 401, body: { error: 'unauthorized' } }, 'credentials', /^Wrong user name/],
    ['an unreachable server', new TypeError('fetch failed'), 'network', /couch\.example\.org/],
    ['a silent server', new DOMException('timed out', 'TimeoutError'), 'network', /did not answer in time/],
    ['a server error', { status: 500, body: { reason: 'disk full' } }, 'server', /HTTP 500\): disk full/],
    ['a server that is not CouchDB', { status: 200, body: '<html>' }, 'server', /CouchDB/],
    ['a session without a cookie', { status: 200, body: OK_BODY }, 'server', /no AuthSession cookie/],
  ])('reports %s and keeps nothing', async (_label, answer, reason, message) => {
    const { auth, deps, jar } = setup({ answers: [answer] });
    const outcome = await auth.login({ serverUrl: SERVER, name: 'alice', password: PASSWORD });
    expect(outcome).toMatchObject({ signedIn: false, reason });
    expect(outcome.signedIn === false && outcome.message).toMatch(message);
    if (reason === 'credentials') expect(outcome).toMatchObject({ message: WRONG_CREDENTIALS });
    expect(deps.credentials.set).not.toHaveBeenCalled();
    expect(jar.size).toBe(0);
  });

  it('reports a cookie the window refuses to keep, and keeps no credentials', async () => {
    const { auth, deps } = setup({ answers: [{ status: 200, body: OK_BODY, setCookie: COOKIE }] });
    vi.mocked(deps.cookies.set).mockRejectedValue(new Error('Failed to set cookie'));
    const outcome = await auth.login({ serverUrl: SERVER, name: 'alice', password: PASSWORD });
    expect(outcome).toMatchObject({ signedIn: false, reason: 'server' });
    expect(deps.credentials.set).not.toHaveBeenCalled();
  });

  it('refuses plain http to another computer before sending the password', async () => {
    const { auth, deps } = setup();
    const outcome = await auth.login({
      serverUrl: 'http://couch.example.org',
      name: 'a',
      password: PASSWORD,
    });
    expect(outcome).toMatchObject({ signedIn: false, reason: 'server' });
    expect(deps.fetch).not.toHaveBeenCalled();
  });
});

describe('session renew and logout', () => {
  async function signedIn(options: Parameters<typeof setup>[0] = {}) {
    const ctx = setup({ ...options, answers: [{ status: 200, body: OK_BODY, setCookie: COOKIE }] });
    await ctx.auth.login({ serverUrl: SERVER, name: 'alice', password: PASSWORD });
    return ctx;
  }

  it('renews by posting the saved credentials again', async () => {
    const { auth, calls, answers, jar } = await signedIn();
    jar.clear();
    answers.push({ status: 200, body: OK_BODY, setCookie: 'AuthSession=fresh; Max-Age=600' });
    expect(await auth.renew(SERVER)).toMatchObject({ signedIn: true, name: 'alice' });
    expect(JSON.parse(calls[1]?.request.body ?? '')).toEqual({ name: 'alice', password: PASSWORD });
    expect(jar.get(`${SERVER}/ AuthSession`)?.value).toBe('fresh');
  });

  it('asks for a new sign-in when nothing is saved', async () => {
    const { auth, deps } = setup();
    expect(await auth.renew(SERVER)).toEqual({
      signedIn: false,
      reason: 'credentials',
      message: SESSION_EXPIRED,
    });
    expect(deps.fetch).not.toHaveBeenCalled();
  });

  it('forgets credentials the server no longer accepts', async () => {
    const { auth, answers, saved, jar } = await signedIn();
    answers.push({ status: 401, body: { error: 'unauthorized' } });
    expect(await auth.renew(SERVER)).toEqual({
      signedIn: false,
      reason: 'credentials',
      message: PASSWORD_CHANGED,
    });
    expect(saved.size).toBe(0);
    expect(jar.size).toBe(0);
  });

  it('keeps a network failure a network failure, with the credentials kept for later', async () => {
    const { auth, answers, saved } = await signedIn();
    answers.push(new TypeError('fetch failed'));
    expect(await auth.renew(SERVER)).toMatchObject({ signedIn: false, reason: 'network' });
    expect(saved.size).toBe(1);
  });

  it('without a secure store, renews from memory and never writes the password', async () => {
    const { auth, deps, answers } = await signedIn({ secureStorage: false });
    expect(deps.credentials.set).not.toHaveBeenCalled();
    answers.push({ status: 200, body: OK_BODY, setCookie: COOKIE });
    expect(await auth.renew(SERVER)).toMatchObject({ signedIn: true });
  });

  it('with only the basic_text store, keeps the password for the session when the user says so', async () => {
    const { auth, deps, answers, saved } = setup({
      answers: [{ status: 200, body: OK_BODY, setCookie: COOKIE }],
      secureStorage: false,
      weakStorageOnly: true,
      choice: 'session',
    });
    expect(await auth.login({ serverUrl: SERVER, name: 'alice', password: PASSWORD })).toMatchObject({
      signedIn: true,
    });
    expect(deps.chooseWeakStorage).toHaveBeenCalledTimes(1);
    expect(deps.credentials.set).not.toHaveBeenCalled();
    expect(saved.size).toBe(0);
    answers.push({ status: 200, body: OK_BODY, setCookie: COOKIE });
    expect(await auth.renew(SERVER)).toMatchObject({ signedIn: true });
  });

  it('with only the basic_text store, saves anyway when the user chose to', async () => {
    const { auth, deps } = setup({
      answers: [{ status: 200, body: OK_BODY, setCookie: COOKIE }],
      secureStorage: false,
      weakStorageOnly: true,
      choice: 'disk',
    });
    await auth.login({ serverUrl: SERVER, name: 'alice', password: PASSWORD });
    expect(deps.credentials.set).toHaveBeenCalledWith(SERVER, 'alice', PASSWORD, { allowWeak: true });
  });

  it('never asks where a real keyring exists, nor where there is no store at all', async () => {
    const keyring = setup({ answers: [{ status: 200, body: OK_BODY, setCookie: COOKIE }], choice: 'disk' });
    await keyring.auth.login({ serverUrl: SERVER, name: 'alice', password: PASSWORD });
    expect(keyring.deps.chooseWeakStorage).not.toHaveBeenCalled();
    const none = setup({
      answers: [{ status: 200, body: OK_BODY, setCookie: COOKIE }],
      secureStorage: false,
      weakStorageOnly: false,
      choice: 'disk',
    });
    await none.auth.login({ serverUrl: SERVER, name: 'alice', password: PASSWORD });
    expect(none.deps.chooseWeakStorage).not.toHaveBeenCalled();
    expect(none.deps.credentials.set).not.toHaveBeenCalled();
  });

  it('logs out on the server, drops the cookie and the saved credentials', async () => {
    const { auth, calls, answers, saved, jar } = await signedIn();
    answers.push({ status: 200, body: { ok: true } });
    await auth.logout(SERVER);
    expect(calls[1]).toMatchObject({ url: `${SERVER}/_session`, request: { method: 'DELETE' } });
    expect(saved.size).toBe(0);
    expect(jar.size).toBe(0);
    expect(await auth.renew(SERVER)).toMatchObject({ message: SESSION_EXPIRED });
  });

  it('forgets the session on this device even when the server cannot be reached', async () => {
    const { auth, answers, saved, jar } = await signedIn({ secureStorage: false });
    answers.push(new TypeError('fetch failed'));
    await auth.logout(SERVER);
    expect(saved.size).toBe(0);
    expect(jar.size).toBe(0);
    expect(await auth.renew(SERVER)).toMatchObject({ message: SESSION_EXPIRED });
  });

  it('never logs the password, even when the credential store fails', async () => {
    const logged: unknown[] = [];
    const spies = (['error', 'warn', 'info', 'log'] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(...args)),
    );
    const { auth, deps, answers } = setup({ answers: [{ status: 200, body: OK_BODY, setCookie: COOKIE }] });
    vi.mocked(deps.credentials.set).mockRejectedValue(new Error(`cannot write ${PASSWORD}`));
    expect(await auth.login({ serverUrl: SERVER, name: 'alice', password: PASSWORD })).toMatchObject({
      signedIn: true,
    });
    answers.push({ status: 200, body: OK_BODY, setCookie: COOKIE });
    expect(await auth.renew(SERVER)).toMatchObject({ signedIn: true });
    spies.forEach((spy) => spy.mockRestore());
    expect(logged.length).toBeGreaterThan(0);
    expect(JSON.stringify(logged.map(String))).not.toContain(PASSWORD);
  });
});

describe('recordingSignIns', () => {
  it('reports the server of a successful sign-in only', async () => {
    const seen: string[] = [];
    const ok = setup({ answers: [{ status: 200, body: OK_BODY, setCookie: COOKIE }] });
    const recorded = recordingSignIns(ok.auth, async (url) => void seen.push(url));
    await recorded.login({ serverUrl: SERVER, name: 'alice', password: PASSWORD });
    const refused = setup({ answers: [{ status: 401, body: { error: 'unauthorized' } }] });
    await recordingSignIns(refused.auth, async (url) => void seen.push(`refused ${url}`)).login({
      serverUrl: 'https://other.example.org',
      name: 'alice',
      password: 'wrong',
    });
    expect(seen).toEqual([SERVER]);
  });
});
