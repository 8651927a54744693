/**
 * Demo problems and the incidents that led to them. Investigated problems carry a root cause
 * and often a workaround (known errors); their incidents point at them through `parentId`, have
 * titles that read alike, and wait on the problem or are resolved by it.
 */
import type { PendingReason, TicketDoc } from '../domain/model';
import type { ResolutionCode } from '../domain/status';
import {
  DAY,
  HOUR,
  MINUTE,
  between,
  closeDelay,
  recentTime,
  draftTicket,
  fillFixed,
  finish,
  memberOf,
  type Fixed,
  type GenContext,
} from './draft';
import { PROBLEM_FAMILIES } from './process-templates';
import { chance, createRandom, pick, weighted, type Random } from './random';
import type { TeamIndex } from './team-index';
import * as text from './ticket-text';
import { member, step, type Member } from './timeline';

const pickOpenProblemStatus = weighted<'assigned' | 'in_progress' | 'pending'>([
  ['assigned', 20],
  ['in_progress', 45],
  ['pending', 35],
]);
const PROBLEM_WAITS: readonly PendingReason[] = ['awaiting_vendor', 'awaiting_change'];

/** Values the family shares for the placeholders its texts use. */
export function sharedValues(random: Random, ix: TeamIndex, texts: readonly string[]): Record<string, Fixed> {
  const all = texts.join(' ');
  const fixed: Record<string, Fixed> = {};
  if (all.includes('{site}')) fixed.site = { name: pick(random, ix.sites) };
  if (all.includes('{n}')) fixed.n = { name: String(1 + Math.floor(random() * 9)) };
  for (const key of ['server', 'app', 'firewall', 'ap']) {
    const pool = ix.pools[key];
    if (all.includes(`{${key}}`) && pool && pool.length > 0) {
      const ci = pick(random, pool);
      fixed[key] = { name: ci.name, ciId: ci.id };
    }
  }
  return fixed;
}

/** Closes `ticket` (resolved at `resolvedAt`) when the grace period ended before now. */
function resolveAndMaybeClose(
  random: Random,
  ticket: TicketDoc,
  code: ResolutionCode,
  resolvedAt: number,
  now: number,
): void {
  ticket.status = 'resolved';
  ticket.resolutionCode = code;
  ticket.resolutionNotes = pick(random, text.RESOLUTION_NOTES[code]);
  ticket.resolvedAt = resolvedAt;
  const closeAt = resolvedAt + closeDelay(random);
  if (closeAt <= now) {
    ticket.status = 'closed';
    ticket.closedAt = closeAt;
  }
  ticket.updatedAt = ticket.closedAt || resolvedAt;
}

/** `slots[0]` is the problem, the others its incidents. */
export function problemFamily(g: GenContext, fr: Random, slots: readonly number[]): Member[] {
  const { ix, now } = g;
  const spec = pick(fr, PROBLEM_FAMILIES);
  const fixed = sharedValues(fr, ix, [spec.title, spec.rootCause, spec.workaround, ...spec.incidents]);
  const createdAt = recentTime(fr, now, g.spanDays);
  const own = createRandom(g.seed, slots[0] as number);
  const problem = draftTicket(g, own, slots[0] as number, {
    kind: 'problem',
    template: spec.title,
    category: spec.category,
    group: spec.group,
    createdAt,
    fixed,
    byStaff: true,
  });
  const pm = member(slots[0] as number, problem, own);
  const owner = memberOf(fr, ix, problem.groupId);
  const age = now - createdAt;
  const rootCause = fillFixed(spec.rootCause, fixed);
  const workaround = fillFixed(spec.workaround, fixed);

  if (age < DAY && chance(fr, 0.5)) {
    problem.updatedAt = createdAt;
  } else {
    const assignedAt = between(fr, createdAt + 15 * MINUTE, Math.min(now, createdAt + DAY));
    const startedAt = between(fr, assignedAt, Math.min(now, assignedAt + 2 * DAY));
    problem.assigneeId = owner;
    step(pm, assignedAt, owner, 'new', 'assigned', [{ field: 'assigneeId', from: '', to: owner }]);
    const done = chance(fr, Math.min(0.8, age / (40 * DAY)));
    const status = done ? 'resolved' : pickOpenProblemStatus(fr);
    if (status !== 'assigned') step(pm, startedAt, owner, 'assigned', 'in_progress');
    const investigated = status === 'pending' || done || (status === 'in_progress' && chance(fr, 0.5));
    const withWorkaround = investigated ? chance(fr, 0.8) : status !== 'assigned' && chance(fr, 0.4);
    let last = startedAt;
    if (investigated || withWorkaround) {
      // The analysis is one saved edit, between starting and the problem's current state.
      last = between(fr, startedAt, Math.min(now, startedAt + 5 * DAY));
      const analysis = [];
      if (investigated) {
        problem.rootCause = rootCause;
        analysis.push({ field: 'rootCause', from: null, to: rootCause });
      }
      if (withWorkaround) {
        problem.workaround = workaround;
        problem.knownError = chance(fr, 0.75);
        analysis.push({ field: 'workaround', from: null, to: workaround });
        if (problem.knownError) analysis.push({ field: 'knownError', from: null, to: true });
      }
      pm.steps.push({ at: last, by: owner, changes: analysis, body: '' });
    }
    if (status === 'pending') {
      const reason = pick(fr, PROBLEM_WAITS);
      last = between(fr, last, now);
      problem.pendingReason = reason;
      step(pm, last, owner, 'in_progress', 'pending', [{ field: 'pendingReason', from: '', to: reason }]);
    }
    problem.status = status;
    problem.updatedAt = status === 'assigned' ? assignedAt : last;
    if (done) {
      const code: ResolutionCode = chance(fr, 0.7) ? 'fixed' : 'resolved_by_change';
      resolveAndMaybeClose(fr, problem, code, between(fr, last + 2 * DAY, now), now);
      step(pm, problem.resolvedAt, owner, 'in_progress', 'resolved', [
        { field: 'resolutionCode', from: '', to: problem.resolutionCode },
        { field: 'resolutionNotes', from: '', to: problem.resolutionNotes },
      ]);
      if (problem.closedAt > 0) step(pm, problem.closedAt, owner, 'resolved', 'closed');
    }
  }
  finish(problem);

  const members = [pm];
  const problemDone = problem.resolvedAt > 0;
  for (let j = 1; j < slots.length; j++) {
    const index = slots[j] as number;
    const latest = problemDone ? problem.resolvedAt - HOUR : now - 10 * MINUTE;
    const at = between(fr, Math.max(now - g.spanDays * DAY, createdAt - 5 * DAY), latest);
    const random = createRandom(g.seed, index);
    const incident = draftTicket(g, random, index, {
      kind: 'incident',
      template: spec.incidents[(j - 1) % spec.incidents.length] as string,
      category: spec.category,
      group: spec.group,
      createdAt: Math.max(at, now - g.spanDays * DAY),
      fixed,
    });
    linkIncident(g, fr, incident, problem);
    members.push(member(index, finish(incident), random));
  }
  return members;
}

/** An incident of the problem: waits on it, got its workaround, or was fixed by it. */
function linkIncident(g: GenContext, fr: Random, incident: TicketDoc, problem: TicketDoc): void {
  const { now } = g;
  incident.parentId = problem.id;
  incident.assigneeId = memberOf(fr, g.ix, incident.groupId);
  const t0 = incident.createdAt;
  const hasWorkaround = (problem.workaround ?? '') !== '';
  if (problem.resolvedAt > 0 && t0 < problem.resolvedAt) {
    if (hasWorkaround && chance(fr, 0.5)) {
      resolveAndMaybeClose(fr, incident, 'workaround', between(fr, t0 + HOUR, problem.resolvedAt), now);
    } else {
      const at = between(fr, problem.resolvedAt, Math.min(now, problem.resolvedAt + 4 * HOUR));
      resolveAndMaybeClose(fr, incident, 'resolved_by_problem', at, now);
    }
  } else if (problem.resolvedAt === 0 && chance(fr, 0.55)) {
    if (chance(fr, 0.6)) {
      incident.status = 'pending';
      incident.pendingReason = 'awaiting_problem';
    } else {
      incident.status = 'in_progress';
    }
    incident.updatedAt = between(fr, t0, now);
  } else {
    const code: ResolutionCode = hasWorkaround ? 'workaround' : 'solved';
    resolveAndMaybeClose(fr, incident, code, between(fr, t0 + HOUR, now), now);
  }
}
