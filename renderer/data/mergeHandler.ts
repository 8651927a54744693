/**
 * Conflict handler for edited collections: a three-way, per-field merge against the last state
 * both sides agreed on (RxDB's assumed master state).
 *
 * Fields that only make sense together merge as one unit: a status with its pending reason,
 * resolution and timestamps; impact and urgency with the priority derived from them. Taking one
 * side's status with the other side's resolution code would produce a ticket neither person
 * wrote. When both sides changed a unit, the server's unit stands and the local one is kept in a
 * merge notice.
 *
 * Side effects (merge notices, refused changes) go through hooks the sync engine installs, so
 * this module stays free of network and session knowledge.
 */
import type { RxConflictHandler, RxConflictHandlerInput, WithDeleted } from 'rxdb';
import { MAX_TIME } from '../../shared/domain/model';
import { mergeOptionsFor, threeWayMerge, type MergeNotice } from '../../shared/sync/merge';
import type { ConflictHookSlot } from './conflictHooks';
import { canonicalJson, sameContent } from './conflicts';

const FIELD_GROUPS: Record<string, string[][]> = {
  tickets: [
    ['status', 'pendingReason', 'resolutionCode', 'resolutionNotes', 'resolvedAt', 'closedAt', 'phase'],
    ['impact', 'urgency', 'priority'],
  ],
};

type Doc = Record<string, unknown>;

function same(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

function groupChanged(group: string[], side: Doc, base: Doc | null): boolean {
  if (!base) return true;
  return group.some((field) => !same(side[field], base[field]));
}

/**
 * Applies the unit rule on top of the per-field merge: for each group changed on both sides to
 * different values, every field of the group comes from the server, and each local value that
 * differs is set aside in a notice (replacing any per-field notice for it).
 */
function applyGroups(
  collection: string,
  merged: Doc,
  notices: MergeNotice[],
  local: Doc,
  remote: Doc,
  base: Doc | null,
): MergeNotice[] {
  let out = notices;
  for (const group of FIELD_GROUPS[collection] ?? []) {
    const differs = group.some((field) => !same(local[field], remote[field]));
    if (!differs || !groupChanged(group, local, base) || !groupChanged(group, remote, base)) continue;
    out = out.filter((notice) => !group.includes(notice.field));
    for (const field of group) {
      merged[field] = remote[field];
      const localChanged = !base || !same(local[field], base[field]);
      if (localChanged && !same(local[field], remote[field]) && field !== 'phase') {
        out.push({ field, kept: remote[field], setAside: local[field] });
      }
    }
  }
  return out;
}

function finalize(collection: string, doc: Doc): Doc {
  if (collection === 'tickets' && typeof doc.updatedAt === 'number') doc.sortDesc = MAX_TIME - doc.updatedAt;
  return doc;
}

function split(state: WithDeleted<unknown> | undefined): { doc: Doc; deleted: boolean } | null {
  if (!state) return null;
  const { _deleted, ...doc } = state as Doc & { _deleted?: boolean };
  return { doc, deleted: _deleted === true };
}

export function mergeConflictHandler<T>(collection: string, slot: ConflictHookSlot): RxConflictHandler<T> {
  return {
    isEqual: (a, b) => sameContent(a, b),
    resolve: (input: RxConflictHandlerInput<T>) => {
      const { assumedMasterState, realMasterState, newDocumentState } = input;
      const id = String((newDocumentState as Doc).id);
      const hooks = slot.current;
      if (hooks.takeRefused(id, newDocumentState)) return Promise.resolve(realMasterState);
      const base = split(assumedMasterState);
      const local = split(newDocumentState);
      const remote = split(realMasterState);
      if (!local || !remote) return Promise.resolve(realMasterState);
      const result = threeWayMerge({ base, local, remote }, mergeOptionsFor(collection));
      const merged = { ...result.doc };
      const notices = result.deleted
        ? result.notices
        : applyGroups(collection, merged, result.notices, local.doc, remote.doc, base?.doc ?? null);
      finalize(collection, merged);
      if (notices.length > 0) hooks.onNotices(collection, merged, notices);
      return Promise.resolve({ ...merged, _deleted: result.deleted } as WithDeleted<T>);
    },
  };
}
