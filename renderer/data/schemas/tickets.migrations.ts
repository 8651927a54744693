/**
 * Migration strategies for `tickets`, keyed by the version they migrate TO.
 *
 * Strategies are frozen history: they inline their rules instead of calling domain functions,
 * because a later change to the domain must not change how an old document is upgraded
 * (a device that upgrades in a year must produce what a device upgrading today produced).
 */
import type { MigrationStrategies } from 'rxdb';
import { MAX_TIME } from '../../../shared/domain/model';

/** Statuses that meant "no work remains" when v1 shipped. */
const DONE_STATUSES_V1: ReadonlySet<string> = new Set(['resolved', 'closed']);

type DocData = Record<string, unknown>;

/** v0 -> v1: derive `phase` from `status` and `sortDesc` from `updatedAt`. */
export function ticketV0toV1(doc: DocData): DocData {
  const updatedAt = typeof doc.updatedAt === 'number' ? doc.updatedAt : 0;
  return {
    ...doc,
    phase: DONE_STATUSES_V1.has(String(doc.status)) ? 'done' : 'open',
    sortDesc: MAX_TIME - updatedAt,
  };
}

/**
 * v1 -> v2: v2 adds optional fields (nothing to fill in) and gives changes, releases and projects
 * their own status machines. A v1 change, release or project in a status its v2 machine does not
 * have would have no way out, so it moves to the nearest v2 status: a change in work goes back to
 * Assess (it must pass the CAB now), a resolved change waits in Review; a release or project
 * picked up by someone is In progress.
 */
const V2_CHANGE_STATUS: Readonly<Record<string, string>> = {
  assigned: 'assess',
  in_progress: 'assess',
  pending: 'assess',
  reopened: 'assess',
  resolved: 'review',
};

export function ticketV1toV2(doc: DocData): DocData {
  const status = String(doc.status);
  if (doc.kind === 'change' && V2_CHANGE_STATUS[status]) {
    return { ...doc, status: V2_CHANGE_STATUS[status], pendingReason: '', phase: 'open' };
  }
  if ((doc.kind === 'release' || doc.kind === 'project') && status === 'assigned') {
    return { ...doc, status: 'in_progress' };
  }
  return doc;
}

export const ticketsMigrations: MigrationStrategies = {
  1: ticketV0toV1,
  2: ticketV1toV2,
};
