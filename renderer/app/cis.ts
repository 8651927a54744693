import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { CiDoc, RelationDoc } from '../../shared/domain/model';
import { CI_CLASS_LABELS } from '../../shared/domain/labels';
import { buildCmdbGraph, type CmdbGraph, type PersonInfo } from '../../shared/domain/impact';
import type { ReadDefinitions } from '../../shared/domain/ciClasses';
import { readClassDefinitions } from '../../shared/domain/ciClasses';
import { observeCiChoices, observeCisByIds, type OutpostDatabase } from '../data';
import { observeClassDefinitions } from '../data/cis';
import { followCmdb, loadCmdb, loadTicketLinks, type TicketLink } from '../data/cmdb';
import { useDb } from './database';
import { useObservable } from './hooks';
import { useDirectory } from './people';

export interface CiChoice {
  value: string;
  label: string;
}

/** Picker options for configuration items: "LDN-LT-0412 · AT-000123 (Laptop)". */
export function useCiChoices(): CiChoice[] {
  const db = useDb();
  const cis = useObservable<CiDoc[]>(() => observeCiChoices(db), [], [db]);
  return useMemo(() => cis.map((ci) => ({ value: ci.id, label: ciLabel(ci) })), [cis]);
}

export function useCis(ids: readonly string[]): CiDoc[] {
  const db = useDb();
  const key = ids.join(',');
  // `key` stands for the ids' content, so a new array with the same ids does not resubscribe.
  return useObservable<CiDoc[]>(() => observeCisByIds(db, ids), [], [db, key]);
}

export function ciLabel(ci: CiDoc): string {
  const tag = ci.assetTag ? ` · ${ci.assetTag}` : '';
  return `${ci.name}${tag} (${CI_CLASS_LABELS[ci.ciClass]})`;
}

// ---- The in-memory CMDB behind the CMDB pages

/**
 * Every CI, relation and ticket-to-CI link, loaded on the first visit to a CMDB page and kept
 * current from the change streams. The maps are updated in place; `version` says they changed.
 */
export interface CmdbState {
  ready: boolean;
  /** Ticket links arrive after the CMDB (they need a walk over every ticket). */
  linksReady: boolean;
  error: string | null;
  version: number;
  cis: ReadonlyMap<string, CiDoc>;
  relations: ReadonlyMap<string, RelationDoc>;
  links: ReadonlyMap<string, TicketLink>;
}

const cis = new Map<string, CiDoc>();
const relations = new Map<string, RelationDoc>();
const links = new Map<string, TicketLink>();
const EMPTY: CmdbState = { ready: false, linksReady: false, error: null, version: 0, cis, relations, links };
let state: CmdbState = EMPTY;
let startedFor: OutpostDatabase | null = null;
const listeners = new Set<() => void>();

function publish(next: Partial<CmdbState>): void {
  state = { ...state, ...next, version: state.version + 1 };
  for (const listener of listeners) listener();
}

function start(db: OutpostDatabase): void {
  if (startedFor === db) return;
  startedFor = db;
  cis.clear();
  relations.clear();
  links.clear();
  state = EMPTY;
  // Ids written by change events while loading: their event is newer than what the load reads.
  const touched = new Set<string>();
  const put = <T>(target: Map<string, T>, id: string, doc: T | null) => {
    if (!state.linksReady) touched.add(id);
    if (doc) target.set(id, doc);
    else target.delete(id);
  };
  followCmdb(db, {
    ci: (id, doc) => put(cis, id, doc),
    relation: (id, doc) => put(relations, id, doc),
    ticket: (id, link) => put(links, id, link),
    flush: () => {
      if (state.ready) publish({});
    },
  });
  const failed = (error: unknown) =>
    publish({ error: error instanceof Error ? error.message : String(error) });
  loadCmdb(db).then((data) => {
    for (const ci of data.cis) if (!touched.has(ci.id)) cis.set(ci.id, ci);
    for (const r of data.relations) if (!touched.has(r.id)) relations.set(r.id, r);
    // Readiness signal for tests and the benchmark.
    document.documentElement.dataset.cmdbReady = 'true';
    publish({ ready: true });
    loadTicketLinks(db).then((found) => {
      for (const l of found) if (!touched.has(l.id)) links.set(l.id, l);
      touched.clear();
      document.documentElement.dataset.cmdbLinksReady = 'true';
      publish({ linksReady: true });
    }, failed);
  }, failed);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useCmdb(): CmdbState {
  const db = useDb();
  useEffect(() => start(db), [db]);
  return useSyncExternalStore(subscribe, () => state);
}

/** The graph for impact analysis and the graph view, rebuilt when the CMDB changes. */
export function useCmdbGraph(cmdb: CmdbState): CmdbGraph {
  const { version } = cmdb;
  // `version` stands for the maps' content (they change in place).
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => buildCmdbGraph(cmdb.cis.values(), cmdb.relations.values()), [version]);
}

/** People and groups as impact analysis counts them (a group counts its members). */
export function usePeopleInfo(): ReadonlyMap<string, PersonInfo> {
  const directory = useDirectory();
  return useMemo(() => {
    const members = new Map<string, number>();
    for (const u of directory.users) for (const g of u.groupIds) members.set(g, (members.get(g) ?? 0) + 1);
    const info = new Map<string, PersonInfo>();
    for (const u of directory.users) info.set(u.id, { name: u.name, kind: 'user' });
    for (const g of directory.groups)
      info.set(g.id, { name: g.name, kind: 'group', members: members.get(g.id) ?? 0 });
    return info;
  }, [directory]);
}

const BUILTIN = readClassDefinitions(undefined);

/** Attributes per class (built-ins overridden by the team's `ciClasses` setting), live. */
export function useClassDefinitions(): ReadDefinitions {
  const db = useDb();
  return useObservable<ReadDefinitions>(() => observeClassDefinitions(db), BUILTIN, [db]);
}

/** The acting person may maintain the CMDB (the team's rules: technicians and above). */
export function useCmdbRoles(userId: string): { canEdit: boolean; canDelete: boolean; canAdmin: boolean } {
  const directory = useDirectory();
  const roles = directory.byId.get(userId)?.roles ?? [];
  const has = (...wanted: string[]) => roles.some((r) => wanted.includes(r));
  return {
    canEdit: has('technician', 'agent', 'manager', 'admin'),
    canDelete: has('manager', 'admin'),
    canAdmin: has('manager', 'admin'),
  };
}
