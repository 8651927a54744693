/**
 * In-memory projection of every ticket's KPI facts (shared/domain/kpi/facts.ts), plus asset
 * states and closed audits. Built in chunks from the local replica the first time the dashboard
 * or a drill-down needs it, then kept current from the change streams: a changed ticket or a new
 * timeline entry re-reads that one ticket's timeline and refolds its facts. The dashboard itself
 * is a pass over the facts (computeDashboard), done by the page for its period and filters.
 */
import { useEffect, useSyncExternalStore } from 'react';
import type { Subscription } from 'rxjs';
import { ticketFacts, isFactActivity, type FactsContext } from '../../shared/domain/kpi/facts';
import type { AuditFigure, TicketFacts } from '../../shared/domain/kpi/model';
import type { ActivityDoc, CiState, TicketDoc } from '../../shared/domain/model';
import { BUSINESS_CALENDAR_ID } from '../../shared/domain/sla';
import { calendarFor, DEFAULT_SLA_CONFIG, type SlaConfig } from '../../shared/domain/slaSettings';
import type { OutpostDatabase } from '../data';
import {
  loadAllTickets,
  loadFactActivities,
  loadFactTicket,
  observeAssetStates,
  observeClosedAudits,
} from '../data/kpi';
import { observeSlaConfig } from '../data/sla';
import { useDb } from './database';

export interface KpiDataState {
  ready: boolean;
  loaded: number;
  error: string | null;
  /** Bumped whenever a fact changes; the map itself is updated in place. */
  version: number;
  facts: ReadonlyMap<string, TicketFacts>;
  assetStates: readonly CiState[];
  audits: readonly AuditFigure[];
  /** The business calendar's zone: days, weeks and months of the reports follow it. */
  timeZone: string;
}

const facts = new Map<string, TicketFacts>();
const listeners = new Set<() => void>();
let state: KpiDataState = initialState();
let startedFor: OutpostDatabase | null = null;
let stopCurrent: () => void = () => undefined;
let config: SlaConfig = DEFAULT_SLA_CONFIG;
let generation = 0;

function initialState(): KpiDataState {
  return {
    ready: false,
    loaded: 0,
    error: null,
    version: 0,
    facts,
    assetStates: [],
    audits: [],
    timeZone: calendarFor(DEFAULT_SLA_CONFIG, BUSINESS_CALENDAR_ID).timeZone,
  };
}

function publish(patch: Partial<KpiDataState>): void {
  state = { ...state, ...patch, version: state.version + 1 };
  for (const listener of listeners) listener();
}

export function getKpiData(): KpiDataState {
  return state;
}

export function subscribeKpiData(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function factsContext(): FactsContext {
  return {
    policies: config.policies,
    calendarOf: (id) => calendarFor(config, id),
    business: calendarFor(config, BUSINESS_CALENDAR_ID),
    now: Date.now(),
  };
}

function fold(ticket: TicketDoc, activities: readonly ActivityDoc[], ctx: FactsContext): void {
  try {
    facts.set(ticket.id, ticketFacts(ticket, activities, ctx));
  } catch (error) {
    // One unreadable ticket must not take the whole dashboard down; it is left out and said.
    console.warn(`Outpost: no KPI facts for ${ticket.id}`, error);
    facts.delete(ticket.id);
  }
}

const yieldToUi = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

async function loadAll(db: OutpostDatabase, run: number): Promise<void> {
  let loaded = 0;
  await loadAllTickets(db, async (chunk) => {
    if (run !== generation) return;
    const timelines = await loadFactActivities(
      db,
      chunk.map((t) => t.id),
    );
    const ctx = factsContext();
    for (const ticket of chunk) fold(ticket, timelines.get(ticket.id) ?? [], ctx);
    loaded += chunk.length;
    publish({ loaded });
    await yieldToUi();
  });
  if (run !== generation) return;
  publish({ ready: true, loaded });
  document.documentElement.dataset.kpiReady = 'true';
}

// ---------------------------------------------------------------------------------------------
// Following changes: touched tickets are refolded from a fresh read of their timeline.

const dirty = new Set<string>();
let flushing = false;

async function flush(db: OutpostDatabase): Promise<void> {
  if (flushing) return;
  flushing = true;
  try {
    while (dirty.size > 0) {
      const ids = [...dirty].sort();
      dirty.clear();
      const timelines = await loadFactActivities(db, ids);
      const ctx = factsContext();
      for (const id of ids) {
        const ticket = await loadFactTicket(db, id);
        if (ticket) fold(ticket, timelines.get(id) ?? [], ctx);
        else facts.delete(id);
      }
      publish({});
    }
  } catch (error) {
    console.warn('Outpost: could not update the KPI facts', error);
  } finally {
    flushing = false;
  }
}

function markDirty(db: OutpostDatabase, id: string): void {
  dirty.add(id);
  void flush(db);
}

function rebuild(db: OutpostDatabase): void {
  generation++;
  facts.clear();
  publish({ ready: false, loaded: 0, error: null });
  delete document.documentElement.dataset.kpiReady;
  const run = generation;
  loadAll(db, run).catch((error: unknown) => {
    console.warn('Outpost: could not load the KPI facts', error);
    publish({ error: error instanceof Error ? error.message : String(error) });
  });
}

function start(db: OutpostDatabase): void {
  if (startedFor === db) return;
  startedFor = db;
  stopCurrent();
  facts.clear();
  state = initialState();
  const subs: Subscription[] = [];
  let configRead = false;
  subs.push(
    observeSlaConfig(db).subscribe((next) => {
      config = next;
      publish({ timeZone: calendarFor(next, BUSINESS_CALENDAR_ID).timeZone });
      // Policies and calendars change every SLA instant: refold everything.
      configRead = true;
      rebuild(db);
    }),
  );
  subs.push(
    db.tickets.eventBulks$.subscribe((bulk) => {
      if (!configRead) return;
      for (const ev of bulk.events) markDirty(db, ev.documentId);
    }),
  );
  subs.push(
    db.activities.eventBulks$.subscribe((bulk) => {
      if (!configRead) return;
      for (const ev of bulk.events) {
        const activity = ev.documentData as unknown as ActivityDoc;
        if (isFactActivity(activity)) markDirty(db, activity.parentId);
      }
    }),
  );
  subs.push(observeAssetStates(db).subscribe((assetStates) => publish({ assetStates })));
  subs.push(observeClosedAudits(db).subscribe((audits) => publish({ audits })));
  stopCurrent = () => {
    generation++;
    for (const sub of subs) sub.unsubscribe();
  };
}

/** The KPI facts of the database in use; starts the projection on first use. */
export function useKpiData(): KpiDataState {
  const db = useDb();
  useEffect(() => start(db), [db]);
  return useSyncExternalStore(subscribeKpiData, getKpiData);
}
