import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { filter, firstValueFrom } from 'rxjs';
import type { TicketDoc } from '../../shared/domain/model';
import type { TicketInput } from '../../shared/domain/validation';
import { observeActivities } from './activities';
import type { OutpostDatabase } from './database';
import {
  createProblemFromIncidents,
  findLinkedRecords,
  linkToProblem,
  observeKnownErrors,
  resolveLinkedRecords,
  unlinkFromProblem,
} from './problems';
import { createDbTracker } from './testDb';
import { createTicket, updateTicket, type Session } from './tickets';

const dbs = createDbTracker();
afterEach(() => dbs.closeAll());

const session: Session = { userId: 'per_agent' };
const NOW = 1_750_000_000_000;

const base: TicketInput = {
  kind: 'incident',
  title: 'Badge reader at north door rejects badges',
  description: 'Since this morning',
  impact: 3,
  urgency: 2,
  category: 'Facilities',
  requesterId: 'per_req',
  assigneeId: '',
  groupId: '',
};

const problemInput = {
  title: 'North door badge reader',
  description: 'Two reports',
  impact: 2 as const,
  urgency: 2 as const,
};

async function make(db: OutpostDatabase, overrides: Partial<TicketInput> = {}): Promise<TicketDoc> {
  const result = await createTicket(db, { ...base, ...overrides }, session, { now: NOW });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.ticket;
}

async function read(db: OutpostDatabase, id: string): Promise<TicketDoc> {
  const doc = await db.tickets.findOne(id).exec();
  if (!doc) throw new Error(`missing ${id}`);
  return doc.toMutableJSON();
}

describe('createProblemFromIncidents', () => {
  let db: OutpostDatabase;
  beforeEach(async () => {
    db = await dbs.open();
  });

  it('creates the problem and links every record with a timeline entry', async () => {
    const a = await make(db);
    const b = await make(db, { kind: 'request', title: 'Badge reader north entrance' });
    const result = await createProblemFromIncidents(
      db,
      [a.id, b.id],
      { ...problemInput, process: { rootCause: 'Unknown yet' } },
      session,
      { now: NOW + 1000 },
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.problem).toMatchObject({
      kind: 'problem',
      title: 'North door badge reader',
      requesterId: 'per_agent',
      rootCause: 'Unknown yet',
      status: 'new',
    });
    expect(result.linked).toEqual([a.id, b.id]);
    expect(result.failed).toEqual([]);
    expect((await read(db, a.id)).parentId).toBe(result.problem.id);
    expect((await read(db, b.id)).parentId).toBe(result.problem.id);
    const timeline = await firstValueFrom(observeActivities(db, a.id));
    expect(timeline.at(-1)?.changes).toEqual([{ field: 'parentId', from: null, to: result.problem.id }]);
    const linked = await findLinkedRecords(db, result.problem.id);
    expect(linked.map((t) => t.id).sort()).toEqual([a.id, b.id].sort());
  });

  it('refuses a selection with other kinds or records linked elsewhere, and writes nothing', async () => {
    const a = await make(db);
    const change = await make(db, { kind: 'change', title: 'Replace the reader' });
    const before = await db.tickets.count().exec();
    const mixed = await createProblemFromIncidents(db, [a.id, change.id], problemInput, session);
    expect(mixed).toEqual({
      ok: false,
      errors: {
        form: `${change.number} is a change; only incidents and requests can be linked to a problem.`,
      },
    });

    const first = await createProblemFromIncidents(db, [a.id], problemInput, session);
    if (!first.ok) throw new Error('expected a problem');
    const count = await db.tickets.count().exec();
    expect(count).toBe(before + 1);
    const again = await createProblemFromIncidents(db, [a.id], problemInput, session);
    expect(again).toEqual({
      ok: false,
      errors: { form: `${a.number} is already linked to ${first.problem.number}.` },
    });
    expect(await db.tickets.count().exec()).toBe(count);
  });

  it('refuses an invalid problem without linking anything', async () => {
    const a = await make(db);
    const result = await createProblemFromIncidents(db, [a.id], { ...problemInput, title: ' ' }, session);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.title).toBe('Title is required.');
    expect((await read(db, a.id)).parentId).toBeUndefined();
  });

  it('reports a link the access rules refuse and links the rest', async () => {
    const a = await make(db);
    const b = await make(db, { title: 'Second badge reader report' });
    const picky: Session = {
      userId: 'per_agent',
      authorize: (before) => (before?.id === b.id ? 'Not yours to edit.' : null),
    };
    const result = await createProblemFromIncidents(db, [a.id, b.id], problemInput, picky);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.linked).toEqual([a.id]);
    expect(result.failed).toEqual([{ id: b.id, number: b.number, reason: 'Not yours to edit.' }]);
    expect((await read(db, b.id)).parentId).toBeUndefined();
  });
});

describe('linking', () => {
  let db: OutpostDatabase;
  beforeEach(async () => {
    db = await dbs.open();
  });

  it('links, refuses a second problem, unlinks', async () => {
    const a = await make(db);
    const p1 = await make(db, { kind: 'problem', title: 'First problem' });
    const p2 = await make(db, { kind: 'problem', title: 'Second problem' });
    const linked = await linkToProblem(db, a.id, p1.id, session);
    expect(linked.ok && linked.ticket.parentId).toBe(p1.id);
    expect((await linkToProblem(db, a.id, p1.id, session)).ok).toBe(true);
    expect(await linkToProblem(db, a.id, p2.id, session)).toEqual({
      ok: false,
      errors: { form: `${a.number} is already linked to ${p1.number}.` },
    });
    expect(await linkToProblem(db, a.id, a.id, session)).toEqual({
      ok: false,
      errors: { form: `${a.number} is not a problem.` },
    });
    const unlinked = await unlinkFromProblem(db, a.id, session);
    expect(unlinked.ok && unlinked.ticket.parentId).toBe('');
    expect(await findLinkedRecords(db, p1.id)).toEqual([]);
    expect((await linkToProblem(db, a.id, p2.id, session)).ok).toBe(true);
  });

  it('refuses to link to a missing or cancelled-like closed problem', async () => {
    const a = await make(db);
    expect((await linkToProblem(db, a.id, 'tkt_missing', session)).ok).toBe(false);
    const closed = await make(db, {
      kind: 'problem',
      title: 'Old problem',
      status: 'closed',
      resolutionCode: 'fixed',
      resolutionNotes: 'done',
    });
    expect(await linkToProblem(db, a.id, closed.id, session)).toEqual({
      ok: false,
      errors: { form: `${closed.number} is closed; raise a new problem instead.` },
    });
  });
});

describe('resolveLinkedRecords', () => {
  let db: OutpostDatabase;
  beforeEach(async () => {
    db = await dbs.open();
  });

  async function resolvedProblem(assigneeId = 'per_tech'): Promise<TicketDoc> {
    const problem = await make(db, {
      kind: 'problem',
      title: 'Door controller certificate expired',
      assigneeId,
      process: { rootCause: 'Expired certificate', workaround: 'Use the south door' },
    });
    const resolved = await updateTicket(
      db,
      problem.id,
      { status: 'resolved', resolutionCode: 'fixed', resolutionNotes: 'Certificate renewed' },
      session,
    );
    if (!resolved.ok) throw new Error(JSON.stringify(resolved.errors));
    return resolved.ticket;
  }

  it('resolves open linked records with the problem fix and reports each one', async () => {
    const problem = await resolvedProblem();
    const incident = await make(db, { process: { parentId: problem.id } });
    const request = await make(db, {
      kind: 'request',
      title: 'New badge',
      assigneeId: 'per_other',
      process: { parentId: problem.id },
    });
    const done = await make(db, {
      title: 'Already solved',
      status: 'resolved',
      resolutionCode: 'solved',
      resolutionNotes: 'Reset',
      process: { parentId: problem.id },
    });
    const elsewhere = await make(db, { title: 'Unrelated' });

    const result = await resolveLinkedRecords(db, problem.id, session);
    if (!result.ok) throw new Error(result.error);
    expect(result.results).toEqual(
      expect.arrayContaining([
        { id: incident.id, number: incident.number, outcome: 'resolved' },
        { id: request.id, number: request.number, outcome: 'resolved' },
      ]),
    );
    expect(result.results).toHaveLength(2);
    const inc = await read(db, incident.id);
    expect(inc).toMatchObject({
      status: 'resolved',
      resolutionCode: 'resolved_by_problem',
      assigneeId: 'per_tech',
    });
    expect(inc.resolutionNotes).toContain(problem.number);
    expect(inc.resolutionNotes).toContain('Root cause: Expired certificate');
    expect(inc.resolutionNotes).toContain('Workaround: Use the south door');
    expect(await read(db, request.id)).toMatchObject({
      status: 'resolved',
      resolutionCode: 'fulfilled',
      assigneeId: 'per_other',
    });
    expect((await read(db, done.id)).resolutionCode).toBe('solved');
    expect((await read(db, elsewhere.id)).status).toBe('new');

    const again = await resolveLinkedRecords(db, problem.id, session);
    expect(again).toEqual({ ok: true, results: [] });
  });

  it('reports the records it could not resolve, with the reason', async () => {
    const problem = await resolvedProblem('');
    const mine = await make(db, { process: { parentId: problem.id } });
    const theirs = await make(db, { title: 'Someone else', process: { parentId: problem.id } });
    const picky: Session = {
      userId: 'per_tech',
      authorize: (before) =>
        before?.id === theirs.id ? 'Technicians can only edit tickets assigned to them.' : null,
    };
    const result = await resolveLinkedRecords(db, problem.id, picky);
    if (!result.ok) throw new Error(result.error);
    expect(result.results).toEqual(
      expect.arrayContaining([
        { id: mine.id, number: mine.number, outcome: 'resolved' },
        {
          id: theirs.id,
          number: theirs.number,
          outcome: 'failed',
          reason: 'Technicians can only edit tickets assigned to them.',
        },
      ]),
    );
    expect(await read(db, mine.id)).toMatchObject({ status: 'resolved', assigneeId: '' });
    expect((await read(db, theirs.id)).status).toBe('new');
  });

  it('refuses while the problem is not resolved', async () => {
    const problem = await make(db, { kind: 'problem', title: 'Open problem' });
    const incident = await make(db, { process: { parentId: problem.id } });
    expect(await resolveLinkedRecords(db, problem.id, session)).toEqual({
      ok: false,
      error: `${problem.number} is not resolved yet.`,
    });
    expect((await read(db, incident.id)).status).toBe('new');
    expect((await resolveLinkedRecords(db, 'tkt_missing', session)).ok).toBe(false);
  });
});

describe('observeKnownErrors', () => {
  it('lists flagged problems in force and follows changes', async () => {
    const db = await dbs.open();
    const flagged = await make(db, { kind: 'problem', title: 'Flagged', process: { knownError: true } });
    await make(db, { kind: 'problem', title: 'Not flagged' });
    await make(db, { title: 'An incident' });
    const first = await firstValueFrom(observeKnownErrors(db));
    expect(first.map((p) => p.id)).toEqual([flagged.id]);

    const cancelled = await updateTicket(
      db,
      flagged.id,
      { status: 'resolved', resolutionCode: 'duplicate', resolutionNotes: 'Same as another' },
      session,
    );
    expect(cancelled.ok).toBe(true);
    const after = await firstValueFrom(observeKnownErrors(db).pipe(filter((list) => list.length === 0)));
    expect(after).toEqual([]);
  });
});
