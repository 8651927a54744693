// Provisioning a team database over real HTTP: what it sets up, that running it again changes
// nothing (or only what differs), accounts that sign in with the right roles, and the demo team.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_DEVICE_ID,
  DEMO_SEED,
  DEMO_SPAN_DAYS,
  DEMO_TICKETS,
  demoDocuments,
} from '../../server/provision/demo';
import {
  DESIGN_DOC_ID,
  TEAM_SECURITY,
  provisionTeam,
  validationSource,
  type ProvisionResult,
} from '../../server/provision/team';
import {
  couchRequest,
  createTestTeam,
  startTestServer,
  uniqueName,
  type TestServer,
  type TestUser,
} from './harness';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.stop();
});

async function session(user: { name: string; password: string }) {
  const answer = await couchRequest(server.url, '/_session', { as: user });
  return answer.status === 200
    ? (answer.body as { userCtx: { name: string | null; roles: string[] } }).userCtx
    : null;
}

describe('a team database', () => {
  const db = uniqueName('team');
  const tech: TestUser = {
    name: uniqueName('tech'),
    password: 'first-password',
    role: 'technician',
    personId: 'per_T',
  };

  it('is created with its security, write rules and accounts', async () => {
    const result = await createTestTeam(server, { db, users: [tech] });
    expect(result).toMatchObject({ createdDatabase: true, designDocument: 'created', demo: null });
    expect(result.users).toEqual([
      { name: tech.name, role: 'technician', personId: 'per_T', status: 'created' },
    ]);

    const security = await couchRequest(server.url, `/${db}/_security`, { as: server.admin });
    expect(security.body).toMatchObject({
      admins: { roles: [...TEAM_SECURITY.admins.roles] },
      members: { roles: [...TEAM_SECURITY.members.roles] },
    });
    const design = await couchRequest(server.url, `/${db}/${DESIGN_DOC_ID}`, { as: server.admin });
    expect((design.body as { validate_doc_update: string }).validate_doc_update).toBe(validationSource());
    expect(await session(tech)).toEqual({ name: tech.name, roles: ['technician', 'person:per_T'] });
  });

  it('changes nothing when provisioned again', async () => {
    const before = await couchRequest(server.url, `/${db}/_all_docs`, { as: server.admin });
    const { password: _kept, ...withoutPassword } = tech;
    const result = await provisionTeam({
      url: server.url,
      admin: server.admin,
      db,
      users: [withoutPassword],
    });
    expect(result).toMatchObject({ createdDatabase: false, designDocument: 'unchanged' });
    expect(result.users[0]?.status).toBe('unchanged');
    expect((await couchRequest(server.url, `/${db}/_all_docs`, { as: server.admin })).body).toEqual(
      before.body,
    );
    expect(await session(tech)).not.toBeNull();
  });

  it('updates an account’s role and password, and restores edited write rules', async () => {
    const design = await couchRequest(server.url, `/${db}/${DESIGN_DOC_ID}`, { as: server.admin });
    const tampered = { ...(design.body as object), validate_doc_update: 'function () {}' };
    expect(
      (
        await couchRequest(server.url, `/${db}/${DESIGN_DOC_ID}`, {
          method: 'PUT',
          as: server.admin,
          body: tampered,
        })
      ).status,
    ).toBe(201);

    const promoted = { ...tech, role: 'agent' as const, password: 'second-password' };
    const result = await createTestTeam(server, { db, users: [promoted] });
    expect(result.designDocument).toBe('updated');
    expect(result.users[0]?.status).toBe('updated');
    expect(await session(tech)).toBeNull();
    expect(await session(promoted)).toEqual({ name: tech.name, roles: ['agent', 'person:per_T'] });
    const users = await couchRequest(
      server.url,
      `/_users/_all_docs?startkey="org.couchdb.user:${tech.name}"&endkey="org.couchdb.user:${tech.name}\uffff"`,
      { as: server.admin },
    );
    expect((users.body as { rows: unknown[] }).rows).toHaveLength(1);
  });

  it('refuses bad input before writing anything', async () => {
    const name = uniqueName('never');
    await expect(createTestTeam(server, { db: 'Bad Name', users: [] })).rejects.toThrow(
      /not a valid database name/,
    );
    const badUser = { name, password: 'short', role: 'agent' as const, personId: 'per_X' };
    await expect(createTestTeam(server, { db: name, users: [badUser] })).rejects.toThrow(
      /at least 8 characters/,
    );
    const dbs = (await couchRequest(server.url, '/_all_dbs', { as: server.admin })).body as string[];
    expect(dbs).not.toContain(name);
    await expect(
      createTestTeam(
        { ...server, admin: { name: server.admin.name, password: 'wrong-password' } },
        { db: name, users: [] },
      ),
    ).rejects.toThrow();
  });
});

describe('the demo team', () => {
  const db = uniqueName('demo');
  const now = Date.UTC(2026, 10, 1);
  const expected = demoDocuments(now).docs;
  let firstRun: ProvisionResult;

  // The server cannot import the app's modules, so the settings are read from their source.
  it('uses the replica’s own demo settings', async () => {
    const seed = await readFile('renderer/data/seed.ts', 'utf8');
    const app = await readFile('renderer/app/database.tsx', 'utf8');
    expect(seed).toContain(`DEMO_DEVICE_ID = '${DEMO_DEVICE_ID}';`);
    expect(seed).toContain(`DEMO_SPAN_DAYS = ${DEMO_SPAN_DAYS};`);
    expect(app).toContain(`DEMO_SEED = ${DEMO_SEED};`);
    expect(app).toContain(`DEMO_TICKETS = ${DEMO_TICKETS};`);
  });

  it('loads every document in wire format, once', async () => {
    const first = await createTestTeam(server, { db, users: [], demo: true, now });
    firstRun = first;
    expect(first.demo).toEqual({ written: expected.length, existing: 0 });
    // A later run at another time reuses the first reference time: no second set of tickets.
    const again = await createTestTeam(server, { db, users: [], demo: true, now: now + 86_400_000 });
    expect(again.demo).toEqual({ written: 0, existing: expected.length });

    const all = await couchRequest(server.url, `/${db}/_all_docs?include_docs=true`, { as: server.admin });
    const docs = (all.body as { rows: { id: string; doc: Record<string, unknown> }[] }).rows.filter(
      (row) => !row.id.startsWith('_design/'),
    );
    expect(docs).toHaveLength(expected.length);
    const ticket = docs.find((row) => row.doc.type === 'ticket');
    expect(ticket?.doc).not.toHaveProperty('id');
    expect(ticket?.doc).toMatchObject({ _id: ticket?.id, type: 'ticket' });
    const types = new Set(docs.map((row) => row.doc.type));
    expect([...types].sort()).toEqual([
      'activity',
      'article',
      'ci',
      'person',
      'relation',
      'setting',
      'ticket',
    ]);
  });

  it('creates one account per role, acting as a demo person of that role, password shown once', async () => {
    expect(firstRun.users.map((user) => [user.name, user.role, user.status])).toEqual([
      ['demo-requester', 'requester', 'created'],
      ['demo-technician', 'technician', 'created'],
      ['demo-agent', 'agent', 'created'],
      ['demo-manager', 'manager', 'created'],
      ['demo-admin', 'admin', 'created'],
    ]);
    for (const user of firstRun.users) {
      const password = user.generatedPassword ?? '';
      expect(password, user.name).toMatch(/^[A-Za-z0-9]{24}$/);
      expect(await session({ name: user.name, password })).toEqual({
        name: user.name,
        roles: [user.role, `person:${user.personId}`],
      });
      const personDoc = await couchRequest(server.url, `/${db}/${user.personId}`, { as: server.admin });
      expect(personDoc.body, user.name).toMatchObject({ type: 'person', personKind: 'user' });
      expect((personDoc.body as { roles: string[] }).roles, user.name).toContain(user.role);
    }
    // Later runs leave the accounts and their passwords alone, and show no password.
    const again = await createTestTeam(server, { db, users: [], demo: true });
    expect(again.users.every((user) => user.status === 'unchanged' && !user.generatedPassword)).toBe(true);
  });
});
