/**
 * Ticket repository: the only code that writes tickets. Every rule comes from the domain
 * (buildTicket, applyTicketEdit); this file allocates ids and numbers, reads the team's
 * priority matrix, and persists the result together with its timeline entry.
 */
import { map, type Observable } from 'rxjs';
import { ID_PREFIX, newId } from '../../shared/domain/ids';
import { MAX_TIME, type ActivityDoc, type FieldChange, type TicketDoc } from '../../shared/domain/model';
import { applyTicketEdit, buildTicket, type TicketPatch } from '../../shared/domain/tickets';
import { FORM_ERROR_KEY, type FieldErrors, type TicketInput } from '../../shared/domain/validation';
import type { OutpostDatabase } from './database';
import { nextTicketNumber } from './device';
import { processGuards } from './process';
import { cryptoRandom } from './random';
import { readPriorityMatrix } from './settings';

/** Who is acting; sessions come from the UI store, the data layer never guesses a user. */
export interface Session {
  userId: string;
  /**
   * The team's access rules for the signed-in account (the same function the server runs):
   * a reason when this write would be refused, so the user hears it now, not after a push.
   */
  authorize?: (before: TicketDoc | null, after: TicketDoc) => string | null;
}

function refused(session: Session, before: TicketDoc | null, after: TicketDoc): FieldErrors | null {
  const reason = session.authorize?.(before, after) ?? null;
  return reason ? { [FORM_ERROR_KEY]: reason } : null;
}

/** Test seam: a fixed clock. Production callers omit it. */
export interface WriteOptions {
  now?: number;
}

export type CreateTicketResult = { ok: true; ticket: TicketDoc } | { ok: false; errors: FieldErrors };
export type UpdateTicketResult =
  { ok: true; ticket: TicketDoc; changes: FieldChange[] } | { ok: false; errors: FieldErrors };

/** Placeholder number for the validation pass, so a refused form never burns a counter. */
const PROBE_NUMBER = 'PENDING';

export async function createTicket(
  db: OutpostDatabase,
  input: TicketInput,
  session: Session,
  options: WriteOptions = {},
): Promise<CreateTicketResult> {
  const now = options.now ?? Date.now();
  const matrix = await readPriorityMatrix(db);
  const id = newId(ID_PREFIX.ticket, now, cryptoRandom);
  const probe = buildTicket(input, { id, number: PROBE_NUMBER, now, userId: session.userId, matrix });
  if (!probe.ok) return probe;
  const denied = refused(session, null, probe.ticket);
  if (denied) return { ok: false, errors: denied };

  const number = await nextTicketNumber(db, input.kind);
  const built = buildTicket(input, { id, number, now, userId: session.userId, matrix });
  if (!built.ok) return built;
  await db.tickets.insert(built.ticket);
  const activity: ActivityDoc = { id: newId(ID_PREFIX.activity, now, cryptoRandom), ...built.activity };
  await db.activities.insert(activity);
  return { ok: true, ticket: built.ticket };
}

/** Thrown inside incrementalModify to abandon a write when the latest state refuses the edit. */
class EditRefused extends Error {
  constructor(readonly errors: FieldErrors) {
    super('edit refused');
  }
}

function withoutDeleted(data: TicketDoc & { _deleted?: boolean }): TicketDoc {
  const { _deleted: _ignored, ...ticket } = data;
  return ticket;
}

/**
 * Applies `patch` through the domain and writes the ticket plus one 'change' activity listing
 * every FieldChange (from/to). Refused edits return the field errors and write nothing.
 * The edit is re-applied inside incrementalModify on the newest stored state, so an edit made
 * meanwhile in another window is built upon instead of overwritten.
 */
export async function updateTicket(
  db: OutpostDatabase,
  id: string,
  patch: TicketPatch,
  session: Session,
  options: WriteOptions = {},
): Promise<UpdateTicketResult> {
  const doc = await db.tickets.findOne(id).exec();
  if (!doc) return { ok: false, errors: { [FORM_ERROR_KEY]: 'This ticket no longer exists.' } };
  const ctx = {
    now: options.now ?? Date.now(),
    userId: session.userId,
    matrix: await readPriorityMatrix(db),
    guards: patch.status !== undefined ? await processGuards(db, doc.toMutableJSON()) : {},
  };

  const first = applyTicketEdit(doc.toMutableJSON(), patch, ctx);
  if (!first.ok || first.changes.length === 0) return first;
  const denied = refused(session, doc.toMutableJSON(), first.ticket);
  if (denied) return { ok: false, errors: denied };

  let outcome: UpdateTicketResult = first;
  try {
    await doc.incrementalModify((latest) => {
      const result = applyTicketEdit(withoutDeleted(latest), patch, ctx);
      if (!result.ok) throw new EditRefused(result.errors);
      outcome = result;
      return result.ticket;
    });
  } catch (err) {
    if (err instanceof EditRefused) return { ok: false, errors: err.errors };
    throw err;
  }
  if (outcome.ok && outcome.changes.length > 0) {
    const now = outcome.ticket.updatedAt;
    const activity: ActivityDoc = {
      id: newId(ID_PREFIX.activity, now, cryptoRandom),
      type: 'activity',
      parentId: id,
      kind: 'change',
      // The reason for a status change (required to reopen) belongs on the timeline.
      body: (patch.reason ?? '').trim(),
      minutes: 0,
      changes: outcome.changes,
      createdAt: now,
      createdBy: session.userId,
      updatedAt: now,
      updatedBy: session.userId,
    };
    await db.activities.insert(activity);
  }
  return outcome;
}

export type DeleteTicketResult = { ok: true } | { ok: false; error: string };

/**
 * Deletes a ticket. The tombstone keeps the full body, stamped with who deleted it and when, so
 * the server can check the deleter's role and a device that edited it offline can merge (an
 * edit made elsewhere wins over the deletion, with a merge notice).
 */
export async function deleteTicket(
  db: OutpostDatabase,
  id: string,
  session: Session,
  options: WriteOptions = {},
): Promise<DeleteTicketResult> {
  const doc = await db.tickets.findOne(id).exec();
  if (!doc) return { ok: false, error: 'This ticket no longer exists.' };
  const now = options.now ?? Date.now();
  const stamped = await doc.incrementalPatch({
    updatedAt: now,
    updatedBy: session.userId,
    sortDesc: MAX_TIME - now,
  });
  await stamped.remove();
  return { ok: true };
}

/** One ticket as plain data, live; null while it does not exist (or after deletion). */
export function observeTicket(db: OutpostDatabase, id: string): Observable<TicketDoc | null> {
  return db.tickets.findOne(id).$.pipe(map((doc) => (doc ? doc.toMutableJSON() : null)));
}

/** Look-up by human number (e.g. typed into the search box), served by the `number` index. */
export async function findTicketByNumber(db: OutpostDatabase, number: string): Promise<TicketDoc | null> {
  const doc = await db.tickets.findOne({ selector: { number: number.trim().toUpperCase() } }).exec();
  return doc ? doc.toMutableJSON() : null;
}
