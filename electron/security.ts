// Pure security decisions for the desktop shell. Everything here parses with `new URL()` and
// compares parsed parts exactly: prefix or regex checks on raw strings are what lookalikes like
// `app://outpost.evil` or `app://outpost@evil` slip through.
import { isLoopbackHost } from './session-auth';

export const APP_SCHEME = 'app';
export const APP_HOST = 'outpost';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

export type AppUrlOptions = {
  /** Set only in development (OUTPOST_DEV_URL): also trusts http://127.0.0.1:<devPort>. */
  devPort?: number | null;
};

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True only for the app's own pages. */
export function isAppUrl(url: string, options: AppUrlOptions = {}): boolean {
  const parsed = parse(url);
  if (!parsed || parsed.username !== '' || parsed.password !== '') return false;
  if (parsed.protocol === `${APP_SCHEME}:`) {
    // `app:` is not a WHATWG special scheme, so Node keeps the host as written and gives no
    // origin: compare the host itself (case-sensitively; Chromium hands us lowercase).
    return parsed.host === APP_HOST;
  }
  const devPort = options.devPort;
  if (devPort == null) return false;
  return parsed.protocol === 'http:' && parsed.hostname === '127.0.0.1' && parsed.port === String(devPort);
}

/** Parses OUTPOST_DEV_URL; only a loopback IP with an explicit port is accepted. */
export function parseDevUrl(value: string | undefined): { url: string; port: number } | null {
  if (value === undefined || value.trim() === '') return null;
  const parsed = parse(value.trim());
  const port = parsed ? Number(parsed.port) : NaN;
  if (
    !parsed ||
    parsed.protocol !== 'http:' ||
    parsed.hostname !== '127.0.0.1' ||
    parsed.username !== '' ||
    parsed.password !== '' ||
    !Number.isInteger(port) ||
    port <= 0
  ) {
    throw new Error(`OUTPOST_DEV_URL must look like http://127.0.0.1:5190, got ${JSON.stringify(value)}`);
  }
  return { url: parsed.href, port };
}

/**
 * Links that may leave the app for the system browser: https only, host on the allow-list
 * (exact match; no wildcards), no user:password@ part (a classic phishing disguise).
 */
export function isAllowedExternalUrl(url: string, allowedHosts: readonly string[]): boolean {
  const parsed = parse(url);
  if (!parsed || parsed.protocol !== 'https:') return false;
  if (parsed.username !== '' || parsed.password !== '') return false;
  const host = parsed.hostname.toLowerCase();
  return allowedHosts.some((allowed) => allowed.toLowerCase() === host);
}

function serializeCsp(directives: Record<string, readonly string[]>): string {
  return Object.entries(directives)
    .map(([name, values]) => [name, ...values].join(' '))
    .join('; ');
}

const PRODUCTION_CSP_DIRECTIVES: Record<string, readonly string[]> = {
  'default-src': ["'self'"],
  // No 'unsafe-eval' and no inline scripts: this is what keeps an injected string from running.
  // (It is also why RxDB's ajv validator is not used: it needs eval.)
  'script-src': ["'self'"],
  // Mantine sets CSS variables and component styles through inline style attributes and
  // injected <style> tags. Inline styles cannot run code, so allowing them is an accepted trade.
  'style-src': ["'self'", "'unsafe-inline'"],
  // data: and blob: for photos, QR previews and generated images.
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  // Browser mode: the user may type any sync server, so loopback or any https host. The desktop
  // shell narrows this to the servers it knows (desktopContentSecurityPolicy).
  'connect-src': ["'self'", 'http://127.0.0.1:*', 'http://localhost:*', 'https:'],
  'worker-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'frame-ancestors': ["'none'"],
  'form-action': ["'none'"],
};

/**
 * The browser-mode policy: the meta tag of the built index.html and the header of the
 * browser-mode server. In the desktop shell both this tag and the shell's narrower header
 * apply, and a browser enforces every policy it is given, so the narrower one wins.
 */
export const CONTENT_SECURITY_POLICY = serializeCsp(PRODUCTION_CSP_DIRECTIVES);

const SOURCE_HOST =
  /^(\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*)$/;

/**
 * The origin a sync server URL may be contacted at, as a CSP source, or null when it must not
 * be: https anywhere, plain http only on this computer (the same rule as sign-in), no
 * credentials in the URL. The origin comes from the URL parser and its host must be a plain DNS name or IP literal, so it
 * can hold no quote, space, semicolon or wildcard that would change the policy; an IDN host
 * arrives in its punycode form.
 */
export function syncServerOrigin(url: string): string | null {
  const parsed = parse(url);
  if (!parsed || parsed.username !== '' || parsed.password !== '') return null;
  // The WHATWG parser keeps characters such as '*' in a host ('https://*' parses): in a CSP that
  // would be a wildcard. Only DNS names and IP literals pass.
  if (!SOURCE_HOST.test(parsed.hostname)) return null;
  if (parsed.protocol === 'https:') return parsed.origin;
  if (parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname)) return parsed.origin;
  return null;
}

/** Origins in a stable order without duplicates; anything that is not a clean origin is dropped. */
export function normalizeSyncOrigins(urls: readonly string[]): string[] {
  const origins = new Set<string>();
  for (const url of urls) {
    const origin = syncServerOrigin(url);
    if (origin !== null) origins.add(origin);
  }
  return [...origins].sort();
}

export type DesktopCspOptions = {
  /** Sync servers the user has signed in to (any URL; reduced to clean origins). */
  syncServers: readonly string[];
  /** Development only: the Vite dev server's port (inline preamble and HMR socket). */
  devPort?: number | null;
};

/**
 * The policy the desktop shell sends with every page: connect-src lists only the app itself and
 * the configured sync servers, so even injected script could not send data anywhere else.
 */
export function desktopContentSecurityPolicy(options: DesktopCspOptions): string {
  const directives = { ...PRODUCTION_CSP_DIRECTIVES };
  directives['connect-src'] = ["'self'", ...normalizeSyncOrigins(options.syncServers)];
  if (options.devPort != null) {
    directives['script-src'] = ["'self'", "'unsafe-inline'"];
    directives['connect-src'] = [...directives['connect-src'], `ws://127.0.0.1:${options.devPort}`];
  }
  return serializeCsp(directives);
}

/**
 * Development only (OUTPOST_DEV_URL, never in a packaged app): Vite's dev server injects an
 * inline React Refresh preamble and talks to its HMR websocket. Still no 'unsafe-eval'.
 */
export function devContentSecurityPolicy(devPort: number): string {
  const dev = { ...PRODUCTION_CSP_DIRECTIVES };
  dev['script-src'] = ["'self'", "'unsafe-inline'"];
  dev['connect-src'] = [...(dev['connect-src'] ?? []), `ws://127.0.0.1:${devPort}`];
  return serializeCsp(dev);
}

/** Returns response headers with our CSP, dropping any CSP header already present. */
export function withCspHeader(
  headers: Record<string, string | string[]> | undefined,
  csp: string,
): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') result[name] = value;
  }
  result['Content-Security-Policy'] = [csp];
  return result;
}

export type PermissionQuery = {
  permission: string;
  /** URL of the frame asking; '' or unparsable counts as untrusted. */
  requestingUrl: string;
  /** For 'media': which devices ('video', 'audio', 'unknown'). */
  mediaTypes?: readonly string[];
};

/**
 * Deny by default. Allowed, and only for the app's own pages: notifications (assignments, SLA
 * warnings) and the camera alone (asset-tag scanning during audits; no microphone, no screen).
 */
export function isPermissionAllowed(query: PermissionQuery, options: AppUrlOptions = {}): boolean {
  if (!isAppUrl(query.requestingUrl, options)) return false;
  switch (query.permission) {
    case 'notifications':
      return true;
    case 'media': {
      const types = query.mediaTypes ?? [];
      return types.length > 0 && types.every((type) => type === 'video');
    }
    default:
      return false;
  }
}
