/**
 * In-memory projection of SLA clocks: the clocks of every open ticket (and of any ticket asked
 * for by its page), recomputed from each ticket and its timeline with the team's policies.
 * Nothing is stored: the clocks follow the tickets' and activities' change streams, and a
 * ticking `now` moves the running ones along.
 */
import { useEffect, useSyncExternalStore } from 'react';
import type { ActivityDoc, TicketDoc } from '../../shared/domain/model';
import {
  clockToShow,
  policyFor,
  slaState,
  type ClockStatus,
  type SlaPolicy,
  type SlaState,
} from '../../shared/domain/sla';
import { DEFAULT_SLA_CONFIG, calendarFor, type SlaConfig } from '../../shared/domain/slaSettings';
import type { OutpostDatabase } from '../data';
import {
  isClockActivity,
  loadClockActivities,
  loadClockTicket,
  loadOpenTickets,
  observeSlaConfig,
  slimActivity,
  slimTicket,
} from '../data/sla';
import { useDb } from './database';

export interface SlaClock {
  policy: SlaPolicy;
  state: SlaState;
}

export interface SlaClocksState {
  ready: boolean;
  now: number;
  byId: ReadonlyMap<string, SlaClock>;
}

/** How often running clocks move on screen; badges show minutes, so half a minute is plenty. */
const TICK_MS = 30_000;
/** Tickets per activities read: one short walk of the [parentId, createdAt] index each. */
const LOAD_CHUNK = 200;
/** Clocks computed between two yields to the UI. */
const COMPUTE_CHUNK = 500;

interface Tracked {
  ticket: TicketDoc;
  activities: Map<string, ActivityDoc>;
}

let startedFor: OutpostDatabase | null = null;
/** Subscriptions and the tick of the database in use, ended when another one takes over. */
let stopCurrent: () => void = () => undefined;
let config: SlaConfig = DEFAULT_SLA_CONFIG;
let loaded = false;
const tracked = new Map<string, Tracked>();
const clocks = new Map<string, SlaClock>();
const listeners = new Set<() => void>();
let state: SlaClocksState = { ready: false, now: Date.now(), byId: new Map() };

export function getSlaClocks(): SlaClocksState {
  return state;
}

export function subscribeSlaClocks(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function publish(now: number, ready = state.ready): void {
  state = { ready, now, byId: new Map(clocks) };
  for (const listener of listeners) listener();
}

const yieldToUi = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function compute(id: string, now: number): void {
  const entry = tracked.get(id);
  const policy = entry ? policyFor(entry.ticket, config.policies) : undefined;
  if (!entry || !policy) {
    clocks.delete(id);
    return;
  }
  try {
    const calendar = calendarFor(config, policy.calendarId);
    const slaClock = slaState(entry.ticket, [...entry.activities.values()], policy, calendar, now);
    clocks.set(id, { policy, state: slaClock });
  } catch (error) {
    // Calendars are checked when read; a clock that still cannot be computed is left out.
    console.warn(`Outpost: no SLA clock for ${id}`, error);
    clocks.delete(id);
  }
}

/** A clock that no longer moves with time alone (only a new event can change it). */
function settled(clock: SlaClock | undefined): boolean {
  if (!clock) return true;
  return [clock.state.response, clock.state.resolution].every(
    (c) => c.status === 'met' || c.status === 'paused' || (c.status === 'breached' && c.metAt !== null),
  );
}

// ---------------------------------------------------------------------------------------------
// Recomputing: everything after a settings change, the moving clocks on each tick, the touched
// tickets after each change event.

let computing = false;
let pending: 'none' | 'moving' | 'all' = 'none';

async function recompute(scope: 'moving' | 'all'): Promise<void> {
  if (scope === 'all' || pending === 'none') pending = scope;
  if (computing) return;
  computing = true;
  try {
    while (pending !== 'none') {
      const all = pending === 'all';
      pending = 'none';
      const now = Date.now();
      const ids = [...tracked.keys()].filter((id) => all || !settled(clocks.get(id)));
      for (let i = 0; i < ids.length; i += COMPUTE_CHUNK) {
        for (const id of ids.slice(i, i + COMPUTE_CHUNK)) compute(id, now);
        if (i + COMPUTE_CHUNK < ids.length) await yieldToUi();
      }
      publish(now);
    }
  } finally {
    computing = false;
  }
}

const dirty = new Set<string>();
let flushTimer: ReturnType<typeof setTimeout> | undefined;

function markDirty(id: string): void {
  dirty.add(id);
  if (flushTimer !== undefined) return;
  flushTimer = setTimeout(() => {
    flushTimer = undefined;
    const now = Date.now();
    for (const touched of dirty) compute(touched, now);
    dirty.clear();
    publish(now);
  }, 0);
}

// ---------------------------------------------------------------------------------------------
// Loading

/** Tickets whose timelines still have to be read (found through change events). */
const toLoad = new Set<string>();
let loadingTimelines = false;

function addActivities(byParent: Map<string, ActivityDoc[]>): void {
  for (const [parentId, list] of byParent) {
    const entry = tracked.get(parentId);
    if (!entry) continue;
    // Keyed by id: an entry read here and also seen as an event counts once.
    for (const activity of list) entry.activities.set(activity.id, activity);
    if (loaded) markDirty(parentId);
  }
}

async function loadTimelines(db: OutpostDatabase, ids: readonly string[]): Promise<void> {
  const sorted = [...ids].sort();
  for (let i = 0; i < sorted.length; i += LOAD_CHUNK) {
    addActivities(await loadClockActivities(db, sorted.slice(i, i + LOAD_CHUNK)));
    if (i + LOAD_CHUNK < sorted.length) await yieldToUi();
  }
}

async function drainToLoad(db: OutpostDatabase): Promise<void> {
  if (loadingTimelines) return;
  loadingTimelines = true;
  try {
    while (toLoad.size > 0) {
      const ids = [...toLoad];
      toLoad.clear();
      await loadTimelines(db, ids);
    }
  } catch (error) {
    console.warn('Outpost: could not read ticket timelines for SLA clocks', error);
  } finally {
    loadingTimelines = false;
  }
}

function track(db: OutpostDatabase, ticket: TicketDoc): void {
  tracked.set(ticket.id, { ticket, activities: new Map() });
  toLoad.add(ticket.id);
  void drainToLoad(db);
}

/**
 * The list projection reads every ticket right after the first screen; reading the open tickets'
 * timelines at the same time would only slow both down (one IndexedDB), so the clocks wait for
 * its readiness signal.
 */
function listLoaded(): Promise<void> {
  const root = document.documentElement;
  return new Promise((resolve) => {
    if (root.dataset.rowsReady === 'true') return resolve();
    const observer = new MutationObserver(() => {
      if (root.dataset.rowsReady !== 'true') return;
      observer.disconnect();
      resolve();
    });
    observer.observe(root, { attributes: true, attributeFilter: ['data-rows-ready'] });
  });
}

async function loadAll(db: OutpostDatabase, configRead: Promise<void>): Promise<void> {
  await Promise.all([listLoaded(), configRead]);
  const ids: string[] = [];
  await loadOpenTickets(db, async (chunk) => {
    for (const ticket of chunk) {
      // A change event may have brought a newer state meanwhile: keep it.
      if (!tracked.has(ticket.id)) tracked.set(ticket.id, { ticket, activities: new Map() });
      ids.push(ticket.id);
    }
    await yieldToUi();
  });
  await loadTimelines(db, ids);
  // Another database took over meanwhile (a sign-in replaced the replica): its own load runs.
  if (startedFor !== db) return;
  loaded = true;
  await recompute('all');
  publish(state.now, true);
  performance.mark('outpost:sla-ready');
  // Readiness signal for tests: every open ticket's clock is computed from here on.
  document.documentElement.dataset.slaReady = 'true';
}

function start(db: OutpostDatabase): void {
  if (startedFor === db) return;
  startedFor = db;
  stopCurrent();
  tracked.clear();
  toLoad.clear();
  clocks.clear();
  loaded = false;
  state = { ready: false, now: Date.now(), byId: new Map() };

  let configReadResolve: () => void = () => undefined;
  const configRead = new Promise<void>((resolve) => (configReadResolve = resolve));
  const settingsSub = observeSlaConfig(db).subscribe((next) => {
    config = next;
    configReadResolve();
    if (loaded) void recompute('all');
  });

  const ticketsSub = db.tickets.eventBulks$.subscribe((bulk) => {
    for (const ev of bulk.events) {
      const id = ev.documentId;
      if (ev.operation === 'DELETE' || ev.documentData._deleted) {
        tracked.delete(id);
        markDirty(id);
        continue;
      }
      const ticket = slimTicket(ev.documentData as unknown as TicketDoc);
      const entry = tracked.get(id);
      if (entry) entry.ticket = ticket;
      // A ticket that turns up open (new, synced or reopened) joins; done ones stay once known.
      else if (ticket.phase === 'open') track(db, ticket);
      else continue;
      markDirty(id);
    }
  });

  const activitiesSub = db.activities.eventBulks$.subscribe((bulk) => {
    for (const ev of bulk.events) {
      if (ev.operation !== 'INSERT' && ev.operation !== 'UPDATE') continue;
      const activity = ev.documentData as unknown as ActivityDoc;
      const entry = tracked.get(activity.parentId);
      if (!entry || !isClockActivity(activity)) continue;
      entry.activities.set(activity.id, slimActivity(activity));
      markDirty(activity.parentId);
    }
  });

  loadAll(db, configRead).catch((error: unknown) => {
    console.warn('Outpost: could not compute the SLA clocks', error);
  });
  const tick = setInterval(() => {
    if (loaded) void recompute('moving');
  }, TICK_MS);
  stopCurrent = () => {
    settingsSub.unsubscribe();
    ticketsSub.unsubscribe();
    activitiesSub.unsubscribe();
    clearInterval(tick);
  };
}

/**
 * Adds one ticket to the projection whatever its phase (a resolved ticket's page shows whether
 * its targets were met). Open tickets are in it anyway once loaded; this makes a page fast.
 */
export async function requestSlaClock(db: OutpostDatabase, id: string): Promise<void> {
  start(db);
  if (tracked.has(id)) return;
  const ticket = await loadClockTicket(db, id);
  if (!ticket || tracked.has(id)) return;
  tracked.set(id, { ticket, activities: new Map() });
  addActivities(await loadClockActivities(db, [id]));
  markDirty(id);
}

/** The SLA clocks of the database in use; starts the projection on first use. */
export function useSlaClocks(): SlaClocksState {
  const db = useDb();
  useEffect(() => start(db), [db]);
  return useSyncExternalStore(subscribeSlaClocks, getSlaClocks);
}

/** The status a badge shows for `clock`, null without a policy. */
export function slaStatusOf(clock: SlaClock | undefined): ClockStatus | null {
  return clock ? clockToShow(clock.state).clock.status : null;
}
