/**
 * Explicit conflict handlers, one per collection (CONVENTIONS item 7): RxDB's default keeps
 * the server copy, which silently dropped a second offline editor's change.
 * - append-only docs (activities, files, local sync issues) keep the master: they are never
 *   edited, two states of one can only differ through a bug or a retried write;
 * - edited docs merge three-way per field (mergeHandler.ts): a change made on one side only is
 *   kept, a field changed on both sides keeps the server's value and a merge notice keeps ours.
 */
import type { RxConflictHandler, RxConflictHandlerInput, WithDeleted } from 'rxdb';
import type { ConflictHookSlot } from './conflictHooks';
import { mergeConflictHandler } from './mergeHandler';
import type { CollectionName, OutpostDocTypes } from './schemas';

/** Fields that describe the local copy, not the document: never part of a comparison. */
const LOCAL_FIELDS = new Set(['_meta', '_rev', '_attachments']);

/**
 * JSON with object keys sorted, so two replicas that hold the same data produce the same text
 * whatever order the keys were written in. Local bookkeeping fields are left out.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value, true));
}

function sortKeys(value: unknown, topLevel: boolean): unknown {
  if (Array.isArray(value)) return value.map((item) => sortKeys(item, false));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    if (topLevel && LOCAL_FIELDS.has(key)) continue;
    out[key] = sortKeys((value as Record<string, unknown>)[key], false);
  }
  return out;
}

/**
 * cyrb53: a fast, well-mixed 53-bit string hash. Synchronous on purpose: RxDB calls isEqual on
 * every replicated document and requires it to be non-async, and crypto.subtle is async only.
 * Not for security; only to break ties identically everywhere.
 */
export function stableHash(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

export interface Versioned {
  updatedAt: number;
  updatedBy: string;
}

/** Equal when the replicated content is the same, whatever the local bookkeeping says. */
export function sameContent<T>(a: WithDeleted<T>, b: WithDeleted<T>): boolean {
  // Cheap rejections first: isEqual runs for every pushed document.
  const va = a as Partial<Versioned>;
  const vb = b as Partial<Versioned>;
  if (va.updatedAt !== vb.updatedAt || a._deleted !== b._deleted) return false;
  return canonicalJson(a) === canonicalJson(b);
}

/** Append-only documents: the master copy stands; two states never legitimately differ. */
export function appendOnlyConflictHandler<T>(): RxConflictHandler<T> {
  return {
    isEqual: (a, b) => sameContent(a, b),
    resolve: (input: RxConflictHandlerInput<T>) => Promise.resolve(input.realMasterState),
  };
}

export type OutpostConflictHandlers = {
  [K in CollectionName]: RxConflictHandler<OutpostDocTypes[K]>;
};

/** The handlers a database's collections are created with; edited collections share `slot`. */
export function createConflictHandlers(slot: ConflictHookSlot): OutpostConflictHandlers {
  return {
    tickets: mergeConflictHandler('tickets', slot),
    activities: appendOnlyConflictHandler(),
    cis: mergeConflictHandler('cis', slot),
    relations: mergeConflictHandler('relations', slot),
    articles: mergeConflictHandler('articles', slot),
    audits: mergeConflictHandler('audits', slot),
    people: mergeConflictHandler('people', slot),
    settings: mergeConflictHandler('settings', slot),
    files: appendOnlyConflictHandler(),
    // Local-only: never replicated, so never in conflict.
    syncissues: appendOnlyConflictHandler(),
  };
}
