/**
 * Demo projects and their tasks. Tasks are planned one after another along their dependencies,
 * then played out with some slip: a task starts only once every task it depends on is done, so
 * no task is in progress while one it waits for is still open.
 */
import {
  DAY,
  HOUR,
  MINUTE,
  between,
  closeDelay,
  recentTime,
  draftTicket,
  finish,
  memberOf,
  type GenContext,
} from './draft';
import { sharedValues } from './problems';
import { PROJECT_FAMILIES } from './process-templates';
import { chance, createRandom, pick, randomInt, type Random } from './random';
import * as text from './ticket-text';
import { member, step, type Member } from './timeline';

/** 09:00 UTC on the day of `at`, or the next day once that has passed. */
function nextMorning(at: number): number {
  const morning = Math.floor(at / DAY) * DAY + 9 * HOUR;
  return morning >= at ? morning : morning + DAY;
}

function complete(
  m: Member,
  fr: Random,
  doneAt: number,
  now: number,
  from: 'in_progress' | 'pending',
): number {
  const t = m.ticket;
  const by = t.assigneeId;
  t.status = 'resolved';
  t.resolutionCode = 'completed';
  t.resolutionNotes = pick(fr, text.RESOLUTION_NOTES.completed);
  t.resolvedAt = doneAt;
  step(m, doneAt, by, from, 'resolved', [
    { field: 'resolutionCode', from: '', to: 'completed' },
    { field: 'resolutionNotes', from: '', to: t.resolutionNotes },
  ]);
  const closeAt = doneAt + closeDelay(fr);
  if (closeAt > now) return doneAt;
  t.status = 'closed';
  t.closedAt = closeAt;
  step(m, closeAt, by, 'resolved', 'closed');
  return closeAt;
}

/** `slots[0]` is the project, the others its tasks in plan order. */
export function projectFamily(g: GenContext, fr: Random, slots: readonly number[]): Member[] {
  const { ix, now } = g;
  const spec = pick(fr, PROJECT_FAMILIES);
  const fixed = sharedValues(fr, ix, [spec.title, ...spec.tasks.map((t) => t.title)]);
  const createdAt = recentTime(fr, now, g.spanDays);
  const random = createRandom(g.seed, slots[0] as number);
  const project = draftTicket(g, random, slots[0] as number, {
    kind: 'project',
    template: spec.title,
    category: spec.category,
    group: spec.group,
    createdAt,
    fixed,
    byStaff: true,
  });
  project.assigneeId = memberOf(fr, ix, project.groupId);
  const pm = member(slots[0] as number, project, random);
  const kickoff = nextMorning(createdAt + between(fr, DAY, 5 * DAY));

  const tasks: Member[] = [];
  const plannedEnd: number[] = [];
  const doneAt: number[] = [];
  for (let i = 0; i + 1 < slots.length; i++) {
    const index = slots[i + 1] as number;
    const tpl = spec.tasks[i] as (typeof spec.tasks)[number];
    const own = createRandom(g.seed, index);
    const task = draftTicket(g, own, index, {
      kind: 'task',
      template: tpl.title,
      category: spec.category,
      group: spec.group,
      createdAt: Math.min(now, createdAt + between(fr, MINUTE, 2 * HOUR)),
      fixed,
      byStaff: true,
    });
    const deps = tpl.after.filter((d) => d < i).map((d) => tasks[d] as Member);
    const days = randomInt(fr, tpl.days[0], tpl.days[1]);
    const start = Math.max(
      kickoff,
      ...tpl.after.filter((d) => d < i).map((d) => nextMorning(plannedEnd[d] as number)),
    );
    const end = start + (days - 1) * DAY + 8 * HOUR;
    plannedEnd[i] = end;
    task.parentId = project.id;
    task.plannedStart = start;
    task.plannedEnd = end;
    task.dueAt = end + randomInt(fr, 0, 2) * DAY;
    task.estimateMinutes = days * randomInt(fr, 2, 6) * 60;
    if (deps.length > 0) task.dependsOn = deps.map((d) => d.ticket.id);

    // Played out: a little early or late, never before the tasks it waits for are done.
    const ready = Math.max(0, ...tpl.after.filter((d) => d < i).map((d) => doneAt[d] as number));
    const startedAt = Math.max(
      start + between(fr, 0, 2 * DAY) - DAY,
      ready + 10 * MINUTE,
      task.createdAt + HOUR,
    );
    doneAt[i] = startedAt + Math.floor(days * DAY * (0.5 + fr()));
    const tm = member(index, task, own);
    playTask(fr, tm, startedAt, doneAt[i] as number, now, ix.members.get(task.groupId) ?? ix.agents);
    finish(task);
    tasks.push(tm);
  }
  settleProject(fr, pm, tasks, kickoff, now);
  return [pm, ...tasks];
}

function playTask(
  fr: Random,
  m: Member,
  startedAt: number,
  doneAt: number,
  now: number,
  staff: readonly string[],
): void {
  const t = m.ticket;
  const owner = pick(fr, staff);
  const assignedAt = Math.min(now, startedAt - MINUTE, t.createdAt + between(fr, HOUR, DAY));
  let last = t.createdAt;
  // Tasks nobody has picked up yet stay New (the group's queue); the others have an owner.
  if (startedAt <= now || chance(fr, 0.7)) {
    t.assigneeId = owner;
    t.status = 'assigned';
    last = Math.max(t.createdAt, assignedAt);
    step(m, last, owner, 'new', 'assigned', [{ field: 'assigneeId', from: '', to: owner }]);
  }
  if (startedAt <= now) {
    t.status = 'in_progress';
    step(m, startedAt, owner, 'assigned', 'in_progress');
    last = startedAt;
    const waitAt = startedAt + Math.floor((doneAt - startedAt) * fr());
    if (doneAt > now && waitAt <= now && chance(fr, 0.15)) {
      t.status = 'pending';
      t.pendingReason = pick(fr, ['awaiting_delivery', 'awaiting_vendor'] as const);
      step(m, waitAt, owner, 'in_progress', 'pending', [
        { field: 'pendingReason', from: '', to: t.pendingReason },
      ]);
      last = waitAt;
    } else if (doneAt <= now) {
      last = complete(m, fr, doneAt, now, 'in_progress');
    }
  }
  t.updatedAt = last;
}

function settleProject(fr: Random, m: Member, tasks: readonly Member[], kickoff: number, now: number): void {
  const project = m.ticket;
  const ends = tasks.map((t) => t.ticket.plannedEnd as number);
  project.plannedStart = kickoff;
  project.plannedEnd = Math.max(kickoff + HOUR, ...ends);
  project.dueAt = nextMorning(project.plannedEnd + between(fr, 2 * DAY, 10 * DAY));
  const firstStart = Math.min(
    ...tasks.map((t) => t.steps.find((s) => s.changes[0]?.to === 'in_progress')?.at ?? Infinity),
  );
  let last = project.createdAt;
  if (Number.isFinite(firstStart)) {
    last = Math.max(project.createdAt + MINUTE, firstStart);
    project.status = 'in_progress';
    step(m, last, project.assigneeId, 'new', 'in_progress');
    const done = tasks.map((t) => t.ticket.resolvedAt);
    if (done.every((at) => at > 0)) {
      const doneAt = Math.max(...done) + between(fr, HOUR, DAY);
      if (doneAt <= now) last = complete(m, fr, doneAt, now, 'in_progress');
    }
  }
  project.updatedAt = last;
  finish(project);
}
