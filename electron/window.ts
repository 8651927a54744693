// Window options and per-webContents guards, kept out of main.ts so they can be unit-tested
// with `electron` mocked (the binary cannot run on the build machines).
import path from 'node:path';
import type { BrowserWindowConstructorOptions, WebContents } from 'electron';

/** Where the packaged files sit relative to the app root (the folder or asar holding package.json). */
export function appPaths(appRoot: string): { rendererDir: string; preloadPath: string } {
  return {
    rendererDir: path.join(appRoot, 'dist', 'renderer'),
    preloadPath: path.join(appRoot, 'dist-electron', 'preload.cjs'),
  };
}

export function windowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    title: 'Outpost',
    width: 1280,
    height: 800,
    minWidth: 900,
    minHeight: 600,
    // Shown on 'ready-to-show' so the user never sees an unstyled flash.
    show: false,
    webPreferences: {
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
    },
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
