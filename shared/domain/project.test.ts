import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { TicketStatus } from './model';
import {
  DAY_MS,
  blockedTasks,
  checkDependencies,
  isCancelledTask,
  isDoneTask,
  isOpenTask,
  lateTasks,
  openDependenciesOf,
  percent,
  progressSummary,
  projectProgress,
  timelineLayout,
  type TaskFacts,
} from './project';

const HOUR = 3_600_000;
/** Monday 2025-03-03 00:00 UTC. */
const MONDAY = Date.UTC(2025, 2, 3);

function task(n: number, overrides: Partial<TaskFacts> = {}): TaskFacts {
  return {
    id: `t${n}`,
    number: `TSK-AAAA-${String(n).padStart(4, '0')}`,
    title: `Task ${n}`,
    status: 'new',
    resolutionCode: '',
    ...overrides,
  };
}

const completed = { status: 'resolved' as TicketStatus, resolutionCode: 'completed' };
const cancelled = { status: 'resolved' as TicketStatus, resolutionCode: 'cancelled' };

describe('task state', () => {
  it('tells open, done and cancelled tasks apart', () => {
    expect([isOpenTask(task(1)), isDoneTask(task(1)), isCancelledTask(task(1))]).toEqual([
      true,
      false,
      false,
    ]);
    const closedDone = task(2, { status: 'closed', resolutionCode: 'completed' });
    expect([isOpenTask(closedDone), isDoneTask(closedDone), isCancelledTask(closedDone)]).toEqual([
      false,
      true,
      false,
    ]);
    const dropped = task(3, cancelled);
    expect([isOpenTask(dropped), isDoneTask(dropped), isCancelledTask(dropped)]).toEqual([
      false,
      false,
      true,
    ]);
    expect(isCancelledTask(task(4, { status: 'closed', resolutionCode: 'cancelled' }))).toBe(true);
    // A cancellation code on an open task (a stale form value) does not cancel it.
    expect(isCancelledTask(task(5, { status: 'in_progress', resolutionCode: 'cancelled' }))).toBe(false);
  });
});

describe('projectProgress', () => {
  it('counts tasks per status and leaves cancelled ones out', () => {
    const tasks = [
      task(1, completed),
      task(2, { status: 'closed', resolutionCode: 'completed' }),
      task(3, completed),
      task(4, { status: 'in_progress' }),
      task(5),
      task(6, cancelled),
    ];
    const progress = projectProgress(tasks);
    expect(progress).toMatchObject({ total: 5, done: 3, cancelled: 1, taskShare: 0.6, workShare: 0.6 });
    expect(progress.byStatus).toEqual({ resolved: 2, closed: 1, in_progress: 1, new: 1 });
    expect(progressSummary(progress)).toBe('3 of 5 tasks done, 60% of estimated work');
  });

  it('weighs work by estimate', () => {
    const progress = projectProgress([
      task(1, { ...completed, estimateMinutes: 60 }),
      task(2, { estimateMinutes: 180 }),
    ]);
    expect(progress.taskShare).toBe(0.5);
    expect(progress.workShare).toBe(0.25);
    expect(progressSummary(progress)).toBe('1 of 2 tasks done, 25% of estimated work');
  });

  it('counts a task without estimate as one average task', () => {
    // Estimated: 60 and 180 (average 120); the unestimated done task weighs 120.
    const progress = projectProgress([
      task(1, { estimateMinutes: 60 }),
      task(2, { estimateMinutes: 180 }),
      task(3, completed),
    ]);
    expect(progress.workShare).toBeCloseTo(120 / 360);
  });

  it('an empty project has nothing done', () => {
    const progress = projectProgress([]);
    expect(progress).toMatchObject({ total: 0, done: 0, taskShare: 0, workShare: 0 });
    expect(progressSummary(progress)).toBe('No tasks yet');
    expect(progressSummary(projectProgress([task(1, cancelled)]))).toBe('No tasks yet');
  });

  it('workShare stays within 0..1 and is 1 exactly when every counted task is done', () => {
    const statuses = fc.constantFrom<TicketStatus>(
      'new',
      'assigned',
      'in_progress',
      'pending',
      'resolved',
      'closed',
    );
    const spec = fc.record({
      status: statuses,
      code: fc.constantFrom('completed', 'cancelled'),
      estimate: fc.option(fc.integer({ min: 1, max: 10_000 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(spec, { maxLength: 15 }), (specs) => {
        const tasks = specs.map((s, i) =>
          task(i, { status: s.status, resolutionCode: s.code, estimateMinutes: s.estimate }),
        );
        const p = projectProgress(tasks);
        expect(p.workShare).toBeGreaterThanOrEqual(0);
        expect(p.workShare).toBeLessThanOrEqual(1 + 1e-12);
        expect(p.total + p.cancelled).toBe(tasks.length);
        expect(p.done === p.total && p.total > 0).toBe(p.workShare > 1 - 1e-9);
      }),
    );
  });
});

describe('percent', () => {
  it('never rounds to 0% or 100% unless it is', () => {
    expect([percent(0), percent(0.001), percent(0.5), percent(0.996), percent(1)]).toEqual([
      0, 1, 50, 99, 100,
    ]);
  });
});

describe('checkDependencies', () => {
  const tasks = [task(1), task(2, { dependsOn: ['t1'] }), task(3, { dependsOn: ['t2'] }), task(4)];

  it('accepts dependencies on other tasks, without duplicates', () => {
    expect(checkDependencies('t4', ['t1', 't3', 't1', ''], tasks)).toEqual({
      ok: true,
      dependsOn: ['t1', 't3'],
    });
    expect(checkDependencies(null, ['t3'], tasks)).toEqual({ ok: true, dependsOn: ['t3'] });
    expect(checkDependencies('t4', [], tasks)).toEqual({ ok: true, dependsOn: [] });
  });

  it('refuses the task itself and tasks outside the project', () => {
    expect(checkDependencies('t4', ['t4'], tasks)).toEqual({
      ok: false,
      error: 'A task cannot depend on itself.',
    });
    expect(checkDependencies('t4', ['t1', 'tx'], tasks)).toEqual({
      ok: false,
      error: 'Not a task of this project: tx.',
    });
  });

  it('refuses more than the maximum', () => {
    const many = Array.from({ length: 52 }, (_, i) => task(100 + i));
    const result = checkDependencies(
      null,
      many.map((t) => t.id),
      many,
    );
    expect(result.ok).toBe(false);
  });

  it('refuses a direct cycle and names it', () => {
    expect(checkDependencies('t1', ['t2'], tasks)).toEqual({
      ok: false,
      error: 'Circular dependency: TSK-AAAA-0001 depends on TSK-AAAA-0002, which depends on TSK-AAAA-0001.',
    });
  });

  it('refuses a longer cycle and names every step', () => {
    const result = checkDependencies('t1', ['t4', 't3'], tasks);
    expect(result).toEqual({
      ok: false,
      error:
        'Circular dependency: TSK-AAAA-0001 depends on TSK-AAAA-0003, which depends on TSK-AAAA-0002, which depends on TSK-AAAA-0001.',
    });
  });

  it('accepts a diamond (two paths to one task is no cycle)', () => {
    const diamond = [task(1), task(2, { dependsOn: ['t1'] }), task(3, { dependsOn: ['t1'] }), task(4)];
    expect(checkDependencies('t4', ['t2', 't3'], diamond).ok).toBe(true);
  });

  it('whatever edits are accepted, the graph never gets a cycle', () => {
    const ids = ['t0', 't1', 't2', 't3', 't4', 't5'];
    const edit = fc.tuple(fc.constantFrom(...ids), fc.subarray(ids));
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 30 }), (edits) => {
        const graph = new Map(ids.map((id, i) => [id, task(i, { id, dependsOn: [] })]));
        for (const [id, deps] of edits) {
          const result = checkDependencies(id, deps, [...graph.values()]);
          if (result.ok) graph.set(id, { ...(graph.get(id) as TaskFacts), dependsOn: result.dependsOn });
        }
        // Kahn's algorithm: an acyclic graph empties completely.
        const remaining = new Map([...graph.values()].map((t) => [t.id, new Set(t.dependsOn)]));
        let progressed = true;
        while (progressed) {
          progressed = false;
          for (const [id, deps] of remaining) {
            if ([...deps].every((d) => !remaining.has(d))) {
              remaining.delete(id);
              progressed = true;
            }
          }
        }
        expect(remaining.size).toBe(0);
      }),
    );
  });
});

describe('blocked and late tasks', () => {
  it('a task is blocked by its open dependencies only', () => {
    const tasks = [
      task(1),
      task(2, completed),
      task(3, { dependsOn: ['t1', 't2', 'gone'] }),
      task(4, { ...completed, dependsOn: ['t1'] }),
      task(5, { dependsOn: ['t2'] }),
    ];
    const blocked = blockedTasks(tasks);
    expect([...blocked.entries()]).toEqual([['t3', ['TSK-AAAA-0001']]]);
    const byId = new Map(tasks.map((t) => [t.id, t]));
    expect(openDependenciesOf(tasks[4] as TaskFacts, byId)).toEqual([]);
  });

  it('a cancelled dependency does not block', () => {
    expect(blockedTasks([task(1, cancelled), task(2, { dependsOn: ['t1'] })]).size).toBe(0);
  });

  it('late means open with a due date in the past', () => {
    const now = MONDAY;
    const tasks = [
      task(1, { dueAt: now - 1 }),
      task(2, { dueAt: now + 1 }),
      task(3, { ...completed, dueAt: now - 1 }),
      task(4),
    ];
    expect([...lateTasks(tasks, now)]).toEqual(['t1']);
  });
});

describe('timelineLayout', () => {
  const options = { now: MONDAY + 12 * HOUR, projectStart: MONDAY + 9 * HOUR };

  it('places tasks by plan, due date, dependencies or the project start', () => {
    const tasks = [
      task(1, { plannedStart: MONDAY + DAY_MS, plannedEnd: MONDAY + 2 * DAY_MS }),
      task(2, { dueAt: MONDAY + 4 * DAY_MS, estimateMinutes: 120 }),
      task(3, { dependsOn: ['t1', 't2'], estimateMinutes: 240 }),
      task(4),
    ];
    const layout = timelineLayout(tasks, options);
    const bar = (id: string) => layout.bars.find((b) => b.id === id);
    expect(bar('t1')).toMatchObject({ start: MONDAY + DAY_MS, end: MONDAY + 2 * DAY_MS, source: 'planned' });
    expect(bar('t2')).toMatchObject({
      start: MONDAY + 4 * DAY_MS - 2 * HOUR,
      end: MONDAY + 4 * DAY_MS,
      source: 'due',
    });
    expect(bar('t3')).toMatchObject({
      start: MONDAY + 4 * DAY_MS,
      end: MONDAY + 4 * DAY_MS + 4 * HOUR,
      source: 'dependencies',
      after: ['TSK-AAAA-0001', 'TSK-AAAA-0002'],
    });
    expect(bar('t4')).toMatchObject({
      start: options.projectStart,
      end: options.projectStart + DAY_MS,
      source: 'project',
    });
    expect(layout.start).toBe(MONDAY);
    expect(layout.end).toBe(MONDAY + 5 * DAY_MS);
    expect(layout.scale).toBe('day');
    expect(layout.ticks).toEqual([0, 1, 2, 3, 4].map((d) => MONDAY + d * DAY_MS));
    expect(layout.today).toBeCloseTo(12 / (5 * 24));
    expect(layout.bars.map((b) => b.id)).toEqual(['t4', 't1', 't2', 't3']);
  });

  it('uses partial plans', () => {
    const layout = timelineLayout(
      [
        task(1, { plannedStart: MONDAY, dueAt: MONDAY + 3 * DAY_MS }),
        task(2, { plannedStart: MONDAY, estimateMinutes: 60 }),
        task(3, { plannedEnd: MONDAY + DAY_MS, estimateMinutes: 60 }),
      ],
      options,
    );
    const ends = Object.fromEntries(layout.bars.map((b) => [b.id, [b.start, b.end]]));
    expect(ends).toEqual({
      t1: [MONDAY, MONDAY + 3 * DAY_MS],
      t2: [MONDAY, MONDAY + HOUR],
      t3: [MONDAY + DAY_MS - HOUR, MONDAY + DAY_MS],
    });
  });

  it('cuts days in the local time zone', () => {
    // UTC+2: local midnight of Monday is Sunday 22:00 UTC.
    const layout = timelineLayout([task(1, { plannedStart: MONDAY + HOUR, plannedEnd: MONDAY + 3 * HOUR })], {
      ...options,
      utcOffsetMinutes: 120,
    });
    expect(layout.start).toBe(MONDAY - 2 * HOUR);
    expect(layout.end).toBe(MONDAY - 2 * HOUR + DAY_MS);
  });

  it('switches to weeks starting on Monday for long projects', () => {
    const wednesday = MONDAY + 2 * DAY_MS;
    const layout = timelineLayout(
      [task(1, { plannedStart: wednesday, plannedEnd: wednesday + 60 * DAY_MS })],
      { now: MONDAY - 30 * DAY_MS, projectStart: MONDAY },
    );
    expect(layout.scale).toBe('week');
    expect(layout.start).toBe(MONDAY);
    expect((layout.end - layout.start) % (7 * DAY_MS)).toBe(0);
    expect(layout.end).toBeGreaterThanOrEqual(wednesday + 60 * DAY_MS);
    expect(layout.ticks[1]).toBe(MONDAY + 7 * DAY_MS);
    expect(layout.today).toBeNull();
  });

  it('marks late, done and cancelled bars', () => {
    const layout = timelineLayout(
      [
        task(1, { dueAt: MONDAY + HOUR }),
        task(2, { ...completed, dueAt: MONDAY + HOUR }),
        task(3, cancelled),
      ],
      options,
    );
    const flags = layout.bars.map((b) => [b.id, b.late, b.done, b.cancelled]);
    expect(flags).toEqual([
      ['t1', true, false, false],
      ['t2', false, true, false],
      ['t3', false, false, true],
    ]);
  });

  it('an empty project still has a one-day range around today', () => {
    const layout = timelineLayout([], options);
    expect(layout).toMatchObject({ bars: [], start: MONDAY, end: MONDAY + DAY_MS, scale: 'day' });
  });

  it('survives a dependency loop that came in from two offline edits', () => {
    const layout = timelineLayout([task(1, { dependsOn: ['t2'] }), task(2, { dependsOn: ['t1'] })], options);
    expect(layout.bars).toHaveLength(2);
  });

  it('keeps every bar inside the range', () => {
    const time = fc.integer({ min: MONDAY - 400 * DAY_MS, max: MONDAY + 400 * DAY_MS });
    const spec = fc.record({
      plannedStart: fc.option(time, { nil: undefined }),
      plannedEnd: fc.option(time, { nil: undefined }),
      dueAt: fc.option(time, { nil: undefined }),
      estimateMinutes: fc.option(fc.integer({ min: 1, max: 100_000 }), { nil: undefined }),
      deps: fc.array(fc.integer({ min: 0, max: 7 }), { maxLength: 3 }),
    });
    fc.assert(
      fc.property(fc.array(spec, { maxLength: 8 }), time, (specs, now) => {
        const tasks = specs.map((s, i) =>
          task(i, {
            plannedStart: s.plannedStart,
            plannedEnd: s.plannedEnd,
            dueAt: s.dueAt,
            estimateMinutes: s.estimateMinutes,
            dependsOn: s.deps.map((d) => `t${d}`),
          }),
        );
        const layout = timelineLayout(tasks, { now, projectStart: MONDAY });
        expect(layout.bars).toHaveLength(tasks.length);
        for (const bar of layout.bars) {
          expect(bar.start).toBeGreaterThanOrEqual(layout.start);
          expect(bar.end).toBeLessThanOrEqual(layout.end);
          expect(bar.offset + bar.width).toBeLessThanOrEqual(1 + 1e-9);
          expect(bar.width).toBeGreaterThanOrEqual(0);
        }
        expect(layout.ticks[0]).toBe(layout.start);
      }),
    );
  });
});
