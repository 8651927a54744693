/**
 * Problem records and their links: raising a problem from incidents, linking and unlinking
 * records, and resolving the records of a fixed problem. Every write goes through createTicket /
 * updateTicket, so each one is validated and lands on the record's timeline.
 */
import { map, type Observable } from 'rxjs';
import type { Level, TicketDoc } from '../../shared/domain/model';
import {
  PROBLEM_CHILD_KINDS,
  isKnownError,
  linkRefusal,
  planLinkedResolution,
  selectionRefusal,
} from '../../shared/domain/problems';
import { FORM_ERROR_KEY, type FieldErrors } from '../../shared/domain/validation';
import type { ProcessPatch } from '../../shared/domain/process';
import type { OutpostDatabase } from './database';
import { createTicket, updateTicket, type Session, type WriteOptions } from './tickets';

function formError(message: string): { ok: false; errors: FieldErrors } {
  return { ok: false, errors: { [FORM_ERROR_KEY]: message } };
}

function describeErrors(errors: FieldErrors): string {
  return Object.values(errors).filter(Boolean).join(' ') || 'The change was refused.';
}

async function loadByIds(db: OutpostDatabase, ids: readonly string[]): Promise<Map<string, TicketDoc>> {
  const docs = await db.tickets.findByIds([...ids]).exec();
  const out = new Map<string, TicketDoc>();
  for (const [id, doc] of docs) out.set(id, doc.toMutableJSON());
  return out;
}

/** The tickets with these ids that still exist, in the order asked. */
export async function loadTickets(db: OutpostDatabase, ids: readonly string[]): Promise<TicketDoc[]> {
  const found = await loadByIds(db, ids);
  return ids.flatMap((id) => {
    const ticket = found.get(id);
    return ticket ? [ticket] : [];
  });
}

/** Numbers of the problems `records` are linked to, for refusal messages. */
async function parentNumbers(db: OutpostDatabase, records: readonly TicketDoc[]) {
  const parentIds = [...new Set(records.map((r) => r.parentId ?? '').filter((id) => id !== ''))];
  const parents = await loadByIds(db, parentIds);
  return (id: string) => parents.get(id)?.number;
}

/**
 * Incidents and requests linked to `problemId`. `parentId` has no index: each kind is one walk
 * of the kind index (linked kinds are the busiest, so `openOnly` narrows it to open work).
 */
export async function findLinkedRecords(
  db: OutpostDatabase,
  problemId: string,
  options: { openOnly?: boolean } = {},
): Promise<TicketDoc[]> {
  const out: TicketDoc[] = [];
  for (const kind of PROBLEM_CHILD_KINDS) {
    const selector = options.openOnly
      ? { kind, phase: 'open' as const, parentId: problemId }
      : { kind, parentId: problemId };
    const docs = await db.tickets.find({ selector, index: ['kind', 'phase', 'sortDesc'] }).exec();
    out.push(...docs.map((d) => d.toMutableJSON()));
  }
  return out.sort((a, b) => a.number.localeCompare(b.number));
}

/** Problems flagged as known errors and still in force (see isKnownError), live. */
export function observeKnownErrors(db: OutpostDatabase): Observable<TicketDoc[]> {
  return db.tickets.find({ selector: { kind: 'problem' }, index: ['kind', 'phase', 'sortDesc'] }).$.pipe(
    map((docs) =>
      docs
        .map((d) => d.toMutableJSON())
        .filter(isKnownError)
        .sort((a, b) => a.number.localeCompare(b.number)),
    ),
  );
}

export interface ProblemInput {
  title: string;
  description: string;
  impact: Level;
  urgency: Level;
  category?: string;
  groupId?: string;
  assigneeId?: string;
  process?: ProcessPatch;
}

export interface LinkFailure {
  id: string;
  number: string;
  reason: string;
}

export type CreateProblemResult =
  | { ok: true; problem: TicketDoc; linked: string[]; failed: LinkFailure[] }
  | { ok: false; errors: FieldErrors };

/**
 * Raises a problem (requested by the acting person) and links each record to it. The selection
 * is checked first, so a refused one writes nothing; a link refused afterwards (the record
 * changed meanwhile, or is not the acting person's to edit) is reported and the rest go on.
 */
export async function createProblemFromIncidents(
  db: OutpostDatabase,
  ids: readonly string[],
  input: ProblemInput,
  session: Session,
  options: WriteOptions = {},
): Promise<CreateProblemResult> {
  const unique = [...new Set(ids)];
  const found = await loadByIds(db, unique);
  const missing = unique.find((id) => !found.has(id));
  if (missing) return formError('A selected ticket no longer exists.');
  const records = unique.map((id) => found.get(id) as TicketDoc);
  const refusal = selectionRefusal(records, await parentNumbers(db, records));
  if (refusal) return formError(refusal);

  const created = await createTicket(
    db,
    {
      kind: 'problem',
      title: input.title,
      description: input.description,
      impact: input.impact,
      urgency: input.urgency,
      category: input.category ?? '',
      requesterId: session.userId,
      assigneeId: input.assigneeId ?? '',
      groupId: input.groupId ?? '',
      process: input.process,
    },
    session,
    options,
  );
  if (!created.ok) return created;
  const problem = created.ticket;
  const linked: string[] = [];
  const failed: LinkFailure[] = [];
  for (const record of records) {
    const result = await updateTicket(db, record.id, { process: { parentId: problem.id } }, session, options);
    if (result.ok) linked.push(record.id);
    else failed.push({ id: record.id, number: record.number, reason: describeErrors(result.errors) });
  }
  return { ok: true, problem, linked, failed };
}

export type LinkResult = { ok: true; ticket: TicketDoc } | { ok: false; errors: FieldErrors };

/** Links an incident or request to a problem that is not closed. */
export async function linkToProblem(
  db: OutpostDatabase,
  recordId: string,
  problemId: string,
  session: Session,
  options: WriteOptions = {},
): Promise<LinkResult> {
  const found = await loadByIds(db, [recordId, problemId]);
  const record = found.get(recordId);
  const problem = found.get(problemId);
  if (!record) return formError('This ticket no longer exists.');
  if (!problem) return formError('That problem no longer exists.');
  const refusal = linkRefusal(record, problem, await parentNumbers(db, [record]));
  if (refusal) return formError(refusal);
  const result = await updateTicket(db, recordId, { process: { parentId: problemId } }, session, options);
  return result.ok ? { ok: true, ticket: result.ticket } : result;
}

export async function unlinkFromProblem(
  db: OutpostDatabase,
  recordId: string,
  session: Session,
  options: WriteOptions = {},
): Promise<LinkResult> {
  const result = await updateTicket(db, recordId, { process: { parentId: '' } }, session, options);
  return result.ok ? { ok: true, ticket: result.ticket } : result;
}

export type LinkedOutcome =
  | { id: string; number: string; outcome: 'resolved' }
  | { id: string; number: string; outcome: 'failed'; reason: string };

export type ResolveLinkedResult = { ok: true; results: LinkedOutcome[] } | { ok: false; error: string };

/**
 * Resolves every open record linked to a resolved (or closed) problem with the problem's fix.
 * A record without an assignee is given the problem's assignee; each record stands alone, so one
 * refusal (for instance a technician editing a record that is not theirs) does not stop the rest.
 */
export async function resolveLinkedRecords(
  db: OutpostDatabase,
  problemId: string,
  session: Session,
  options: WriteOptions = {},
): Promise<ResolveLinkedResult> {
  const problem = (await loadByIds(db, [problemId])).get(problemId);
  if (!problem) return { ok: false, error: 'That problem no longer exists.' };
  const open = await findLinkedRecords(db, problemId, { openOnly: true });
  const plan = planLinkedResolution(problem, open);
  if (!plan.ok) return { ok: false, error: plan.error };
  const results: LinkedOutcome[] = [];
  for (const { record, patch } of plan.items) {
    const result = await updateTicket(db, record.id, patch, session, options);
    results.push(
      result.ok
        ? { id: record.id, number: record.number, outcome: 'resolved' }
        : { id: record.id, number: record.number, outcome: 'failed', reason: describeErrors(result.errors) },
    );
  }
  return { ok: true, results };
}
