/**
 * Timeline entries of demo records: creation, status changes as the app records them, CAB
 * votes, notes and work logs, and satisfaction surveys. Drawn after the ticket from its own
 * random stream, so switching activities on never changes the tickets.
 */
import { addWorkingMs, type BusinessCalendar } from '../domain/calendar';
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
  const id = newId(ID_PREFIX.activity, at, random);
  // The id is built a character at a time, which V8 keeps as a chain of pieces (about 500
  // bytes) until a character is read; reading one flattens it to about 60. Over 700,000
  // entries that is most of the memory, and of the time spent collecting garbage.
  id.charCodeAt(0);
  // A plain literal (no spread): generation builds hundreds of thousands of these.
  return {
    id,
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

/** The saved edits of a history, and the reply that answered the ticket first. */
export function historyEntries(
  random: Random,
  ticket: TicketDoc,
  history: History,
  out: ActivityDoc[],
): void {
  for (const s of history.steps)
    out.push(entry(random, ticket.id, 'change', s.at, s.by, s.body, 0, s.changes));
  const { reply } = history;
  if (reply) out.push(entry(random, ticket.id, 'comment', reply.at, reply.by, reply.body));
}

/**
 * Creation, saved edits, votes, a few notes and work logs, and maybe a survey. `history`
 * replaces the member's own steps (an incident of a problem, worked like any other).
 */
export function memberActivities(g: GenContext, m: Member, out: ActivityDoc[], history?: History): void {
  const { ticket, random } = m;
  out.push(entry(random, ticket.id, 'created', ticket.createdAt, ticket.createdBy));
  historyEntries(random, ticket, history ?? { steps: m.steps, reply: null }, out);
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

// ---------------------------------------------------------------------------------------------
// Histories drawn move by move (plain tickets, see plain-timeline.ts)

/** Saved edits, strictly in time order, and maybe a public reply by staff that came first. */
export interface History {
  steps: Step[];
  reply: { at: number; by: string; body: string } | null;
}

/** What a history tracks of a ticket, as TicketDoc holds it. */
export interface Tracked {
  status: TicketStatus;
  pendingReason: string;
  assigneeId: string;
  groupId: string;
  resolutionCode: string;
  resolutionNotes: string;
}

/**
 * How a move is placed in time: `first` after the response time, `run` after a share of the
 * working time budget (the resolution clock runs until it), `pause` after a wait (it does
 * not), `fixed` where it was put.
 */
export type Timing = 'first' | 'run' | 'pause' | 'fixed';

interface Move extends Step {
  timing: Timing;
  /** Working time before the move (first, pause), or its weight in the budget (run). */
  amount: number;
  /** A public reply rather than an edit. */
  reply: boolean;
}

export interface Life {
  ticket: TicketDoc;
  calendar: BusinessCalendar;
  state: Tracked;
  moves: Move[];
}

export function startLife(ticket: TicketDoc, groupId: string, calendar: BusinessCalendar): Life {
  const state: Tracked = {
    status: 'new',
    pendingReason: '',
    assigneeId: '',
    groupId,
    resolutionCode: '',
    resolutionNotes: '',
  };
  return { ticket, calendar, state, moves: [] };
}

/** In the order applyTicketEdit reports them (TRACKED_FIELDS in tickets.ts). */
const FIELDS = [
  'status',
  'pendingReason',
  'assigneeId',
  'groupId',
  'resolutionCode',
  'resolutionNotes',
] as const;

/**
 * The same few changes (New to Assigned, a resolution note set...) recur on most tickets; they
 * are shared, which keeps a 100,000-ticket set small enough to generate quickly.
 */
const changeCache = new Map<string, FieldChange>();
function fieldChange(field: string, from: string, to: string): FieldChange {
  const key = `${field}\n${from}\n${to}`;
  let change = changeCache.get(key);
  if (change === undefined) {
    change = { field, from, to };
    changeCache.set(key, change);
  }
  return change;
}

/**
 * One saved edit, with the knock-on effects the app applies: leaving Pending clears its reason
 * and reopening clears the resolution.
 */
export function edit(
  life: Life,
  patch: Partial<Tracked>,
  by: string,
  timing: Timing,
  amount: number,
  body = '',
): void {
  const before = life.state;
  const status = patch.status ?? before.status;
  const reopening = status === 'reopened' && before.status !== 'reopened';
  const next: Tracked = {
    status,
    pendingReason: status === 'pending' ? (patch.pendingReason ?? before.pendingReason) : '',
    assigneeId: patch.assigneeId ?? before.assigneeId,
    groupId: patch.groupId ?? before.groupId,
    resolutionCode: reopening ? '' : (patch.resolutionCode ?? before.resolutionCode),
    resolutionNotes: reopening ? '' : (patch.resolutionNotes ?? before.resolutionNotes),
  };
  const changes: FieldChange[] = [];
  for (const field of FIELDS) {
    if (before[field] !== next[field]) changes.push(fieldChange(field, before[field], next[field]));
  }
  life.state = next;
  life.moves.push({ timing, amount, at: 0, by, changes, body, reply: false });
}

/** An edit at a given time, after the scheduled ones. */
export function settle(life: Life, patch: Partial<Tracked>, by: string, at: number, body = ''): void {
  edit(life, patch, by, 'fixed', 0, body);
  (life.moves[life.moves.length - 1] as Move).at = at;
}

export function reply(life: Life, by: string, body: string, timing: Timing, amount: number): void {
  life.moves.push({ timing, amount, at: 0, by, changes: [], body, reply: true });
}

export const lastAt = (life: Life): number => life.moves[life.moves.length - 1]?.at ?? life.ticket.createdAt;

/**
 * Places the moves in time from creation, on the life's calendar: `budget` working time is
 * shared among the run moves. A life that would end after `limit` is squeezed into
 * [createdAt, limit], keeping its order.
 */
export function schedule(life: Life, budget: number, limit: number): void {
  let weights = 0;
  for (const m of life.moves) if (m.timing === 'run') weights += m.amount;
  const start = life.ticket.createdAt;
  let t = start;
  for (const m of life.moves) {
    const work = m.timing === 'run' ? (budget * m.amount) / weights : m.amount;
    t = addWorkingMs(life.calendar, t, Math.max(1000, Math.round(work)));
    m.at = t;
  }
  if (t <= limit) return;
  const scale = (limit - start) / (t - start);
  let previous = start;
  for (const m of life.moves) {
    m.at = Math.max(previous + 1, start + Math.floor((m.at - start) * scale));
    previous = m.at;
  }
}

export function historyOf(life: Life): History {
  const steps: Step[] = [];
  let first: History['reply'] = null;
  for (const m of life.moves) {
    if (m.reply) first = { at: m.at, by: m.by, body: m.body };
    else steps.push(m);
  }
  return { steps, reply: first };
}
