// Window options and per-webContents guards, kept out of main.ts so they can be unit-tested
// with `electron` mocked (the binary cannot run on the build machines).
import path from 'node:path';
import type { BrowserWindowConstructorOptions, WebContents, WebPreferences } from 'electron';
import { DEFAULT_SIZE, MIN_SIZE, type WindowPlacement } from './window-state';

/** Where the packaged files sit relative to the app root (the folder or asar holding package.json). */
export function appPaths(appRoot: string): { rendererDir: string; preloadPath: string } {
  return {
    rendererDir: path.join(appRoot, 'dist', 'renderer'),
    preloadPath: path.join(appRoot, 'dist-electron', 'preload.cjs'),
  };
}

/**
 * The one set of web preferences for every window the app opens. A test holds main.ts to
 * creating windows only through windowOptions(), which uses this.
 */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    // The page gets window.outpost and nothing else from the privileged side.
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: true,
  };
}

export function windowOptions(
  preloadPath: string,
  placement?: WindowPlacement,
): BrowserWindowConstructorOptions {
  return {
    title: 'Outpost',
    width: placement?.width ?? DEFAULT_SIZE.width,
    height: placement?.height ?? DEFAULT_SIZE.height,
    ...(placement?.x !== undefined && placement.y !== undefined ? { x: placement.x, y: placement.y } : {}),
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    // Shown on 'ready-to-show' so the user never sees an unstyled flash.
    show: false,
    webPreferences: secureWebPreferences(preloadPath),
  };
}

export type NavigationPolicy = {
  isAppUrl: (url: string) => boolean;
  isAllowedExternalUrl: (url: string) => boolean;
  openExternal: (url: string) => void;
};

type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/**
 * Applied to every webContents ('web-contents-created'), not just the main window, so nothing
 * created later (devtools aside) can navigate away, open windows or attach a <webview>.
 */
export function hardenWebContents(contents: GuardedContents, policy: NavigationPolicy): void {
  const openIfAllowed = (url: string): void => {
    if (policy.isAllowedExternalUrl(url)) policy.openExternal(url);
  };

  // A plain link click in the main frame: stay in the app, hand allowed https links to the OS.
  contents.on('will-navigate', (event) => {
    if (policy.isAppUrl(event.url)) return;
    event.preventDefault();
    openIfAllowed(event.url);
  });
  // Subframes (and the main frame again): never leave the app origin.
  contents.on('will-frame-navigate', (event) => {
    if (!policy.isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!policy.isAppUrl(event.url)) event.preventDefault();
  });
  // target=_blank and window.open: never a new Electron window.
  contents.setWindowOpenHandler(({ url }) => {
    openIfAllowed(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
}
