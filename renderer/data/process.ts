/**
 * Process records' extra reads and writes: CAB votes, satisfaction answers, and the facts some
 * status changes depend on (the CAB's outcome, a release's readiness, a task's dependencies).
 * updateTicket asks for those facts itself, so every caller gets the same guards.
 */
import { ID_PREFIX, newId } from '../../shared/domain/ids';
import {
  enteredAuthorizeAt,
  tallyVotes,
  validateCabSettings,
  type CabSettings,
  type CabTally,
} from '../../shared/domain/cab';
import type { ActivityDoc, TicketDoc, Vote } from '../../shared/domain/model';
import { releaseReadiness } from '../../shared/domain/release';
import type { ProcessGuards } from '../../shared/domain/tickets';
import { FORM_ERROR_KEY, type FieldErrors } from '../../shared/domain/validation';
import type { OutpostDatabase } from './database';
import { cryptoRandom } from './random';
import { findSetting } from './settings';
import type { Session, WriteOptions } from './tickets';

export const CAB_SETTING_KEY = 'cab';
export const SURVEY_COMMENT_MAX = 2000;
export const VOTE_COMMENT_MAX = 2000;

export async function readCabSettings(db: OutpostDatabase): Promise<CabSettings> {
  return validateCabSettings((await findSetting(db, CAB_SETTING_KEY))?.value);
}

/**
 * The approvers: the configured list, or every manager of the team. Only managers and admins
 * count, because the server accepts votes from them alone: a configured approver who is not
 * (or no longer) a manager would vote into a refusal at the next sync.
 */
export async function cabApprovers(db: OutpostDatabase, settings: CabSettings): Promise<string[]> {
  const people = await db.people.find({ selector: { personKind: 'user' } }).exec();
  const byDefault = people.filter((p) => p.roles.includes('manager')).map((p) => p.id);
  if (settings.approverIds.length === 0) return byDefault.sort();
  const mayVote = new Set(
    people.filter((p) => p.roles.includes('manager') || p.roles.includes('admin')).map((p) => p.id),
  );
  return settings.approverIds.filter((id) => mayVote.has(id));
}

async function timeline(db: OutpostDatabase, parentId: string): Promise<ActivityDoc[]> {
  const docs = await db.activities
    .find({ selector: { parentId }, sort: [{ createdAt: 'asc' }], index: ['parentId', 'createdAt'] })
    .exec();
  return docs.map((d) => d.toMutableJSON());
}

/** The CAB's count for a change, from its synced timeline. */
export async function cabTally(db: OutpostDatabase, change: TicketDoc): Promise<CabTally> {
  const settings = await readCabSettings(db);
  const approvers = await cabApprovers(db, settings);
  const activities = await timeline(db, change.id);
  return tallyVotes(activities, approvers, settings.rule, enteredAuthorizeAt(activities));
}

/** Every change whose parent is `releaseId`. Changes are few; one walk of the kind index. */
export async function includedChanges(db: OutpostDatabase, releaseId: string): Promise<TicketDoc[]> {
  const docs = await db.tickets
    .find({ selector: { kind: 'change' }, index: ['kind', 'phase', 'sortDesc'] })
    .exec();
  return docs.map((d) => d.toMutableJSON()).filter((c) => c.parentId === releaseId);
}

/** The facts the status rules of `ticket`'s kind look at. */
export async function processGuards(db: OutpostDatabase, ticket: TicketDoc): Promise<ProcessGuards> {
  if (ticket.kind === 'change') return { cabApproved: (await cabTally(db, ticket)).outcome === 'approved' };
  if (ticket.kind === 'release') {
    return { releaseReady: releaseReadiness(ticket, await includedChanges(db, ticket.id)).ready };
  }
  if (ticket.kind === 'task' && (ticket.dependsOn ?? []).length > 0) {
    const deps = await db.tickets.findByIds(ticket.dependsOn ?? []).exec();
    const open = [...deps.values()].filter((d) => d.phase === 'open').map((d) => d.number);
    return { openDependencies: open.sort() };
  }
  return {};
}

export type AddEntryResult = { ok: true; activity: ActivityDoc } | { ok: false; errors: FieldErrors };

async function appendEntry(
  db: OutpostDatabase,
  parentId: string,
  entry: Pick<ActivityDoc, 'kind' | 'body'> & Partial<Pick<ActivityDoc, 'vote' | 'score'>>,
  session: Session,
  options: WriteOptions,
): Promise<AddEntryResult> {
  const now = options.now ?? Date.now();
  const activity: ActivityDoc = {
    id: newId(ID_PREFIX.activity, now, cryptoRandom),
    type: 'activity',
    parentId,
    minutes: 0,
    changes: [],
    createdAt: now,
    createdBy: session.userId,
    updatedAt: now,
    updatedBy: session.userId,
    ...entry,
  };
  await db.activities.insert(activity);
  return { ok: true, activity };
}

/** A CAB member's vote on a change in Authorize; works offline and counts once synced. */
export async function castVote(
  db: OutpostDatabase,
  changeId: string,
  vote: Vote,
  comment: string,
  session: Session,
  options: WriteOptions = {},
): Promise<AddEntryResult> {
  const change = (await db.tickets.findOne(changeId).exec())?.toMutableJSON();
  if (!change || change.kind !== 'change') {
    return { ok: false, errors: { [FORM_ERROR_KEY]: 'This change no longer exists.' } };
  }
  if (change.status !== 'authorize') {
    return {
      ok: false,
      errors: { [FORM_ERROR_KEY]: 'Votes are only taken while the change is in Authorize.' },
    };
  }
  if (comment.length > VOTE_COMMENT_MAX) {
    return { ok: false, errors: { comment: `At most ${VOTE_COMMENT_MAX} characters.` } };
  }
  if (vote === 'reject' && comment.trim() === '') {
    return { ok: false, errors: { comment: 'Say why you reject the change.' } };
  }
  const approvers = await cabApprovers(db, await readCabSettings(db));
  if (!approvers.includes(session.userId)) {
    return { ok: false, errors: { [FORM_ERROR_KEY]: 'Only CAB approvers may vote on a change.' } };
  }
  return appendEntry(db, changeId, { kind: 'vote', vote, body: comment.trim() }, session, options);
}

/** A satisfaction answer (1-5 and a comment) on a resolved or closed ticket. */
export async function recordSurvey(
  db: OutpostDatabase,
  ticketId: string,
  score: number,
  comment: string,
  session: Session,
  options: WriteOptions = {},
): Promise<AddEntryResult> {
  const ticket = (await db.tickets.findOne(ticketId).exec())?.toMutableJSON();
  if (!ticket) return { ok: false, errors: { [FORM_ERROR_KEY]: 'This ticket no longer exists.' } };
  if (ticket.status !== 'resolved' && ticket.status !== 'closed') {
    return { ok: false, errors: { [FORM_ERROR_KEY]: 'A survey is recorded once the ticket is resolved.' } };
  }
  if (!Number.isInteger(score) || score < 1 || score > 5) {
    return { ok: false, errors: { score: 'Choose a score from 1 to 5.' } };
  }
  if (comment.length > SURVEY_COMMENT_MAX) {
    return { ok: false, errors: { comment: `At most ${SURVEY_COMMENT_MAX} characters.` } };
  }
  return appendEntry(db, ticketId, { kind: 'survey', score, body: comment.trim() }, session, options);
}
