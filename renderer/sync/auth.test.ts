import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OutpostApi } from '../../shared/ipc/contract';
import {
  SESSION_EXPIRED,
  WRONG_CREDENTIALS,
  authBackend,
  browserAuthBackend,
  desktopAuthBackend,
  readSessionBody,
  sessionUrl,
  toSyncUser,
} from './auth';

const SERVER = 'http://127.0.0.1:5984';
const PASSWORD = 'correct horse battery staple';

type Call = { url: string; init: RequestInit };

function fakeFetch(...answers: (Response | Error)[]) {
  const calls: Call[] = [];
  const impl = vi.fn(async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const answer = answers.shift();
    if (!answer) throw new Error('unexpected request');
    if (answer instanceof Error) throw answer;
    return answer;
  });
  return { impl, calls };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('toSyncUser', () => {
  it('takes the person id from the person role and keeps the other roles', () => {
    expect(toSyncUser('alice', ['agent', 'person:per_01ALICE', 'manager'])).toEqual({
      name: 'alice',
      roles: ['agent', 'manager'],
      personId: 'per_01ALICE',
    });
  });

  it('copes with accounts without a person, and with junk roles', () => {
    expect(toSyncUser('svc', ['technician', 7, null, 'person:'])).toEqual({
      name: 'svc',
      roles: ['technician'],
      personId: '',
    });
    expect(toSyncUser('bob', ['person:per_A', 'person:per_B']).personId).toBe('per_A');
  });
});

describe('session answers', () => {
  it('builds the endpoint whatever trailing slashes the address has', () => {
    expect(sessionUrl('http://127.0.0.1:5984')).toBe('http://127.0.0.1:5984/_session');
    expect(sessionUrl(' https://couch.example.org/base// ')).toBe('https://couch.example.org/base/_session');
  });

  it('reads both the POST and the GET shape', () => {
    expect(readSessionBody({ ok: true, name: 'alice', roles: ['agent'] })).toEqual({
      name: 'alice',
      roles: ['agent'],
    });
    expect(readSessionBody({ ok: true, userCtx: { name: null, roles: [] } })).toEqual({
      name: null,
      roles: [],
    });
    expect(readSessionBody({ ok: true, userCtx: { name: 'bob', roles: ['admin'] } })).toMatchObject({
      name: 'bob',
    });
    expect(readSessionBody('<html>')).toBeNull();
    expect(readSessionBody({ name: 42 })).toBeNull();
  });
});

describe('browser auth backend', () => {
  it('posts the credentials with the cookie session enabled and returns the user', async () => {
    const { impl, calls } = fakeFetch(
      json(200, { ok: true, name: 'alice', roles: ['agent', 'person:per_A'] }),
    );
    const outcome = await browserAuthBackend(impl).login(`${SERVER}/`, 'alice', PASSWORD);
    expect(outcome).toEqual({ ok: true, user: { name: 'alice', roles: ['agent'], personId: 'per_A' } });
    expect(calls[0]?.url).toBe(`${SERVER}/_session`);
    expect(calls[0]?.init).toMatchObject({ method: 'POST', credentials: 'include' });
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({ name: 'alice', password: PASSWORD });
    expect(JSON.stringify(outcome)).not.toContain(PASSWORD);
  });

  it('says the password is wrong on 401', async () => {
    const { impl } = fakeFetch(
      json(401, { error: 'unauthorized', reason: 'Name or password is incorrect.' }),
    );
    expect(await browserAuthBackend(impl).login(SERVER, 'alice', 'nope')).toEqual({
      ok: false,
      reason: 'credentials',
      message: WRONG_CREDENTIALS,
    });
  });

  it('names the server it cannot reach', async () => {
    const { impl } = fakeFetch(new TypeError('Failed to fetch'));
    const outcome = await browserAuthBackend(impl).login('http://127.0.0.1:9', 'alice', PASSWORD);
    expect(outcome).toMatchObject({ ok: false, reason: 'network' });
    expect(!outcome.ok && outcome.message).toContain('127.0.0.1:9');
  });

  it('tells a silent server from an unreachable one', async () => {
    const { impl } = fakeFetch(new DOMException('signal timed out', 'TimeoutError'));
    const outcome = await browserAuthBackend(impl).login(SERVER, 'alice', PASSWORD);
    expect(!outcome.ok && outcome.message).toMatch(/did not answer in time/);
  });

  it('reports a server error with its reason, and a non-CouchDB answer', async () => {
    const { impl } = fakeFetch(
      json(500, { error: 'internal', reason: 'database is down' }),
      new Response('<html>proxy</html>', { status: 200 }),
    );
    const backend = browserAuthBackend(impl);
    const first = await backend.login(SERVER, 'alice', PASSWORD);
    expect(first).toMatchObject({ ok: false, reason: 'server' });
    expect(!first.ok && first.message).toContain('HTTP 500): database is down');
    expect(await backend.login(SERVER, 'alice', PASSWORD)).toMatchObject({ ok: false, reason: 'server' });
  });

  it('renews from the cookie, and asks for a sign-in when the session ended', async () => {
    const { impl, calls } = fakeFetch(
      json(200, { ok: true, userCtx: { name: 'alice', roles: ['agent'] } }),
      json(200, { ok: true, userCtx: { name: null, roles: [] } }),
      json(401, { error: 'unauthorized' }),
    );
    const backend = browserAuthBackend(impl);
    expect(await backend.renew(SERVER)).toEqual({
      ok: true,
      user: { name: 'alice', roles: ['agent'], personId: '' },
    });
    expect(calls[0]?.init).toMatchObject({ method: 'GET', credentials: 'include' });
    const expired = { ok: false, reason: 'credentials', message: SESSION_EXPIRED };
    expect(await backend.renew(SERVER)).toEqual(expired);
    expect(await backend.renew(SERVER)).toEqual(expired);
  });

  it('logs out with DELETE, and does not fail while offline', async () => {
    const { impl, calls } = fakeFetch(json(200, { ok: true }), new TypeError('Failed to fetch'));
    const backend = browserAuthBackend(impl);
    await backend.logout(SERVER);
    await expect(backend.logout(SERVER)).resolves.toBeUndefined();
    expect(calls.map((c) => c.init.method)).toEqual(['DELETE', 'DELETE']);
  });
});

function fakeApi(overrides: Partial<Record<keyof OutpostApi, unknown>> = {}): OutpostApi {
  return {
    isDesktop: true,
    'session:login': vi.fn(async () => ({
      ok: true,
      value: { signedIn: true, name: 'alice', roles: ['person:p1'] },
    })),
    'session:renew': vi.fn(async () => ({
      ok: true,
      value: { signedIn: false, reason: 'credentials', message: SESSION_EXPIRED },
    })),
    'session:logout': vi.fn(async () => ({ ok: true, value: undefined })),
    ...overrides,
  } as unknown as OutpostApi;
}

describe('desktop auth backend', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('goes through the session channels and maps their outcomes', async () => {
    const api = fakeApi();
    const backend = desktopAuthBackend(api);
    expect(await backend.login(SERVER, 'alice', PASSWORD)).toEqual({
      ok: true,
      user: { name: 'alice', roles: [], personId: 'p1' },
    });
    expect(api['session:login']).toHaveBeenCalledWith({
      serverUrl: SERVER,
      name: 'alice',
      password: PASSWORD,
    });
    expect(await backend.renew(SERVER)).toEqual({
      ok: false,
      reason: 'credentials',
      message: SESSION_EXPIRED,
    });
    await backend.logout(SERVER);
    expect(api['session:logout']).toHaveBeenCalledWith(SERVER);
  });

  it('turns a refused call into a message, and a failed logout into an error', async () => {
    const refused = {
      ok: false,
      error: { code: 'invalid_argument', message: 'argument 1.serverUrl must be an http(s) URL' },
    };
    const api = fakeApi({
      'session:login': vi.fn(async () => refused),
      'session:renew': vi.fn(async () => {
        throw new Error('bridge gone');
      }),
      'session:logout': vi.fn(async () => ({
        ok: false,
        error: { code: 'storage_error', message: 'store is damaged' },
      })),
    });
    const backend = desktopAuthBackend(api);
    expect(await backend.login('ftp://x', 'a', 'p')).toEqual({
      ok: false,
      reason: 'server',
      message: refused.error.message,
    });
    expect(await backend.renew(SERVER)).toMatchObject({ ok: false, reason: 'server' });
    await expect(backend.logout(SERVER)).rejects.toThrow('store is damaged');
  });

  it('is chosen when the desktop shell is present, the browser backend otherwise', async () => {
    const api = fakeApi();
    vi.stubGlobal('window', { outpost: api });
    await authBackend().renew(SERVER);
    expect(api['session:renew']).toHaveBeenCalledTimes(1);

    vi.stubGlobal('window', {});
    const { impl } = fakeFetch(json(200, { ok: true, userCtx: { name: 'bob', roles: [] } }));
    vi.stubGlobal('fetch', impl);
    expect(await authBackend().renew(SERVER)).toMatchObject({ ok: true, user: { name: 'bob' } });
    expect(impl).toHaveBeenCalledTimes(1);
  });
});
