/**
 * The histories of demo incidents, requests and questions are what the app would have written:
 * replayed edit by edit through applyTicketEdit from a fresh New ticket, every move is allowed
 * by the kind's status machine, every entry records exactly the changes the app records, and
 * the replay ends on the generated ticket. The desk they describe looks like a real one.
 */
import { describe, expect, it } from 'vitest';
import type { ActivityDoc, TicketDoc } from '../domain/model';
import { DEFAULT_SLA_POLICIES, policyFor, slaState } from '../domain/sla';
import { DEFAULT_SLA_CONFIG, calendarFor } from '../domain/slaSettings';
import { STATUS_MACHINES } from '../domain/status';
import { applyTicketEdit, type TicketPatch } from '../domain/tickets';
import { generateTeam, generateTickets } from './generator';

const NOW = Date.UTC(2026, 10, 28, 12);
const DAY = 86_400_000;
const team = generateTeam(42, { now: NOW });
const DESK_KINDS = new Set(['incident', 'request', 'question']);

const sets = [
  { name: 'a six-week demo desk', spanDays: 45, count: 600 },
  { name: 'a year of history', spanDays: 365, count: 4000 },
].map((s) => ({
  ...s,
  data: generateTickets(7, team, {
    start: 0,
    count: s.count,
    now: NOW,
    deviceId: 'K7Q2',
    withActivities: true,
    spanDays: s.spanDays,
  }),
}));

/** The ticket as it was created: New, unassigned, in the group its first hand-over left. */
function asCreated(t: TicketDoc, edits: readonly ActivityDoc[]): TicketDoc {
  const moved = edits.flatMap((a) => a.changes).find((c) => c.field === 'groupId');
  return {
    ...t,
    status: 'new',
    pendingReason: '',
    assigneeId: '',
    groupId: moved ? (moved.from as string) : t.groupId,
    resolutionCode: '',
    resolutionNotes: '',
    phase: 'open',
    updatedAt: t.createdAt,
    updatedBy: t.createdBy,
    resolvedAt: 0,
    closedAt: 0,
  };
}

/** The edit a person made in the app to produce this entry. */
function patchOf(a: ActivityDoc): TicketPatch {
  const patch: Record<string, unknown> = {};
  for (const c of a.changes) patch[c.field] = c.to;
  if (a.body !== '') patch.reason = a.body;
  return patch as TicketPatch;
}

describe.each(sets)('$name', ({ data }) => {
  const { tickets, activities } = data;
  const timeline = new Map<string, ActivityDoc[]>();
  for (const a of activities) timeline.set(a.parentId, [...(timeline.get(a.parentId) ?? []), a]);
  const desk = tickets.filter((t) => DESK_KINDS.has(t.kind));
  const plain = desk.filter((t) => t.parentId === undefined);
  const editsOf = (t: TicketDoc) =>
    (timeline.get(t.id) ?? []).filter((a) => a.kind === 'change').sort((a, b) => a.createdAt - b.createdAt);
  const moves = (t: TicketDoc, to: string) =>
    editsOf(t).filter((a) => a.changes.some((c) => c.field === 'status' && c.to === to));

  it('replays every history through the app, ending on the generated ticket', () => {
    const bad: string[] = [];
    let replayed = 0;
    for (const t of desk) {
      const edits = editsOf(t);
      // An incident of a problem resolved within minutes has no history to tell.
      if (edits.length === 0 && t.parentId !== undefined) continue;
      let current = asCreated(t, edits);
      for (const a of edits) {
        const status = a.changes.find((c) => c.field === 'status');
        const allowed = STATUS_MACHINES[t.kind].transitions[current.status];
        if (status && !allowed.includes(status.to as TicketDoc['status'])) {
          bad.push(`${t.number} ${current.status}>${String(status.to)} not in the machine`);
          break;
        }
        const result = applyTicketEdit(current, patchOf(a), { now: a.createdAt, userId: a.createdBy });
        if (!result.ok) {
          bad.push(`${t.number} ${JSON.stringify(result.errors)}`);
          break;
        }
        if (JSON.stringify(result.changes) !== JSON.stringify(a.changes)) {
          bad.push(`${t.number} records ${JSON.stringify(a.changes)}, app ${JSON.stringify(result.changes)}`);
        }
        current = result.ticket;
      }
      replayed++;
      const fields = [
        'status',
        'pendingReason',
        'assigneeId',
        'groupId',
        'resolutionCode',
        'resolutionNotes',
      ];
      const stamps = ['resolvedAt', 'closedAt', 'phase', ...(t.parentId ? [] : ['updatedAt', 'updatedBy'])];
      for (const field of [...fields, ...stamps] as (keyof TicketDoc)[]) {
        if (current[field] !== t[field])
          bad.push(`${t.number} ${field}: ${String(current[field])} != ${String(t[field])}`);
      }
    }
    expect(bad).toEqual([]);
    expect(replayed).toBeGreaterThan(desk.length * 0.95);
  });

  it('keeps every entry within the life of its ticket, edits strictly in order', () => {
    const bad: string[] = [];
    for (const t of desk) {
      const entries = timeline.get(t.id) ?? [];
      if (entries.some((a) => a.createdAt < t.createdAt || a.createdAt > NOW))
        bad.push(`${t.number} outside`);
      const edits = editsOf(t).map((a) => a.createdAt);
      if (edits.some((at, i) => i > 0 && at <= (edits[i - 1] as number))) bad.push(`${t.number} order`);
      if (edits.some((at) => at > t.updatedAt)) bad.push(`${t.number} after updatedAt`);
      if (t.phase === 'done' && entries.some((a) => a.kind !== 'survey' && a.createdAt > t.updatedAt))
        bad.push(`${t.number} entry after closure`);
    }
    expect(bad).toEqual([]);
  });

  it('answers and picks up tickets, hands some on, parks some, and reopens a few', () => {
    const done = plain.filter((t) => t.phase === 'done');
    const share = (list: TicketDoc[], test: (t: TicketDoc) => boolean) =>
      list.filter(test).length / list.length;
    // Every ticket someone worked left New by a move.
    expect(plain.filter((t) => t.status !== 'new' && moves(t, 'new').length > 0)).toEqual([]);
    const handedOn = (t: TicketDoc) =>
      editsOf(t).some((a) =>
        a.changes.some((c) => c.field === 'assigneeId' && c.from !== '' && c.from !== c.to),
      );
    expect(share(done, handedOn)).toBeGreaterThan(0.05);
    expect(share(done, handedOn)).toBeLessThan(0.2);
    const waited = (t: TicketDoc) => moves(t, 'pending').length > 0;
    expect(share(done, waited)).toBeGreaterThan(0.04);
    expect(share(done, waited)).toBeLessThan(0.25);
    const reopened = (t: TicketDoc) => moves(t, 'reopened').length > 0;
    expect(share(done, reopened)).toBeGreaterThan(0.01);
    expect(share(done, reopened)).toBeLessThan(0.1);
    // Reopened work was resolved twice; the requester said why it came back.
    for (const t of done.filter(reopened)) {
      expect(moves(t, 'resolved')).toHaveLength(2);
      expect(moves(t, 'reopened')[0]?.createdBy).toBe(t.requesterId);
    }
    // The backlog that has been open for days is mostly waiting, not forgotten in the queue.
    const old = plain.filter((t) => t.phase === 'open' && NOW - t.createdAt > 3 * DAY);
    expect(share(old, (t) => t.status === 'pending')).toBeGreaterThan(0.3);
    expect(share(old, (t) => t.status === 'new')).toBeLessThan(0.15);
  });

  it('mostly meets the default SLA targets', () => {
    const done = plain.filter((t) => t.phase === 'done' && t.kind !== 'question');
    let response = 0;
    let resolution = 0;
    for (const t of done) {
      const policy = policyFor(t, DEFAULT_SLA_POLICIES);
      if (!policy) throw new Error(`${t.number} has no policy`);
      const calendar = calendarFor(DEFAULT_SLA_CONFIG, policy.calendarId);
      const state = slaState(t, timeline.get(t.id) ?? [], policy, calendar, NOW);
      if (state.response.status === 'met') response++;
      if (state.resolution.status === 'met') resolution++;
    }
    expect(response / done.length).toBeGreaterThan(0.8);
    expect(response / done.length).toBeLessThan(0.95);
    expect(resolution / done.length).toBeGreaterThan(0.78);
    expect(resolution / done.length).toBeLessThan(0.95);
  });
});
