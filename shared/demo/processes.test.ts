/**
 * Demo process records hold together: every record passes the rules of its status (the field
 * rules and the guards the app applies: plans, CAB approval, release readiness, dependencies),
 * its timeline replays through its status machine, and links point at real records.
 */
import { describe, expect, it } from 'vitest';
import { enteredAuthorizeAt, tallyVotes } from '../domain/cab';
import type { ActivityDoc, TicketDoc } from '../domain/model';
import { changeFacts } from '../domain/process';
import { releaseReadiness } from '../domain/release';
import { riskLevel, validateRiskAnswers } from '../domain/risk';
import { checkStatusFields, checkTransition, phaseOf, type TransitionFields } from '../domain/status';
import { generateTeam, generateTickets } from './generator';

const NOW = Date.UTC(2026, 10, 28, 10, 30);
const DAY = 86_400_000;
const team = generateTeam(42, { now: NOW });
const managers = team.people
  .filter((p) => p.personKind === 'user' && p.roles.includes('manager'))
  .map((p) => p.id)
  .sort();
const ALL = { kind: 'all' } as const;

const sets = [
  { name: 'a six-week demo desk', spanDays: 45, data: generate(42, 45) },
  { name: 'a year of history', spanDays: 365, data: generate(43, 365) },
];

function generate(seed: number, spanDays: number) {
  return generateTickets(seed, team, {
    start: 0,
    count: 3000,
    now: NOW,
    deviceId: 'K7Q2',
    withActivities: true,
    spanDays,
  });
}

const PROCESS_KINDS = new Set(['problem', 'change', 'release', 'project', 'task']);
const isDone = (t: TicketDoc) => phaseOf(t.status) === 'done';
const SUCCESS = new Set(['successful', 'successful_with_issues']);

/** Each record's status changes, in the order they were saved. */
function statusSteps(acts: readonly ActivityDoc[]) {
  return acts
    .filter((a) => a.kind === 'change' && a.changes[0]?.field === 'status')
    .map((a) => ({ at: a.createdAt, from: a.changes[0]!.from, to: a.changes[0]!.to, body: a.body }));
}

describe.each(sets)('$name', ({ spanDays, data }) => {
  const { tickets, activities } = data;
  const byId = new Map(tickets.map((t) => [t.id, t]));
  const timeline = new Map<string, ActivityDoc[]>();
  for (const a of activities) timeline.set(a.parentId, [...(timeline.get(a.parentId) ?? []), a]);
  // Stable sort: entries saved at the same instant keep their order.
  for (const list of timeline.values()) list.sort((a, b) => a.createdAt - b.createdAt);
  const of = (kind: string) => tickets.filter((t) => t.kind === kind);
  const childrenOf = (id: string) => tickets.filter((t) => t.parentId === id);
  const failing = (list: TicketDoc[], ok: (t: TicketDoc) => boolean) =>
    list.filter((t) => !ok(t)).map((t) => t.number);

  it('puts every activity on a generated ticket, within the span', () => {
    expect(activities.filter((a) => !byId.has(a.parentId))).toEqual([]);
    expect(activities.filter((a) => a.createdAt > NOW || a.createdAt < NOW - spanDays * DAY)).toEqual([]);
    expect(failing(tickets, (t) => t.createdAt >= NOW - spanDays * DAY && t.updatedAt <= NOW)).toEqual([]);
  });

  it('links records only to records of the right kind that exist', () => {
    const parentKind: Record<string, string> = { incident: 'problem', change: 'release', task: 'project' };
    expect(failing(tickets, (t) => !t.parentId || byId.get(t.parentId)?.kind === parentKind[t.kind])).toEqual(
      [],
    );
    expect(failing(of('task'), (t) => !!t.parentId)).toEqual([]);
  });

  it('passes the field rules of every status', () => {
    expect(failing(tickets, (t) => Object.keys(checkStatusFields(t.kind, t.status, t)).length === 0)).toEqual(
      [],
    );
  });

  it('replays every process record through its status machine and its guards', () => {
    const bad: string[] = [];
    for (const t of tickets.filter((x) => PROCESS_KINDS.has(x.kind))) {
      const acts = timeline.get(t.id) ?? [];
      let status = 'new';
      let last = t.createdAt;
      for (const s of statusSteps(acts)) {
        const before = acts.filter((a) => a.createdAt < s.at);
        const fields: TransitionFields = {
          assigneeId: t.assigneeId,
          pendingReason: s.to === 'pending' ? t.pendingReason : '',
          resolutionCode: t.resolutionCode,
          resolutionNotes: t.resolutionNotes,
          reason: s.body,
          change: changeFacts(t),
          cabApproved: tallyVotes(before, managers, ALL, enteredAuthorizeAt(before)).outcome === 'approved',
          releaseReady: releaseReadiness(t, of('change')).ready,
          // Open at that time: not resolved (or cancelled) yet.
          openDependencies: (t.dependsOn ?? [])
            .map((id) => byId.get(id)!)
            .filter((d) => d.resolvedAt === 0 || d.resolvedAt > s.at)
            .map((d) => d.number),
        };
        const result = checkTransition(
          t.kind,
          s.from as TicketDoc['status'],
          s.to as TicketDoc['status'],
          fields,
        );
        if (s.from !== status || !result.ok || s.at < last)
          bad.push(`${t.number} ${s.from}>${s.to} ${JSON.stringify(result)}`);
        status = s.to as string;
        last = s.at;
      }
      if (status !== t.status) bad.push(`${t.number} ends ${status}, is ${t.status}`);
      const edits = acts.filter((a) => a.kind === 'change').map((a) => a.createdAt);
      if (t.updatedAt !== Math.max(t.createdAt, ...edits)) bad.push(`${t.number} updatedAt`);
    }
    expect(bad).toEqual([]);
  });

  it('gives changes what their status needs, with the risk of their answers', () => {
    const changes = of('change');
    const planned = ['authorize', 'scheduled', 'implement', 'review', 'closed'];
    expect(
      failing(
        changes.filter((c) => planned.includes(c.status)),
        (c) => {
          const f = changeFacts(c);
          return (
            f.changeType !== '' &&
            f.risk !== '' &&
            f.implementationPlan !== '' &&
            f.backoutPlan !== '' &&
            (c.testPlan ?? '') !== '' &&
            f.plannedStart > 0 &&
            f.plannedEnd > f.plannedStart
          );
        },
      ),
    ).toEqual([]);
    expect(
      failing(
        changes.filter((c) => c.riskAnswers !== undefined),
        (c) => {
          const check = validateRiskAnswers(c.riskAnswers);
          return check.ok && c.changeType !== undefined && riskLevel(check.answers, c.changeType) === c.risk;
        },
      ),
    ).toEqual([]);
    expect(failing(changes, (c) => (c.risk ?? '') === '' || c.riskAnswers !== undefined)).toEqual([]);
    // Windows around now: past ones done or in review, the current one implementing, later ones ahead.
    const windowed = changes.filter((c) => (c.plannedStart ?? 0) > 0);
    expect(
      failing(
        windowed.filter((c) => c.status === 'closed' || c.status === 'review'),
        (c) => c.plannedEnd! <= NOW,
      ),
    ).toEqual([]);
    expect(
      failing(
        changes.filter((c) => c.status === 'implement'),
        (c) => c.plannedStart! <= NOW && NOW < c.plannedEnd!,
      ),
    ).toEqual([]);
    expect(
      failing(
        windowed.filter((c) => ['assess', 'authorize', 'scheduled'].includes(c.status)),
        (c) => c.plannedStart! > NOW,
      ),
    ).toEqual([]);
    expect(new Set(changes.map((c) => c.changeType).filter((t) => t !== undefined))).toEqual(
      new Set(['standard', 'normal', 'emergency']),
    );
    expect(failing(changes, (c) => c.resolvedAt === 0)).toEqual([]);
  });

  it('touches items of the CMDB, with overlapping windows on one item now and then', () => {
    const ciIds = new Set(team.cis.map((c) => c.id));
    const changes = of('change');
    expect(failing(changes, (c) => c.ciIds.every((id) => ciIds.has(id)))).toEqual([]);
    expect(changes.filter((c) => c.ciIds.length > 0).length / changes.length).toBeGreaterThan(0.8);
    const active = changes.filter((c) => !isDone(c) && (c.plannedStart ?? 0) > 0);
    const overlapping = active.filter((a) =>
      active.some(
        (b) =>
          b !== a &&
          a.ciIds.some((id) => b.ciIds.includes(id)) &&
          a.plannedStart! < b.plannedEnd! &&
          b.plannedStart! < a.plannedEnd!,
      ),
    );
    expect(overlapping.length).toBeGreaterThanOrEqual(2);
  });

  it('has CAB votes from managers only, after the change went to the CAB', () => {
    const votes = activities.filter((a) => a.kind === 'vote');
    expect(votes.length).toBeGreaterThan(0);
    const bad = votes.filter((v) => {
      const change = byId.get(v.parentId)!;
      const before = (timeline.get(v.parentId) ?? []).filter((a) => a.createdAt < v.createdAt);
      const entered = enteredAuthorizeAt(before);
      return (
        change.kind !== 'change' ||
        !managers.includes(v.createdBy) ||
        entered === 0 ||
        (v.vote !== 'approve' && v.vote !== 'reject') ||
        (v.vote === 'reject' && v.body.trim() === '')
      );
    });
    expect(bad).toEqual([]);
    // Past the CAB means approved; a normal or emergency change in Authorize has no decision against it.
    const tally = (c: TicketDoc) => {
      const acts = timeline.get(c.id) ?? [];
      return tallyVotes(acts, managers, ALL, enteredAuthorizeAt(acts)).outcome;
    };
    const afterCab = of('change').filter((c) =>
      ['scheduled', 'implement', 'review', 'closed'].includes(c.status),
    );
    expect(failing(afterCab, (c) => c.changeType === 'standard' || tally(c) === 'approved')).toEqual([]);
    expect(
      failing(
        of('change').filter((c) => c.status === 'authorize'),
        (c) => tally(c) !== 'rejected',
      ),
    ).toEqual([]);
  });

  it('gives investigated problems a root cause, known errors a workaround, and incidents alike', () => {
    const problems = of('problem');
    expect(
      failing(
        problems.filter((p) => ['pending', 'resolved', 'closed'].includes(p.status)),
        (p) => !!p.rootCause,
      ),
    ).toEqual([]);
    expect(
      failing(
        problems.filter((p) => p.knownError),
        (p) => !!p.workaround,
      ),
    ).toEqual([]);
    expect(problems.filter((p) => p.knownError && !isDone(p)).length).toBeGreaterThanOrEqual(2);
    const words = (s: string) =>
      new Set(
        s
          .toLowerCase()
          .split(/[^a-z0-9-]+/)
          .filter((w) => w.length >= 3 && !['the', 'and', 'for', 'after', 'every', 'again'].includes(w)),
      );
    const linked = of('incident').filter((i) => i.parentId);
    expect(linked.length).toBeGreaterThanOrEqual(problems.length);
    expect(
      failing(linked, (i) => {
        const problem = byId.get(i.parentId!)!;
        const own = words(i.title);
        return [...words(problem.title)].some((w) => own.has(w));
      }),
    ).toEqual([]);
    // Fixed problems leave no incident waiting on them.
    expect(failing(linked, (i) => !isDone(byId.get(i.parentId!)!) || isDone(i))).toEqual([]);
    expect(
      failing(
        linked.filter((i) => i.pendingReason === 'awaiting_problem'),
        (i) => !isDone(byId.get(i.parentId!)!),
      ),
    ).toEqual([]);
  });

  it('bundles 2-4 changes in each release, released only when every one is implemented', () => {
    for (const release of of('release')) {
      const changes = childrenOf(release.id);
      expect(changes.length, release.number).toBeGreaterThanOrEqual(2);
      expect(changes.length, release.number).toBeLessThanOrEqual(4);
      expect(release.version, release.number).toMatch(/^\d+\.\d+$/);
      expect(release.targetDate, release.number).toBeGreaterThan(release.createdAt);
      expect(release.stage, release.number).toMatch(/^(build|test|production)$/);
      if (release.resolutionCode === 'released') {
        expect(releaseReadiness(release, changes).ready, release.number).toBe(true);
        expect(release.stage).toBe('production');
      }
      if (release.status === 'pending') {
        expect(
          changes.some((c) => c.status === 'closed' && !SUCCESS.has(c.resolutionCode)),
          release.number,
        ).toBe(true);
      }
    }
  });

  it('plans 3-8 tasks per project along dependencies without cycles, started only when ready', () => {
    for (const project of of('project')) {
      const tasks = childrenOf(project.id);
      expect(tasks.length, project.number).toBeGreaterThanOrEqual(3);
      expect(tasks.length, project.number).toBeLessThanOrEqual(8);
      const ids = new Set(tasks.map((t) => t.id));
      // Depth-first: a dependency seen again on the current path is a cycle.
      const visiting = new Set<string>();
      const visited = new Set<string>();
      const acyclic = (id: string): boolean => {
        if (visiting.has(id)) return false;
        if (visited.has(id)) return true;
        visiting.add(id);
        const ok = (byId.get(id)!.dependsOn ?? []).every(acyclic);
        visiting.delete(id);
        visited.add(id);
        return ok;
      };
      for (const task of tasks) {
        const deps = (task.dependsOn ?? []).map((id) => byId.get(id)!);
        expect(
          deps.every((d) => ids.has(d.id)),
          task.number,
        ).toBe(true);
        expect(acyclic(task.id), task.number).toBe(true);
        expect(task.plannedEnd!, task.number).toBeGreaterThan(task.plannedStart!);
        expect(task.dueAt!, task.number).toBeGreaterThanOrEqual(task.plannedEnd!);
        expect(task.estimateMinutes!, task.number).toBeGreaterThan(0);
        for (const d of deps) expect(task.plannedStart!, task.number).toBeGreaterThan(d.plannedEnd!);
        const started = ['in_progress', 'pending', 'resolved', 'closed'].includes(task.status);
        if (started)
          expect(
            deps.filter((d) => !isDone(d)).map((d) => d.number),
            task.number,
          ).toEqual([]);
      }
      const done = tasks.every(isDone);
      expect(isDone(project), project.number).toBe(done && project.resolvedAt > 0);
      if (project.status === 'new') expect(tasks.some((t) => t.status === 'in_progress')).toBe(false);
    }
  });

  it('asks about a third of resolved incidents and requests for their satisfaction', () => {
    const surveys = activities.filter((a) => a.kind === 'survey');
    const eligible = tickets.filter(
      (t) => (t.kind === 'incident' || t.kind === 'request') && t.resolvedAt > 0,
    );
    expect(surveys.length / eligible.length).toBeGreaterThan(0.25);
    expect(surveys.length / eligible.length).toBeLessThan(0.42);
    const bad = surveys.filter((s) => {
      const t = byId.get(s.parentId)!;
      return (
        !eligible.includes(t) ||
        !Number.isInteger(s.score) ||
        s.score! < 1 ||
        s.score! > 5 ||
        s.createdAt <= t.resolvedAt ||
        (s.createdBy !== t.requesterId && s.createdBy !== t.assigneeId) ||
        (s.score! <= 2 && s.body === '')
      );
    });
    expect(bad).toEqual([]);
    expect(surveys.filter((s) => s.score! >= 4).length / surveys.length).toBeGreaterThan(0.7);
    expect(surveys.some((s) => s.score! <= 2)).toBe(true);
    expect(surveys.some((s) => s.createdBy !== byId.get(s.parentId)!.requesterId)).toBe(true);
  });
});

describe('families across ranges', () => {
  it('holds the parent of every child in any prefix', () => {
    for (const count of [1, 37, 137, 151, 299]) {
      const { tickets } = generateTickets(9, team, {
        start: 0,
        count,
        now: NOW,
        deviceId: 'K7Q2',
        spanDays: 45,
      });
      const ids = new Set(tickets.map((t) => t.id));
      const dangling = tickets.filter(
        (t) => (t.parentId && !ids.has(t.parentId)) || (t.dependsOn ?? []).some((d) => !ids.has(d)),
      );
      expect(
        dangling.map((t) => t.number),
        String(count),
      ).toEqual([]);
    }
  });

  it('gives the demo desk (300 tickets over six weeks) every process in flight', () => {
    const { tickets } = generateTickets(20261128, team, {
      start: 0,
      count: 300,
      now: NOW,
      deviceId: 'DEM0',
      spanDays: 45,
    });
    const statuses = (kind: string) => new Set(tickets.filter((t) => t.kind === kind).map((t) => t.status));
    expect(statuses('change').has('implement')).toBe(true);
    expect(statuses('change').has('authorize')).toBe(true);
    expect(statuses('change').has('scheduled')).toBe(true);
    for (const kind of ['problem', 'release', 'project', 'task'])
      expect(
        [...statuses(kind)].some((s) => phaseOf(s) === 'open'),
        kind,
      ).toBe(true);
    expect(tickets.filter((t) => t.kind === 'problem' && t.knownError).length).toBeGreaterThanOrEqual(2);
  });
});
