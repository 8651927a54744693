// Electron entry point: wires the tested pieces (security, app protocol, window guards, IPC,
// credential store) to the real Electron modules. Logic lives in those modules, not here.
import { readFile, writeFile, rename, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, protocol, safeStorage, session, shell } from 'electron';
import type { SaveDialogOptions, Session, WebContents } from 'electron';
import { createAppProtocolHandler } from './app-protocol';
import { createCredentialStore } from './credentials';
import { registerIpcHandlers } from './ipc';
import { sessionAuthFor } from './session-auth';
import {
  APP_INDEX_URL,
  APP_SCHEME,
  CONTENT_SECURITY_POLICY,
  devContentSecurityPolicy,
  isAllowedExternalUrl,
  isAppUrl,
  isPermissionAllowed,
  parseDevUrl,
  withCspHeader,
  type AppUrlOptions,
} from './security';
import { appPaths, hardenWebContents, windowOptions } from './window';

/**
 * Hosts the app may hand to the system browser (exact https hosts). Empty until the product
 * decides which documentation or vendor sites knowledge articles may link to.
 */
const EXTERNAL_HOSTS: readonly string[] = [];

// A packaged app ignores OUTPOST_DEV_URL: an environment variable must not be able to swap
// the UI for whatever happens to listen on a local port.
const dev = app.isPackaged ? null : parseDevUrl(process.env.OUTPOST_DEV_URL);
const urlOptions: AppUrlOptions = { devPort: dev?.port ?? null };
const csp = dev ? devContentSecurityPolicy(dev.port) : CONTENT_SECURITY_POLICY;
const { rendererDir, preloadPath } = appPaths(app.getAppPath());

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

let mainWindow: BrowserWindow | null = null;

function openExternal(url: string): Promise<void> {
  // Re-checked here so no caller can skip the allow-list.
  if (!isAllowedExternalUrl(url, EXTERNAL_HOSTS)) return Promise.resolve();
  return shell.openExternal(url);
}

function secureSession(ses: Session): void {
  ses.protocol.handle(
    APP_SCHEME,
    createAppProtocolHandler({ rootDir: rendererDir, csp, readFile: (file) => readFile(file) }),
  );
  // Belt and braces: the protocol handler already sends the CSP; this covers anything else
  // the session loads (the dev server in development).
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCspHeader(details.responseHeaders, csp) });
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

function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow(windowOptions(preloadPath));
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

async function start(): Promise<void> {
  secureSession(session.defaultSession);

  const userData = app.getPath('userData');
  const credentials = createCredentialStore({
    filePath: path.join(userData, 'credentials.json'),
    dir: userData,
    safeStorage,
    platform: process.platform,
    fs: { readFile, writeFile, rename, mkdir },
  });
  registerIpcHandlers(ipcMain, {
    appVersion: app.getVersion(),
    platform: process.platform,
    urlOptions,
    externalHosts: EXTERNAL_HOSTS,
    credentials,
    sessionAuth: sessionAuthFor(session.defaultSession, credentials),
    openExternal,
    chooseSavePath: (event, suggestedName) => chooseSavePath(event.sender, suggestedName),
    writeTextFile: (filePath, content) => writeFile(filePath, content, 'utf8'),
  });

  mainWindow = createMainWindow();
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
    if (app.isReady() && BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow();
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error('[main] startup failed', error);
      app.exit(1);
    });
}
