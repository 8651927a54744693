import type {
  IpcResult,
  MenuCommand,
  OutpostApi,
  ShellEventName,
  ShellEventPayload,
} from '../../shared/ipc/contract';
import { MENU_COMMANDS } from '../../shared/ipc/contract';

declare global {
  interface Window {
    /** Present only inside the desktop shell, exposed by its preload from the IPC contract. */
    outpost?: OutpostApi;
  }
}

/** The desktop shell's API, or null in browser mode (the app then works without it). */
export function desktopApi(): OutpostApi | null {
  return window.outpost?.isDesktop === true ? window.outpost : null;
}

/** Listens to a desktop-shell event; in browser mode there are none and this does nothing. */
export function onDesktopEvent<E extends ShellEventName>(
  event: E,
  listener: (payload: ShellEventPayload<E>) => void,
  api: OutpostApi | null = desktopApi(),
): () => void {
  return api ? api.on(event, listener) : () => undefined;
}

/**
 * Hands an attachment to the OS's own viewer (desktop only; null in browser mode, where the
 * attachment panel's download is the way). The shell refuses executable types.
 */
export async function openWithSystemViewer(
  file: { name: string; contentType: string; data: Blob },
  api: OutpostApi | null = desktopApi(),
): Promise<IpcResult<void> | null> {
  if (!api) return null;
  const data = new Uint8Array(await file.data.arrayBuffer());
  return api['file:openWithSystem']({ name: file.name, contentType: file.contentType, data });
}

export type LinkDecision =
  /** A link within the app (a hash route of this page, or a download of bytes it made). */
  | { action: 'allow' }
  | { action: 'block' }
  /** An https page: to the system browser (desktop) or a new tab (browser), never this window. */
  | { action: 'external'; url: string };

/**
 * What a click on a link may do. Parsed with `new URL` against the page's own URL and compared
 * by parts: same page (only the hash may differ) stays; a blob: download the page made itself
 * stays; https without user:password@ goes out; everything else (javascript:, data:, file:,
 * app://outpost.evil, other paths of this origin, http) is blocked.
 */
export function decideLink(href: string, pageUrl: string, options: { download: boolean }): LinkDecision {
  let url: URL;
  let page: URL;
  try {
    page = new URL(pageUrl);
    url = new URL(href, page);
  } catch {
    return { action: 'block' };
  }
  if (url.username !== '' || url.password !== '') return { action: 'block' };
  // Compared by scheme and host, not by `origin` alone: a scheme the parser does not know
  // (app: outside Chromium) has the origin "null" for every host.
  const samePlace = (other: URL) => other.protocol === page.protocol && other.host === page.host;
  if (url.protocol === 'blob:') {
    let inner: URL | null = null;
    try {
      inner = new URL(url.pathname);
    } catch {
      inner = null;
    }
    return options.download && inner !== null && samePlace(inner) ? { action: 'allow' } : { action: 'block' };
  }
  if (samePlace(url)) {
    const samePage = url.pathname === page.pathname && url.search === page.search;
    return samePage ? { action: 'allow' } : { action: 'block' };
  }
  if (url.protocol === 'https:') return { action: 'external', url: url.href };
  return { action: 'block' };
}

type AnchorLike = {
  href?: unknown;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
};

function hrefOf(anchor: AnchorLike): string {
  // An SVG <a> has an SVGAnimatedString here; its attribute is the text.
  return typeof anchor.href === 'string' ? anchor.href : (anchor.getAttribute('href') ?? '');
}

export type LinkGuardWindow = Pick<Window, 'addEventListener' | 'removeEventListener' | 'open'> & {
  location: { href: string };
  document: Pick<Document, 'addEventListener' | 'removeEventListener'>;
};

/**
 * Keeps every link and script from taking the app's window anywhere: window.open is refused
 * (null, as a blocked pop-up), clicks on links are judged by decideLink, and a file dropped
 * outside a drop zone does not replace the app with the file. Returns the uninstall function.
 */
export function installLinkGuard(win: LinkGuardWindow, api: OutpostApi | null = desktopApi()): () => void {
  const originalOpen = win.open;
  const refusedOpen = ((url?: string | URL) => {
    console.warn('[links] window.open refused', String(url ?? '').slice(0, 200));
    return null;
  }) as typeof win.open;
  win.open = refusedOpen;

  const onClick = (event: Event) => {
    const target = event.target as { closest?: (selector: string) => AnchorLike | null } | null;
    const anchor = target?.closest?.('a[href], area[href]');
    if (!anchor) return;
    const decision = decideLink(hrefOf(anchor), win.location.href, {
      download: anchor.hasAttribute('download'),
    });
    if (decision.action === 'allow') return;
    event.preventDefault();
    if (decision.action !== 'external') return;
    if (api) void api['shell:openExternal'](decision.url);
    else originalOpen.call(win, decision.url, '_blank', 'noopener,noreferrer');
  };
  const onDragOver = (event: Event) => event.preventDefault();
  const onDrop = (event: Event) => {
    if (!event.defaultPrevented) event.preventDefault();
  };
  win.document.addEventListener('click', onClick, true);
  win.document.addEventListener('auxclick', onClick, true);
  win.addEventListener('dragover', onDragOver);
  win.addEventListener('drop', onDrop);
  return () => {
    if (win.open === refusedOpen) win.open = originalOpen;
    win.document.removeEventListener('click', onClick, true);
    win.document.removeEventListener('auxclick', onClick, true);
    win.removeEventListener('dragover', onDragOver);
    win.removeEventListener('drop', onDrop);
  };
}

export type MenuActions = {
  navigate: (path: string) => void;
  focusSearch: () => void;
  openPalette: () => void;
  openShortcuts: () => void;
  backupNow: () => void;
};

/** Carries out a native menu command the way its keyboard shortcut does. */
export function runMenuCommand(command: MenuCommand, actions: MenuActions): void {
  switch (command) {
    case 'new-ticket':
      return actions.navigate('/tickets/new');
    case 'tickets':
      return actions.navigate('/tickets');
    case 'search':
      return actions.focusSearch();
    case 'palette':
      return actions.openPalette();
    case 'shortcuts':
      return actions.openShortcuts();
    case 'settings':
      return actions.navigate('/settings');
    case 'sync-issues':
      return actions.navigate('/sync');
    case 'backup-now':
      return actions.backupNow();
  }
}

const APP_ROUTE = /^\/[A-Za-z0-9_\-/]{0,199}$/;

export type BridgeDeps = MenuActions & {
  /** The window the sync engine listens to for online/offline. */
  win: Pick<Window, 'dispatchEvent'>;
  onReloadRequired: (reason: string) => void;
};

/**
 * Feeds the shell's events to the app: menu commands run like their shortcuts, the OS's
 * network state becomes the window's online/offline events (which the sync engine already
 * follows), a clicked notification opens its page. Payloads are checked: a listener never
 * trusts what it is handed.
 */
export function installDesktopBridge(deps: BridgeDeps, api: OutpostApi | null = desktopApi()): () => void {
  if (!api) return () => undefined;
  const stops = [
    api.on('menu:command', (command) => {
      if ((MENU_COMMANDS as readonly string[]).includes(command)) runMenuCommand(command, deps);
    }),
    api.on('os:network', (signal) => {
      if (typeof signal?.online !== 'boolean') return;
      deps.win.dispatchEvent(new Event(signal.online ? 'online' : 'offline'));
    }),
    api.on('app:navigate', (route) => {
      if (typeof route === 'string' && APP_ROUTE.test(route)) deps.navigate(route);
    }),
    api.on('app:reloadRequired', (payload) => {
      deps.onReloadRequired(typeof payload?.reason === 'string' ? payload.reason.slice(0, 300) : '');
    }),
  ];
  return () => stops.forEach((stop) => stop());
}
