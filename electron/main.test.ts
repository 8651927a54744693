// Wiring test for main.ts with every Electron module mocked: the binary cannot run here, so
// this is where the entry point's security setup is held in place.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../shared/ipc/contract';
import { CONTENT_SECURITY_POLICY } from './security';

type Fn = (...args: never[]) => unknown;

const mock = vi.hoisted(() => {
  const state = {
    appListeners: new Map<string, Fn>(),
    windows: [] as { options: unknown; url?: string; focus: ReturnType<typeof vi.fn> }[],
    isPackaged: false,
    hasLock: true,
  };
  class BrowserWindow {
    focus = vi.fn();
    show = vi.fn();
    restore = vi.fn();
    isMinimized = () => false;
    once = vi.fn();
    on = vi.fn();
    entry: (typeof state.windows)[number];
    constructor(options: unknown) {
      this.entry = { options, focus: this.focus };
      state.windows.push(this.entry);
    }
    loadURL = vi.fn(async (url: string) => {
      this.entry.url = url;
    });
    static fromWebContents = vi.fn(() => null);
    static getAllWindows = vi.fn(() => state.windows);
  }
  const defaultSession = {
    protocol: { handle: vi.fn() },
    webRequest: { onHeadersReceived: vi.fn() },
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
  };
  const electron = {
    app: {
      get isPackaged() {
        return state.isPackaged;
      },
      getAppPath: () => '/opt/outpost/app.asar',
      getPath: (name: string) => `/home/alice/.config/Outpost/${name}`,
      getVersion: () => '0.1.0',
      enableSandbox: vi.fn(),
      requestSingleInstanceLock: vi.fn(() => state.hasLock),
      quit: vi.fn(),
      exit: vi.fn(),
      isReady: () => true,
      on: vi.fn((event: string, listener: Fn) => state.appListeners.set(event, listener)),
      whenReady: vi.fn(() => Promise.resolve()),
    },
    BrowserWindow,
    dialog: { showSaveDialog: vi.fn() },
    ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
    protocol: { registerSchemesAsPrivileged: vi.fn() },
    safeStorage: {},
    session: { defaultSession },
    shell: { openExternal: vi.fn(async () => undefined) },
  };
  return { state, electron, defaultSession };
});
vi.mock('electron', () => mock.electron);

const { state, electron, defaultSession } = mock;

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

beforeEach(() => {
  vi.resetModules();
  vi.clearAllMocks();
  state.appListeners.clear();
  state.windows.length = 0;
});
afterEach(() => {
  delete process.env.OUTPOST_DEV_URL;
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

  it('opens one hardened window on the app origin with the bundled preload', async () => {
    await startMain();
    const [window] = state.windows;
    expect(window?.url).toBe('app://outpost/index.html');
    expect(window?.options).toMatchObject({
      webPreferences: {
        preload: expect.stringMatching(/app\.asar[/\\]dist-electron[/\\]preload\.cjs$/),
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
      },
    });
  });

  it('registers every IPC channel and the app:// handler', async () => {
    await startMain();
    expect(electron.ipcMain.handle.mock.calls.map(([channel]) => channel).sort()).toEqual(
      [...IPC_CHANNELS].sort(),
    );
    expect(defaultSession.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
  });

  it('sets the CSP on every response and denies permissions by default', async () => {
    await startMain();
    const onHeaders = defaultSession.webRequest.onHeadersReceived.mock.calls[0]?.[0] as Fn;
    const callback = vi.fn();
    (onHeaders as (details: unknown, cb: unknown) => void)(
      { responseHeaders: { 'content-security-policy': ['x'] } },
      callback,
    );
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });

    const request = defaultSession.setPermissionRequestHandler.mock.calls[0]?.[0] as (
      ...args: unknown[]
    ) => void;
    const answer = vi.fn();
    request({}, 'geolocation', answer, { requestingUrl: 'app://outpost/index.html' });
    request({}, 'media', answer, { requestingUrl: 'app://outpost/index.html', mediaTypes: ['video'] });
    request({}, 'media', answer, { requestingUrl: 'https://evil.example/', mediaTypes: ['video'] });
    expect(answer.mock.calls).toEqual([[false], [true], [false]]);
    const check = defaultSession.setPermissionCheckHandler.mock.calls[0]?.[0] as (
      ...args: unknown[]
    ) => boolean;
    expect(check(null, 'notifications', 'app://outpost', { requestingUrl: 'app://outpost/' })).toBe(false);
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
