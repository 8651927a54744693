// The sync server over real HTTP: no admin party, escalations refused, CORS, the crash guard,
// supervision. Parts that depend on the embedded server itself (its process, its CORS setup,
// its stricter design-document rule) are skipped against an external CouchDB.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHILD_ENTRY, PACKAGE_ROOT } from '../../server/paths';
import { startSupervisedServer } from '../../server/supervisor';
import {
  couchRequest,
  createTestTeam,
  startTestServer,
  uniqueName,
  type TestServer,
  type TestUser,
} from './harness';

const EXTRA_ORIGIN = 'http://localhost:4173';
const external = Boolean(process.env.OUTPOST_TEST_COUCH_URL);

let server: TestServer;
let db: string;
let agent: TestUser;
let admin: TestUser;

beforeAll(async () => {
  server = await startTestServer({ corsOrigins: [EXTRA_ORIGIN] });
  db = uniqueName('team');
  agent = { name: uniqueName('agent'), password: 'agent-password', role: 'agent', personId: 'per_AGENT' };
  admin = { name: uniqueName('admin'), password: 'admin-password', role: 'admin', personId: 'per_ADMIN' };
  await createTestTeam(server, { db, users: [agent, admin] });
});

afterAll(async () => {
  await server?.stop();
});

const refused = [401, 403];

async function securityOf(name: string) {
  return (await couchRequest(server.url, `/${name}/_security`, { as: server.admin })).body;
}

describe('no admin party', () => {
  it('refuses anonymous server-wide requests', async () => {
    for (const path of ['/_all_dbs', '/_users/_all_docs', `/_users/org.couchdb.user:${agent.name}`]) {
      expect(refused, path).toContain((await couchRequest(server.url, path)).status);
    }
  });

  it('refuses anonymous access to the team database, and lets members in', async () => {
    expect(refused).toContain((await couchRequest(server.url, `/${db}`)).status);
    expect(refused).toContain((await couchRequest(server.url, `/${db}/_all_docs`)).status);
    expect(refused).toContain((await couchRequest(server.url, `/${db}/_changes`)).status);
    const write = await couchRequest(server.url, `/${db}/x`, { method: 'PUT', body: { type: 'ci' } });
    expect(refused).toContain(write.status);
    expect((await couchRequest(server.url, `/${db}`, { as: agent })).status).toBe(200);
  });

  it('refuses anonymous database creation, and creates nothing', async () => {
    const name = uniqueName('anon');
    const answer = await couchRequest(server.url, `/${name}`, { method: 'PUT' });
    expect(refused).toContain(answer.status);
    if (!external) expect(answer).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    const dbs = (await couchRequest(server.url, '/_all_dbs', { as: server.admin })).body as string[];
    expect(dbs).not.toContain(name);
  });

  it('keeps a database without members to server admins (CouchDB 3 default)', async () => {
    const name = uniqueName('bare');
    expect((await couchRequest(server.url, `/${name}`, { method: 'PUT', as: server.admin })).status).toBe(
      201,
    );
    try {
      expect(refused).toContain((await couchRequest(server.url, `/${name}/_all_docs`, { as: agent })).status);
      expect(refused).toContain((await couchRequest(server.url, `/${name}`)).status);
    } finally {
      await couchRequest(server.url, `/${name}`, { method: 'DELETE', as: server.admin });
    }
  });

  it.skipIf(external)('keeps the server admin across a restart, stored only as a hash', async () => {
    await server.restart();
    const dbs = await couchRequest(server.url, '/_all_dbs', { as: server.admin });
    expect(dbs.status).toBe(200);
    expect(dbs.body).toContain(db);
    expect(refused).toContain((await couchRequest(server.url, '/_all_dbs')).status);
    const config = await readFile(join(server.dataDir ?? '', 'config.json'), 'utf8');
    expect(config).not.toContain(server.admin.password);
    expect(config).toMatch(/"admin": "-pbkdf2-[0-9a-f]+,[0-9a-f]+,\d+"/);
  });
});

describe('escalations', () => {
  it('does not let a user give themselves roles', async () => {
    const path = `/_users/org.couchdb.user:${agent.name}`;
    const own = await couchRequest(server.url, path, { as: server.admin });
    const doc = own.body as { _rev: string };
    for (const roles of [['admin', 'person:per_AGENT'], ['_admin']]) {
      const attempt = await couchRequest(server.url, path, {
        method: 'PUT',
        as: agent,
        body: { ...doc, roles, password: agent.password },
      });
      expect(refused, roles.join()).toContain(attempt.status);
    }
    const session = await couchRequest(server.url, '/_session', { as: agent });
    expect((session.body as { userCtx: { roles: string[] } }).userCtx.roles.sort()).toEqual([
      'agent',
      'person:per_AGENT',
    ]);
  });

  it('does not let a member rewrite the security object through _local/_security', async () => {
    const before = await securityOf(db);
    const forged = { security: { admins: { names: [agent.name] }, members: { names: [agent.name] } } };
    const put = await couchRequest(server.url, `/${db}/_local/_security`, {
      method: 'PUT',
      as: agent,
      body: forged,
    });
    const bulk = await couchRequest(server.url, `/${db}/_bulk_docs`, {
      method: 'POST',
      as: agent,
      body: { docs: [{ _id: '_local/_security', ...forged }] },
    });
    if (!external) {
      expect(put.status).toBe(403);
      expect(bulk.status).toBe(403);
    }
    expect(await securityOf(db)).toEqual(before);
    expect(refused).toContain(
      (
        await couchRequest(server.url, `/${db}/_security`, {
          method: 'PUT',
          as: agent,
          body: forged.security,
        })
      ).status,
    );
  });

  // On CouchDB database admins may write them: its JavaScript runs sandboxed, not in the server.
  it.skipIf(external)('keeps design documents (code run by the server) to the server admin', async () => {
    const ddoc = { _id: '_design/evil', validate_doc_update: 'function () {}' };
    const answer = await couchRequest(server.url, `/${db}/_design/evil`, {
      method: 'PUT',
      as: admin,
      body: ddoc,
    });
    expect(answer).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    const bulk = await couchRequest(server.url, `/${db}/_bulk_docs`, {
      method: 'POST',
      as: admin,
      body: { docs: [ddoc] },
    });
    expect(bulk.status).toBe(403);
    expect((await couchRequest(server.url, `/${db}/_design/evil`, { as: server.admin })).status).toBe(404);
  });
});

describe('the crash guard', () => {
  it('answers 403 to a non-admin creating or deleting a database, and keeps serving', async () => {
    const logBefore = server.log.length;
    const create = await couchRequest(server.url, `/${uniqueName('new')}`, { method: 'PUT', as: agent });
    const remove = await couchRequest(server.url, `/${db}`, { method: 'DELETE', as: agent });
    if (external) {
      expect(refused).toContain(create.status);
      expect(refused).toContain(remove.status);
    } else {
      expect(create).toMatchObject({ status: 403, body: { error: 'forbidden' } });
      expect(remove).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    }
    expect((await couchRequest(server.url, '/')).status).toBe(200);
    expect((await couchRequest(server.url, `/${db}`, { as: agent })).status).toBe(200);
    // No process exit was reported in between.
    expect(server.log.length).toBe(logBefore);
  });
});

describe.skipIf(external)('CORS', () => {
  function corsHeaders(headers: Headers) {
    return {
      origin: headers.get('access-control-allow-origin'),
      credentials: headers.get('access-control-allow-credentials'),
      vary: headers.get('vary'),
    };
  }

  it.each(['app://outpost', 'http://127.0.0.1:5190', 'http://localhost:5190', EXTRA_ORIGIN])(
    'echoes the allowed origin %s',
    async (origin) => {
      const answer = await couchRequest(server.url, '/', { headers: { Origin: origin } });
      expect(corsHeaders(answer.headers)).toEqual({
        origin,
        credentials: 'true',
        vary: expect.stringContaining('Origin'),
      });
    },
  );

  it('answers a preflight from an allowed origin', async () => {
    const response = await fetch(`${server.url}/${db}/doc`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'app://outpost',
        'Access-Control-Request-Method': 'PUT',
        'Access-Control-Request-Headers': 'content-type,authorization',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('app://outpost');
    expect(response.headers.get('access-control-allow-methods')).toBe(
      'GET, POST, PUT, DELETE, HEAD, OPTIONS',
    );
    expect(response.headers.get('access-control-allow-headers')).toBe(
      'Content-Type, Accept, Authorization, If-Match, X-Requested-With',
    );
  });

  it('gives another origin no CORS headers and refuses its writes', async () => {
    const evil = 'http://evil.example';
    const read = await couchRequest(server.url, '/', { headers: { Origin: evil } });
    expect(read.status).toBe(200);
    expect(corsHeaders(read.headers)).toMatchObject({ origin: null, credentials: null });
    const preflight = await fetch(`${server.url}/${db}`, {
      method: 'OPTIONS',
      headers: { Origin: evil, 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-methods')).toBeNull();
    const write = await couchRequest(server.url, `/${db}`, {
      method: 'POST',
      as: agent,
      headers: { Origin: evil },
      body: { type: 'ci', updatedBy: 'per_AGENT' },
    });
    expect(write.status).toBe(403);
  });
});

describe.skipIf(external)('supervision', () => {
  it('restarts a killed server process, with the data intact', async () => {
    const doc = { _id: uniqueName('ci'), type: 'ci', name: 'Printer', updatedBy: 'per_AGENT' };
    expect(
      (await couchRequest(server.url, `/${db}/${doc._id}`, { method: 'PUT', as: agent, body: doc })).status,
    ).toBe(201);
    const exitsBefore = server.log.length;
    await server.killChild();
    await server.waitUntilUp();
    expect(server.log.slice(exitsBefore).join('\n')).toMatch(/stopped \(signal SIGKILL\); starting it again/);
    const read = await couchRequest(server.url, `/${db}/${doc._id}`, { as: agent });
    expect(read).toMatchObject({ status: 200, body: { name: 'Printer' } });
  });
});

describe.skipIf(external)('start-up', () => {
  async function withTempDir<T>(use: (dir: string) => Promise<T>): Promise<T> {
    const dir = await mkdtemp(join(tmpdir(), 'outpost-start-'));
    try {
      return await use(dir);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  it('reports why the server process could not start', async () => {
    const port = Number(new URL(server.url).port);
    await withTempDir(async (dir) => {
      const second = startSupervisedServer({ port, dataDir: dir, log: () => {} });
      await expect(second).rejects.toThrow(/Cannot listen on 127\.0\.0\.1:\d+: .*EADDRINUSE/);
      // The admin made for that start is undone: its generated password was never shown.
      await expect(readFile(join(dir, 'config.json'), 'utf8')).rejects.toThrow(/ENOENT/);
    });
  });

  it('never serves a data folder without a server admin', async () => {
    await withTempDir(async (dir) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', CHILD_ENTRY, '--port', '0', '--host', '127.0.0.1', '--data', dir],
        {
          cwd: PACKAGE_ROOT,
          stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
        },
      );
      const message = new Promise((resolve) => child.once('message', resolve));
      const code = await new Promise((resolve) => child.once('exit', resolve));
      expect(code).toBe(1);
      expect(await message).toEqual({ type: 'failed', message: expect.stringMatching(/No server admin/) });
    });
  });
});

describe.skipIf(external)('the server log', () => {
  it('records requests without credentials', async () => {
    const log = await readFile(join(server.dataDir ?? '', 'log.txt'), 'utf8');
    expect(log).toMatch(/GET \/_all_dbs 401/);
    expect(log).not.toMatch(/authorization|basic |cookie|AuthSession/i);
    for (const secret of [server.admin.password, agent.password, admin.password])
      expect(log).not.toContain(secret);
  });
});
