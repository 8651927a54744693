/**
 * What a merge does beyond the document itself (merge notices, refused changes) is decided by
 * the sync engine; conflict handlers reach it through a slot owned by their database.
 */
import type { MergeNotice } from '../../shared/sync/merge';

export interface ConflictHooks {
  /** True (once) when the server refused this local state: the server's copy then stands. */
  takeRefused: (docId: string, localState: unknown) => boolean;
  /** Both sides changed the same fields; `notices` hold the values set aside. */
  onNotices: (collection: string, doc: Record<string, unknown>, notices: MergeNotice[]) => void;
}

/**
 * Per-database slot for the hooks: handlers are created with their database, and tests run
 * several replicas in one process, so one global slot would send a notice to the wrong replica.
 */
export interface ConflictHookSlot {
  current: ConflictHooks;
}

export function emptyHookSlot(): ConflictHookSlot {
  return { current: { takeRefused: () => false, onNotices: () => undefined } };
}
