/**
 * Saved ticket views. Each is a selector plus an ascending sort that one compound index in
 * tickets.schema.ts serves exactly (equality fields first, sort field last), so the first page
 * is an index walk that stops after `limit` rows instead of reading and sorting every match.
 * The SLA views ("Breaching soon", "Breached") depend on clocks, which no index holds: their
 * members come from the in-memory clock projection (renderer/app/slaClocks.ts).
 */
import type { MangoQuery, MangoQuerySelector, MangoQuerySortPart } from 'rxdb';
import type { Priority, TicketDoc, TicketKind } from '../../shared/domain/model';
import type { OutpostDatabase } from './database';

export interface ViewContext {
  userId: string;
}

/** Views an index serves. */
export type IndexViewId = 'open' | 'mine' | 'unassigned' | 'all' | 'done';
/** Views whose members the SLA clock projection decides. */
export type ClockViewId = 'breachingSoon' | 'breached';
export type ViewId = IndexViewId | ClockViewId;

export interface TicketView<Id extends string = string> {
  id: Id;
  label: string;
  selector: (ctx: ViewContext) => MangoQuerySelector<TicketDoc>;
  /** Ascending only: RxDB serves descending sorts by loading every match (STACK-NOTES). */
  sort: MangoQuerySortPart<TicketDoc>[];
  /** The schema index that serves selector + sort; passed to RxDB so the planner cannot stray. */
  index: string[];
  /** Empty without a signed-in user: `assigneeId: ''` would otherwise list unassigned work. */
  requiresUser?: boolean;
  /**
   * 'slaClocks': the selector and index only narrow to open tickets; membership is decided by
   * the SLA clock projection, so there is no first page to read from the index.
   */
  source?: 'index' | 'slaClocks';
}

const NEWEST_FIRST: MangoQuerySortPart<TicketDoc>[] = [{ sortDesc: 'asc' }];

/** The saved views, in menu order. */
export const VIEWS: readonly TicketView<ViewId>[] = [
  {
    id: 'open',
    label: 'All open',
    selector: () => ({ phase: 'open' }),
    sort: NEWEST_FIRST,
    index: ['phase', 'sortDesc'],
  },
  {
    id: 'mine',
    label: 'My open',
    selector: (ctx) => ({ assigneeId: ctx.userId, phase: 'open' }),
    sort: NEWEST_FIRST,
    index: ['assigneeId', 'phase', 'sortDesc'],
    requiresUser: true,
  },
  {
    id: 'unassigned',
    label: 'Unassigned',
    selector: () => ({ assigneeId: '', phase: 'open' }),
    sort: NEWEST_FIRST,
    index: ['assigneeId', 'phase', 'sortDesc'],
  },
  {
    id: 'breachingSoon',
    label: 'Breaching soon',
    selector: () => ({ phase: 'open' }),
    sort: NEWEST_FIRST,
    index: ['phase', 'sortDesc'],
    source: 'slaClocks',
  },
  {
    id: 'breached',
    label: 'Breached',
    selector: () => ({ phase: 'open' }),
    sort: NEWEST_FIRST,
    index: ['phase', 'sortDesc'],
    source: 'slaClocks',
  },
  {
    id: 'all',
    label: 'All tickets',
    selector: () => ({}),
    sort: NEWEST_FIRST,
    index: ['sortDesc'],
  },
  {
    id: 'done',
    label: 'Resolved & closed',
    // `phase` is derived from status (resolved, closed or cancelled = done) and indexed for this view.
    selector: () => ({ phase: 'done' }),
    sort: NEWEST_FIRST,
    index: ['phase', 'sortDesc'],
  },
];

export const VIEW_BY_ID = Object.fromEntries(VIEWS.map((v) => [v.id, v])) as Readonly<
  Record<ViewId, TicketView<ViewId>>
>;

/** The views an index serves, i.e. every saved view but the SLA ones. */
export const VIEW_IDS: readonly IndexViewId[] = VIEWS.filter((v) => v.source !== 'slaClocks').map(
  (v) => v.id as IndexViewId,
);

/** Open tickets of one kind (e.g. the change calendar's source), newest first. */
export function kindView(kind: TicketKind): TicketView {
  return {
    id: `kind:${kind}`,
    label: `Open ${kind}s`,
    selector: () => ({ kind, phase: 'open' }),
    sort: NEWEST_FIRST,
    index: ['kind', 'phase', 'sortDesc'],
  };
}

/** A team queue: open tickets of one group, newest first. */
export function groupView(groupId: string): TicketView {
  return {
    id: `group:${groupId}`,
    label: 'Group queue',
    selector: () => ({ groupId, phase: 'open' }),
    sort: NEWEST_FIRST,
    index: ['groupId', 'phase', 'sortDesc'],
  };
}

/** Open tickets of one priority (e.g. the P1 board), newest first. */
export function priorityView(priority: Priority): TicketView {
  return {
    id: `priority:${priority}`,
    label: `Open P${priority}`,
    selector: () => ({ phase: 'open', priority }),
    sort: NEWEST_FIRST,
    index: ['phase', 'priority', 'sortDesc'],
  };
}

/** Triage order: open tickets by priority (P1 first), newest first within a priority. */
export const BY_PRIORITY_VIEW: TicketView = {
  id: 'byPriority',
  label: 'Open by priority',
  selector: () => ({ phase: 'open' }),
  sort: [{ priority: 'asc' }, { sortDesc: 'asc' }],
  index: ['phase', 'priority', 'sortDesc'],
};

export function resolveView(view: ViewId | TicketView): TicketView {
  return typeof view === 'string' ? VIEW_BY_ID[view] : view;
}

/** The mango query of a view; exported so tests can assert the index serves it. */
export function viewQuery(view: ViewId | TicketView, ctx: ViewContext, limit: number): MangoQuery<TicketDoc> {
  const v = resolveView(view);
  return { selector: v.selector(ctx), sort: v.sort, limit, index: v.index };
}

/** Views whose members only the SLA clock projection knows. */
export function isClockView(view: ViewId | TicketView): boolean {
  return resolveView(view).source === 'slaClocks';
}

/**
 * First `limit` tickets of a view, for first paint (the in-memory projection does the rest).
 * An SLA view has no first page (no index knows a clock): it is empty until the projections
 * can tell which tickets belong, rather than showing open tickets that are not breaching.
 */
export async function queryViewPage(
  db: OutpostDatabase,
  view: ViewId | TicketView,
  ctx: ViewContext,
  limit = 50,
): Promise<TicketDoc[]> {
  if (isClockView(view)) return [];
  if (resolveView(view).requiresUser && ctx.userId === '') return [];
  const docs = await db.tickets.find(viewQuery(view, ctx, limit)).exec();
  return docs.map((d) => d.toMutableJSON() as TicketDoc);
}
