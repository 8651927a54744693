import { describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS, type IpcChannel } from '../shared/ipc/contract';
import { argValidators, createHandlers, registerIpcHandlers, type IpcDeps, type IpcEvent } from './ipc';
import { IpcFailure } from './validate';

vi.mock('electron', () => ({}));

const appEvent = { senderFrame: { url: 'app://outpost/index.html' }, sender: {} } as unknown as IpcEvent;
const eventFrom = (url: string | null) =>
  ({ senderFrame: url === null ? null : { url }, sender: {} }) as unknown as IpcEvent;

function fakeDeps(overrides: Partial<IpcDeps> = {}): IpcDeps {
  return {
    appVersion: '1.2.3',
    platform: 'linux',
    urlOptions: {},
    externalHosts: ['docs.example.org'],
    credentials: {
      get: vi.fn(async () => ({ username: 'alice' })),
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
    chooseSavePath: vi.fn(async () => '/home/alice/Downloads/tickets.csv'),
    writeTextFile: vi.fn(async () => undefined),
    ...overrides,
  };
}

type Listener = (event: IpcEvent, ...args: unknown[]) => Promise<unknown>;

function capabilities(): Partial<IpcDeps> {
  return {
    setCredentialFallback: vi.fn(async () => ({
      secureStorage: false,
      backend: 'basic_text',
      fallback: 'session' as const,
      servers: [],
    })),
    notify: vi.fn(),
    openWithSystem: vi.fn(async () => undefined),
    diskSpace: vi.fn(async () => ({ freeBytes: 5, totalBytes: 10 })),
    backups: {
      begin: vi.fn(async () => ({ id: 'f'.repeat(32) })),
      append: vi.fn(async () => undefined),
      commit: vi.fn(async () => ({ name: 'x', kind: 'auto' as const, createdAt: 1, bytes: 2 })),
      abort: vi.fn(async () => undefined),
      list: vi.fn(async () => []),
    },
    revealBackups: vi.fn(async () => undefined),
  };
}

function register(deps: IpcDeps) {
  const listeners = new Map<string, Listener>();
  const ipcMain = {
    handle: vi.fn((channel: string, listener: Listener) => listeners.set(channel, listener)),
    removeHandler: vi.fn((channel: string) => listeners.delete(channel)),
  };
  const unregister = registerIpcHandlers(ipcMain as never, deps);
  const invoke = (channel: IpcChannel, event: IpcEvent, ...args: unknown[]) => {
    const listener = listeners.get(channel);
    if (!listener) throw new Error(`no handler for ${channel}`);
    return listener(event, ...args);
  };
  return { listeners, invoke, unregister };
}

describe('registerIpcHandlers', () => {
  it('registers exactly the contract channels, and removes them again', () => {
    const { listeners, unregister } = register(fakeDeps());
    expect([...listeners.keys()].sort()).toEqual([...IPC_CHANNELS].sort());
    expect(Object.keys(createHandlers(fakeDeps())).sort()).toEqual([...IPC_CHANNELS].sort());
    expect(Object.keys(argValidators).sort()).toEqual([...IPC_CHANNELS].sort());
    unregister();
    expect(listeners.size).toBe(0);
  });

  it('answers app:getInfo', async () => {
    const { invoke } = register(fakeDeps());
    expect(await invoke('app:getInfo', appEvent)).toEqual({
      ok: true,
      value: { version: '1.2.3', platform: 'linux', electron: true },
    });
  });

  it.each([
    null,
    '',
    'https://evil.example/',
    'app://outpost.evil/index.html',
    'app://outpost@evil/',
    'file:///index.html',
    'http://127.0.0.1:5190/',
  ])('refuses every channel for sender %s without running the handler', async (url) => {
    const deps = fakeDeps();
    const { invoke } = register(deps);
    for (const channel of IPC_CHANNELS) {
      const result = await invoke(channel, eventFrom(url), 'https://couch.example.org');
      expect(result, channel).toMatchObject({ ok: false, error: { code: 'untrusted_sender' } });
    }
    expect(deps.credentials.get).not.toHaveBeenCalled();
    expect(deps.openExternal).not.toHaveBeenCalled();
  });

  it('trusts the dev server only when it is configured', async () => {
    const { invoke } = register(fakeDeps({ urlOptions: { devPort: 5190 } }));
    expect(await invoke('app:getInfo', eventFrom('http://127.0.0.1:5190/'))).toMatchObject({ ok: true });
  });

  it.each<[IpcChannel, unknown[]]>([
    ['app:getInfo', ['extra']],
    ['credentials:get', []],
    ['credentials:get', [42]],
    ['credentials:get', ['ftp://couch.example.org']],
    ['credentials:get', ['https://alice:pw@couch.example.org']],
    ['credentials:get', ['x'.repeat(5000)]],
    ['credentials:set', ['https://couch.example.org', 'alice', 'pw']],
    ['credentials:set', [{ serverUrl: 'https://couch.example.org', username: 'alice' }]],
    ['credentials:set', [{ serverUrl: 'https://couch.example.org', username: 'alice', password: 7 }]],
    [
      'credentials:set',
      [{ serverUrl: 'https://couch.example.org', username: 'alice', password: 'pw', admin: true }],
    ],
    ['credentials:set', [null]],
    ['credentials:clear', [undefined]],
    ['shell:openExternal', [{ url: 'https://docs.example.org' }]],
    ['export:saveFile', [{ suggestedName: '../../.bashrc', mimeType: 'text/csv', content: 'x' }]],
    ['export:saveFile', [{ suggestedName: 'C:\\evil.bat', mimeType: 'text/csv', content: 'x' }]],
    ['export:saveFile', [{ suggestedName: 'a.csv', mimeType: 'text csv', content: 'x' }]],
    ['export:saveFile', [{ suggestedName: 'a.csv', mimeType: 'text/csv', content: ['x'] }]],
    ['export:saveFile', [['a.csv', 'text/csv', 'x']]],
    ['credentials:setFallback', ['ask']],
    ['credentials:setFallback', [{ choice: 'disk' }]],
    ['notify:show', [{ title: '', body: 'x' }]],
    ['notify:show', [{ title: 'x'.repeat(121), body: 'x' }]],
    ['notify:show', [{ title: 'INC-1', body: 'x'.repeat(501) }]],
    ['notify:show', [{ title: 'INC-1\u202Egnp.exe', body: 'x' }]],
    ['notify:show', [{ title: 'INC-1\nforged second line', body: 'x' }]],
    ['notify:show', [{ title: 'INC-1', body: 'bell\u0007' }]],
    ['notify:show', [{ title: 'INC-1', body: 'x', route: 'javascript:alert(1)' }]],
    ['notify:show', [{ title: 'INC-1', body: 'x', route: '//evil.example/' }]],
    ['notify:show', [{ title: 'INC-1', body: 'x', route: '/tickets/<img>' }]],
    ['notify:show', [{ title: 'INC-1', body: 'x', icon: '/etc/passwd' }]],
    ['notify:show', ['INC-1', 'x']],
    ['file:openWithSystem', [{ name: 'a.pdf', contentType: 'application/pdf', data: 'JVBERi0=' }]],
    ['file:openWithSystem', [{ name: 'a.pdf', contentType: 'application/pdf', data: [37, 80] }]],
    ['file:openWithSystem', [{ name: 'a.pdf', contentType: 'application/pdf', data: new Uint8Array(0) }]],
    [
      'file:openWithSystem',
      [{ name: 'a.pdf', contentType: 'application/pdf', data: new Uint8Array(32 * 1024 * 1024 + 1) }],
    ],
    ['file:openWithSystem', [{ name: '', contentType: 'application/pdf', data: new Uint8Array(1) }]],
    ['file:openWithSystem', [{ name: 'a.pdf', contentType: 'pdf', data: new Uint8Array(1) }]],
    [
      'file:openWithSystem',
      [{ name: 'a.pdf', contentType: 'application/pdf', data: new Uint8Array(1), path: '/tmp' }],
    ],
    ['storage:diskSpace', ['/']],
    ['backup:begin', ['daily']],
    ['backup:begin', []],
    ['backup:append', ['../../etc/passwd', 'x']],
    ['backup:append', ['0'.repeat(32), '']],
    ['backup:append', ['0'.repeat(32), 'x'.repeat(16 * 1024 * 1024 + 1)]],
    ['backup:append', ['0'.repeat(32), { toString: 'x' }]],
    ['backup:commit', ['A'.repeat(32)]],
    ['backup:abort', [null]],
    ['backup:list', ['all']],
    ['backup:reveal', ['/etc']],
  ])('refuses %s with invalid arguments %j', async (channel, args) => {
    const deps = fakeDeps(capabilities());
    const { invoke } = register(deps);
    const result = await invoke(channel, appEvent, ...args);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    expect(deps.credentials.set).not.toHaveBeenCalled();
    expect(deps.writeTextFile).not.toHaveBeenCalled();
    expect(deps.notify).not.toHaveBeenCalled();
    expect(deps.openWithSystem).not.toHaveBeenCalled();
    expect(deps.setCredentialFallback).not.toHaveBeenCalled();
    for (const method of Object.values(deps.backups ?? {})) expect(method).not.toHaveBeenCalled();
  });

  it('answers unavailable for a capability the shell was started without', async () => {
    const { invoke } = register(fakeDeps());
    expect(await invoke('notify:show', appEvent, { title: 'INC-1', body: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    });
    expect(await invoke('backup:list', appEvent)).toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    });
  });

  it('passes valid calls of the desktop capabilities through', async () => {
    const deps = fakeDeps(capabilities());
    const { invoke } = register(deps);
    const note = { title: 'INC-1 assigned to you', body: 'Line one\nLine two', route: '/tickets/tkt_01ABC' };
    expect(await invoke('notify:show', appEvent, note)).toEqual({ ok: true, value: undefined });
    expect(deps.notify).toHaveBeenCalledWith(note);
    const file = { name: 'Report: Q3?.pdf', contentType: 'application/pdf', data: new Uint8Array([37, 80]) };
    expect(await invoke('file:openWithSystem', appEvent, file)).toEqual({ ok: true, value: undefined });
    expect(deps.openWithSystem).toHaveBeenCalledWith(file);
    expect(await invoke('storage:diskSpace', appEvent)).toEqual({
      ok: true,
      value: { freeBytes: 5, totalBytes: 10 },
    });
    expect(await invoke('backup:begin', appEvent, 'auto')).toEqual({
      ok: true,
      value: { id: 'f'.repeat(32) },
    });
    expect(await invoke('backup:append', appEvent, 'f'.repeat(32), '{}\n')).toMatchObject({ ok: true });
    expect(deps.backups?.append).toHaveBeenCalledWith('f'.repeat(32), '{}\n');
    expect(await invoke('credentials:setFallback', appEvent, 'session')).toMatchObject({ ok: true });
    expect(deps.setCredentialFallback).toHaveBeenCalledWith('session');
  });

  it('passes a refusal of the file viewer through with its own code', async () => {
    const deps = fakeDeps(capabilities());
    vi.mocked(deps.openWithSystem!).mockRejectedValue(
      new IpcFailure('not_allowed', '.exe files are not opened'),
    );
    const { invoke } = register(deps);
    const file = {
      name: 'setup.exe',
      contentType: 'application/octet-stream',
      data: new Uint8Array([77, 90]),
    };
    expect(await invoke('file:openWithSystem', appEvent, file)).toEqual({
      ok: false,
      error: { code: 'not_allowed', message: '.exe files are not opened' },
    });
  });

  it('turns a thrown error into ok:false without leaking its message', async () => {
    const deps = fakeDeps();
    vi.mocked(deps.credentials.get).mockRejectedValue(new Error('EACCES: /home/alice/.config/Outpost'));
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { invoke } = register(deps);
    const result = await invoke('credentials:get', appEvent, 'https://couch.example.org');
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('/home/alice');
    consoleError.mockRestore();
  });

  it('passes IpcFailure codes through', async () => {
    const deps = fakeDeps();
    vi.mocked(deps.credentials.set).mockRejectedValue(new IpcFailure('no_secure_storage', 'none'));
    const { invoke } = register(deps);
    const input = { serverUrl: 'https://couch.example.org', username: 'alice', password: 'pw' };
    expect(await invoke('credentials:set', appEvent, input)).toEqual({
      ok: false,
      error: { code: 'no_secure_storage', message: 'none' },
    });
  });

  it('never logs arguments (passwords) when a handler fails', async () => {
    const deps = fakeDeps();
    vi.mocked(deps.credentials.set).mockRejectedValue(new Error('boom'));
    const logged: unknown[] = [];
    const spies = (['error', 'warn', 'info', 'log'] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(...args)),
    );
    const { invoke } = register(deps);
    await invoke('credentials:set', appEvent, {
      serverUrl: 'https://couch.example.org',
      username: 'alice',
      password: 's3cret-pw',
    });
    await invoke('credentials:set', eventFrom('https://evil.example'), {
      serverUrl: 'https://x.org',
      username: 'a',
      password: 's3cret-pw',
    });
    expect(JSON.stringify(logged.map(String))).not.toContain('s3cret-pw');
    spies.forEach((spy) => spy.mockRestore());
  });

  it('stores credentials and answers get with the username only', async () => {
    const deps = fakeDeps();
    const { invoke } = register(deps);
    const input = { serverUrl: 'https://couch.example.org', username: 'alice', password: 'pw' };
    expect(await invoke('credentials:set', appEvent, input)).toEqual({ ok: true, value: undefined });
    expect(deps.credentials.set).toHaveBeenCalledWith('https://couch.example.org', 'alice', 'pw');
    expect(await invoke('credentials:get', appEvent, 'https://couch.example.org')).toEqual({
      ok: true,
      value: { username: 'alice' },
    });
  });

  it('opens only allow-listed https links', async () => {
    const deps = fakeDeps();
    const { invoke } = register(deps);
    expect(await invoke('shell:openExternal', appEvent, 'https://docs.example.org/kb')).toEqual({
      ok: true,
      value: undefined,
    });
    expect(await invoke('shell:openExternal', appEvent, 'https://evil.example/')).toMatchObject({
      ok: false,
      error: { code: 'url_not_allowed' },
    });
    expect(await invoke('shell:openExternal', appEvent, 'file:///etc/passwd')).toMatchObject({
      ok: false,
      error: { code: 'url_not_allowed' },
    });
    expect(deps.openExternal).toHaveBeenCalledTimes(1);
  });

  it('saves an export where the user chose, or reports the cancel', async () => {
    const deps = fakeDeps();
    const { invoke } = register(deps);
    const request = { suggestedName: 'tickets.csv', mimeType: 'text/csv', content: 'id,title\n' };
    expect(await invoke('export:saveFile', appEvent, request)).toEqual({
      ok: true,
      value: { canceled: false, path: '/home/alice/Downloads/tickets.csv' },
    });
    expect(deps.writeTextFile).toHaveBeenCalledWith('/home/alice/Downloads/tickets.csv', 'id,title\n');
    vi.mocked(deps.chooseSavePath).mockResolvedValueOnce(null);
    expect(await invoke('export:saveFile', appEvent, request)).toEqual({
      ok: true,
      value: { canceled: true },
    });
    expect(deps.writeTextFile).toHaveBeenCalledTimes(1);
  });
});
