// Wiring test for main.ts with every Electron module mocked: the binary cannot run here, so
// this is where the entry point's security setup is held in place.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../shared/ipc/contract';
import { desktopContentSecurityPolicy } from './security';
import { secureWebPreferences } from './window';

type Fn = (...args: never[]) => unknown;

const mock = vi.hoisted(() => {
  const state = {
    appListeners: new Map<string, Fn>(),
    windows: [] as {
      options: { webPreferences?: unknown; x?: number; width?: number };
      url?: string;
      focus: ReturnType<typeof vi.fn>;
      sent: [string, unknown][];
    }[],
    ipc: new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>(),
    notifications: [] as { options: unknown; listeners: Map<string, () => void> }[],
    powerListeners: new Map<string, () => void>(),
    isPackaged: false,
    hasLock: true,
    userData: '',
  };
  class BrowserWindow {
    focus = vi.fn();
    show = vi.fn();
    restore = vi.fn();
    maximize = vi.fn();
    isMinimized = () => false;
    once = vi.fn();
    on = vi.fn();
    entry: (typeof state.windows)[number];
    webContents: { isDestroyed: () => boolean; send: (event: string, payload: unknown) => void };
    constructor(options: (typeof state.windows)[number]['options']) {
      this.entry = { options, focus: this.focus, sent: [] };
      const entry = this.entry;
      this.webContents = {
        isDestroyed: () => false,
        send: (event, payload) => void entry.sent.push([event, payload]),
      };
      state.windows.push(this.entry);
    }
    loadURL = vi.fn(async (url: string) => {
      this.entry.url = url;
    });
    static fromWebContents = vi.fn(() => null);
    static getAllWindows = vi.fn(() => state.windows);
  }
  class Notification {
    listeners = new Map<string, () => void>();
    constructor(options: unknown) {
      state.notifications.push({ options, listeners: this.listeners });
    }
    on(event: string, listener: () => void) {
      this.listeners.set(event, listener);
    }
    show = vi.fn();
    static isSupported = () => true;
  }
  const defaultSession = {
    protocol: { handle: vi.fn() },
    webRequest: { onHeadersReceived: vi.fn() },
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
    fetch: vi.fn(),
    cookies: { get: vi.fn(async () => []), set: vi.fn(async () => undefined), remove: vi.fn() },
  };
  const display = { id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 } };
  const electron = {
    app: {
      name: 'Outpost',
      get isPackaged() {
        return state.isPackaged;
      },
      getAppPath: () => '/opt/outpost/app.asar',
      getPath: (name: string) => (name === 'userData' ? state.userData : `/home/alice/${name}`),
      getVersion: () => '0.1.0',
      enableSandbox: vi.fn(),
      setAppUserModelId: vi.fn(),
      requestSingleInstanceLock: vi.fn(() => state.hasLock),
      quit: vi.fn(),
      exit: vi.fn(),
      isReady: () => true,
      on: vi.fn((event: string, listener: Fn) => state.appListeners.set(event, listener)),
      whenReady: vi.fn(() => Promise.resolve()),
    },
    BrowserWindow,
    Menu: {
      buildFromTemplate: vi.fn((template: unknown) => ({ template })),
      setApplicationMenu: vi.fn(),
    },
    Notification,
    dialog: { showSaveDialog: vi.fn(), showMessageBox: vi.fn(async () => ({ response: 0 })) },
    ipcMain: {
      handle: vi.fn((channel: string, listener: (event: unknown, ...args: unknown[]) => Promise<unknown>) =>
        state.ipc.set(channel, listener),
      ),
      removeHandler: vi.fn(),
    },
    net: { isOnline: vi.fn(() => true) },
    powerMonitor: {
      on: vi.fn((event: string, listener: () => void) => state.powerListeners.set(event, listener)),
      removeListener: vi.fn(),
    },
    protocol: { registerSchemesAsPrivileged: vi.fn() },
    safeStorage: {},
    screen: { getPrimaryDisplay: () => display, getAllDisplays: () => [display] },
    session: { defaultSession },
    shell: { openExternal: vi.fn(async () => undefined), openPath: vi.fn(async () => '') },
  };
  return { state, electron, defaultSession };
});
vi.mock('electron', () => mock.electron);

const { state, electron, defaultSession } = mock;
const APP_EVENT = { senderFrame: { url: 'app://outpost/index.html' }, sender: {} };

async function startMain({
  packaged = false,
  lock = true,
  devUrl,
}: { packaged?: boolean; lock?: boolean; devUrl?: string } = {}) {
  state.isPackaged = packaged;
  state.hasLock = lock;
  if (devUrl === undefined) delete process.env.OUTPOST_DEV_URL;
  else process.env.OUTPOST_DEV_URL = devUrl;
  await import('./main');
  if (lock) await vi.waitFor(() => expect(state.windows).toHaveLength(1));
}

function invoke(channel: string, ...args: unknown[]): Promise<unknown> {
  const handler = state.ipc.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return handler(APP_EVENT, ...args);
}

function cspHeader(): string {
  const onHeaders = defaultSession.webRequest.onHeadersReceived.mock.calls.at(-1)?.[0] as (
    details: unknown,
    cb: (answer: { responseHeaders: Record<string, string[]> }) => void,
  ) => void;
  let header = '';
  onHeaders({ responseHeaders: { 'content-security-policy': ['x'] } }, (answer) => {
    header = answer.responseHeaders['Content-Security-Policy']?.[0] ?? '';
  });
  return header;
}

beforeEach(async () => {
  vi.resetModules();
  vi.clearAllMocks();
  state.appListeners.clear();
  state.ipc.clear();
  state.powerListeners.clear();
  state.windows.length = 0;
  state.notifications.length = 0;
  state.userData = await mkdtemp(path.join(os.tmpdir(), 'outpost-main-'));
});
afterEach(async () => {
  delete process.env.OUTPOST_DEV_URL;
  await rm(state.userData, { recursive: true, force: true });
});

describe('main process wiring', () => {
  it('registers app:// as a privileged standard, secure scheme and sandboxes every renderer', async () => {
    await startMain();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({
        scheme: 'app',
        privileges: expect.objectContaining({ standard: true, secure: true }),
      }),
    ]);
    expect(electron.app.enableSandbox).toHaveBeenCalled();
  });

  it('opens every window with the one web-preferences factory, on the app origin', async () => {
    await startMain();
    expect(state.windows.length).toBeGreaterThan(0);
    for (const window of state.windows) {
      expect(window.url).toBe('app://outpost/index.html');
      const preload = (window.options.webPreferences as { preload: string }).preload;
      expect(preload).toMatch(/app\.asar[/\\]dist-electron[/\\]preload\.cjs$/);
      expect(window.options.webPreferences).toEqual(secureWebPreferences(preload));
    }
  });

  it('creates windows in one place only, through windowOptions()', async () => {
    const sources = (await readdir(__dirname)).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    const creations: string[] = [];
    for (const file of sources) {
      const text = await readFile(path.join(__dirname, file), 'utf8');
      for (const match of text.matchAll(/new\s+BrowserWindow\s*\(([^)]*)/g))
        creations.push(`${file}: ${match[1]}`);
    }
    expect(creations).toEqual(['main.ts: windowOptions(preloadPath, placement']);
  });

  it('registers every IPC channel and the app:// handler', async () => {
    await startMain();
    expect([...state.ipc.keys()].sort()).toEqual([...IPC_CHANNELS].sort());
    expect(defaultSession.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
  });

  it('sends a CSP whose connect-src names no server before any sign-in', async () => {
    await startMain({ packaged: true });
    expect(cspHeader()).toBe(desktopContentSecurityPolicy({ syncServers: [] }));
    expect(cspHeader()).toMatch(/connect-src 'self'(;|$)/);
  });

  it('admits a sync server into connect-src once a sign-in to it succeeds, and asks for a reload', async () => {
    await startMain({ packaged: true });
    defaultSession.fetch.mockResolvedValueOnce(
      new Response(JSON.stringify({ ok: true, name: 'alice', roles: ['agent'] }), {
        status: 200,
        headers: { 'set-cookie': 'AuthSession=abc123; Max-Age=600; Path=/; HttpOnly' },
      }),
    );
    const result = await invoke('session:login', {
      serverUrl: 'https://couch.example.org/team',
      name: 'alice',
      password: 'pw',
    });
    expect(result).toMatchObject({ ok: true, value: { signedIn: true } });
    expect(cspHeader()).toContain("connect-src 'self' https://couch.example.org");
    await vi.waitFor(() =>
      expect(state.windows[0]?.sent).toContainEqual(['app:reloadRequired', expect.anything()]),
    );
    const prefs = JSON.parse(await readFile(path.join(state.userData, 'preferences.json'), 'utf8')) as {
      syncServers: string[];
    };
    expect(prefs.syncServers).toEqual(['https://couch.example.org']);
  });

  it('allows notifications and the camera for the app, and denies everything else', async () => {
    await startMain();
    const request = defaultSession.setPermissionRequestHandler.mock.calls[0]?.[0] as (
      ...args: unknown[]
    ) => void;
    const answer = vi.fn();
    request({}, 'geolocation', answer, { requestingUrl: 'app://outpost/index.html' });
    request({}, 'media', answer, { requestingUrl: 'app://outpost/index.html', mediaTypes: ['video'] });
    request({}, 'media', answer, { requestingUrl: 'https://evil.example/', mediaTypes: ['video'] });
    request({}, 'notifications', answer, { requestingUrl: 'app://outpost/index.html' });
    request({}, 'notifications', answer, { requestingUrl: 'app://outpost.evil/' });
    expect(answer.mock.calls).toEqual([[false], [true], [false], [true], [false]]);
    const check = defaultSession.setPermissionCheckHandler.mock.calls[0]?.[0] as (
      ...args: unknown[]
    ) => boolean;
    expect(check(null, 'notifications', 'app://outpost', { requestingUrl: 'app://outpost/' })).toBe(true);
    expect(check(null, 'clipboard-read', 'app://outpost', { requestingUrl: 'app://outpost/' })).toBe(false);
    const device = defaultSession.setDevicePermissionHandler.mock.calls[0]?.[0] as () => boolean;
    expect(device()).toBe(false);
  });

  it('guards every webContents created later', async () => {
    await startMain();
    const created = state.appListeners.get('web-contents-created') as (
      event: unknown,
      contents: unknown,
    ) => void;
    const contents = { on: vi.fn(), setWindowOpenHandler: vi.fn() };
    created({}, contents);
    expect(contents.on.mock.calls.map(([event]) => event)).toEqual(
      expect.arrayContaining([
        'will-navigate',
        'will-frame-navigate',
        'will-redirect',
        'will-attach-webview',
      ]),
    );
    const openHandler = contents.setWindowOpenHandler.mock.calls[0]?.[0] as (details: {
      url: string;
    }) => unknown;
    expect(openHandler({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(electron.shell.openExternal).not.toHaveBeenCalled();
  });

  it('installs the native menu, whose items reach the window as commands', async () => {
    await startMain();
    const template = electron.Menu.buildFromTemplate.mock.calls[0]?.[0] as {
      submenu?: { id?: string; click?: () => void }[];
    }[];
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalled();
    const newTicket = template.flatMap((menu) => menu.submenu ?? []).find((item) => item.id === 'new-ticket');
    newTicket?.click?.();
    expect(state.windows[0]?.sent).toContainEqual(['menu:command', 'new-ticket']);
  });

  it('passes the OS network state to the window after a resume', async () => {
    await startMain();
    electron.net.isOnline.mockReturnValue(false);
    state.powerListeners.get('resume')?.();
    expect(state.windows[0]?.sent).toContainEqual(['os:network', { online: false, reason: 'resume' }]);
  });

  it('shows OS notifications and opens the page a click asks for', async () => {
    await startMain();
    expect(
      await invoke('notify:show', {
        title: 'INC-1 assigned to you',
        body: 'Printer',
        route: '/tickets/tkt_1',
      }),
    ).toEqual({
      ok: true,
      value: undefined,
    });
    expect(state.notifications[0]?.options).toMatchObject({
      title: 'INC-1 assigned to you',
      body: 'Printer',
    });
    state.notifications[0]?.listeners.get('click')?.();
    expect(state.windows[0]?.focus).toHaveBeenCalled();
    expect(state.windows[0]?.sent).toContainEqual(['app:navigate', '/tickets/tkt_1']);
  });

  it('writes backups into the data folder and lists them', async () => {
    await startMain();
    const begun = (await invoke('backup:begin', 'manual')) as { ok: true; value: { id: string } };
    expect(await invoke('backup:append', begun.value.id, '{"format":"outpost-backup"}\n')).toMatchObject({
      ok: true,
    });
    expect(await invoke('backup:commit', begun.value.id)).toMatchObject({
      ok: true,
      value: { kind: 'manual' },
    });
    const listed = (await invoke('backup:list')) as { ok: true; value: { name: string }[] };
    expect(listed.value).toHaveLength(1);
    expect(await readdir(path.join(state.userData, 'backups'))).toEqual([listed.value[0]?.name]);
  });

  it('focuses the existing window when a second instance starts', async () => {
    await startMain();
    (state.appListeners.get('second-instance') as () => void)();
    expect(state.windows[0]?.focus).toHaveBeenCalled();
  });

  it('quits without a window when another instance holds the lock', async () => {
    await startMain({ lock: false });
    expect(electron.app.quit).toHaveBeenCalled();
    await Promise.resolve();
    expect(state.windows).toHaveLength(0);
  });

  it('loads OUTPOST_DEV_URL in development only', async () => {
    await startMain({ devUrl: 'http://127.0.0.1:5190' });
    expect(state.windows[0]?.url).toBe('http://127.0.0.1:5190/');

    vi.resetModules();
    state.windows.length = 0;
    await startMain({ packaged: true, devUrl: 'http://127.0.0.1:5190' });
    expect(state.windows[0]?.url).toBe('app://outpost/index.html');
  });
});
