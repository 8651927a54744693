import { EventEmitter } from 'node:events';
import path from 'node:path';
import type { WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { isAllowedExternalUrl, isAppUrl } from './security';
import { appPaths, hardenWebContents, secureWebPreferences, windowOptions } from './window';

vi.mock('electron', () => ({}));

describe('windowOptions', () => {
  it('uses the one web-preferences factory, whatever the placement', () => {
    const preload = '/app/dist-electron/preload.cjs';
    expect(windowOptions(preload).webPreferences).toEqual(secureWebPreferences(preload));
    const placed = windowOptions(preload, { x: 10, y: 20, width: 1000, height: 700, maximized: true });
    expect(placed).toMatchObject({ x: 10, y: 20, width: 1000, height: 700, show: false });
    expect(placed.webPreferences).toEqual(secureWebPreferences(preload));
    // Without a position the OS centres the window.
    expect(windowOptions(preload, { width: 1000, height: 700, maximized: false })).not.toHaveProperty('x');
  });

  it('isolates and sandboxes the renderer', () => {
    const prefs = secureWebPreferences('/app/dist-electron/preload.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/dist-electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
    });
    // Nothing that would loosen the defaults is set at all.
    for (const key of ['enableBlinkFeatures', 'additionalArguments', 'nodeIntegrationInWorker'] as const) {
      expect(prefs[key] === undefined || prefs[key] === false, key).toBe(true);
    }
  });
});

describe('appPaths', () => {
  it('finds the renderer and the preload from the app root (folder or asar)', () => {
    const root = path.join('/opt', 'Outpost', 'resources', 'app.asar');
    expect(appPaths(root)).toEqual({
      rendererDir: path.join(root, 'dist', 'renderer'),
      preloadPath: path.join(root, 'dist-electron', 'preload.cjs'),
    });
  });
});

type NavEvent = { url: string; preventDefault: () => void; defaultPrevented: boolean };
function navEvent(url: string): NavEvent {
  const event = { url, defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
  return event;
}

function guarded() {
  const emitter = new EventEmitter();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  const contents = Object.assign(emitter, {
    setWindowOpenHandler: (handler: typeof openHandler) => {
      openHandler = handler;
    },
  });
  const openExternal = vi.fn();
  hardenWebContents(contents as unknown as WebContents, {
    isAppUrl: (url) => isAppUrl(url),
    isAllowedExternalUrl: (url) => isAllowedExternalUrl(url, ['docs.example.org']),
    openExternal,
  });
  const emit = (name: string, url: string) => {
    const event = navEvent(url);
    emitter.emit(name, event);
    return event.defaultPrevented;
  };
  const open = (url: string) => openHandler?.({ url });
  return { emit, open, openExternal, emitter };
}

describe('hardenWebContents', () => {
  it('lets the app navigate within its own origin', () => {
    const { emit, openExternal } = guarded();
    expect(emit('will-navigate', 'app://outpost/index.html#/tickets')).toBe(false);
    expect(emit('will-frame-navigate', 'app://outpost/index.html')).toBe(false);
    expect(openExternal).not.toHaveBeenCalled();
  });

  it.each([
    'https://evil.example/',
    'app://outpost.evil/',
    'file:///etc/passwd',
    'http://127.0.0.1:5190/',
    'javascript:alert(1)',
  ])('blocks navigation to %s', (url) => {
    const { emit, openExternal } = guarded();
    expect(emit('will-navigate', url)).toBe(true);
    expect(emit('will-frame-navigate', url)).toBe(true);
    expect(emit('will-redirect', url)).toBe(true);
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('hands allow-listed https links to the system browser instead of navigating', () => {
    const { emit, openExternal } = guarded();
    expect(emit('will-navigate', 'https://docs.example.org/kb/42')).toBe(true);
    expect(openExternal).toHaveBeenCalledWith('https://docs.example.org/kb/42');
  });

  it('denies every new window, opening only allow-listed links externally', () => {
    const { open, openExternal } = guarded();
    expect(open('https://docs.example.org/kb/1')).toEqual({ action: 'deny' });
    expect(open('https://evil.example/')).toEqual({ action: 'deny' });
    expect(open('app://outpost/index.html')).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledTimes(1);
  });

  it('blocks <webview> attachment', () => {
    const { emitter } = guarded();
    const event = navEvent('');
    emitter.emit('will-attach-webview', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });
});
