// Every role tries every kind of write against the real server: the ones the rules forbid come
// back 403 with the same reason the client mirror (checkWrite) gives, the others are stored.
// The expectations are written out here, independently of the rules' code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../shared/domain/model';
import { checkWrite, type WireDocument } from '../../shared/sync/rules';
import {
  couchRequest,
  createTestTeam,
  signIn,
  startTestServer,
  uniqueName,
  type Session,
  type TestServer,
  type TestUser,
} from './harness';

const OTHER = 'per_OTHER';
const person = (role: Role) => `per_${role.toUpperCase()}`;

let server: TestServer;
let db: string;
const users = new Map<Role, TestUser>();
const sessions = new Map<Role | 'server', Session>();
/** Revision of each seeded document, by id. */
const revs = new Map<string, string>();

interface Write {
  /** The document to write (for existing documents, without `_rev`: it is added). */
  doc: WireDocument;
  /** The stored document it replaces, seeded beforehand; absent for creations. */
  seed?: WireDocument;
  /** DELETE /db/id?rev= instead of a PUT. */
  bareDelete?: boolean;
}

interface Case {
  name: string;
  /** Roles whose write is stored; every other role is refused. */
  allowed: readonly Role[];
  write(role: Role, id: string): Write;
}

const from = (rank: number) => ROLES.slice(rank);

function ticket(id: string, role: Role, fields: Partial<WireDocument> = {}): WireDocument {
  const me = person(role);
  return {
    _id: id,
    type: 'ticket',
    kind: 'incident',
    title: 'VPN drops',
    status: 'new',
    requesterId: me,
    assigneeId: '',
    groupId: 'grp_desk',
    priority: 4,
    impact: 3,
    urgency: 2,
    createdBy: me,
    updatedBy: me,
    ...fields,
  };
}

function doc(type: string, id: string, role: Role, fields: Partial<WireDocument> = {}): WireDocument {
  const creator = type === 'activity' || type === 'file' ? { createdBy: person(role) } : {};
  const kind = type === 'activity' ? { parentId: 'tkt_x', kind: 'comment', body: 'Thanks' } : {};
  return { _id: id, type, name: 'Thing', ...kind, ...creator, updatedBy: person(role), ...fields };
}

/** An existing document of `type` owned by someone else, and the writer's edited copy. */
function edit(type: string, id: string, role: Role, fields: Partial<WireDocument>): Write {
  const seed =
    type === 'ticket'
      ? ticket(id, role, { requesterId: OTHER, createdBy: OTHER, updatedBy: OTHER })
      : doc(type, id, role, { createdBy: OTHER, updatedBy: OTHER });
  return { seed, doc: { ...seed, ...fields, updatedBy: person(role) } };
}

function remove(type: string, id: string, role: Role): Write {
  return edit(type, id, role, { _deleted: true });
}

const CASES: Case[] = [
  {
    name: 'raise a new, unassigned ticket for oneself',
    allowed: from(0),
    write: (r, id) => ({ doc: ticket(id, r) }),
  },
  {
    name: 'raise an assigned ticket',
    allowed: from(1),
    write: (r, id) => ({ doc: ticket(id, r, { status: 'assigned', assigneeId: OTHER }) }),
  },
  {
    name: 'work on a ticket assigned to oneself',
    allowed: from(1),
    write: (r, id) => {
      const seed = ticket(id, r, {
        requesterId: OTHER,
        createdBy: OTHER,
        updatedBy: OTHER,
        status: 'assigned',
        assigneeId: person(r),
      });
      return { seed, doc: { ...seed, status: 'in_progress', updatedBy: person(r) } };
    },
  },
  {
    name: 'reprioritise a ticket assigned to oneself',
    allowed: from(2),
    write: (r, id) => {
      const seed = ticket(id, r, {
        requesterId: OTHER,
        createdBy: OTHER,
        updatedBy: OTHER,
        status: 'assigned',
        assigneeId: person(r),
      });
      return { seed, doc: { ...seed, priority: 1, impact: 1, urgency: 1, updatedBy: person(r) } };
    },
  },
  {
    name: 'edit a ticket assigned to someone else',
    allowed: from(2),
    write: (r, id) => edit('ticket', id, r, { title: 'VPN drops hourly', assigneeId: OTHER }),
  },
  { name: 'delete a ticket', allowed: from(3), write: (r, id) => remove('ticket', id, r) },
  { name: 'add a comment', allowed: from(0), write: (r, id) => ({ doc: doc('activity', id, r) }) },
  {
    name: 'add an internal note',
    allowed: from(1),
    write: (r, id) => ({ doc: doc('activity', id, r, { kind: 'note' }) }),
  },
  {
    name: 'cast a CAB vote on a change',
    allowed: from(3),
    write: (r, id) => ({ doc: doc('activity', id, r, { kind: 'vote', vote: 'approve', body: '' }) }),
  },
  {
    name: 'answer a satisfaction survey',
    allowed: from(0),
    write: (r, id) => ({ doc: doc('activity', id, r, { kind: 'survey', score: 4, body: 'Quick fix.' }) }),
  },
  {
    name: 'record an escalation',
    allowed: from(2),
    write: (r, id) => ({
      doc: doc('activity', id, r, {
        kind: 'escalation',
        body: 'Resolution target breached',
        changes: [{ field: 'priority', from: 3, to: 2 }],
      }),
    }),
  },
  {
    name: "cast a CAB vote in someone else's name",
    allowed: from(4),
    write: (r, id) => ({
      doc: doc('activity', id, r, { kind: 'vote', vote: 'reject', body: 'No', createdBy: OTHER }),
    }),
  },
  {
    name: "change one's own cast vote",
    allowed: from(4),
    write: (r, id) => {
      // Votes are append-only: a change of mind is a new vote, the latest counts.
      const seed = doc('activity', id, r, { kind: 'vote', vote: 'approve', body: '' });
      return { seed, doc: { ...seed, vote: 'reject', body: 'Changed my mind' } };
    },
  },
  {
    name: 'edit a timeline entry',
    allowed: from(4),
    write: (r, id) => edit('activity', id, r, { body: 'Edited' }),
  },
  { name: 'delete a timeline entry', allowed: from(4), write: (r, id) => remove('activity', id, r) },
  { name: 'add a configuration item', allowed: from(1), write: (r, id) => ({ doc: doc('ci', id, r) }) },
  {
    name: 'edit a configuration item',
    allowed: from(1),
    write: (r, id) => edit('ci', id, r, { name: 'Renamed' }),
  },
  { name: 'delete a configuration item', allowed: from(3), write: (r, id) => remove('ci', id, r) },
  { name: 'add a relation', allowed: from(1), write: (r, id) => ({ doc: doc('relation', id, r) }) },
  { name: 'add an audit', allowed: from(1), write: (r, id) => ({ doc: doc('audit', id, r) }) },
  { name: 'write a knowledge article', allowed: from(2), write: (r, id) => ({ doc: doc('article', id, r) }) },
  { name: 'delete a knowledge article', allowed: from(3), write: (r, id) => remove('article', id, r) },
  {
    name: 'change a setting',
    allowed: from(3),
    write: (r, id) => edit('setting', id, r, { value: { x: 1 } }),
  },
  {
    name: 'change a person',
    allowed: from(4),
    write: (r, id) => edit('person', id, r, { name: 'Someone else' }),
  },
  { name: 'delete a person', allowed: from(4), write: (r, id) => remove('person', id, r) },
  { name: 'add a file', allowed: from(0), write: (r, id) => ({ doc: doc('file', id, r) }) },
  { name: 'replace a file', allowed: from(4), write: (r, id) => edit('file', id, r, { name: 'other.pdf' }) },
  {
    name: 'write as someone else',
    allowed: from(4),
    write: (r, id) => ({ doc: doc('ci', id, r, { updatedBy: OTHER }) }),
  },
  {
    name: 'delete without keeping the body',
    allowed: [],
    write: (r, id) => ({ ...edit('ci', id, r, {}), bareDelete: true }),
  },
  {
    name: 'turn a ticket into a configuration item',
    allowed: [],
    write: (r, id) => edit('ticket', id, r, { type: 'ci' }),
  },
  { name: 'store an unknown type', allowed: [], write: (r, id) => ({ doc: doc('spaceship', id, r) }) },
];

const idOf = (caseIndex: number, role: Role) => `case${caseIndex}_${role}`;

beforeAll(async () => {
  server = await startTestServer();
  db = uniqueName('roles');
  for (const role of ROLES)
    users.set(role, { name: uniqueName(role), password: `${role}-password`, role, personId: person(role) });
  await createTestTeam(server, { db, users: [...users.values()] });
  // One sign-in each: the server then checks a cookie per request, not a password hash.
  sessions.set('server', await signIn(server.url, server.admin));
  for (const [role, user] of users) sessions.set(role, await signIn(server.url, user));
  const seeds = CASES.flatMap((c, index) =>
    ROLES.map((role) => c.write(role, idOf(index, role)).seed),
  ).filter((seed): seed is WireDocument => seed !== undefined);
  const written = await couchRequest(server.url, `/${db}/_bulk_docs`, {
    method: 'POST',
    as: server.admin,
    body: { docs: seeds },
  });
  for (const result of written.body as { id: string; rev?: string; error?: string }[]) {
    if (!result.rev) throw new Error(`Seeding ${result.id} failed: ${result.error}`);
    revs.set(result.id, result.rev);
  }
});

afterAll(async () => {
  await server?.stop();
});

async function attempt(role: Role, write: Write) {
  const user = sessions.get(role);
  if (!user) throw new Error(`no ${role} session`);
  const id = write.doc._id ?? '';
  const rev = revs.get(id);
  if (write.bareDelete) {
    return couchRequest(server.url, `/${db}/${id}?rev=${rev}`, { method: 'DELETE', as: user });
  }
  const body = rev ? { ...write.doc, _rev: rev } : write.doc;
  return couchRequest(server.url, `/${db}/${id}`, { method: 'PUT', as: user, body });
}

describe.each(ROLES)('%s', (role) => {
  it.each(CASES.map((c, index) => [c.name, index] as const))('%s', async (_name, index) => {
    const c = CASES[index] as Case;
    const write = c.write(role, idOf(index, role));
    const answer = await attempt(role, write);
    if (c.allowed.includes(role)) {
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
      return;
    }
    const user = users.get(role) as TestUser;
    const asUser = { name: user.name, roles: [role, `person:${person(role)}`] };
    const stored = write.seed ? { ...write.seed, _rev: revs.get(write.seed._id ?? '') } : null;
    const sent = write.bareDelete
      ? [{ _id: write.doc._id, _rev: stored?._rev, _deleted: true }]
      : [write.doc];
    // A plain DELETE reaches CouchDB's rules as a bare tombstone; express-pouchdb first checks
    // the stored body marked deleted, then the bare tombstone it writes. Either refusal is right.
    if (write.bareDelete && stored) sent.push({ ...stored, _deleted: true });
    const reasons = sent.map((doc) => checkWrite(doc, stored, asUser)).filter((reason) => reason !== null);
    expect(reasons.length, 'the client mirror must refuse it too').toBeGreaterThan(0);
    expect(answer).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    expect(reasons).toContain((answer.body as { reason: string }).reason);
    const now = await couchRequest(server.url, `/${db}/${write.doc._id}`, { as: sessions.get('server') });
    if (stored) expect(now.body, 'the stored document is untouched').toMatchObject({ _rev: stored._rev });
    else expect(now.status, 'nothing was created').toBe(404);
  });
});
