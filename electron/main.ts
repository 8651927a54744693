// Electron entry point: wires the tested pieces (security, app protocol, window guards, IPC,
// credential store, menu, notifications, backups) to the real Electron modules. Logic lives in
// those modules, not here.
import {
  mkdir,
  open,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  statfs,
  unlink,
  writeFile,
} from 'node:fs/promises';
import path from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  net,
  Notification,
  powerMonitor,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
} from 'electron';
import type { SaveDialogOptions, Session, WebContents } from 'electron';
import type { ShellEventName, ShellEventPayload } from '../shared/ipc/contract';
import { createAppProtocolHandler } from './app-protocol';
import { createBackupStore, diskSpace } from './backups';
import { createWeakStorageChooser } from './credential-fallback';
import { createCredentialStore } from './credentials';
import { registerIpcHandlers } from './ipc';
import { buildMenuTemplate } from './menu';
import { watchNetwork } from './network';
import { createNotifier } from './notify';
import { openWithSystemViewer } from './open-file';
import { createPreferenceStore } from './preferences';
import { recordingSignIns, sessionAuthFor } from './session-auth';
import {
  APP_INDEX_URL,
  APP_SCHEME,
  desktopContentSecurityPolicy,
  isAllowedExternalUrl,
  isAppUrl,
  isPermissionAllowed,
  normalizeSyncOrigins,
  parseDevUrl,
  syncServerOrigin,
  withCspHeader,
  type AppUrlOptions,
} from './security';
import { IpcFailure } from './validate';
import { appPaths, hardenWebContents, windowOptions } from './window';
import { placeWindow, trackWindowState, type WindowPlacement } from './window-state';

/** Same as appId in electron-builder.yml: Windows groups notifications by it. */
const APP_ID = 'org.outpost.desk';

/**
 * Hosts the app may hand to the system browser (exact https hosts). Empty until the product
 * decides which documentation or vendor sites knowledge articles may link to.
 */
const EXTERNAL_HOSTS: readonly string[] = [];

// A packaged app ignores OUTPOST_DEV_URL: an environment variable must not be able to swap
// the UI for whatever happens to listen on a local port.
const dev = app.isPackaged ? null : parseDevUrl(process.env.OUTPOST_DEV_URL);
const urlOptions: AppUrlOptions = { devPort: dev?.port ?? null };
const { rendererDir, preloadPath } = appPaths(app.getAppPath());

/** Origins of the sync servers signed in to; the CSP's connect-src lists exactly these. */
let syncServers: string[] = [];
const currentCsp = (): string => desktopContentSecurityPolicy({ syncServers, devPort: dev?.port ?? null });

// Must run before 'ready'. 'standard' gives app://outpost a real origin (CSP 'self', storage,
// relative URLs); 'secure' makes it a secure context like https.
protocol.registerSchemesAsPrivileged([
  {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true },
  },
]);
// Every renderer sandboxed, whatever a later BrowserWindow forgets to set.
app.enableSandbox();
if (process.platform === 'win32') app.setAppUserModelId(APP_ID);

let mainWindow: BrowserWindow | null = null;

function send<E extends ShellEventName>(event: E, payload: ShellEventPayload<E>): void {
  const contents = mainWindow?.webContents;
  if (contents && !contents.isDestroyed()) contents.send(event, payload);
}

function openExternal(url: string): Promise<void> {
  // Re-checked here so no caller can skip the allow-list.
  if (!isAllowedExternalUrl(url, EXTERNAL_HOSTS)) return Promise.resolve();
  return shell.openExternal(url);
}

function secureSession(ses: Session): void {
  ses.protocol.handle(
    APP_SCHEME,
    createAppProtocolHandler({ rootDir: rendererDir, csp: currentCsp, readFile: (file) => readFile(file) }),
  );
  // Belt and braces: the protocol handler already sends the CSP; this covers anything else
  // the session loads (the dev server in development).
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCspHeader(details.responseHeaders, currentCsp()) });
  });
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined;
    callback(
      isPermissionAllowed({ permission, requestingUrl: details.requestingUrl, mediaTypes }, urlOptions),
    );
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionAllowed(
      {
        permission,
        requestingUrl: details.requestingUrl ?? requestingOrigin,
        mediaTypes: details.mediaType ? [details.mediaType] : undefined,
      },
      urlOptions,
    ),
  );
  // WebHID / WebUSB / Web Serial: not used (barcode scanners act as keyboards).
  ses.setDevicePermissionHandler(() => false);
}

async function chooseSavePath(sender: WebContents, suggestedName: string): Promise<string | null> {
  const extension = path.extname(suggestedName).slice(1);
  const options: SaveDialogOptions = {
    defaultPath: path.join(app.getPath('downloads'), suggestedName),
    filters: [
      ...(extension ? [{ name: `${extension.toUpperCase()} file`, extensions: [extension] }] : []),
      { name: 'All files', extensions: ['*'] },
    ],
  };
  const parent = BrowserWindow.fromWebContents(sender);
  const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
  return result.canceled || !result.filePath ? null : result.filePath;
}

function createMainWindow(
  placement: WindowPlacement,
  saveState: Parameters<typeof trackWindowState>[1],
): BrowserWindow {
  // The only place a window is created: windowOptions() carries secureWebPreferences().
  const window = new BrowserWindow(windowOptions(preloadPath, placement));
  if (placement.maximized) window.maximize();
  trackWindowState(window, saveState);
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  void window.loadURL(dev ? dev.url : APP_INDEX_URL);
  return window;
}

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

function displaysPrimaryFirst() {
  const primary = screen.getPrimaryDisplay();
  return [primary, ...screen.getAllDisplays().filter((display) => display.id !== primary.id)];
}

let openWindow: () => void = () => undefined;

async function start(): Promise<void> {
  const userData = app.getPath('userData');
  const preferences = createPreferenceStore({
    filePath: path.join(userData, 'preferences.json'),
    dir: userData,
    fs: { readFile, writeFile, rename, mkdir },
  });
  const stored = await preferences.read();
  const credentials = createCredentialStore({
    filePath: path.join(userData, 'credentials.json'),
    dir: userData,
    safeStorage,
    platform: process.platform,
    fs: { readFile, writeFile, rename, mkdir },
    fallback: async () => (await preferences.read()).credentialFallback ?? 'ask',
  });
  // Servers signed in to before the list existed are known from their saved credentials.
  const saved = await credentials.status().then(
    (status) => status.servers,
    () => [] as string[],
  );
  syncServers = normalizeSyncOrigins([...(stored.syncServers ?? []), ...saved]);
  secureSession(session.defaultSession);

  const openedDir = path.join(userData, 'opened-files');
  await rm(openedDir, { recursive: true, force: true }).catch(() => undefined);
  app.on('will-quit', () => void rm(openedDir, { recursive: true, force: true }).catch(() => undefined));
  const backups = createBackupStore({
    dir: path.join(userData, 'backups'),
    fs: { mkdir, open, rename, unlink, readdir, stat },
  });
  await backups.cleanUp();

  const notifier = createNotifier({
    isSupported: () => Notification.isSupported(),
    create: (options) => new Notification(options),
    onClick: (route) => {
      focusMainWindow();
      if (route) send('app:navigate', route);
    },
  });
  const chooseWeakStorage = createWeakStorageChooser({
    preferences,
    ask: async (question) =>
      (mainWindow ? await dialog.showMessageBox(mainWindow, question) : await dialog.showMessageBox(question))
        .response,
  });
  const sessionAuth = recordingSignIns(
    sessionAuthFor(session.defaultSession, credentials, chooseWeakStorage),
    async (serverUrl) => {
      const origin = syncServerOrigin(serverUrl);
      if (origin === null || syncServers.includes(origin)) return;
      syncServers = normalizeSyncOrigins([...syncServers, origin]);
      await preferences.update((prefs) => ({ ...prefs, syncServers }));
      // After the sign-in answer has reached the page: the page decides when to reload.
      setImmediate(() => send('app:reloadRequired', { reason: `Outpost now connects to ${origin}.` }));
    },
  );

  registerIpcHandlers(ipcMain, {
    appVersion: app.getVersion(),
    platform: process.platform,
    urlOptions,
    externalHosts: EXTERNAL_HOSTS,
    credentials,
    sessionAuth,
    openExternal,
    chooseSavePath: (event, suggestedName) => chooseSavePath(event.sender, suggestedName),
    writeTextFile: (filePath, content) => writeFile(filePath, content, 'utf8'),
    setCredentialFallback: async (choice) => {
      await preferences.update((prefs) => ({ ...prefs, credentialFallback: choice }));
      // Session only: weakly protected passwords already on disk go too (a real keyring's stay).
      if (choice === 'session' && !(await credentials.secureStorageAvailable())) await credentials.clearAll();
      return credentials.status();
    },
    notify: (request) => notifier.show(request),
    openWithSystem: async (request) => {
      await openWithSystemViewer(
        { dir: openedDir, fs: { mkdir, writeFile, rm }, openPath: (file) => shell.openPath(file) },
        request,
      );
    },
    diskSpace: () => diskSpace(userData, statfs),
    backups,
    revealBackups: async () => {
      await mkdir(backups.dir, { recursive: true });
      const problem = await shell.openPath(backups.dir);
      if (problem) throw new IpcFailure('unavailable', `The backups folder could not be shown: ${problem}`);
    },
  });

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate({
        platform: process.platform,
        appName: app.name,
        isDev: !app.isPackaged,
        send: (command) => send('menu:command', command),
      }),
    ),
  );

  const saveWindowState: Parameters<typeof trackWindowState>[1] = (state) =>
    void preferences
      .update((prefs) => ({ ...prefs, window: state }))
      .catch((error: unknown) => console.warn('[window] bounds not saved', error));
  openWindow = () => {
    mainWindow = createMainWindow(placeWindow(stored.window, displaysPrimaryFirst()), saveWindowState);
  };
  openWindow();

  watchNetwork({
    isOnline: () => net.isOnline(),
    powerMonitor,
    send: (signal) => send('os:network', signal),
  });
}

// Guards for every webContents, including any created later.
app.on('web-contents-created', (_event, contents) => {
  hardenWebContents(contents, {
    isAppUrl: (url) => isAppUrl(url, urlOptions),
    isAllowedExternalUrl: (url) => isAllowedExternalUrl(url, EXTERNAL_HOSTS),
    openExternal: (url) =>
      void openExternal(url).catch((error: unknown) => console.error('[shell] openExternal failed', error)),
  });
});

// One running Outpost per user: two instances would fight over the same local database.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', focusMainWindow);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (app.isReady() && BrowserWindow.getAllWindows().length === 0) openWindow();
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error('[main] startup failed', error);
      app.exit(1);
    });
}
