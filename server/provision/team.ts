/**
 * Sets up (or brings up to date) a team database on a CouchDB-compatible server: the database,
 * its security object, the `_design/outpost` write rules, the sign-in accounts and, on request,
 * the demo team. Every step reads before it writes, so running it again changes only what
 * differs and never duplicates anything. Works against Apache CouchDB 3.x and the embedded
 * server alike.
 */
import { validateDocUpdate } from '../../shared/sync/rules';
import { ROLES } from '../../shared/domain/model';
import { CouchClient, docPath, type Credentials } from './couch';
import { demoAccounts, demoDocuments } from './demo';
import {
  ensureUsersDatabase,
  upsertUser,
  validateProvisionUser,
  type ProvisionUser,
  type ProvisionedUser,
} from './users';
import { writeMissing, type WriteSummary } from './bulk';

export interface ProvisionOptions {
  /** Server base URL, e.g. http://127.0.0.1:5984 (no credentials in it). */
  url: string;
  /** A server admin. */
  admin: Credentials;
  /** Team database name. */
  db: string;
  users?: ProvisionUser[];
  /** Load the demo team and tickets, and create `demo-<role>` accounts. */
  demo?: boolean;
  /** Reference time of demo tickets on their first load (default: now, as when a replica
   * seeds itself); later runs reuse the first one. */
  now?: number;
}

export interface ProvisionResult {
  db: string;
  createdDatabase: boolean;
  designDocument: 'created' | 'updated' | 'unchanged';
  users: ProvisionedUser[];
  demo: WriteSummary | null;
}

export const DESIGN_DOC_ID = '_design/outpost';
/** Remembers the reference time of the first demo load (local documents never replicate). */
export const DEMO_MARK_ID = '_local/outpost-demo';

/** CouchDB's rule for database names. */
const DB_NAME = /^[a-z][a-z0-9_$()+/-]*$/;

/** Who may do what at database level; document-level rules are in `_design/outpost`. */
export const TEAM_SECURITY = {
  admins: { roles: ['admin'] },
  members: { roles: [...ROLES] },
} as const;

interface SecuritySection {
  names?: string[];
  roles?: string[];
}

/** The validation function's source, checked to stand alone before it is installed. */
export function validationSource(): string {
  const source = validateDocUpdate.toString();
  const standalone: unknown = new Function(`return (${source});`)();
  if (typeof standalone !== 'function') throw new Error('validateDocUpdate does not evaluate to a function.');
  return source;
}

async function assertServerAdmin(client: CouchClient, name: string): Promise<void> {
  const session = await client.get<{ userCtx?: { name?: string; roles?: string[] } }>('/_session');
  if (!session.userCtx?.roles?.includes('_admin')) {
    throw new Error(`"${name}" is not a server admin on this server (wrong name or password?).`);
  }
}

async function ensureDatabase(client: CouchClient, db: string): Promise<boolean> {
  const response = await client.put(docPath(db), undefined, [412]);
  return response.status !== 412;
}

async function ensureSecurity(client: CouchClient, db: string): Promise<void> {
  const current = await client.get<{ admins?: SecuritySection; members?: SecuritySection }>(
    `${docPath(db)}/_security`,
  );
  // Names someone added by hand stay; the roles are Outpost's.
  await client.put(`${docPath(db)}/_security`, {
    admins: { names: current.admins?.names ?? [], roles: [...TEAM_SECURITY.admins.roles] },
    members: { names: current.members?.names ?? [], roles: [...TEAM_SECURITY.members.roles] },
  });
}

async function ensureDesignDocument(
  client: CouchClient,
  db: string,
): Promise<ProvisionResult['designDocument']> {
  const path = docPath(db, DESIGN_DOC_ID);
  const source = validationSource();
  const existing = await client.getOrNull<{ _rev: string; validate_doc_update?: string }>(path);
  if (existing?.validate_doc_update === source) return 'unchanged';
  await client.put(path, {
    ...(existing ?? {}),
    _id: DESIGN_DOC_ID,
    language: 'javascript',
    validate_doc_update: source,
  });
  return existing ? 'updated' : 'created';
}

/**
 * Demo tickets are dated relative to a reference time and their ids derive from those dates,
 * so every later run must reuse the first run's time or it would add a second set.
 */
async function demoReferenceTime(
  client: CouchClient,
  db: string,
  requested: number | undefined,
): Promise<number> {
  const path = docPath(db, DEMO_MARK_ID);
  const mark = await client.getOrNull<{ now?: unknown }>(path);
  if (mark && typeof mark.now === 'number') return mark.now;
  const now = requested ?? Date.now();
  await client.put(path, { ...(mark ?? {}), now });
  return now;
}

export async function provisionTeam(options: ProvisionOptions): Promise<ProvisionResult> {
  if (!DB_NAME.test(options.db)) {
    throw new Error(
      `"${options.db}" is not a valid database name (lowercase letter first, then a-z 0-9 _$()+-/).`,
    );
  }
  const users = [...(options.users ?? [])];
  for (const user of users) {
    const invalid = validateProvisionUser(user);
    if (invalid) throw new Error(invalid);
    if (user.name === options.admin.name) throw new Error(`"${user.name}" is the server admin's own name.`);
  }
  const client = new CouchClient(options.url, options.admin);
  await assertServerAdmin(client, options.admin.name);

  const createdDatabase = await ensureDatabase(client, options.db);
  await ensureSecurity(client, options.db);
  const designDocument = await ensureDesignDocument(client, options.db);

  let demo: WriteSummary | null = null;
  if (options.demo) {
    const data = demoDocuments(await demoReferenceTime(client, options.db, options.now));
    demo = await writeMissing(client, options.db, data.docs);
    for (const account of demoAccounts(data.team)) {
      if (!users.some((user) => user.name === account.name)) users.push(account);
    }
  }

  const provisioned: ProvisionedUser[] = [];
  if (users.length > 0) await ensureUsersDatabase(client);
  for (const user of users) provisioned.push(await upsertUser(client, user));
  return { db: options.db, createdDatabase, designDocument, users: provisioned, demo };
}
