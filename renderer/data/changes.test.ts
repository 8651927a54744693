import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { filter, firstValueFrom } from 'rxjs';
import { findConflicts, type BlackoutInput } from '../../shared/domain/changeCalendar';
import type { CiDoc, PersonDoc, RelationDoc, RelationType, Role, TicketDoc } from '../../shared/domain/model';
import type { TicketInput } from '../../shared/domain/validation';
import {
  BLACKOUTS_SETTING_KEY,
  loadChanges,
  loadConflictContext,
  loadDependencyRelations,
  observeBlackouts,
  observeCab,
  observeCabSettings,
  observeConflictContext,
  readBlackouts,
  saveBlackouts,
  saveCabSettings,
} from './changes';
import type { OutpostDatabase } from './database';
import { castVote, readCabSettings } from './process';
import { findSetting } from './settings';
import { createDbTracker, fixtureTicket } from './testDb';
import { createTicket, updateTicket } from './tickets';

const dbs = createDbTracker();
afterEach(() => dbs.closeAll());

const NOW = 1_780_000_000_000;
const HOUR = 3_600_000;
const session = { userId: 'per_mgr1' };

function person(id: string, roles: Role[], personKind: PersonDoc['personKind'] = 'user'): PersonDoc {
  return {
    id,
    type: 'person',
    personKind,
    name: id.replace('per_', '').toUpperCase(),
    email: `${id}@example.test`,
    roles,
    groupIds: [],
    createdAt: NOW,
    updatedAt: NOW,
    updatedBy: 'per_admin',
  };
}

function ci(id: string): CiDoc {
  return {
    id,
    type: 'ci',
    ciClass: 'server',
    name: id.toUpperCase(),
    assetTag: '',
    serial: '',
    state: 'deployed',
    locationId: '',
    ownerId: '',
    attributes: {},
    createdAt: NOW,
    updatedAt: NOW,
    updatedBy: 'per_admin',
  };
}

let relSeq = 0;
function relation(fromId: string, relType: RelationType, toId: string): RelationDoc {
  relSeq++;
  return {
    id: `rel_${relSeq}`,
    type: 'relation',
    fromId,
    toId,
    relType,
    createdAt: NOW,
    updatedAt: NOW,
    updatedBy: 'x',
  };
}

function changeDoc(i: number, overrides: Partial<TicketDoc>): TicketDoc {
  return fixtureTicket(i, {
    kind: 'change',
    number: `CHG-TEST-${i}`,
    status: 'assess',
    phase: 'open',
    assigneeId: '',
    pendingReason: '',
    ...overrides,
  });
}

async function seedTeam(db: OutpostDatabase) {
  await db.people.bulkInsert([
    person('per_mgr1', ['manager', 'agent']),
    person('per_mgr2', ['manager', 'technician']),
    person('per_agent', ['agent']),
    person('per_admin', ['admin']),
    person('per_group', [], 'group'),
  ]);
  await db.cis.bulkInsert(['ci_app', 'ci_db', 'ci_sql', 'ci_esx', 'ci_rack', 'ci_team'].map(ci));
}

describe('blackout windows', () => {
  let db: OutpostDatabase;
  beforeEach(async () => {
    db = await dbs.open();
    await seedTeam(db);
  });

  const row = (over: Partial<BlackoutInput> = {}): BlackoutInput => ({
    id: 'blk_1',
    name: 'Quarter close',
    start: NOW,
    end: NOW + 48 * HOUR,
    ciIds: [],
    ...over,
  });

  it('saves valid windows and reads them back, live', async () => {
    expect(await readBlackouts(db)).toEqual([]);
    const result = await saveBlackouts(db, [row(), row({ id: 'blk_2', ciIds: ['ci_db'] })], session, {
      now: NOW,
    });
    expect(result.ok).toBe(true);
    expect(await readBlackouts(db)).toEqual([
      { id: 'blk_1', name: 'Quarter close', start: NOW, end: NOW + 48 * HOUR, ciIds: [] },
      { id: 'blk_2', name: 'Quarter close', start: NOW, end: NOW + 48 * HOUR, ciIds: ['ci_db'] },
    ]);
    await saveBlackouts(db, [row({ name: 'Renamed' })], session, { now: NOW + 1 });
    const live = await firstValueFrom(observeBlackouts(db));
    expect(live.map((w) => w.name)).toEqual(['Renamed']);
  });

  it('refuses bad rows with errors per field and writes nothing', async () => {
    const result = await saveBlackouts(db, [row({ name: ' ', end: NOW - 1 })], session);
    expect(result).toEqual({
      ok: false,
      errors: { '0.name': 'Name the blackout window.', '0.end': 'The end must be after the start.' },
    });
    expect(await findSetting(db, BLACKOUTS_SETTING_KEY)).toBeNull();
  });

  it('refuses items that do not exist', async () => {
    const result = await saveBlackouts(db, [row({ ciIds: ['ci_db', 'ci_gone'] })], session);
    expect(result).toMatchObject({ ok: false, errors: { '0.ciIds': expect.any(String) } });
    expect(await findSetting(db, BLACKOUTS_SETTING_KEY)).toBeNull();
  });
});

describe('CAB settings', () => {
  let db: OutpostDatabase;
  beforeEach(async () => {
    db = await dbs.open();
    await seedTeam(db);
  });

  it('saves a rule and approvers that the vote counting then uses', async () => {
    const result = await saveCabSettings(
      db,
      { rule: { kind: 'count', count: 2 }, approverIds: ['per_mgr1', 'per_admin', 'per_mgr1'] },
      session,
    );
    expect(result).toEqual({
      ok: true,
      value: { rule: { kind: 'count', count: 2 }, approverIds: ['per_mgr1', 'per_admin'] },
    });
    expect(await readCabSettings(db)).toEqual(result.ok && result.value);
    expect(await firstValueFrom(observeCabSettings(db))).toEqual(result.ok && result.value);
  });

  it('refuses a count above the approvers, bad numbers and people who are not users', async () => {
    // No approvers listed: the two managers approve, so at least 3 is impossible.
    expect(
      await saveCabSettings(db, { rule: { kind: 'count', count: 3 }, approverIds: [] }, session),
    ).toEqual({
      ok: false,
      errors: { count: 'There are only 2 approvers.' },
    });
    expect(
      await saveCabSettings(db, { rule: { kind: 'count', count: 1.5 }, approverIds: [] }, session),
    ).toMatchObject({ ok: false, errors: { count: expect.stringMatching(/whole number/) } });
    expect(
      await saveCabSettings(db, { rule: { kind: 'all' }, approverIds: ['per_group'] }, session),
    ).toMatchObject({
      ok: false,
      errors: { approverIds: 'Approvers must be people of the team.' },
    });
    expect(await findSetting(db, 'cab')).toBeNull();
  });
});

describe('changes and relations for the calendar', () => {
  let db: OutpostDatabase;
  beforeEach(async () => {
    db = await dbs.open();
    await seedTeam(db);
  });

  it('loads every change, done ones included, and nothing else', async () => {
    await db.tickets.bulkInsert([
      changeDoc(1, { id: 'tkt_c1' }),
      changeDoc(2, { id: 'tkt_c2', status: 'closed', phase: 'done', resolutionCode: 'successful' }),
      fixtureTicket(3, { id: 'tkt_i3', kind: 'incident' }),
    ]);
    expect((await loadChanges(db)).map((c) => c.id).sort()).toEqual(['tkt_c1', 'tkt_c2']);
  });

  it('follows dependency relations both ways up to the depth, once, through cycles', async () => {
    await db.relations.bulkInsert([
      relation('ci_app', 'depends_on', 'ci_db'),
      relation('ci_db', 'runs_on', 'ci_sql'),
      relation('ci_sql', 'hosted_on', 'ci_esx'),
      relation('ci_esx', 'hosted_on', 'ci_rack'),
      relation('ci_rack', 'depends_on', 'ci_app'), // a cycle back to the start
      relation('ci_app', 'used_by', 'ci_team'), // not a dependency
    ]);
    const pairs = (rels: { fromId: string; toId: string }[]) =>
      rels.map((r) => `${r.fromId}>${r.toId}`).sort();
    expect(pairs(await loadDependencyRelations(db, ['ci_db'], 1))).toEqual(['ci_app>ci_db', 'ci_db>ci_sql']);
    expect(pairs(await loadDependencyRelations(db, ['ci_db'], 2))).toEqual([
      'ci_app>ci_db',
      'ci_db>ci_sql',
      'ci_rack>ci_app',
      'ci_sql>ci_esx',
    ]);
    expect(await loadDependencyRelations(db, ['ci_db'], 10)).toHaveLength(5);
    expect(await loadDependencyRelations(db, [], 3)).toEqual([]);
  });

  it('gives the conflict check what it needs: a clash through a dependency and a blackout', async () => {
    await db.relations.bulkInsert([relation('ci_app', 'depends_on', 'ci_db')]);
    await db.tickets.bulkInsert([
      changeDoc(1, { id: 'tkt_c1', ciIds: ['ci_db'], plannedStart: NOW, plannedEnd: NOW + 2 * HOUR }),
      changeDoc(2, { id: 'tkt_c2', ciIds: ['ci_app'], plannedStart: NOW + HOUR, plannedEnd: NOW + 3 * HOUR }),
    ]);
    await saveBlackouts(
      db,
      [{ id: 'blk_1', name: 'Freeze', start: NOW, end: NOW + HOUR, ciIds: [] }],
      session,
    );
    const context = await loadConflictContext(db);
    const first = context.changes.find((c) => c.id === 'tkt_c1')!;
    const found = findConflicts(first, context.changes, context.relations, context.blackouts);
    expect(found.map((c) => c.kind).sort()).toEqual(['blackout', 'related_ci']);
  });

  it('follows new relations live', async () => {
    await db.tickets.bulkInsert([
      changeDoc(1, { id: 'tkt_c1', ciIds: ['ci_db'], plannedStart: NOW, plannedEnd: NOW + 2 * HOUR }),
    ]);
    const context$ = observeConflictContext(db);
    expect((await firstValueFrom(context$)).relations).toEqual([]);
    await db.relations.insert(relation('ci_db', 'runs_on', 'ci_sql'));
    const next = await firstValueFrom(context$.pipe(filter((c) => c.relations.length > 0)));
    expect(next.relations).toEqual([{ fromId: 'ci_db', toId: 'ci_sql', relType: 'runs_on' }]);
  });
});

describe('the CAB count of a change', () => {
  let db: OutpostDatabase;
  beforeEach(async () => {
    db = await dbs.open();
    await seedTeam(db);
  });

  const input: TicketInput = {
    kind: 'change',
    title: 'Upgrade the ERP database',
    description: '',
    impact: 2,
    urgency: 2,
    category: '',
    requesterId: 'per_agent',
    assigneeId: '',
    groupId: '',
    ciIds: ['ci_db'],
    process: {
      changeType: 'normal',
      risk: 'moderate',
      implementationPlan: 'Install the patch.',
      backoutPlan: 'Restore the snapshot.',
      plannedStart: NOW + 24 * HOUR,
      plannedEnd: NOW + 26 * HOUR,
    },
  };

  async function toAuthorize(at: number): Promise<string> {
    const created = await createTicket(db, input, session, { now: at });
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    for (const [i, status] of (['assess', 'authorize'] as const).entries()) {
      const moved = await updateTicket(db, created.ticket.id, { status }, session, { now: at + i + 1 });
      if (!moved.ok) throw new Error(JSON.stringify(moved.errors));
    }
    return created.ticket.id;
  }

  it('is pending until both managers approve, then the change can be scheduled', async () => {
    const id = await toAuthorize(NOW);
    const cab$ = observeCab(db, id);
    const start = await firstValueFrom(cab$);
    expect(start).toMatchObject({ approvers: ['per_mgr1', 'per_mgr2'], since: NOW + 2 });
    expect(start.tally).toMatchObject({ outcome: 'pending', needed: 2, waiting: ['per_mgr1', 'per_mgr2'] });

    await castVote(db, id, 'approve', '', { userId: 'per_mgr1' }, { now: NOW + 10 });
    const refused = await updateTicket(db, id, { status: 'scheduled' }, session, { now: NOW + 11 });
    expect(refused).toMatchObject({
      ok: false,
      errors: { status: 'The CAB has not approved this change yet.' },
    });

    await castVote(db, id, 'approve', 'Fine by me', { userId: 'per_mgr2' }, { now: NOW + 12 });
    const approved = await firstValueFrom(cab$.pipe(filter((c) => c.tally.outcome === 'approved')));
    expect(approved.tally.approvals.map((b) => b.approverId)).toEqual(['per_mgr1', 'per_mgr2']);
    expect(await updateTicket(db, id, { status: 'scheduled' }, session, { now: NOW + 13 })).toMatchObject({
      ok: true,
    });
  });

  it('asks for fresh votes after the change went back to Assess', async () => {
    const id = await toAuthorize(NOW);
    await castVote(db, id, 'approve', '', { userId: 'per_mgr1' }, { now: NOW + 10 });
    await castVote(db, id, 'reject', 'Window too short', { userId: 'per_mgr2' }, { now: NOW + 11 });
    expect((await firstValueFrom(observeCab(db, id))).tally.outcome).toBe('rejected');
    await updateTicket(db, id, { status: 'assess' }, session, { now: NOW + 20 });
    await updateTicket(db, id, { status: 'authorize' }, session, { now: NOW + 21 });
    const fresh = await firstValueFrom(observeCab(db, id));
    expect(fresh).toMatchObject({
      since: NOW + 21,
      tally: { outcome: 'pending', waiting: ['per_mgr1', 'per_mgr2'] },
    });
  });

  it('uses the approvers from the setting', async () => {
    await saveCabSettings(db, { rule: { kind: 'majority' }, approverIds: ['per_admin'] }, session);
    const id = await toAuthorize(NOW);
    expect(await castVote(db, id, 'approve', '', { userId: 'per_mgr1' })).toMatchObject({ ok: false });
    await castVote(db, id, 'approve', '', { userId: 'per_admin' }, { now: NOW + 10 });
    const state = await firstValueFrom(observeCab(db, id).pipe(filter((c) => c.tally.outcome !== 'pending')));
    expect(state).toMatchObject({ approvers: ['per_admin'], tally: { outcome: 'approved', needed: 1 } });
  });

  it('refuses approvers who may not vote (the server takes votes from managers and admins only)', async () => {
    expect(
      await saveCabSettings(db, { rule: { kind: 'all' }, approverIds: ['per_mgr1', 'per_agent'] }, session),
    ).toEqual({ ok: false, errors: { approverIds: 'Approvers must be managers or admins.' } });
  });
});
