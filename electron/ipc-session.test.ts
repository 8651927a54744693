// The session:* channels through the IPC gate: argument checks before any request, the
// sender check, and the outcome passed through as a value.
import { describe, expect, it, vi } from 'vitest';
import { registerIpcHandlers, type IpcDeps, type IpcEvent } from './ipc';
import type { SessionAuth } from './session-auth';

vi.mock('electron', () => ({}));

const SERVER = 'https://couch.example.org';
const PASSWORD = 'correct horse battery staple';

describe('session channels over IPC', () => {
  const appEvent = { senderFrame: { url: 'app://outpost/index.html' }, sender: {} } as unknown as IpcEvent;
  type Listener = (event: IpcEvent, ...args: unknown[]) => Promise<unknown>;

  function register(sessionAuth?: SessionAuth) {
    const listeners = new Map<string, Listener>();
    const deps: IpcDeps = {
      appVersion: '1.0.0',
      platform: 'linux',
      urlOptions: {},
      externalHosts: [],
      credentials: {
        get: vi.fn(async () => null),
        set: vi.fn(async () => undefined),
        clear: vi.fn(async () => undefined),
        status: vi.fn(async () => ({
          secureStorage: true,
          backend: 'os',
          fallback: 'ask' as const,
          servers: [],
        })),
      },
      openExternal: vi.fn(async () => undefined),
      chooseSavePath: vi.fn(async () => null),
      writeTextFile: vi.fn(async () => undefined),
      sessionAuth,
    };
    registerIpcHandlers(
      {
        handle: (channel: string, l: Listener) => listeners.set(channel, l),
        removeHandler: () => undefined,
      } as never,
      deps,
    );
    return (channel: string, event: IpcEvent, ...args: unknown[]) => listeners.get(channel)!(event, ...args);
  }

  function fakeAuth(): SessionAuth {
    return {
      login: vi.fn(async () => ({ signedIn: true as const, name: 'alice', roles: ['agent'] })),
      renew: vi.fn(async () => ({ signedIn: false as const, reason: 'credentials' as const, message: 'x' })),
      logout: vi.fn(async () => undefined),
    };
  }

  it('passes valid calls through and wraps the outcome', async () => {
    const auth = fakeAuth();
    const invoke = register(auth);
    const input = { serverUrl: 'http://127.0.0.1:5984', name: 'alice', password: PASSWORD };
    const result = await invoke('session:login', appEvent, input);
    expect(result).toEqual({ ok: true, value: { signedIn: true, name: 'alice', roles: ['agent'] } });
    expect(JSON.stringify(result)).not.toContain(PASSWORD);
    expect(auth.login).toHaveBeenCalledWith(input);
    expect(await invoke('session:renew', appEvent, SERVER)).toMatchObject({
      ok: true,
      value: { signedIn: false },
    });
    expect(await invoke('session:logout', appEvent, SERVER)).toEqual({ ok: true, value: undefined });
  });

  it.each<[string, unknown[]]>([
    ['session:login', [{ serverUrl: 'ftp://couch.example.org', name: 'a', password: 'p' }]],
    ['session:login', [{ serverUrl: 'https://u:p@couch.example.org', name: 'a', password: 'p' }]],
    ['session:login', [{ serverUrl: SERVER, name: '', password: 'p' }]],
    ['session:login', [{ serverUrl: SERVER, name: 'a'.repeat(257), password: 'p' }]],
    ['session:login', [{ serverUrl: SERVER, name: 'a', password: 'p'.repeat(4097) }]],
    ['session:login', [{ serverUrl: SERVER, name: 'a' }]],
    ['session:login', [{ serverUrl: SERVER, name: 'a', password: 'p', remember: true }]],
    ['session:login', [SERVER, 'a', 'p']],
    ['session:renew', ['javascript:alert(1)']],
    ['session:renew', []],
    ['session:logout', [42]],
  ])('refuses %s with %j before any request', async (channel, args) => {
    const auth = fakeAuth();
    const result = await register(auth)(channel, appEvent, ...args);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    expect(auth.login).not.toHaveBeenCalled();
    expect(auth.renew).not.toHaveBeenCalled();
    expect(auth.logout).not.toHaveBeenCalled();
  });

  it('refuses an untrusted sender', async () => {
    const auth = fakeAuth();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const evil = { senderFrame: { url: 'https://evil.example/' }, sender: {} } as unknown as IpcEvent;
    const result = await register(auth)('session:login', evil, {
      serverUrl: SERVER,
      name: 'a',
      password: 'p',
    });
    warn.mockRestore();
    expect(result).toMatchObject({ ok: false, error: { code: 'untrusted_sender' } });
    expect(auth.login).not.toHaveBeenCalled();
  });

  it('answers unavailable when the shell has no session auth', async () => {
    const result = await register()('session:renew', appEvent, SERVER);
    expect(result).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });
});
