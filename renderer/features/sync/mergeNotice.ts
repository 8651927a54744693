/**
 * Merge notices: when two devices edited the same ticket, the sync engine keeps one value per
 * field and records the other on the timeline (`kind: 'merge'`, `changes: [{field, from: set
 * aside, to: kept}]`). These functions turn such a record into lines and into the edit that
 * brings a set-aside value back.
 */
import type { FieldChange } from '../../../shared/domain/model';
import { TRACKED_FIELDS, type TicketPatch } from '../../../shared/domain/tickets';

/** Field name of a record saying a deletion elsewhere was overridden by an edit here. */
export const DELETION_FIELD = '_deleted';

/**
 * Fields a user can set through an ordinary edit. Derived fields (priority, phase, timestamps)
 * follow from these, and the kind is part of the ticket number, so neither is restorable.
 */
const RESTORABLE_FIELDS = new Set<string>(TRACKED_FIELDS.filter((field) => field !== 'priority'));

export function isOverriddenDeletion(change: FieldChange): boolean {
  return change.field === DELETION_FIELD;
}

/**
 * The edit that puts the set-aside value back, or null when there is nothing an edit could
 * restore. The value is handed to the domain as it was recorded: it came from another device, so
 * the domain's validation (which treats input as unknown) decides whether it is acceptable.
 */
export function restorePatch(change: FieldChange): TicketPatch | null {
  if (!RESTORABLE_FIELDS.has(change.field) || change.from === undefined) return null;
  return { [change.field]: change.from } as TicketPatch;
}

/** One sentence per field error, for showing under the notice. */
export function describeRestoreErrors(errors: Partial<Record<string, string>>): string {
  const messages = Object.values(errors).filter((m): m is string => typeof m === 'string' && m !== '');
  return messages.length ? messages.join(' ') : 'The value could not be restored.';
}
