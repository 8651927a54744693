/**
 * Database-level protections. They apply whatever the HTTP route (document PUT, POST, COPY,
 * `_bulk_docs`, attachments):
 * - design documents and `_local/_security` may be written by the server admin only. On this
 *   server design-document functions run inside the server process itself (express-pouchdb
 *   evaluates them without a sandbox), so writing one is running code on the host; and the
 *   security object lives in `_local/_security`, which any member could otherwise overwrite.
 *   Installed on every database express-pouchdb opens (but `_users`, which only the server
 *   admin reaches, see guards.ts). Calls made inside the server carry no user and are trusted.
 * - a database whose security object names no members is for server admins only, as in
 *   CouchDB 3 (PouchDB would open it to everyone).
 */
import Security from 'pouchdb-security';
import wrappers, { type WrapperArgs } from 'pouchdb-wrappers';

const SECURITY_DOC = '_local/_security';

interface SecuritySection {
  names?: string[];
  roles?: string[];
}

export interface SecurityObject {
  admins?: SecuritySection;
  members?: SecuritySection;
  [key: string]: unknown;
}

/** The security object with CouchDB 3's default (server admins only) when it has no members. */
export function withAdminOnlyDefault(security: SecurityObject): SecurityObject {
  const members = security.members ?? {};
  if ((members.names?.length ?? 0) > 0 || (members.roles?.length ?? 0) > 0) return security;
  return { ...security, members: { names: [], roles: ['_admin'] } };
}

/** Whether a document id is one only the server admin may write on this server. */
export function isServerAdminDocument(id: unknown): boolean {
  return typeof id === 'string' && (id.startsWith('_design/') || id === SECURITY_DOC);
}

function forbidden(reason: string): Error {
  return Object.assign(new Error(reason), { name: 'forbidden', status: 403 });
}

function writtenIds(args: WrapperArgs): unknown[] {
  if (args.docs) return args.docs.map((doc) => doc?._id);
  if (args.doc) return [args.doc._id];
  return [args.docId];
}

async function serverAdminWrites(original: () => Promise<unknown>, args: WrapperArgs): Promise<unknown> {
  const user = args.options.userCtx;
  const trusted = user === undefined || user.roles.includes('_admin');
  if (!trusted && writtenIds(args).some(isServerAdminDocument)) {
    throw forbidden(
      'Only the server admin may write design documents or the security object on this server.',
    );
  }
  return original();
}

export function protectDatabase(db: unknown): void {
  wrappers.installWrapperMethods(db, {
    put: serverAdminWrites,
    post: serverAdminWrites,
    remove: serverAdminWrites,
    bulkDocs: serverAdminWrites,
    putAttachment: serverAdminWrites,
    removeAttachment: serverAdminWrites,
  });
}

let defaultInstalled = false;

/**
 * Makes every read of a security object apply the admin-only default. pouchdb-security reads it
 * through its exported `getSecurity` both for `GET /db/_security` and for its access checks
 * (several express-pouchdb routes run before the per-request copy is loaded), so the default is
 * applied there, once, before PouchDB gets the plugin.
 */
export function installAdminOnlyDefault(): void {
  if (defaultInstalled) return;
  defaultInstalled = true;
  const stored = Security.getSecurity;
  Security.getSecurity = function (this: unknown, callback?: unknown) {
    const promise = stored
      .call(this)
      .then((security) => withAdminOnlyDefault((security ?? {}) as SecurityObject));
    if (typeof callback === 'function')
      promise.then((result) => callback(null, result), callback as (e: unknown) => void);
    return promise;
  };
}
