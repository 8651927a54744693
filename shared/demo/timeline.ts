/**
 * Timeline entries of demo records: creation, status changes as the app records them, CAB
 * votes, notes and work logs, and satisfaction surveys. Drawn after the ticket from its own
 * random stream, so switching activities on never changes the tickets.
 */
import { ID_PREFIX, newId } from '../domain/ids';
import type { ActivityDoc, ActivityKind, FieldChange, TicketDoc, TicketStatus, Vote } from '../domain/model';
import { MINUTE, type GenContext } from './draft';
import { SURVEY_BY_PHONE, SURVEY_COMMENTS } from './process-text';
import { chance, pick, randomInt, weighted, type Random } from './random';
import * as text from './ticket-text';

/** A saved edit: what the app writes as one `change` entry. */
export interface Step {
  at: number;
  by: string;
  changes: FieldChange[];
  /** Why, for the status changes that ask for a reason (cancel, reopen). */
  body: string;
}

export interface VoteSpec {
  at: number;
  by: string;
  vote: Vote;
  body: string;
}

/** A generated record with what its timeline needs. */
export interface Member {
  index: number;
  ticket: TicketDoc;
  /** The record's own stream, continued for its timeline. */
  random: Random;
  steps: Step[];
  votes: VoteSpec[];
}

export function member(index: number, ticket: TicketDoc, random: Random): Member {
  return { index, ticket, random, steps: [], votes: [] };
}

/** Records a status change (and whatever changed with it) at `at`. */
export function step(
  m: Member,
  at: number,
  by: string,
  from: TicketStatus,
  to: TicketStatus,
  also: FieldChange[] = [],
  body = '',
): void {
  m.steps.push({ at, by, changes: [{ field: 'status', from, to }, ...also], body });
}

/** One timeline entry; `minutes` for work logs, `changes` for saved edits. */
export function entry(
  random: Random,
  parentId: string,
  kind: ActivityKind,
  at: number,
  by: string,
  body = '',
  minutes = 0,
  changes: FieldChange[] = [],
): ActivityDoc {
  // A plain literal (no spread): generation builds hundreds of thousands of these.
  return {
    id: newId(ID_PREFIX.activity, at, random),
    type: 'activity',
    parentId,
    kind,
    body,
    minutes,
    changes,
    createdAt: at,
    createdBy: by,
    updatedAt: at,
    updatedBy: by,
  };
}

const pickScore = weighted<1 | 2 | 3 | 4 | 5>([
  [5, 55],
  [4, 27],
  [3, 9],
  [2, 5],
  [1, 4],
]);

/**
 * About a third of resolved incidents and requests get a satisfaction answer, mostly from the
 * requester, sometimes typed in by the agent who called them.
 */
export function addSurvey(g: GenContext, random: Random, ticket: TicketDoc, out: ActivityDoc[]): void {
  if (ticket.kind !== 'incident' && ticket.kind !== 'request') return;
  if (ticket.status !== 'resolved' && ticket.status !== 'closed') return;
  if (!chance(random, 1 / 3)) return;
  const earliest = ticket.resolvedAt + 5 * MINUTE;
  if (earliest > g.now) return;
  const at = earliest + Math.floor(random() * Math.min(2 * 86_400_000, g.now - earliest));
  const score = pickScore(random);
  const comment = pick(random, SURVEY_COMMENTS[score]);
  const byAgent = ticket.assigneeId !== '' && chance(random, 0.25);
  const body = byAgent && comment !== '' ? `${SURVEY_BY_PHONE}${comment}` : comment;
  const by = byAgent ? ticket.assigneeId : ticket.requesterId;
  const survey = entry(random, ticket.id, 'survey', at, by, body);
  survey.score = score;
  out.push(survey);
}

/** Creation, saved edits, votes, a few notes and work logs, and maybe a survey. */
export function memberActivities(g: GenContext, m: Member, out: ActivityDoc[]): void {
  const { ticket, random } = m;
  out.push(entry(random, ticket.id, 'created', ticket.createdAt, ticket.createdBy));
  for (const s of m.steps) out.push(entry(random, ticket.id, 'change', s.at, s.by, s.body, 0, s.changes));
  for (const v of m.votes) {
    const vote = entry(random, ticket.id, 'vote', v.at, v.by, v.body);
    vote.vote = v.vote;
    out.push(vote);
  }
  const staff = ticket.assigneeId || ticket.createdBy;
  const notes = randomInt(random, 0, 2);
  for (let i = 0; i < notes; i++) {
    const at = ticket.createdAt + Math.floor(random() * (ticket.updatedAt - ticket.createdAt));
    if (chance(random, 0.5)) {
      out.push(entry(random, ticket.id, 'note', at, staff, pick(random, text.NOTES)));
    } else {
      const minutes = randomInt(random, 1, 36) * 5;
      out.push(entry(random, ticket.id, 'worklog', at, staff, pick(random, text.WORKLOGS), minutes));
    }
  }
  addSurvey(g, random, ticket, out);
}
