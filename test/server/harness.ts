/**
 * A real CouchDB-compatible server for tests (vitest suites, Playwright global setup).
 *
 *   const server = await startTestServer();            // embedded, free port, temp data folder
 *   await createTestTeam(server, { db: 'team-x', users: [{ name, password, role, personId }] });
 *   …real HTTP against server.url…
 *   await server.stop();                               // stops it and deletes its data
 *
 * With OUTPOST_TEST_COUCH_URL set (plus OUTPOST_TEST_COUCH_ADMIN_USER and
 * OUTPOST_TEST_COUCH_ADMIN_PASSWORD), the same suites run against that server instead, e.g. an
 * Apache CouchDB 3.x; `external` is then true, `killChild` and `restart` throw, and `stop`
 * deletes the databases and accounts `createTestTeam` made. Use `uniqueName` for database and
 * user names so runs sharing one server never collide.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { generatePassword } from '../../server/adminConfig';
import { startSupervisedServer, type SupervisedServer } from '../../server/supervisor';
import { provisionTeam, type ProvisionResult } from '../../server/provision/team';
import type { Role } from '../../shared/domain/model';

export interface Credentials {
  name: string;
  password: string;
}

export interface TestServer {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:41234 */
  url: string;
  /** A server admin (`_admin`). */
  admin: Credentials;
  /** True when running against OUTPOST_TEST_COUCH_URL (no process of ours to kill or restart). */
  external: boolean;
  /** Stops the server (embedded) and removes what the tests created. */
  stop(): Promise<void>;
  /** Kills the server process as a crash would; resolves once the supervisor noticed. */
  killChild(): Promise<void>;
  /** Resolves once the server accepts requests (after a restart, the new process). */
  waitUntilUp(): Promise<void>;
  /** Stops and starts the embedded server again on the same port and data folder. */
  restart(): Promise<void>;
  /** The embedded server's data folder (null when external). */
  dataDir: string | null;
  /** What the supervisor reported (process exits, restarts); empty when external. */
  log: readonly string[];
}

export interface TestServerOptions {
  /** Browser origins to allow besides the app's own (embedded server only). */
  corsOrigins?: string[];
}

export interface TestUser extends Credentials {
  role: Role;
  personId: string;
}

const created = new WeakMap<TestServer, { dbs: Set<string>; users: Set<string> }>();

/** A lowercase name unique to this run, valid as a database and a user name. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

/** A cookie session from `signIn`: the server checks the password once, not per request. */
export interface Session {
  cookie: string;
}

/**
 * One HTTP request; `as` signs in with Basic auth (credentials) or a session cookie.
 * Answers the status, headers and parsed JSON body.
 */
export async function couchRequest(
  url: string,
  path: string,
  init: {
    method?: string;
    as?: Credentials | Session;
    body?: unknown;
    headers?: Record<string, string>;
  } = {},
): Promise<{ status: number; headers: Headers; body: unknown }> {
  const headers: Record<string, string> = { Accept: 'application/json', ...init.headers };
  if (init.as && 'cookie' in init.as) headers.Cookie = init.as.cookie;
  else if (init.as) {
    headers.Authorization = `Basic ${Buffer.from(`${init.as.name}:${init.as.password}`).toString('base64')}`;
  }
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(url + path, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text ? (JSON.parse(text) as unknown) : null,
  };
}

/** Opens a cookie session (POST /_session); throws when the server refuses the credentials. */
export async function signIn(url: string, credentials: Credentials): Promise<Session> {
  const response = await fetch(`${url}/_session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ name: credentials.name, password: credentials.password }),
  });
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  if (!response.ok || !cookie)
    throw new Error(`Signing in as ${credentials.name} failed (${response.status}).`);
  return { cookie };
}

/** Polls the welcome document: for a server that is not ours there is no event to wait on. */
async function waitForExternal(url: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      if ((await fetch(`${url}/`)).ok) return;
    } catch (error) {
      if (attempt >= 50) throw new Error(`${url} is not answering: ${(error as Error).message}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function externalServer(url: string): TestServer {
  const admin = {
    name: process.env.OUTPOST_TEST_COUCH_ADMIN_USER ?? 'admin',
    password: process.env.OUTPOST_TEST_COUCH_ADMIN_PASSWORD ?? '',
  };
  const unsupported = async () => {
    throw new Error('Not possible against an external server (OUTPOST_TEST_COUCH_URL).');
  };
  const server: TestServer = {
    url: url.replace(/\/+$/, ''),
    admin,
    external: true,
    dataDir: null,
    log: [],
    killChild: unsupported,
    restart: unsupported,
    waitUntilUp: () => waitForExternal(server.url),
    async stop() {
      const made = created.get(server);
      for (const db of made?.dbs ?? []) {
        await couchRequest(server.url, `/${encodeURIComponent(db)}`, { method: 'DELETE', as: admin });
      }
      for (const name of made?.users ?? []) {
        const path = `/_users/${encodeURIComponent(`org.couchdb.user:${name}`)}`;
        const user = await couchRequest(server.url, path, { as: admin });
        const rev = (user.body as { _rev?: string } | null)?._rev;
        if (rev) await couchRequest(server.url, `${path}?rev=${rev}`, { method: 'DELETE', as: admin });
      }
    },
  };
  return server;
}

async function embeddedServer(options: TestServerOptions): Promise<TestServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'outpost-server-'));
  const admin = { name: 'admin', password: generatePassword() };
  const lines: string[] = [];
  // Only the first start names the admin: after a restart the admin must come from the data
  // folder, or tests of its persistence would pass whatever happened to it.
  const start = (port: number, first: boolean) =>
    startSupervisedServer({
      port,
      dataDir,
      corsOrigins: options.corsOrigins ?? [],
      ...(first ? { adminUser: admin.name, adminPassword: admin.password } : {}),
      // Kept for assertions instead of interleaving with the test output.
      log: (line) => lines.push(line),
    });
  let supervised: SupervisedServer = await start(0, true);
  return {
    url: supervised.url,
    admin,
    external: false,
    dataDir,
    log: lines,
    killChild: () => supervised.killChild('SIGKILL'),
    waitUntilUp: () => supervised.waitUntilUp(),
    async restart() {
      await supervised.stop();
      supervised = await start(supervised.port, false);
    },
    async stop() {
      await supervised.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const external = process.env.OUTPOST_TEST_COUCH_URL;
  const server = external ? externalServer(external) : await embeddedServer(options);
  created.set(server, { dbs: new Set(), users: new Set() });
  await server.waitUntilUp();
  return server;
}

/** Provisions a team database with these accounts (and, with `demo`, the demo team). */
export async function createTestTeam(
  server: TestServer,
  team: { db: string; users: TestUser[]; demo?: boolean; now?: number },
): Promise<ProvisionResult> {
  const made = created.get(server);
  made?.dbs.add(team.db);
  for (const user of team.users) made?.users.add(user.name);
  const result = await provisionTeam({ url: server.url, admin: server.admin, ...team });
  for (const user of result.users) made?.users.add(user.name);
  return result;
}
