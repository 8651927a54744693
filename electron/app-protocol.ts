// Serves the built renderer over app://outpost/ instead of file://, so the app has a real
// origin for CSP 'self', storage and the sender checks. Every request path is resolved inside
// the renderer root or refused.
import nodePath from 'node:path';
import { APP_HOST, APP_SCHEME } from './security';

type PathApi = Pick<typeof nodePath, 'join' | 'relative' | 'isAbsolute' | 'sep' | 'extname'>;

/**
 * Maps an app:// URL to a file inside `rootDir`, or null when it must not be served.
 * `pathApi` is injectable so tests can check Windows semantics (path.win32) on Linux.
 */
export function resolveAppPath(
  rootDir: string,
  requestUrl: string,
  pathApi: PathApi = nodePath,
): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username || url.password) return null;

  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null; // malformed %-escape
  }
  // No asset name has these; refusing them outright closes the encoded-separator tricks
  // (%5C is a separator on Windows, %00 truncates in some APIs).
  if (pathname.includes('\\') || pathname.includes('\0')) return null;
  if (pathname === '' || pathname === '/') pathname = '/index.html';

  const segments = pathname.split('/').filter((segment) => segment !== '');
  // A drive letter or UNC-looking first segment would let join() leave the root on Windows.
  if (segments.some((segment) => segment === '..' || segment.includes(':'))) return null;

  const candidate = pathApi.join(rootDir, ...segments);
  const relative = pathApi.relative(rootDir, candidate);
  if (
    relative === '' ||
    relative === '..' ||
    relative.startsWith(`..${pathApi.sep}`) ||
    pathApi.isAbsolute(relative)
  ) {
    return null;
  }
  return candidate;
}

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
};

/** Module scripts only run with a JavaScript MIME type, and nosniff forbids guessing. */
export function mimeTypeFor(filePath: string, pathApi: Pick<PathApi, 'extname'> = nodePath): string {
  return MIME_TYPES[pathApi.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

export type AppProtocolDeps = {
  rootDir: string;
  /** A function when the policy can change while the app runs (a sync server was added). */
  csp: string | (() => string);
  readFile: (filePath: string) => Promise<Uint8Array>;
};

function isNotFound(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
}

/** The `protocol.handle('app', ...)` callback, with file access injected for tests. */
export function createAppProtocolHandler(deps: AppProtocolDeps): (request: Request) => Promise<Response> {
  const policy = typeof deps.csp === 'function' ? deps.csp : () => deps.csp as string;
  const securityHeaders = () => ({
    'Content-Security-Policy': policy(),
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
  });
  const respond = (status: number, body: Uint8Array | string | null, contentType: string): Response =>
    new Response(body, { status, headers: { ...securityHeaders(), 'Content-Type': contentType } });

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return respond(405, null, 'text/plain');
    const filePath = resolveAppPath(deps.rootDir, request.url);
    if (filePath === null) return respond(404, 'Not found', 'text/plain; charset=utf-8');
    try {
      const body = await deps.readFile(filePath);
      return respond(200, request.method === 'HEAD' ? null : body, mimeTypeFor(filePath));
    } catch (error) {
      if (!isNotFound(error)) return respond(500, 'Internal error', 'text/plain; charset=utf-8');
      // Client-side routes (no file extension) reload into the single-page app.
      if (nodePath.extname(filePath) === '') {
        const index = nodePath.join(deps.rootDir, 'index.html');
        return respond(
          200,
          request.method === 'HEAD' ? null : await deps.readFile(index),
          mimeTypeFor(index),
        );
      }
      return respond(404, 'Not found', 'text/plain; charset=utf-8');
    }
  };
}
