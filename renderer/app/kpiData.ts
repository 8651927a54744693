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
  loadFactTickets,
  observeAssetStates,
  observeClosedAudits,
} from '../data/kpi';
import { restoreFactsSnapshot, saveFactsSnapshot } from '../data/factsSnapshot';
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

/** The SLA configuration as the snapshot records it: facts folded under another are stale. */
const configKey = (): string => JSON.stringify({ policies: config.policies, calendars: config.calendars });

/** Every ticket read in chunks, each chunk's timelines read from the index and folded. */
async function foldEverything(db: OutpostDatabase, run: number): Promise<void> {
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
}

async function loadAll(db: OutpostDatabase, run: number): Promise<void> {
  const restored = await restoreFactsSnapshot(db, configKey()).catch((error: unknown) => {
    // Only an accelerator: without it every timeline is read again.
    console.warn('Outpost: could not restore the KPI snapshot', error);
    return null;
  });
  if (run !== generation) return;
  if (restored) {
    for (const [id, f] of restored.facts) facts.set(id, f);
    for (const id of restored.changed) dirty.add(id);
    // The stored copy stands; the replayed tickets count towards the next save.
    lastSaveAt = restored.takenAt;
  } else {
    await foldEverything(db, run);
  }
  if (run !== generation) return;
  // Tickets that changed while the chunks were read may have been read before the change.
  for (const id of changedWhileLoading) dirty.add(id);
  changedWhileLoading.clear();
  await flush(db);
  if (run !== generation) return;
  publish({ ready: true, loaded: facts.size });
  // Readiness signals for tests: figures are complete, and where they came from.
  document.documentElement.dataset.kpiSource = restored ? 'snapshot' : 'replica';
  document.documentElement.dataset.kpiReady = 'true';
  scheduleSave(db);
}

// ---------------------------------------------------------------------------------------------
// Following changes: touched tickets are refolded from a fresh read of their timeline.

const dirty = new Set<string>();
const changedWhileLoading = new Set<string>();
let flushRun: Promise<void> | null = null;

async function drain(db: OutpostDatabase): Promise<void> {
  while (dirty.size > 0) {
    const ids = [...dirty].sort();
    dirty.clear();
    refoldedSinceSave += ids.length;
    const [tickets, timelines] = await Promise.all([loadFactTickets(db, ids), loadFactActivities(db, ids)]);
    const ctx = factsContext();
    for (const id of ids) {
      const ticket = tickets.get(id);
      if (ticket) fold(ticket, timelines.get(id) ?? [], ctx);
      else facts.delete(id);
    }
    publish({});
  }
}

/** Refolds every dirty ticket; resolves once none is left (a call during a run joins it). */
function flush(db: OutpostDatabase): Promise<void> {
  flushRun ??= drain(db)
    .catch((error: unknown) => console.warn('Outpost: could not update the KPI facts', error))
    .finally(() => {
      flushRun = null;
      // An id marked between the last check and now would otherwise wait for the next change.
      if (dirty.size > 0) void flush(db);
      else if (state.ready) scheduleSave(db);
    });
  return flushRun;
}

function markDirty(db: OutpostDatabase, id: string): void {
  if (!state.ready) changedWhileLoading.add(id);
  dirty.add(id);
  void flush(db);
}

/**
 * Saved once writes go quiet, and then only when it is worth a large write (tens of MB at
 * 100,000 tickets): never saved since this load, many tickets refolded since, or a while since
 * the last save. Changes not saved yet are replayed by the next start, which is cheap.
 */
const SAVE_DELAY_MS = 5_000;
const SAVE_AFTER_CHANGES = 500;
const SAVE_AFTER_MS = 10 * 60_000;
let saveTimer: ReturnType<typeof setTimeout> | undefined;
let lastSaveAt = 0;
let refoldedSinceSave = 0;

function worthSaving(): boolean {
  if (lastSaveAt === 0) return true;
  return (
    refoldedSinceSave >= SAVE_AFTER_CHANGES ||
    (refoldedSinceSave > 0 && Date.now() - lastSaveAt >= SAVE_AFTER_MS)
  );
}

function scheduleSave(db: OutpostDatabase): void {
  clearTimeout(saveTimer);
  const run = generation;
  saveTimer = setTimeout(() => {
    if (run !== generation || !state.ready || !worthSaving()) return;
    // Only when every change seen so far is folded, so "taken at" holds for all of them.
    if (dirty.size > 0 || flushRun) return scheduleSave(db);
    const takenAt = Date.now();
    const refolded = refoldedSinceSave;
    saveFactsSnapshot(db, facts.values(), configKey(), takenAt).then(
      () => {
        lastSaveAt = takenAt;
        refoldedSinceSave = Math.max(0, refoldedSinceSave - refolded);
        document.documentElement.dataset.kpiSnapshotSaved = String(takenAt);
      },
      (error: unknown) => console.warn('Outpost: could not save the KPI snapshot', error),
    );
  }, SAVE_DELAY_MS);
}

function rebuild(db: OutpostDatabase): void {
  generation++;
  facts.clear();
  changedWhileLoading.clear();
  lastSaveAt = 0;
  refoldedSinceSave = 0;
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
    clearTimeout(saveTimer);
    for (const sub of subs) sub.unsubscribe();
  };
}

/** The KPI facts of the database in use; starts the projection on first use. */
export function useKpiData(): KpiDataState {
  const db = useDb();
  useEffect(() => start(db), [db]);
  return useSyncExternalStore(subscribeKpiData, getKpiData);
}
