/**
 * Cross-origin access for the Outpost app only. The desktop app (app://outpost) and browser
 * mode (http://127.0.0.1:5190, http://localhost:5190) talk to the sync server from another
 * origin, so the server must answer CORS; any other origin gets no CORS headers at all, and its
 * state-changing requests are refused outright (a page elsewhere must not write with a
 * signed-in user's cookie).
 */
import type { RequestHandler } from 'express';

export const APP_ORIGINS: readonly string[] = [
  'app://outpost',
  'http://127.0.0.1:5190',
  'http://localhost:5190',
];

const ALLOWED_METHODS = 'GET, POST, PUT, DELETE, HEAD, OPTIONS';
const ALLOWED_HEADERS = 'Content-Type, Accept, Authorization, If-Match, X-Requested-With';
// Replication reads revisions from ETag; everything else a client needs is in the body.
const EXPOSED_HEADERS = 'ETag, Content-Type, Cache-Control';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The canonical `scheme://host[:port]` form of an origin, or an Error saying why it is not
 * one. URL#origin is 'null' for custom schemes such as app://, so the parts are checked here.
 */
export function normalizeOrigin(input: string): string | Error {
  const text = input.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return new Error(`"${input}" is not an origin (expected e.g. http://127.0.0.1:5190).`);
  }
  const bare = url.pathname === '' || url.pathname === '/';
  if (!url.host || !bare || url.search || url.hash || url.username || url.password) {
    return new Error(`"${input}" is not an origin: use scheme://host[:port] without a path.`);
  }
  if (text.endsWith('/')) return new Error(`"${input}" is not an origin: drop the trailing slash.`);
  return `${url.protocol}//${url.host}`;
}

/** The app's origins plus the configured extra ones; throws on the first malformed entry. */
export function allowedOrigins(extra: readonly string[]): Set<string> {
  const result = new Set(APP_ORIGINS);
  for (const entry of extra) {
    const origin = normalizeOrigin(entry);
    if (origin instanceof Error) throw origin;
    result.add(origin);
  }
  return result;
}

/** Origins from a comma-separated environment value (blank entries ignored). */
export function splitOriginList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

export function corsMiddleware(allowed: ReadonlySet<string>): RequestHandler {
  return (req, res, next) => {
    // Every answer depends on Origin, so caches must key on it even when no CORS header is set.
    res.vary('Origin');
    const origin = req.headers.origin;
    const preflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
    if (origin === undefined) return next();
    if (!allowed.has(origin)) {
      if (preflight || !SAFE_METHODS.has(req.method)) {
        res.status(403).json({ error: 'forbidden', reason: `Requests from ${origin} are not allowed.` });
        return;
      }
      return next();
    }
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
    if (!preflight) return next();
    res.setHeader('Access-Control-Allow-Methods', ALLOWED_METHODS);
    res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
    res.setHeader('Access-Control-Max-Age', '600');
    res.status(204).end();
  };
}
