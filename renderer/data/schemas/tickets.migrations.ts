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

/** v1 -> v2: new statuses and optional process fields only; every v1 document is valid v2. */
export function ticketV1toV2(doc: DocData): DocData {
  return doc;
}

export const ticketsMigrations: MigrationStrategies = {
  1: ticketV0toV1,
  2: ticketV1toV2,
};
