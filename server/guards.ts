/**
 * Request-level access rules that express-pouchdb lacks or gets wrong:
 * - server-wide endpoints (`/_all_dbs`, `/_config`, `/_users`, …) are for the server admin only;
 *   express-pouchdb serves `_all_dbs` to anyone, and lets a user rewrite their own `_users`
 *   document, roles included;
 * - creating or deleting a database is for the server admin only; express-pouchdb crashes the
 *   process (`db.info is not a function`) when anyone else tries;
 * - a database's `_local/_security` document is the security object itself, which
 *   express-pouchdb lets any member overwrite.
 * The decision is a pure function of method, path and user so it can be tested on its own.
 */
import type { RequestHandler } from 'express';

export interface SessionUser {
  name: string | null;
  roles: string[];
}

export interface Refusal {
  status: 400 | 401 | 403;
  error: string;
  reason: string;
}

/** Server-level endpoints anyone may call: the welcome document, sessions, uuids, `_up`. */
const PUBLIC_ENDPOINTS = new Set(['', '_session', '_uuids', '_up']);

export function isServerAdmin(user: SessionUser | undefined): boolean {
  return user !== undefined && user.roles.includes('_admin');
}

/** Decoded path segments (`/%5Fusers/x` and `/_users/x` are the same path to the server). */
export function pathSegments(path: string): string[] | null {
  try {
    return path
      .split('/')
      .filter((part) => part !== '')
      .map((part) => decodeURIComponent(part));
  } catch {
    return null;
  }
}

function refuse(user: SessionUser, reason: string): Refusal {
  return user.name === null
    ? { status: 401, error: 'unauthorized', reason: `${reason} Sign in as the server admin.` }
    : { status: 403, error: 'forbidden', reason };
}

/** null when the request may go on to express-pouchdb, else the answer to give instead. */
export function decideAccess(method: string, path: string, user: SessionUser): Refusal | null {
  if (isServerAdmin(user)) return null;
  const segments = pathSegments(path);
  if (segments === null) return { status: 400, error: 'bad_request', reason: 'Malformed URL encoding.' };
  const first = segments[0] ?? '';
  if (first.startsWith('_')) {
    if (PUBLIC_ENDPOINTS.has(first)) return null;
    return refuse(user, `Only the server admin may use /${first}.`);
  }
  if (segments.length === 1 && (method === 'PUT' || method === 'DELETE')) {
    // Always 403, signed in or not: nothing a non-admin could sign in with would be allowed.
    return {
      status: 403,
      error: 'forbidden',
      reason: 'Only the server admin may create or delete databases.',
    };
  }
  const rest = segments.slice(1).join('/');
  if (rest === '_local/_security' || rest.startsWith('_local/_security/')) {
    return { status: 403, error: 'forbidden', reason: 'The security object is changed through /_security.' };
  }
  return null;
}

/** Applies `decideAccess` once express-pouchdb has identified the user (`req.couchSession`). */
export function accessGuard(): RequestHandler {
  return (req, res, next) => {
    const session = (req as { couchSession?: { userCtx?: SessionUser } }).couchSession;
    const user = session?.userCtx ?? { name: null, roles: [] };
    const refusal = decideAccess(req.method, req.path, user);
    if (!refusal) return next();
    res.status(refusal.status).json({ error: refusal.error, reason: refusal.reason });
  };
}
