/**
 * Process writes and the guards updateTicket takes from other records: CAB votes and their
 * count, release readiness, task dependencies, satisfaction answers. Real database per test.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { firstValueFrom } from 'rxjs';
import type { PersonDoc, Role, TicketDoc } from '../../shared/domain/model';
import type { TicketInput } from '../../shared/domain/validation';
import { observeActivities } from './activities';
import type { OutpostDatabase } from './database';
import {
  CAB_SETTING_KEY,
  SURVEY_COMMENT_MAX,
  VOTE_COMMENT_MAX,
  cabApprovers,
  cabTally,
  castVote,
  processGuards,
  readCabSettings,
  recordSurvey,
} from './process';
import { saveSetting } from './settings';
import { createDbTracker, fixtureTicket } from './testDb';
import { createTicket, updateTicket } from './tickets';

const dbs = createDbTracker();
afterEach(() => dbs.closeAll());

const NOW = 1_780_000_000_000;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const agent = { userId: 'per_agent' };
const mgr1 = { userId: 'per_mgr1' };
const mgr2 = { userId: 'per_mgr2' };

function person(id: string, roles: Role[]): PersonDoc {
  return {
    id,
    type: 'person',
    personKind: 'user',
    name: id,
    email: `${id}@example.test`,
    roles,
    groupIds: [],
    createdAt: NOW,
    updatedAt: NOW,
    updatedBy: 'per_admin',
  };
}

async function seedPeople(db: OutpostDatabase): Promise<void> {
  await db.people.bulkInsert([
    person('per_mgr2', ['manager', 'technician']),
    person('per_mgr1', ['manager', 'agent']),
    person('per_agent', ['agent']),
    person('per_admin', ['admin', 'agent']),
    person('per_req', ['requester']),
  ]);
}

const PLAN = {
  changeType: 'normal',
  risk: 'moderate',
  implementationPlan: 'Upgrade node by node.',
  backoutPlan: 'Restore the snapshots.',
  plannedStart: NOW + 48 * HOUR,
  plannedEnd: NOW + 50 * HOUR,
} as const;

const changeInput: TicketInput = {
  kind: 'change',
  title: 'Upgrade the ESX cluster',
  description: '',
  category: 'Infrastructure',
  groupId: 'per_group_server',
  impact: 2,
  urgency: 2,
  requesterId: 'per_agent',
  assigneeId: 'per_agent',
  status: 'assess',
  process: PLAN,
};

async function created(db: OutpostDatabase, input: TicketInput, now = NOW): Promise<TicketDoc> {
  const result = await createTicket(db, input, agent, { now });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.ticket;
}

async function moved(db: OutpostDatabase, id: string, patch: object, now: number): Promise<TicketDoc> {
  const result = await updateTicket(db, id, patch, agent, { now });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.ticket;
}

/** A normal change sent to the CAB at NOW + 1 h. */
async function changeInAuthorize(db: OutpostDatabase): Promise<TicketDoc> {
  const change = await created(db, changeInput);
  return moved(db, change.id, { status: 'authorize' }, NOW + HOUR);
}

async function stored(db: OutpostDatabase, id: string): Promise<TicketDoc | undefined> {
  return (await db.tickets.findOne(id).exec())?.toMutableJSON();
}

describe('castVote', () => {
  let db: OutpostDatabase;
  beforeEach(async () => {
    db = await dbs.open();
    await seedPeople(db);
  });

  it('records an approval as a vote entry on the change', async () => {
    const change = await changeInAuthorize(db);
    const result = await castVote(db, change.id, 'approve', '  Looks safe.  ', mgr1, { now: NOW + 2 * HOUR });
    expect(result).toMatchObject({
      ok: true,
      activity: {
        type: 'activity',
        parentId: change.id,
        kind: 'vote',
        vote: 'approve',
        body: 'Looks safe.',
        minutes: 0,
        changes: [],
        createdAt: NOW + 2 * HOUR,
        createdBy: 'per_mgr1',
        updatedBy: 'per_mgr1',
      },
    });
    const timeline = await firstValueFrom(observeActivities(db, change.id));
    expect(timeline.map((a) => a.kind)).toEqual(['created', 'change', 'vote']);
  });

  it('takes votes only while the change is in Authorize', async () => {
    const change = await created(db, changeInput);
    expect(await castVote(db, change.id, 'approve', '', mgr1)).toEqual({
      ok: false,
      errors: { form: 'Votes are only taken while the change is in Authorize.' },
    });
    const incident = await created(db, { ...changeInput, kind: 'incident', status: undefined, process: {} });
    expect(await castVote(db, incident.id, 'approve', '', mgr1)).toEqual({
      ok: false,
      errors: { form: 'This change no longer exists.' },
    });
    expect(await castVote(db, 'tkt_missing', 'approve', '', mgr1)).toEqual({
      ok: false,
      errors: { form: 'This change no longer exists.' },
    });
    expect(await db.activities.find({ selector: { kind: 'vote' } }).exec()).toHaveLength(0);
  });

  it('takes votes only from approvers: every manager by default, or the configured list', async () => {
    const change = await changeInAuthorize(db);
    const refused = { ok: false, errors: { form: 'Only CAB approvers may vote on a change.' } };
    expect(await castVote(db, change.id, 'approve', '', agent)).toEqual(refused);
    // An admin is no approver unless listed.
    expect(await castVote(db, change.id, 'approve', '', { userId: 'per_admin' })).toEqual(refused);
    expect(await cabApprovers(db, await readCabSettings(db))).toEqual(['per_mgr1', 'per_mgr2']);

    expect(
      (await saveSetting(db, CAB_SETTING_KEY, { rule: { kind: 'all' }, approverIds: ['per_admin'] }, mgr1))
        .ok,
    ).toBe(true);
    expect(await castVote(db, change.id, 'approve', '', mgr1)).toEqual(refused);
    expect((await castVote(db, change.id, 'approve', '', { userId: 'per_admin' })).ok).toBe(true);
  });

  it('wants a reason with a rejection, and bounds the comment', async () => {
    const change = await changeInAuthorize(db);
    const noReason = { ok: false, errors: { comment: 'Say why you reject the change.' } };
    expect(await castVote(db, change.id, 'reject', '', mgr1)).toEqual(noReason);
    expect(await castVote(db, change.id, 'reject', ' \n ', mgr1)).toEqual(noReason);
    expect(await castVote(db, change.id, 'approve', 'x'.repeat(VOTE_COMMENT_MAX + 1), mgr1)).toEqual({
      ok: false,
      errors: { comment: `At most ${VOTE_COMMENT_MAX} characters.` },
    });
    expect(await db.activities.find({ selector: { kind: 'vote' } }).exec()).toHaveLength(0);
    const rejected = await castVote(db, change.id, 'reject', 'No back-out test.', mgr1);
    expect(rejected.ok && rejected.activity).toMatchObject({ vote: 'reject', body: 'No back-out test.' });
  });
});

describe('cabTally', () => {
  let db: OutpostDatabase;
  beforeEach(async () => {
    db = await dbs.open();
    await seedPeople(db);
  });

  it('needs every manager by default; the last vote of each counts', async () => {
    const change = await changeInAuthorize(db);
    expect(await cabTally(db, change)).toMatchObject({
      outcome: 'pending',
      approvals: [],
      waiting: ['per_mgr1', 'per_mgr2'],
      needed: 2,
    });
    await castVote(db, change.id, 'approve', '', mgr1, { now: NOW + 2 * HOUR });
    const half = await cabTally(db, change);
    expect(half).toMatchObject({ outcome: 'pending', waiting: ['per_mgr2'] });
    expect(half.approvals.map((b) => b.approverId)).toEqual(['per_mgr1']);

    await castVote(db, change.id, 'reject', 'Clashes with the month end.', mgr2, { now: NOW + 3 * HOUR });
    const rejected = await cabTally(db, change);
    expect(rejected.outcome).toBe('rejected');
    expect(rejected.rejections).toEqual([
      { approverId: 'per_mgr2', vote: 'reject', comment: 'Clashes with the month end.', at: NOW + 3 * HOUR },
    ]);

    await castVote(db, change.id, 'approve', 'Moved after the month end.', mgr2, { now: NOW + 4 * HOUR });
    expect(await cabTally(db, change)).toMatchObject({ outcome: 'approved', rejections: [], waiting: [] });
  });

  it('follows the configured rule', async () => {
    await saveSetting(db, CAB_SETTING_KEY, { rule: { kind: 'count', count: 1 }, approverIds: [] }, mgr1);
    const change = await changeInAuthorize(db);
    await castVote(db, change.id, 'approve', '', mgr2, { now: NOW + 2 * HOUR });
    expect(await cabTally(db, change)).toMatchObject({
      outcome: 'approved',
      needed: 1,
      waiting: ['per_mgr1'],
    });
  });

  it('forgets the votes of an earlier round once the change is sent back and re-submitted', async () => {
    const change = await changeInAuthorize(db);
    await castVote(db, change.id, 'approve', '', mgr1, { now: NOW + 2 * HOUR });
    await castVote(db, change.id, 'approve', '', mgr2, { now: NOW + 2 * HOUR });
    expect((await cabTally(db, change)).outcome).toBe('approved');
    await moved(
      db,
      change.id,
      { status: 'assess', process: { backoutPlan: 'Fail over to node B.' } },
      NOW + 3 * HOUR,
    );
    const again = await moved(db, change.id, { status: 'authorize' }, NOW + 4 * HOUR);
    expect(await cabTally(db, again)).toMatchObject({
      outcome: 'pending',
      waiting: ['per_mgr1', 'per_mgr2'],
    });
  });
});

describe('updateTicket with the process guards', () => {
  let db: OutpostDatabase;
  beforeEach(async () => {
    db = await dbs.open();
    await seedPeople(db);
  });

  it('keeps a change in Authorize until the CAB approved it', async () => {
    const change = await changeInAuthorize(db);
    const refused = { ok: false, errors: { status: 'The CAB has not approved this change yet.' } };
    expect(
      await updateTicket(db, change.id, { status: 'scheduled' }, agent, { now: NOW + 2 * HOUR }),
    ).toEqual(refused);
    await castVote(db, change.id, 'approve', '', mgr1, { now: NOW + 2 * HOUR });
    expect(
      await updateTicket(db, change.id, { status: 'scheduled' }, agent, { now: NOW + 3 * HOUR }),
    ).toEqual(refused);
    expect((await stored(db, change.id))?.status).toBe('authorize');

    await castVote(db, change.id, 'approve', '', mgr2, { now: NOW + 3 * HOUR });
    const scheduled = await updateTicket(db, change.id, { status: 'scheduled' }, agent, {
      now: NOW + 4 * HOUR,
    });
    expect(scheduled.ok && scheduled.ticket.status).toBe('scheduled');
    expect((await stored(db, change.id))?.status).toBe('scheduled');
  });

  it('lets a standard change skip the CAB, and refuses the shortcut to a normal one', async () => {
    const normal = await created(db, changeInput);
    expect(await updateTicket(db, normal.id, { status: 'scheduled' }, agent, { now: NOW + HOUR })).toEqual({
      ok: false,
      errors: {
        status: 'A normal or emergency change must be authorised by the CAB before it is scheduled.',
      },
    });
    const standard = await created(db, { ...changeInput, process: { ...PLAN, changeType: 'standard' } });
    const result = await updateTicket(db, standard.id, { status: 'scheduled' }, agent, { now: NOW + HOUR });
    expect(result.ok && result.ticket.status).toBe('scheduled');
  });

  it('releases a release only once every included change is implemented', async () => {
    const release = await created(db, {
      ...changeInput,
      kind: 'release',
      title: 'ERP 24.3',
      status: 'in_progress',
      process: { version: '24.3' },
    });
    const patch = { status: 'resolved', resolutionCode: 'released', resolutionNotes: 'Live.' } as const;
    const notReady = {
      ok: false,
      errors: {
        status: 'A release can only be released once every included change is approved and implemented.',
      },
    };
    // No change at all.
    expect(await updateTicket(db, release.id, patch, agent, { now: NOW + HOUR })).toEqual(notReady);
    await db.tickets.bulkInsert([
      fixtureTicket(1, { kind: 'change', status: 'review', parentId: release.id, assigneeId: 'per_agent' }),
      fixtureTicket(2, {
        kind: 'change',
        status: 'implement',
        parentId: release.id,
        assigneeId: 'per_agent',
      }),
      // Not part of the release: ignored.
      fixtureTicket(3, { kind: 'change', status: 'assess', parentId: 'tkt_other', assigneeId: '' }),
    ]);
    expect((await processGuards(db, release)).releaseReady).toBe(false);
    expect(await updateTicket(db, release.id, patch, agent, { now: NOW + HOUR })).toEqual(notReady);

    const implementing = await db.tickets.findOne(fixtureTicket(2).id).exec();
    await implementing?.incrementalPatch({ status: 'closed', resolutionCode: 'successful', phase: 'done' });
    expect((await processGuards(db, release)).releaseReady).toBe(true);
    const result = await updateTicket(db, release.id, patch, agent, { now: NOW + 2 * HOUR });
    expect(result.ok && result.ticket).toMatchObject({ status: 'resolved', resolutionCode: 'released' });
  });

  it('starts a task only when the tasks it depends on are done', async () => {
    const first = await created(db, {
      ...changeInput,
      kind: 'task',
      title: 'Order the switches',
      status: undefined,
      process: {},
    });
    const second = await created(db, {
      ...changeInput,
      kind: 'task',
      title: 'Rack the switches',
      status: undefined,
      process: {},
    });
    const task = await created(db, {
      ...changeInput,
      kind: 'task',
      title: 'Patch the new switches',
      status: undefined,
      process: { dependsOn: [first.id, second.id] },
    });
    expect(task.status).toBe('assigned');
    expect(await updateTicket(db, task.id, { status: 'in_progress' }, agent, { now: NOW + HOUR })).toEqual({
      ok: false,
      errors: {
        status: `This task cannot start before the tasks it depends on are done: ${first.number}, ${second.number}.`,
      },
    });
    await moved(
      db,
      first.id,
      { status: 'resolved', resolutionCode: 'completed', resolutionNotes: 'Ordered.' },
      NOW + HOUR,
    );
    expect(
      await updateTicket(db, task.id, { status: 'in_progress' }, agent, { now: NOW + 2 * HOUR }),
    ).toEqual({
      ok: false,
      errors: { status: `This task cannot start before the tasks it depends on are done: ${second.number}.` },
    });
    await moved(
      db,
      second.id,
      { status: 'resolved', resolutionCode: 'cancelled', resolutionNotes: 'Not needed.' },
      NOW + 2 * HOUR,
    );
    const started = await updateTicket(db, task.id, { status: 'in_progress' }, agent, {
      now: NOW + 3 * HOUR,
    });
    expect(started.ok && started.ticket.status).toBe('in_progress');
  });

  it('asks for no guard when the status does not change', async () => {
    const change = await changeInAuthorize(db);
    const result = await updateTicket(db, change.id, { title: 'Upgrade the ESX cluster to 8.0' }, agent, {
      now: NOW + 2 * HOUR,
    });
    expect(result.ok && result.ticket).toMatchObject({
      status: 'authorize',
      title: 'Upgrade the ESX cluster to 8.0',
    });
  });
});

describe('recordSurvey', () => {
  let db: OutpostDatabase;
  beforeEach(async () => {
    db = await dbs.open();
    await seedPeople(db);
  });

  async function resolvedIncident(): Promise<TicketDoc> {
    const incident = await created(db, {
      ...changeInput,
      kind: 'incident',
      status: undefined,
      process: {},
      title: 'Printer jams',
      impact: 3,
      urgency: 3,
      requesterId: 'per_req',
      assigneeId: 'per_agent',
    });
    return moved(
      db,
      incident.id,
      { status: 'resolved', resolutionCode: 'solved', resolutionNotes: 'Roller.' },
      NOW + HOUR,
    );
  }

  it('records a score and a comment on a resolved or closed ticket', async () => {
    const ticket = await resolvedIncident();
    const result = await recordSurvey(
      db,
      ticket.id,
      5,
      '  Quick and friendly. ',
      { userId: 'per_req' },
      { now: NOW + 2 * HOUR },
    );
    expect(result).toMatchObject({
      ok: true,
      activity: {
        kind: 'survey',
        score: 5,
        body: 'Quick and friendly.',
        createdBy: 'per_req',
        parentId: ticket.id,
      },
    });
    await moved(db, ticket.id, { status: 'closed' }, NOW + 3 * HOUR);
    expect((await recordSurvey(db, ticket.id, 2, '', { userId: 'per_req' })).ok).toBe(true);
    const timeline = await firstValueFrom(observeActivities(db, ticket.id));
    expect(timeline.filter((a) => a.kind === 'survey').map((a) => a.score)).toEqual([5, 2]);
  });

  it('refuses open or missing tickets, bad scores and long comments', async () => {
    const open = await created(db, {
      ...changeInput,
      kind: 'incident',
      status: undefined,
      process: {},
      assigneeId: '',
      title: 'Printer jams',
      impact: 3,
      urgency: 3,
      requesterId: 'per_req',
    });
    expect(await recordSurvey(db, open.id, 4, '', { userId: 'per_req' })).toEqual({
      ok: false,
      errors: { form: 'A survey is recorded once the ticket is resolved.' },
    });
    expect(await recordSurvey(db, 'tkt_missing', 4, '', { userId: 'per_req' })).toEqual({
      ok: false,
      errors: { form: 'This ticket no longer exists.' },
    });
    const ticket = await resolvedIncident();
    for (const score of [0, 6, 3.5, Number.NaN]) {
      expect(await recordSurvey(db, ticket.id, score, '', { userId: 'per_req' }), String(score)).toEqual({
        ok: false,
        errors: { score: 'Choose a score from 1 to 5.' },
      });
    }
    expect(
      await recordSurvey(db, ticket.id, 3, 'x'.repeat(SURVEY_COMMENT_MAX + 1), { userId: 'per_req' }),
    ).toEqual({
      ok: false,
      errors: { comment: `At most ${SURVEY_COMMENT_MAX} characters.` },
    });
    expect(await db.activities.find({ selector: { kind: 'survey' } }).exec()).toHaveLength(0);
  });
});
