import { afterEach, describe, expect, it, vi } from 'vitest';
import { MENU_COMMANDS, type OutpostApi, type ShellEventName } from '../../shared/ipc/contract';
import {
  decideLink,
  installDesktopBridge,
  installLinkGuard,
  onDesktopEvent,
  openWithSystemViewer,
  runMenuCommand,
  type LinkGuardWindow,
  type MenuActions,
} from './desktop';

const BROWSER_PAGE = 'http://127.0.0.1:5307/#/tickets/tkt_1';
const DESKTOP_PAGE = 'app://outpost/index.html#/tickets/tkt_1';

afterEach(() => vi.restoreAllMocks());

describe('decideLink', () => {
  it.each([
    [BROWSER_PAGE, '#/tickets/tkt_2'],
    [BROWSER_PAGE, 'http://127.0.0.1:5307/#/settings'],
    [DESKTOP_PAGE, '#/sync'],
    [DESKTOP_PAGE, 'app://outpost/index.html#/settings'],
  ])('keeps in-app links on %s: %s', (page, href) => {
    expect(decideLink(href, page, { download: false })).toEqual({ action: 'allow' });
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'jav&#x09;ascript:alert(1)',
    'vbscript:msgbox(1)',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    'file://server/share/x.exe',
    'app://outpost.evil/index.html',
    'app://outpost@evil/index.html',
    'app://evil/',
    'http://evil.example/',
    'https://user:pw@evil.example/',
    'https://docs.example.org@evil.example/',
    'ftp://evil.example/',
    'smb://evil.example/share',
    'ms-settings:privacy',
    '/bench.html',
    '?debug=1',
    'blob:https://evil.example/1234',
  ])('blocks %j in the desktop app', (href) => {
    expect(decideLink(href, DESKTOP_PAGE, { download: false }).action).not.toBe('allow');
    expect(decideLink(href, DESKTOP_PAGE, { download: false }).action).not.toBe('external');
  });

  it.each([
    'javascript:alert(1)',
    'file:///etc/passwd',
    'http://evil.example/',
    '/sync-bench.html',
    'http://127.0.0.1:5308/',
  ])('blocks %j in the browser', (href) =>
    expect(decideLink(href, BROWSER_PAGE, { download: false })).toEqual({ action: 'block' }),
  );

  it('sends https pages out, in the parser’s normalized form', () => {
    expect(decideLink('https://docs.example.org/kb/1', DESKTOP_PAGE, { download: false })).toEqual({
      action: 'external',
      url: 'https://docs.example.org/kb/1',
    });
    // An IDN lookalike is handed over in punycode, which is what the main process's allow-list sees.
    expect(decideLink('https://d\u043Ecs.example.org/', DESKTOP_PAGE, { download: false })).toEqual({
      action: 'external',
      url: 'https://xn--dcs-sed.example.org/',
    });
    expect(decideLink('//evil.example/x', BROWSER_PAGE, { download: false })).toEqual({ action: 'block' });
  });

  it('allows only downloads of bytes the page made itself', () => {
    expect(decideLink('blob:http://127.0.0.1:5307/0d5e', BROWSER_PAGE, { download: true })).toEqual({
      action: 'allow',
    });
    expect(decideLink('blob:app://outpost/0d5e', DESKTOP_PAGE, { download: true })).toEqual({
      action: 'allow',
    });
    expect(decideLink('blob:http://127.0.0.1:5307/0d5e', BROWSER_PAGE, { download: false })).toEqual({
      action: 'block',
    });
    expect(decideLink('blob:app://outpost.evil/0d5e', DESKTOP_PAGE, { download: true })).toEqual({
      action: 'block',
    });
  });
});

class FakeDocument extends EventTarget {
  anchor: { href: string; download: boolean } | null = null;
  closest() {
    const anchor = this.anchor;
    if (!anchor) return null;
    return {
      href: anchor.href,
      getAttribute: () => anchor.href,
      hasAttribute: (name: string) => name === 'download' && anchor.download,
    };
  }
}

function fakeWindow(page: string) {
  const document = new FakeDocument();
  const target = new EventTarget();
  const open = vi.fn(() => ({}) as Window);
  const win = Object.assign(target, {
    open,
    location: { href: page },
    document,
  }) as unknown as LinkGuardWindow;
  const click = (href: string, download = false) => {
    document.anchor = { href, download };
    const event = new Event('click', { cancelable: true });
    document.dispatchEvent(event);
    return event.defaultPrevented;
  };
  return { win, open, click, document };
}

function fakeApi(): OutpostApi & { emit: (event: ShellEventName, payload: unknown) => void } {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const api = {
    isDesktop: true,
    'shell:openExternal': vi.fn(async () => ({ ok: true, value: undefined })),
    'file:openWithSystem': vi.fn(async () => ({ ok: true, value: undefined })),
    on: (event: string, listener: (payload: unknown) => void) => {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)?.add(listener);
      return () => listeners.get(event)?.delete(listener);
    },
    emit: (event: string, payload: unknown) => listeners.get(event)?.forEach((listener) => listener(payload)),
  };
  return api as unknown as OutpostApi & { emit: (event: ShellEventName, payload: unknown) => void };
}

describe('installLinkGuard', () => {
  it('refuses window.open for any address, and restores it on uninstall', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { win, open } = fakeWindow(BROWSER_PAGE);
    const uninstall = installLinkGuard(win, null);
    expect(win.open('https://evil.example/')).toBeNull();
    expect(win.open('javascript:alert(1)')).toBeNull();
    expect(open).not.toHaveBeenCalled();
    uninstall();
    expect(win.open).toBe(open);
  });

  it('lets in-app links through and stops everything else', () => {
    const { win, click, open } = fakeWindow(BROWSER_PAGE);
    installLinkGuard(win, null);
    expect(click('http://127.0.0.1:5307/#/tickets/tkt_2')).toBe(false);
    expect(click('javascript:alert(1)')).toBe(true);
    expect(click('file:///etc/passwd')).toBe(true);
    expect(open).not.toHaveBeenCalled();
  });

  it('opens https pages in a separate tab with no opener in the browser', () => {
    const { win, click, open } = fakeWindow(BROWSER_PAGE);
    installLinkGuard(win, null);
    expect(click('https://docs.example.org/kb/1')).toBe(true);
    expect(open).toHaveBeenCalledWith('https://docs.example.org/kb/1', '_blank', 'noopener,noreferrer');
  });

  it('hands https pages to the shell (whose allow-list decides) in the desktop app', () => {
    const api = fakeApi();
    const { win, click, open } = fakeWindow(DESKTOP_PAGE);
    installLinkGuard(win, api);
    expect(click('https://docs.example.org/kb/1')).toBe(true);
    expect(api['shell:openExternal']).toHaveBeenCalledWith('https://docs.example.org/kb/1');
    expect(click('app://outpost.evil/')).toBe(true);
    expect(api['shell:openExternal']).toHaveBeenCalledTimes(1);
    expect(open).not.toHaveBeenCalled();
  });

  it('keeps a dropped file from replacing the app', () => {
    const { win } = fakeWindow(BROWSER_PAGE);
    const uninstall = installLinkGuard(win, null);
    const target = win as unknown as EventTarget;
    const drop = new Event('drop', { cancelable: true });
    target.dispatchEvent(drop);
    expect(drop.defaultPrevented).toBe(true);
    uninstall();
    const later = new Event('drop', { cancelable: true });
    target.dispatchEvent(later);
    expect(later.defaultPrevented).toBe(false);
  });
});

function actions(): MenuActions & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    navigate: (path) => calls.push(`navigate ${path}`),
    focusSearch: () => calls.push('search'),
    openPalette: () => calls.push('palette'),
    openShortcuts: () => calls.push('shortcuts'),
    backupNow: () => calls.push('backup'),
  };
}

describe('runMenuCommand', () => {
  it('carries out every menu command like its shortcut', () => {
    const a = actions();
    for (const command of MENU_COMMANDS) runMenuCommand(command, a);
    expect(a.calls).toEqual([
      'navigate /tickets/new',
      'navigate /tickets',
      'search',
      'palette',
      'shortcuts',
      'navigate /settings',
      'navigate /sync',
      'backup',
    ]);
  });
});

describe('installDesktopBridge', () => {
  function bridge() {
    const api = fakeApi();
    const a = actions();
    const events: string[] = [];
    const win = { dispatchEvent: (event: Event) => events.push(event.type) > 0 };
    const reload = vi.fn();
    const stop = installDesktopBridge({ ...a, win, onReloadRequired: reload }, api);
    return { api, a, events, reload, stop };
  }

  it("turns the OS network signal into the window's online and offline events", () => {
    const { api, events } = bridge();
    api.emit('os:network', { online: false, reason: 'change' });
    api.emit('os:network', { online: true, reason: 'resume' });
    api.emit('os:network', { online: 'yes' });
    api.emit('os:network', null);
    expect(events).toEqual(['offline', 'online']);
  });

  it('runs menu commands and opens the page of a clicked notification, checking both', () => {
    const { api, a, stop } = bridge();
    api.emit('menu:command', 'palette');
    api.emit('menu:command', 'format-disk');
    api.emit('app:navigate', '/tickets/tkt_01ABC');
    api.emit('app:navigate', 'javascript:alert(1)');
    api.emit('app:navigate', '//evil.example');
    expect(a.calls).toEqual(['palette', 'navigate /tickets/tkt_01ABC']);
    stop();
    api.emit('menu:command', 'palette');
    expect(a.calls).toHaveLength(2);
  });

  it('passes a reload request on', () => {
    const { api, reload } = bridge();
    api.emit('app:reloadRequired', { reason: 'Outpost now connects to https://couch.example.org.' });
    expect(reload).toHaveBeenCalledWith('Outpost now connects to https://couch.example.org.');
  });

  it('does nothing in browser mode', () => {
    const a = actions();
    expect(() =>
      installDesktopBridge(
        { ...a, win: { dispatchEvent: () => true }, onReloadRequired: () => undefined },
        null,
      )(),
    ).not.toThrow();
    expect(onDesktopEvent('menu:command', () => undefined, null)).toBeTypeOf('function');
  });
});

describe('openWithSystemViewer', () => {
  it('sends the bytes to the shell, and is not available in browser mode', async () => {
    const api = fakeApi();
    const data = new Blob([new Uint8Array([37, 80, 68, 70])]);
    await openWithSystemViewer({ name: 'a.pdf', contentType: 'application/pdf', data }, api);
    expect(api['file:openWithSystem']).toHaveBeenCalledWith({
      name: 'a.pdf',
      contentType: 'application/pdf',
      data: new Uint8Array([37, 80, 68, 70]),
    });
    expect(
      await openWithSystemViewer({ name: 'a.pdf', contentType: 'application/pdf', data }, null),
    ).toBeNull();
  });
});
