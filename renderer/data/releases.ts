/**
 * Releases and the changes they collect. A change belongs to a release through its `parentId`;
 * these functions check the rules of release.ts before writing through updateTicket, so the
 * edit lands on the change's timeline like any other.
 */
import { map, type Observable } from 'rxjs';
import type { TicketDoc } from '../../shared/domain/model';
import { exclusionError, inclusionError } from '../../shared/domain/release';
import { FORM_ERROR_KEY, type FieldErrors } from '../../shared/domain/validation';
import type { OutpostDatabase } from './database';
import { updateTicket, type Session, type WriteOptions } from './tickets';

export type ReleaseChangeResult = { ok: true; change: TicketDoc } | { ok: false; errors: FieldErrors };

/** The form field the release page shows inclusion errors under. */
export const CHANGE_FIELD = 'changeId';

/** Changes of a release, live. Changes are few next to incidents; the kind index serves it. */
export function observeIncludedChanges(db: OutpostDatabase, releaseId: string): Observable<TicketDoc[]> {
  return db.tickets
    .find({ selector: { kind: 'change', parentId: releaseId }, index: ['kind', 'phase', 'sortDesc'] })
    .$.pipe(map((docs) => docs.map((d) => d.toMutableJSON())));
}

async function load(db: OutpostDatabase, id: string): Promise<TicketDoc | null> {
  return (await db.tickets.findOne(id).exec())?.toMutableJSON() ?? null;
}

function refusal(message: string, field = CHANGE_FIELD): ReleaseChangeResult {
  return { ok: false, errors: { [field]: message } };
}

async function loadPair(
  db: OutpostDatabase,
  releaseId: string,
  changeId: string,
): Promise<{ release: TicketDoc; change: TicketDoc } | ReleaseChangeResult> {
  const release = await load(db, releaseId);
  if (!release) return refusal('This release no longer exists.', FORM_ERROR_KEY);
  if (changeId === '') return refusal('Choose a change.');
  const change = await load(db, changeId);
  if (!change) return refusal('This change no longer exists.');
  return { release, change };
}

/** Puts a change into a release; refuses closed or cancelled changes and those of another release. */
export async function includeChange(
  db: OutpostDatabase,
  releaseId: string,
  changeId: string,
  session: Session,
  options: WriteOptions = {},
): Promise<ReleaseChangeResult> {
  const pair = await loadPair(db, releaseId, changeId);
  if ('ok' in pair) return pair;
  const { release, change } = pair;
  const otherId = change.parentId ?? '';
  const other = otherId !== '' && otherId !== releaseId ? await load(db, otherId) : null;
  const error = inclusionError(release, change, other?.number);
  if (error) return refusal(error);
  const result = await updateTicket(db, changeId, { process: { parentId: releaseId } }, session, options);
  return result.ok ? { ok: true, change: result.ticket } : { ok: false, errors: result.errors };
}

/** Takes an open change out of a release. */
export async function excludeChange(
  db: OutpostDatabase,
  releaseId: string,
  changeId: string,
  session: Session,
  options: WriteOptions = {},
): Promise<ReleaseChangeResult> {
  const pair = await loadPair(db, releaseId, changeId);
  if ('ok' in pair) return pair;
  const error = exclusionError(pair.release, pair.change);
  if (error) return refusal(error, FORM_ERROR_KEY);
  const result = await updateTicket(db, changeId, { process: { parentId: '' } }, session, options);
  return result.ok ? { ok: true, change: result.ticket } : { ok: false, errors: result.errors };
}
