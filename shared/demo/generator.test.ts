import { describe, expect, it } from 'vitest';
import { CI_CLASSES, ROLES, TICKET_STATUSES } from '../domain/model';
import { formatTicketNumber } from '../domain/numbering';
import { priorityOf, validatePriorityMatrix } from '../domain/priority';
import { PROCESS_FIELDS, validateProcessPatch, type ProcessPatch } from '../domain/process';
import { checkStatusFields, phaseOf } from '../domain/status';
import { validateTicketInput } from '../domain/validation';
import { MAX_TIME } from '../domain/model';
import { generateTeam, generateTickets } from './generator';

const NOW = Date.UTC(2025, 5, 2, 12, 0);
/** Every process field of any kind (validateProcessPatch refuses those a kind does not use). */
const PROCESS_FIELD_SET = Object.fromEntries(
  Object.values(PROCESS_FIELDS)
    .flat()
    .map((f) => [f, true]),
);
const DAY = 86_400_000;
const team = generateTeam(42, { now: NOW });
const options = { now: NOW, deviceId: 'K7Q2' };
const big = generateTickets(42, team, { ...options, start: 0, count: 20_000, withActivities: true });

describe('generateTeam', () => {
  it('is deterministic per seed', () => {
    expect(generateTeam(42, { now: NOW })).toEqual(team);
    expect(generateTeam(43, { now: NOW }).people.map((p) => p.name)).not.toEqual(
      team.people.map((p) => p.name),
    );
  });

  it('has 6 groups, 5 locations and about 40 users with valid roles', () => {
    const byKind = (kind: string) => team.people.filter((p) => p.personKind === kind);
    expect(byKind('group').map((g) => g.name)).toEqual([
      'Service Desk',
      'Field Services',
      'Network',
      'Server Ops',
      'Applications',
      'Security',
    ]);
    expect(byKind('location')).toHaveLength(5);
    const users = byKind('user');
    expect(users.length).toBeGreaterThanOrEqual(35);
    expect(users.length).toBeLessThanOrEqual(45);
    expect(new Set(users.map((u) => u.name)).size).toBe(users.length);
    expect(new Set(users.map((u) => u.email)).size).toBe(users.length);
    for (const user of users) {
      expect(user.roles.length).toBeGreaterThan(0);
      for (const role of user.roles) expect(ROLES).toContain(role);
      expect(user.email).toMatch(/^[a-z.]+@outpost\.example$/);
    }
    for (const group of byKind('group')) {
      expect(users.filter((u) => u.groupIds.includes(group.id)).length).toBeGreaterThanOrEqual(2);
    }
  });

  it('has about 150 CIs of every class with consistent references', () => {
    const ids = new Set(team.people.map((p) => p.id));
    expect(team.cis.length).toBeGreaterThanOrEqual(140);
    expect(new Set(team.cis.map((c) => c.ciClass))).toEqual(new Set(CI_CLASSES));
    const tags = team.cis.map((c) => c.assetTag).filter((tag) => tag !== '');
    expect(tags.length).toBeGreaterThan(100);
    for (const tag of tags) expect(tag).toMatch(/^AT-\d{6}$/);
    expect(new Set(tags).size).toBe(tags.length);
    expect(new Set(team.cis.map((c) => c.name)).size).toBe(team.cis.length);
    for (const ci of team.cis) {
      if (ci.locationId) expect(ids.has(ci.locationId)).toBe(true);
      if (ci.ownerId) expect(ids.has(ci.ownerId)).toBe(true);
      if (ci.assetTag) expect(ci.serial.length).toBeGreaterThan(5);
      expect(ci.updatedAt).toBeGreaterThanOrEqual(ci.createdAt);
      expect(ci.updatedAt).toBeLessThanOrEqual(NOW);
    }
  });

  it('links CIs with depends_on / runs_on relations', () => {
    const ciIds = new Set(team.cis.map((c) => c.id));
    expect(team.relations.length).toBeGreaterThan(30);
    for (const rel of team.relations) {
      expect(ciIds.has(rel.fromId) && ciIds.has(rel.toId)).toBe(true);
      expect(['depends_on', 'runs_on']).toContain(rel.relType);
    }
  });

  it('has about 25 knowledge articles in Markdown', () => {
    expect(team.articles.length).toBeGreaterThanOrEqual(20);
    for (const article of team.articles) {
      expect(article.body).toContain(`# ${article.title}`);
      expect(article.body).toMatch(/\n1\. /);
      expect(article.sortDesc).toBe(MAX_TIME - article.updatedAt);
    }
    expect(team.articles.filter((a) => a.state === 'published').length).toBeGreaterThan(10);
  });

  it('stores a valid priority matrix and the categories as settings', () => {
    const matrix = team.settings.find((s) => s.key === 'priorityMatrix');
    expect(validatePriorityMatrix(matrix?.value.matrix)).toEqual({
      ok: true,
      matrix: [
        [1, 2, 3],
        [2, 3, 4],
        [3, 4, 5],
      ],
    });
    const categories = team.settings.find((s) => s.key === 'categories')?.value.categories;
    expect(Array.isArray(categories) && categories.length).toBeGreaterThan(5);
  });

  it('gives every document a unique id', () => {
    const all = [...team.people, ...team.cis, ...team.articles, ...team.relations, ...team.settings];
    expect(new Set(all.map((d) => d.id)).size).toBe(all.length);
  });
});

describe('generateTickets determinism', () => {
  it('gives the same output for the same seed', () => {
    const again = generateTickets(42, team, { ...options, start: 0, count: 500, withActivities: true });
    expect(again.tickets).toEqual(big.tickets.slice(0, 500));
    expect(generateTickets(7, team, { ...options, start: 0, count: 5 }).tickets).not.toEqual(
      big.tickets.slice(0, 5),
    );
  });

  it('gives the same tickets and activities whatever the chunking', () => {
    const chunks = [
      [0, 137],
      [137, 1],
      [138, 862],
    ].map(([start, count]) =>
      generateTickets(42, team, { ...options, start: start!, count: count!, withActivities: true }),
    );
    const oneShot = generateTickets(42, team, { ...options, start: 0, count: 1000, withActivities: true });
    expect(chunks.flatMap((c) => c.tickets)).toEqual(oneShot.tickets);
    expect(chunks.flatMap((c) => c.activities)).toEqual(oneShot.activities);
    expect(oneShot.tickets).toEqual(big.tickets.slice(0, 1000));
  });

  it('does not change tickets when activities are switched on', () => {
    const plain = generateTickets(42, team, { ...options, start: 0, count: 300 });
    expect(plain.activities).toEqual([]);
    expect(plain.tickets).toEqual(big.tickets.slice(0, 300));
  });

  it('refuses invalid ranges', () => {
    expect(() => generateTickets(1, team, { ...options, start: -1, count: 1 })).toThrow(RangeError);
    expect(() => generateTickets(1, team, { ...options, start: 0, count: 1.5 })).toThrow(RangeError);
  });
});

describe('generated tickets', () => {
  const { tickets, activities } = big;
  const share = (test: (t: (typeof tickets)[number]) => boolean, list = tickets) =>
    list.filter(test).length / list.length;

  /** Runs `check` on every ticket and reports the failing ones by number (one expect, fast). */
  const failures = (check: (t: (typeof tickets)[number], index: number) => boolean) =>
    tickets.filter((t, i) => !check(t, i)).map((t) => t.number);

  it('are valid input with statuses consistent with the guards', () => {
    expect(failures((t) => Object.keys(validateTicketInput(t)).length === 0)).toEqual([]);
    expect(failures((t) => Object.keys(checkStatusFields(t.kind, t.status, t)).length === 0)).toEqual([]);
    // Process fields only on the kinds that use them, each well-formed.
    expect(
      failures((t) => {
        const fields = Object.keys(t).filter((k) => k in PROCESS_FIELD_SET);
        const patch = Object.fromEntries(fields.map((k) => [k, t[k as keyof typeof t]])) as ProcessPatch;
        return Object.keys(validateProcessPatch(t.kind, patch)).length === 0;
      }),
    ).toEqual([]);
    expect(failures((t, i) => t.number === formatTicketNumber(t.kind, 'K7Q2', i + 1))).toEqual([]);
    expect(failures((t) => t.phase === phaseOf(t.status) && t.sortDesc === MAX_TIME - t.updatedAt)).toEqual(
      [],
    );
    expect(failures((t) => t.priority === priorityOf(t.impact, t.urgency))).toEqual([]);
    expect(failures((t) => (t.status === 'pending') === (t.pendingReason !== ''))).toEqual([]);
  });

  it('have consistent timestamps within the past year', () => {
    expect(failures((t) => t.createdAt >= NOW - 365 * DAY && t.createdAt <= NOW)).toEqual([]);
    expect(failures((t) => t.updatedAt >= t.createdAt && t.updatedAt <= NOW)).toEqual([]);
    expect(
      failures((t) => {
        // Changes are never Resolved: they close after review, or are cancelled (as in the app).
        const done = t.kind !== 'change' && (t.status === 'resolved' || t.status === 'closed');
        const closed = t.status === 'closed' || t.status === 'cancelled';
        if (done !== t.resolvedAt > 0 || closed !== t.closedAt > 0) return false;
        return (!done || t.resolvedAt >= t.createdAt) && (!t.closedAt || t.closedAt >= t.resolvedAt);
      }),
    ).toEqual([]);
  });

  it('reference existing people and CIs, with assignees from the ticket group', () => {
    const people = new Map(team.people.map((p) => [p.id, p]));
    const ciIds = new Set(team.cis.map((c) => c.id));
    expect(failures((t) => people.get(t.requesterId)?.personKind === 'user')).toEqual([]);
    expect(failures((t) => people.get(t.groupId)?.personKind === 'group')).toEqual([]);
    expect(
      failures((t) => !t.assigneeId || !!people.get(t.assigneeId)?.groupIds.includes(t.groupId)),
    ).toEqual([]);
    expect(failures((t) => t.ciIds.every((id) => ciIds.has(id)))).toEqual([]);
    expect(new Set(tickets.map((t) => t.id)).size).toBe(tickets.length);
  });

  it('follow realistic distributions', () => {
    expect(share((t) => t.kind === 'incident')).toBeCloseTo(0.55, 1);
    expect(share((t) => t.kind === 'request')).toBeCloseTo(0.3, 1);
    expect(share((t) => t.kind === 'question')).toBeCloseTo(0.08, 1);
    for (const kind of ['problem', 'change', 'release', 'project', 'task']) {
      expect(tickets.some((t) => t.kind === kind)).toBe(true);
    }
    expect(share((t) => t.priority === 3 || t.priority === 4)).toBeGreaterThan(0.55);
    expect(share((t) => t.priority === 1)).toBeLessThan(0.05);

    const recent = tickets.filter((t) => NOW - t.createdAt < 2 * DAY);
    const old = tickets.filter((t) => NOW - t.createdAt > 90 * DAY);
    expect(share((t) => t.phase === 'open', recent)).toBeGreaterThan(0.6);
    expect(share((t) => t.phase === 'open', old)).toBeLessThan(0.05);
    // The queue holds some open work, mostly recent: what has been open long is being worked.
    const open = tickets.filter((t) => t.phase === 'open');
    const unassigned = share((t) => t.assigneeId === '', open);
    expect(unassigned).toBeGreaterThan(0.03);
    expect(unassigned).toBeLessThan(0.25);
    for (const status of TICKET_STATUSES)
      expect(
        tickets.some((t) => t.status === status),
        status,
      ).toBe(true);
  });

  it('mix short and multi-paragraph descriptions and vary titles', () => {
    expect(share((t) => t.description.length < 80)).toBeGreaterThan(0.4);
    expect(share((t) => t.description.split('\n\n').length >= 5)).toBeGreaterThan(0.05);
    expect(new Set(tickets.map((t) => t.title)).size).toBeGreaterThan(500);
    expect(tickets.some((t) => t.tags.length > 0)).toBe(true);
  });

  it('come with one creation entry each, matching the ticket', () => {
    const byTicket = new Map(tickets.map((t) => [t.id, t]));
    const created = activities.filter((a) => a.kind === 'created');
    expect(created.map((a) => a.parentId).sort()).toEqual(tickets.map((t) => t.id).sort());
    const wrong = created.filter((a) => {
      const t = byTicket.get(a.parentId)!;
      return a.createdAt !== t.createdAt || a.createdBy !== t.createdBy;
    });
    expect(wrong).toEqual([]);
    expect(new Set(activities.map((a) => a.id)).size).toBe(activities.length);
    expect(activities.every((a) => byTicket.has(a.parentId))).toBe(true);
  });

  it('add comments, notes and work logs within the life of the ticket', () => {
    const byTicket = new Map(tickets.map((t) => [t.id, t]));
    const entries = activities.filter((a) => ['comment', 'note', 'worklog'].includes(a.kind));
    const perTicket = new Map<string, number>();
    const bad = entries.filter((a) => {
      perTicket.set(a.parentId, (perTicket.get(a.parentId) ?? 0) + 1);
      const t = byTicket.get(a.parentId)!;
      // Writing an entry does not change the ticket: open work gets them after its last edit too.
      const end = t.phase === 'done' ? t.updatedAt : NOW;
      return (
        a.createdAt < t.createdAt ||
        a.createdAt > end ||
        a.minutes > 0 !== (a.kind === 'worklog') ||
        a.body.length === 0
      );
    });
    expect(bad).toEqual([]);
    // Up to three, plus the reply that answered some tickets first.
    expect(Math.max(...perTicket.values())).toBe(4);
    expect(entries.length / tickets.length).toBeCloseTo(1.6, 0);
    // Requesters comment; only staff write notes and work logs.
    const requesters = new Set(team.people.filter((p) => p.roles.join() === 'requester').map((p) => p.id));
    expect(entries.filter((a) => a.kind !== 'comment' && requesters.has(a.createdBy))).toEqual([]);
  });

  it('record status changes, votes and surveys no later than now', () => {
    const kinds = new Set(activities.map((a) => a.kind));
    expect([...kinds].sort()).toEqual(['change', 'comment', 'created', 'note', 'survey', 'vote', 'worklog']);
    const late = activities.filter((a) => a.createdAt > NOW || a.updatedAt !== a.createdAt);
    expect(late).toEqual([]);
  });
});
