/**
 * Projects and their tasks. A task belongs to its project through `parentId`; dependencies are
 * checked against the project's other tasks (project.ts) before anything is written.
 */
import { map, type Observable } from 'rxjs';
import type { TicketDoc } from '../../shared/domain/model';
import { checkDependencies } from '../../shared/domain/project';
import { validateProcessPatch, type ProcessPatch } from '../../shared/domain/process';
import { phaseOf } from '../../shared/domain/status';
import {
  FORM_ERROR_KEY,
  validateTicketInput,
  type FieldErrors,
  type TicketInput,
} from '../../shared/domain/validation';
import type { OutpostDatabase } from './database';
import { createTicket, updateTicket, type Session, type WriteOptions } from './tickets';

/** What the "Add task" form asks for. Dates are epoch ms, 0 = not set. */
export interface TaskInput {
  title: string;
  description?: string;
  assigneeId?: string;
  dueAt?: number;
  estimateMinutes?: number;
  dependsOn?: string[];
  plannedStart?: number;
  plannedEnd?: number;
}

/** The planning fields of a task; absent = unchanged. */
export type TaskPlan = Pick<
  ProcessPatch,
  'dueAt' | 'estimateMinutes' | 'dependsOn' | 'plannedStart' | 'plannedEnd'
>;

export type TaskResult = { ok: true; task: TicketDoc } | { ok: false; errors: FieldErrors };

function taskQuery(db: OutpostDatabase, projectId: string) {
  return db.tickets.find({
    selector: { kind: 'task', parentId: projectId },
    index: ['kind', 'phase', 'sortDesc'],
  });
}

/** The tasks of a project, live. */
export function observeProjectTasks(db: OutpostDatabase, projectId: string): Observable<TicketDoc[]> {
  return taskQuery(db, projectId).$.pipe(map((docs) => docs.map((d) => d.toMutableJSON())));
}

export async function projectTasks(db: OutpostDatabase, projectId: string): Promise<TicketDoc[]> {
  return (await taskQuery(db, projectId).exec()).map((d) => d.toMutableJSON());
}

async function load(db: OutpostDatabase, id: string): Promise<TicketDoc | null> {
  return (await db.tickets.findOne(id).exec())?.toMutableJSON() ?? null;
}

/** The planned window must run forwards once both ends are known (stored or edited). */
function windowError(start: number, end: number): FieldErrors {
  return start > 0 && end > 0 && end <= start ? { plannedEnd: 'The end must be after the start.' } : {};
}

/** Only set fields go into the patch: an empty date in a form means "no date", not 0 stored. */
function planPatch(plan: TaskPlan): ProcessPatch {
  const patch: ProcessPatch = {};
  if (plan.dueAt) patch.dueAt = plan.dueAt;
  if (plan.estimateMinutes) patch.estimateMinutes = plan.estimateMinutes;
  if (plan.plannedStart) patch.plannedStart = plan.plannedStart;
  if (plan.plannedEnd) patch.plannedEnd = plan.plannedEnd;
  if (plan.dependsOn && plan.dependsOn.length > 0) patch.dependsOn = plan.dependsOn;
  return patch;
}

/**
 * Creates a task in `projectId` with its planning fields. The task inherits the project's
 * group, impact and urgency; whoever adds it is its requester.
 */
export async function createTask(
  db: OutpostDatabase,
  projectId: string,
  input: TaskInput,
  session: Session,
  options: WriteOptions = {},
): Promise<TaskResult> {
  const project = await load(db, projectId);
  if (!project || project.kind !== 'project') {
    return { ok: false, errors: { [FORM_ERROR_KEY]: 'This project no longer exists.' } };
  }
  if (phaseOf(project.status) === 'done') {
    return {
      ok: false,
      errors: {
        [FORM_ERROR_KEY]: `${project.number} is finished; tasks can only be added to an open project.`,
      },
    };
  }
  const deps = checkDependencies(null, input.dependsOn ?? [], await projectTasks(db, projectId));
  const ticket: TicketInput = {
    kind: 'task',
    title: input.title,
    description: input.description ?? '',
    impact: project.impact,
    urgency: project.urgency,
    category: project.category,
    requesterId: session.userId || project.requesterId,
    assigneeId: input.assigneeId ?? '',
    groupId: project.groupId,
    process: { parentId: projectId, ...planPatch({ ...input, dependsOn: deps.ok ? deps.dependsOn : [] }) },
  };
  // Every problem at once, so the form can show them all before anything is written.
  const errors: FieldErrors = {
    ...validateTicketInput(ticket),
    ...validateProcessPatch('task', ticket.process ?? {}),
    ...windowError(input.plannedStart ?? 0, input.plannedEnd ?? 0),
  };
  if (!deps.ok) errors.dependsOn = deps.error;
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const result = await createTicket(db, ticket, session, options);
  return result.ok ? { ok: true, task: result.ticket } : result;
}

/**
 * Changes a task's due date, estimate, planned window or dependencies. 0 clears a date or the
 * estimate; a dependency edit that would close a loop is refused with the loop named.
 */
export async function updateTaskPlan(
  db: OutpostDatabase,
  taskId: string,
  plan: TaskPlan,
  session: Session,
  options: WriteOptions = {},
): Promise<TaskResult> {
  const task = await load(db, taskId);
  if (!task || task.kind !== 'task') {
    return { ok: false, errors: { [FORM_ERROR_KEY]: 'This task no longer exists.' } };
  }
  const errors: FieldErrors = windowError(
    plan.plannedStart ?? task.plannedStart ?? 0,
    plan.plannedEnd ?? task.plannedEnd ?? 0,
  );
  const patch: ProcessPatch = { ...plan };
  if (plan.dependsOn !== undefined) {
    const siblings = task.parentId ? await projectTasks(db, task.parentId) : [];
    const deps = checkDependencies(taskId, plan.dependsOn, siblings);
    if (deps.ok) patch.dependsOn = deps.dependsOn;
    else errors.dependsOn = deps.error;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const changed = withoutUnchanged(task, patch);
  if (Object.keys(changed).length === 0) return { ok: true, task };
  const result = await updateTicket(db, taskId, { process: changed }, session, options);
  return result.ok ? { ok: true, task: result.ticket } : result;
}

/** A form echoes every field: an empty one where nothing was stored is no change. */
function withoutUnchanged(task: TicketDoc, patch: ProcessPatch): ProcessPatch {
  const out: ProcessPatch = {};
  if (patch.dueAt !== undefined && patch.dueAt !== (task.dueAt ?? 0)) out.dueAt = patch.dueAt;
  if (patch.estimateMinutes !== undefined && patch.estimateMinutes !== (task.estimateMinutes ?? 0)) {
    out.estimateMinutes = patch.estimateMinutes;
  }
  if (patch.plannedStart !== undefined && patch.plannedStart !== (task.plannedStart ?? 0)) {
    out.plannedStart = patch.plannedStart;
  }
  if (patch.plannedEnd !== undefined && patch.plannedEnd !== (task.plannedEnd ?? 0)) {
    out.plannedEnd = patch.plannedEnd;
  }
  if (patch.dependsOn !== undefined && patch.dependsOn.join() !== (task.dependsOn ?? []).join()) {
    out.dependsOn = patch.dependsOn;
  }
  return out;
}
