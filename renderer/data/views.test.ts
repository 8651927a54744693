import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TicketDoc } from '../../shared/domain/model';
import type { OutpostDatabase } from './database';
import { loadListRows } from './rowsLoader';
import { createDbTracker, fixtureTicket } from './testDb';
import {
  BY_PRIORITY_VIEW,
  VIEWS,
  VIEW_IDS,
  groupView,
  isClockView,
  kindView,
  priorityView,
  queryViewPage,
  viewQuery,
  type TicketView,
} from './views';

const dbs = createDbTracker();
afterEach(() => dbs.closeAll());

const USER = 'per_user1';
const tickets = Array.from({ length: 150 }, (_, i) => fixtureTicket(i));

/** In-memory truth: the view's predicate, newest first, id breaking sortDesc ties. */
const predicates: Record<string, (t: TicketDoc) => boolean> = {
  open: (t) => t.status !== 'resolved' && t.status !== 'closed',
  mine: (t) => t.assigneeId === USER && t.phase === 'open',
  unassigned: (t) => t.assigneeId === '' && t.phase === 'open',
  all: () => true,
  done: (t) => t.status === 'resolved' || t.status === 'closed',
};
const newestFirst = (a: TicketDoc, b: TicketDoc): number =>
  a.sortDesc - b.sortDesc || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function expectIndexServed(db: OutpostDatabase, view: TicketView): void {
  const plan = db.tickets.find(viewQuery(view, { userId: USER }, 50)).getPreparedQuery().queryPlan;
  // Both true means: one ascending index range, stopped after `limit` rows, no in-memory sort.
  expect({
    view: view.id,
    sorted: plan.sortSatisfiedByIndex,
    filtered: plan.selectorSatisfiedByIndex,
  }).toEqual({
    view: view.id,
    sorted: true,
    filtered: true,
  });
  expect(plan.index).toEqual(['_deleted', ...view.index, 'id']);
}

describe('saved views', () => {
  let db: OutpostDatabase;
  beforeEach(async () => {
    db = await dbs.open();
    const result = await db.tickets.bulkInsert(tickets);
    expect(result.error).toEqual([]);
  });

  it.each(VIEW_IDS)('view %s returns the right tickets in the right order', async (viewId) => {
    const expected = tickets.filter(predicates[viewId] ?? (() => false)).sort(newestFirst);
    expect(expected.length).toBeGreaterThan(3);
    const page = await queryViewPage(db, viewId, { userId: USER }, 50);
    expect(page.map((t) => t.id)).toEqual(expected.slice(0, 50).map((t) => t.id));
    const everything = await queryViewPage(db, viewId, { userId: USER }, 1000);
    expect(everything.map((t) => t.id)).toEqual(expected.map((t) => t.id));
  });

  it('every view and filter helper is served by its index', () => {
    const views = [...VIEWS, kindView('change'), groupView('per_group2'), priorityView(1), BY_PRIORITY_VIEW];
    for (const view of views) expectIndexServed(db, view);
  });

  it('kind, group and priority helpers return open tickets newest first', async () => {
    const cases: [TicketView, (t: TicketDoc) => boolean][] = [
      [kindView('change'), (t) => t.kind === 'change' && t.phase === 'open'],
      [groupView('per_group2'), (t) => t.groupId === 'per_group2' && t.phase === 'open'],
      [priorityView(3), (t) => t.priority === 3 && t.phase === 'open'],
    ];
    for (const [view, pred] of cases) {
      const page = await queryViewPage(db, view, { userId: USER }, 20);
      expect(page.map((t) => t.id)).toEqual(
        tickets
          .filter(pred)
          .sort(newestFirst)
          .slice(0, 20)
          .map((t) => t.id),
      );
    }
    const triage = await queryViewPage(db, BY_PRIORITY_VIEW, { userId: USER }, 500);
    const expected = tickets
      .filter((t) => t.phase === 'open')
      .sort((a, b) => a.priority - b.priority || newestFirst(a, b));
    expect(triage.map((t) => t.id)).toEqual(expected.map((t) => t.id));
  });

  it('the SLA views have no first page: no index knows a clock', async () => {
    const clockViews = VIEWS.filter((v) => isClockView(v)).map((v) => v.id);
    expect(clockViews).toEqual(['breachingSoon', 'breached']);
    expect(VIEW_IDS).toEqual(['open', 'mine', 'unassigned', 'all', 'done']);
    for (const id of clockViews) expect(await queryViewPage(db, id, { userId: USER }, 50)).toEqual([]);
  });

  it('"My open" is empty without a user instead of listing unassigned work', async () => {
    expect(await queryViewPage(db, 'mine', { userId: '' }, 50)).toEqual([]);
  });

  it('a deleted ticket leaves every view', async () => {
    const first = (await queryViewPage(db, 'all', { userId: USER }, 1))[0];
    expect(first).toBeDefined();
    await db.tickets.findOne(first?.id ?? '').remove();
    const after = await queryViewPage(db, 'all', { userId: USER }, 1000);
    expect(after.map((t) => t.id)).not.toContain(first?.id);
    expect(after).toHaveLength(tickets.length - 1);
  });
});

describe('loadListRows', () => {
  it('returns every ticket newest first, in chunks, across sortDesc ties', async () => {
    const db = await dbs.open();
    expect((await db.tickets.bulkInsert(tickets)).error).toEqual([]);
    await db.tickets.findOne('tkt_000010').remove();
    const chunks: { size: number; loaded: number; total: number }[] = [];
    const rows = await loadListRows(
      db,
      (chunk, loaded, total) => chunks.push({ size: chunk.length, loaded, total }),
      7,
    );

    const expected = tickets.filter((t) => t.id !== 'tkt_000010').sort(newestFirst);
    expect(rows.map((r) => r.id)).toEqual(expected.map((t) => t.id));
    expect(rows[0]).toEqual({
      id: expected[0]?.id,
      number: expected[0]?.number,
      kind: expected[0]?.kind,
      title: expected[0]?.title,
      status: expected[0]?.status,
      priority: expected[0]?.priority,
      assigneeId: expected[0]?.assigneeId,
      groupId: expected[0]?.groupId,
      category: expected[0]?.category,
      phase: expected[0]?.phase,
      updatedAt: expected[0]?.updatedAt,
      createdAt: expected[0]?.createdAt,
      sortDesc: expected[0]?.sortDesc,
      // Fixture tickets belong to no problem, release or project.
      parentId: '',
    });
    expect(chunks.length).toBe(Math.ceil(149 / 7));
    expect(chunks.every((c) => c.total === 149 && c.size <= 7)).toBe(true);
    expect(chunks.at(-1)?.loaded).toBe(149);
  });

  it('calls back once with an empty chunk on an empty collection', async () => {
    const db = await dbs.open();
    const calls: number[][] = [];
    const rows = await loadListRows(db, (chunk, loaded, total) => calls.push([chunk.length, loaded, total]));
    expect(rows).toEqual([]);
    expect(calls).toEqual([[0, 0, 0]]);
  });
});
