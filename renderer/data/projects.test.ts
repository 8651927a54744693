import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { firstValueFrom } from 'rxjs';
import type { OutpostDatabase } from './database';
import { createTask, observeProjectTasks, projectTasks, updateTaskPlan } from './projects';
import { createDbTracker } from './testDb';
import { createTicket, updateTicket } from './tickets';

const dbs = createDbTracker();
afterEach(() => dbs.closeAll());

const session = { userId: 'per_agent' };
const NOW = 1_750_000_000_000;
const DAY = 86_400_000;

async function createProject(db: OutpostDatabase, title = 'Office move'): Promise<string> {
  const result = await createTicket(
    db,
    {
      kind: 'project',
      title,
      description: '',
      impact: 3,
      urgency: 2,
      category: 'Facilities',
      requesterId: 'per_req',
      assigneeId: '',
      groupId: 'per_group_desk',
    },
    session,
    { now: NOW },
  );
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.ticket.id;
}

async function task(db: OutpostDatabase, projectId: string, title: string, dependsOn: string[] = []) {
  const result = await createTask(db, projectId, { title, dependsOn }, session, { now: NOW });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.task;
}

describe('createTask', () => {
  let db: OutpostDatabase;
  let projectId: string;
  beforeEach(async () => {
    db = await dbs.open();
    projectId = await createProject(db);
  });

  it('creates a task in the project with its plan, inheriting the project group', async () => {
    const first = await task(db, projectId, 'Order boxes');
    const result = await createTask(
      db,
      projectId,
      {
        title: 'Pack the archive',
        assigneeId: 'per_tech',
        dueAt: NOW + 5 * DAY,
        estimateMinutes: 240,
        dependsOn: [first.id, first.id],
        plannedStart: NOW + DAY,
        plannedEnd: NOW + 2 * DAY,
      },
      session,
      { now: NOW },
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.task).toMatchObject({
      kind: 'task',
      number: expect.stringMatching(/^TSK-/),
      parentId: projectId,
      status: 'assigned',
      assigneeId: 'per_tech',
      groupId: 'per_group_desk',
      impact: 3,
      requesterId: 'per_agent',
      dueAt: NOW + 5 * DAY,
      estimateMinutes: 240,
      dependsOn: [first.id],
      plannedStart: NOW + DAY,
      plannedEnd: NOW + 2 * DAY,
    });
    const live = await firstValueFrom(observeProjectTasks(db, projectId));
    expect(live.map((t) => t.title).sort()).toEqual(['Order boxes', 'Pack the archive']);
  });

  it('stores no empty plan fields', async () => {
    const created = await task(db, projectId, 'Book the van');
    expect(created).not.toHaveProperty('dueAt');
    expect(created).not.toHaveProperty('dependsOn');
    expect(created.parentId).toBe(projectId);
  });

  it('reports every problem at once and writes nothing', async () => {
    const other = await createProject(db, 'Other project');
    const foreign = await task(db, other, 'Elsewhere');
    const before = await db.tickets.count().exec();
    const result = await createTask(
      db,
      projectId,
      { title: ' ', dependsOn: [foreign.id], plannedStart: NOW + DAY, plannedEnd: NOW, estimateMinutes: -5 },
      session,
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.title).toBeTruthy();
      expect(result.errors.dependsOn).toMatch(/Not a task of this project/);
      expect(result.errors.plannedEnd).toMatch(/after the start/);
      expect(result.errors.estimateMinutes).toBeTruthy();
    }
    expect(await db.tickets.count().exec()).toBe(before);
  });

  it('refuses tasks for a missing or finished project', async () => {
    expect((await createTask(db, 'tkt_missing', { title: 'Lost task' }, session)).ok).toBe(false);
    const moved = await updateTicket(
      db,
      projectId,
      { status: 'resolved', resolutionCode: 'completed', resolutionNotes: 'Moved.' },
      session,
    );
    expect(moved.ok).toBe(true);
    const result = await createTask(db, projectId, { title: 'Too late' }, session);
    expect(!result.ok && result.errors.form).toMatch(/finished/);
  });
});

describe('updateTaskPlan', () => {
  let db: OutpostDatabase;
  let projectId: string;
  beforeEach(async () => {
    db = await dbs.open();
    projectId = await createProject(db);
  });

  it('refuses a dependency that closes a loop, naming it, and keeps the old value', async () => {
    const a = await task(db, projectId, 'Survey the site');
    const b = await task(db, projectId, 'Draw the plan', [a.id]);
    const c = await task(db, projectId, 'Order furniture', [b.id]);
    const result = await updateTaskPlan(db, a.id, { dependsOn: [c.id] }, session);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.dependsOn).toBe(
        `Circular dependency: ${a.number} depends on ${c.number}, which depends on ${b.number}, which depends on ${a.number}.`,
      );
    }
    expect((await db.tickets.findOne(a.id).exec())?.dependsOn).toBeUndefined();
  });

  it('changes dates, estimate and dependencies; 0 clears a date', async () => {
    const a = await task(db, projectId, 'Survey the site');
    const b = await task(db, projectId, 'Draw the plan');
    const first = await updateTaskPlan(
      db,
      b.id,
      { dueAt: NOW + DAY, estimateMinutes: 90, dependsOn: [a.id], plannedStart: NOW, plannedEnd: NOW + DAY },
      session,
      { now: NOW },
    );
    expect(first.ok && first.task).toMatchObject({
      dueAt: NOW + DAY,
      estimateMinutes: 90,
      dependsOn: [a.id],
    });
    const cleared = await updateTaskPlan(db, b.id, { dueAt: 0, dependsOn: [] }, session, { now: NOW });
    expect(cleared.ok && cleared.task).toMatchObject({ dueAt: 0, dependsOn: [] });

    // Echoing empty fields of a task that never had them records nothing.
    const activities = await db.activities.count({ selector: { parentId: a.id } }).exec();
    const echo = { dueAt: 0, estimateMinutes: 0, plannedStart: 0, plannedEnd: 0, dependsOn: [] };
    const unchanged = await updateTaskPlan(db, a.id, echo, session, { now: NOW });
    expect(unchanged.ok && unchanged.task).not.toHaveProperty('dueAt');
    expect(await db.activities.count({ selector: { parentId: a.id } }).exec()).toBe(activities);
  });

  it('checks the window against the stored other end', async () => {
    const a = await task(db, projectId, 'Survey the site');
    expect((await updateTaskPlan(db, a.id, { plannedStart: NOW, plannedEnd: NOW + DAY }, session)).ok).toBe(
      true,
    );
    const result = await updateTaskPlan(db, a.id, { plannedStart: NOW + 2 * DAY }, session);
    expect(!result.ok && result.errors.plannedEnd).toMatch(/after the start/);
  });

  it('the dependency guard stops a task from starting while its dependency is open', async () => {
    const a = await task(db, projectId, 'Survey the site');
    const b = await task(db, projectId, 'Draw the plan', [a.id]);
    const start = { status: 'in_progress' as const, assigneeId: 'per_tech' };
    const refused = await updateTicket(db, b.id, start, session);
    expect(!refused.ok && refused.errors.status).toContain(a.number);
    await updateTicket(
      db,
      a.id,
      { status: 'resolved', resolutionCode: 'completed', resolutionNotes: 'Done' },
      session,
    );
    expect((await updateTicket(db, b.id, start, session)).ok).toBe(true);
    expect((await projectTasks(db, projectId)).map((t) => t.status).sort()).toEqual([
      'in_progress',
      'resolved',
    ]);
  });
});
