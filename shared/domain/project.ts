/**
 * Projects and their tasks: progress roll-up, task dependencies (no cycles), which tasks are
 * blocked or late, and the layout of the project timeline. Pure functions over task records;
 * the data layer loads the tasks whose `parentId` is the project.
 */
import type { TicketDoc } from './model';
import { DEPENDENCIES_MAX } from './process';
import { phaseOf } from './status';

export type TaskFacts = Pick<TicketDoc, 'id' | 'number' | 'status' | 'resolutionCode'> &
  Partial<
    Pick<
      TicketDoc,
      'title' | 'plannedStart' | 'plannedEnd' | 'dueAt' | 'estimateMinutes' | 'dependsOn' | 'createdAt'
    >
  >;

export const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** Resolved or closed as cancelled: the work will not happen, so it leaves the roll-up. */
export function isCancelledTask(task: TaskFacts): boolean {
  return (
    task.status === 'cancelled' || (phaseOf(task.status) === 'done' && task.resolutionCode === 'cancelled')
  );
}

export function isOpenTask(task: TaskFacts): boolean {
  return phaseOf(task.status) === 'open';
}

/** Finished work: resolved or closed, but not cancelled. */
export function isDoneTask(task: TaskFacts): boolean {
  return !isOpenTask(task) && !isCancelledTask(task);
}

export interface ProjectProgress {
  /** Tasks that count (every task but the cancelled ones). */
  total: number;
  done: number;
  cancelled: number;
  /** Counted tasks per status. */
  byStatus: Partial<Record<TicketDoc['status'], number>>;
  /** Share of counted tasks that are done, 0..1. */
  taskShare: number;
  /** Share of estimated work that is done, 0..1 (see projectProgress). */
  workShare: number;
}

/**
 * Roll-up of a project's tasks. Work is weighed by estimate; a task without an estimate counts
 * as one unit, where a unit is the average estimate of the estimated tasks (one task's worth of
 * work; with no estimate anywhere, every task weighs the same).
 */
export function projectProgress(tasks: readonly TaskFacts[]): ProjectProgress {
  const counted = tasks.filter((t) => !isCancelledTask(t));
  const byStatus: ProjectProgress['byStatus'] = {};
  for (const t of counted) byStatus[t.status] = (byStatus[t.status] ?? 0) + 1;
  const estimates = counted.map((t) => t.estimateMinutes ?? 0).filter((m) => m > 0);
  const unit = estimates.length > 0 ? estimates.reduce((a, b) => a + b, 0) / estimates.length : 1;
  const weight = (t: TaskFacts) => ((t.estimateMinutes ?? 0) > 0 ? (t.estimateMinutes ?? 0) : unit);
  let all = 0;
  let finished = 0;
  let done = 0;
  for (const t of counted) {
    all += weight(t);
    if (isDoneTask(t)) {
      finished += weight(t);
      done++;
    }
  }
  return {
    total: counted.length,
    done,
    cancelled: tasks.length - counted.length,
    byStatus,
    taskShare: counted.length === 0 ? 0 : done / counted.length,
    workShare: all === 0 ? 0 : finished / all,
  };
}

/** Whole percent that never shows 100% before everything is done (nor 0% after a start). */
export function percent(share: number): number {
  if (share >= 1) return 100;
  if (share <= 0) return 0;
  return Math.min(99, Math.max(1, Math.round(share * 100)));
}

/** "3 of 5 tasks done, 60% of estimated work". */
export function progressSummary(progress: ProjectProgress): string {
  if (progress.total === 0) return 'No tasks yet';
  const noun = progress.total === 1 ? 'task' : 'tasks';
  return `${progress.done} of ${progress.total} ${noun} done, ${percent(progress.workShare)}% of estimated work`;
}

export type DependencyCheck = { ok: true; dependsOn: string[] } | { ok: false; error: string };

/**
 * Checks the dependencies proposed for `taskId` (null for a task not created yet) against the
 * project's `tasks`: every one must be another task of the project, at most DEPENDENCIES_MAX,
 * and the edit must not close a loop. A cycle is refused with its path spelled out.
 */
export function checkDependencies(
  taskId: string | null,
  proposed: readonly string[],
  tasks: readonly TaskFacts[],
): DependencyCheck {
  const dependsOn = [...new Set(proposed.filter((id) => id !== ''))];
  const byId = new Map(tasks.map((t) => [t.id, t]));
  if (taskId !== null && dependsOn.includes(taskId)) {
    return { ok: false, error: 'A task cannot depend on itself.' };
  }
  const unknown = dependsOn.filter((id) => !byId.has(id));
  if (unknown.length > 0) {
    return { ok: false, error: `Not a task of this project: ${unknown.join(', ')}.` };
  }
  if (dependsOn.length > DEPENDENCIES_MAX) {
    return { ok: false, error: `A task can depend on at most ${DEPENDENCIES_MAX} tasks.` };
  }
  // Nothing can depend on a task that does not exist yet, so only an existing one can loop.
  if (taskId !== null && byId.has(taskId)) {
    const edges = (id: string) => (id === taskId ? dependsOn : (byId.get(id)?.dependsOn ?? []));
    const path = pathBetween(dependsOn, taskId, edges);
    if (path) {
      const numbers = [taskId, ...path].map((id) => byId.get(id)?.number ?? id);
      const [first, ...rest] = numbers;
      return {
        ok: false,
        error: `Circular dependency: ${first} depends on ${rest.join(', which depends on ')}.`,
      };
    }
  }
  return { ok: true, dependsOn };
}

/** A path from one of `starts` to `target` following `edges`, or null (depth-first, iterative). */
function pathBetween(
  starts: readonly string[],
  target: string,
  edges: (id: string) => readonly string[],
): string[] | null {
  const seen = new Set<string>();
  for (const start of starts) {
    const stack: { id: string; path: string[] }[] = [{ id: start, path: [start] }];
    while (stack.length > 0) {
      const { id, path } = stack.pop() as { id: string; path: string[] };
      if (id === target) return path;
      if (seen.has(id)) continue;
      seen.add(id);
      for (const next of edges(id)) stack.push({ id: next, path: [...path, next] });
    }
  }
  return null;
}

/** Numbers of the open tasks `task` depends on, sorted; unknown (deleted) ones are ignored. */
export function openDependenciesOf(task: TaskFacts, byId: ReadonlyMap<string, TaskFacts>): string[] {
  return (task.dependsOn ?? [])
    .map((id) => byId.get(id))
    .filter((dep): dep is TaskFacts => dep !== undefined && isOpenTask(dep))
    .map((dep) => dep.number)
    .sort();
}

/** Open tasks that wait on open dependencies: task id -> numbers of what blocks it. */
export function blockedTasks(tasks: readonly TaskFacts[]): Map<string, string[]> {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const blocked = new Map<string, string[]>();
  for (const t of tasks) {
    if (!isOpenTask(t)) continue;
    const open = openDependenciesOf(t, byId);
    if (open.length > 0) blocked.set(t.id, open);
  }
  return blocked;
}

export function isLateTask(task: TaskFacts, now: number): boolean {
  const due = task.dueAt ?? 0;
  return isOpenTask(task) && due > 0 && due < now;
}

/** Ids of open tasks whose due date has passed. */
export function lateTasks(tasks: readonly TaskFacts[], now: number): Set<string> {
  return new Set(tasks.filter((t) => isLateTask(t, now)).map((t) => t.id));
}

// ---- Timeline

export type TimelineScale = 'day' | 'week';
/** Where a bar's dates come from: the plan, the due date, its dependencies, or the project start. */
export type BarSource = 'planned' | 'due' | 'dependencies' | 'project';

export interface TimelineBar {
  id: string;
  number: string;
  title: string;
  start: number;
  end: number;
  source: BarSource;
  done: boolean;
  cancelled: boolean;
  late: boolean;
  /** Numbers of the tasks this one comes after. */
  after: string[];
  /** Position within the timeline's range, 0..1. */
  offset: number;
  width: number;
}

export interface TimelineLayout {
  bars: TimelineBar[];
  start: number;
  end: number;
  scale: TimelineScale;
  /** Starts of the days or weeks (Mondays) inside the range, for grid lines and labels. */
  ticks: number[];
  /** Today's position, 0..1, or null when today is outside the range. */
  today: number | null;
}

export interface TimelineOptions {
  now: number;
  /** Where unscheduled tasks start: the project's planned start, or its creation. */
  projectStart: number;
  /** Local time zone as minutes east of UTC (-Date#getTimezoneOffset()), to cut days locally. */
  utcOffsetMinutes?: number;
}

/** Ranges up to this many days are drawn day by day, longer ones week by week. */
export const DAY_SCALE_MAX_DAYS = 31;
/** A task without an estimate takes a day on the timeline. */
const DEFAULT_DURATION_MS = DAY_MS;

function durationOf(task: TaskFacts): number {
  const minutes = task.estimateMinutes ?? 0;
  return minutes > 0 ? minutes * MINUTE_MS : DEFAULT_DURATION_MS;
}

/** Dependencies before dependents; a loop (possible after two offline edits) is cut anywhere. */
function dependencyOrder(tasks: readonly TaskFacts[]): TaskFacts[] {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const state = new Map<string, 'visiting' | 'done'>();
  const order: TaskFacts[] = [];
  const visit = (task: TaskFacts) => {
    if (state.has(task.id)) return;
    state.set(task.id, 'visiting');
    for (const id of task.dependsOn ?? []) {
      const dep = byId.get(id);
      if (dep) visit(dep);
    }
    state.set(task.id, 'done');
    order.push(task);
  };
  for (const task of tasks) visit(task);
  return order;
}

function placeTask(task: TaskFacts, depEnds: number[], projectStart: number) {
  const duration = durationOf(task);
  const plannedStart = task.plannedStart ?? 0;
  const plannedEnd = task.plannedEnd ?? 0;
  const due = task.dueAt ?? 0;
  if (plannedStart > 0 && plannedEnd > plannedStart) {
    return { start: plannedStart, end: plannedEnd, source: 'planned' as const };
  }
  if (plannedStart > 0) {
    return {
      start: plannedStart,
      end: due > plannedStart ? due : plannedStart + duration,
      source: 'planned' as const,
    };
  }
  if (plannedEnd > 0) return { start: plannedEnd - duration, end: plannedEnd, source: 'planned' as const };
  if (due > 0) return { start: due - duration, end: due, source: 'due' as const };
  if (depEnds.length > 0) {
    const start = Math.max(...depEnds);
    return { start, end: start + duration, source: 'dependencies' as const };
  }
  return { start: projectStart, end: projectStart + duration, source: 'project' as const };
}

function dayFloor(ms: number, offsetMs: number): number {
  return Math.floor((ms + offsetMs) / DAY_MS) * DAY_MS - offsetMs;
}

/** Monday of the week containing the day starting at `dayStart` (1970-01-01 was a Thursday). */
function weekFloor(dayStart: number, offsetMs: number): number {
  const dayIndex = Math.round((dayStart + offsetMs) / DAY_MS);
  const mondayBased = (((dayIndex + 3) % 7) + 7) % 7;
  return dayStart - mondayBased * DAY_MS;
}

/**
 * Lays out a project's tasks on a time axis. Each task gets a start and an end: its planned
 * dates; else it ends on its due date and starts its estimate earlier; else it starts when its
 * last dependency ends; else with the project. The range covers every bar, cut at whole days
 * (or weeks, for long projects).
 */
export function timelineLayout(tasks: readonly TaskFacts[], options: TimelineOptions): TimelineLayout {
  const offsetMs = (options.utcOffsetMinutes ?? 0) * MINUTE_MS;
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const placed = new Map<string, { start: number; end: number; source: BarSource }>();
  for (const task of dependencyOrder(tasks)) {
    const depEnds = (task.dependsOn ?? [])
      .map((id) => placed.get(id)?.end)
      .filter((end): end is number => end !== undefined);
    placed.set(task.id, placeTask(task, depEnds, options.projectStart));
  }

  const spans = [...placed.values()];
  const first = spans.length > 0 ? Math.min(...spans.map((s) => s.start)) : options.now;
  const last = spans.length > 0 ? Math.max(...spans.map((s) => s.end)) : options.now;
  let start = dayFloor(first, offsetMs);
  const lastDay = dayFloor(last, offsetMs);
  let end = Math.max(lastDay === last ? last : lastDay + DAY_MS, start + DAY_MS);
  const scale: TimelineScale = (end - start) / DAY_MS <= DAY_SCALE_MAX_DAYS ? 'day' : 'week';
  const step = scale === 'day' ? DAY_MS : 7 * DAY_MS;
  if (scale === 'week') {
    start = weekFloor(start, offsetMs);
    end = start + Math.ceil((end - start) / step) * step;
  }
  const ticks: number[] = [];
  for (let t = start; t < end; t += step) ticks.push(t);
  const span = end - start;
  const at = (ms: number) => Math.min(1, Math.max(0, (ms - start) / span));

  const bars: TimelineBar[] = tasks.map((task) => {
    const {
      start: s,
      end: e,
      source,
    } = placed.get(task.id) as { start: number; end: number; source: BarSource };
    const cancelled = isCancelledTask(task);
    return {
      id: task.id,
      number: task.number,
      title: task.title ?? '',
      start: s,
      end: e,
      source,
      done: isDoneTask(task),
      cancelled,
      late: isLateTask(task, options.now),
      after: (task.dependsOn ?? [])
        .map((id) => byId.get(id)?.number)
        .filter((n): n is string => n !== undefined)
        .sort(),
      offset: at(s),
      width: Math.max(0, at(e) - at(s)),
    };
  });
  bars.sort((a, b) => a.start - b.start || (a.number < b.number ? -1 : a.number > b.number ? 1 : 0));
  const today = options.now >= start && options.now <= end ? at(options.now) : null;
  return { bars, start, end, scale, ticks, today };
}
