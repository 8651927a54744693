/**
 * Problem management: known-error matching, problems raised from a set of incidents, and what a
 * resolved problem does to the records linked to it.
 *
 * Which problems count as known errors: those flagged `knownError` that are still in force, i.e.
 * not Closed or Cancelled, and not resolved as a duplicate or as cancelled (their workaround
 * either lives on another problem or was never confirmed). A problem resolved with a fix stays a
 * known error until it is closed, because the fix may not have reached every affected system yet
 * and the workaround still helps whoever meets the symptom meanwhile.
 */
import type { Level, TicketDoc, TicketKind, TicketStatus } from './model';
import { allowedTransitions, resolutionCodesFor, type ResolutionCode } from './status';
import { DESCRIPTION_MAX, RESOLUTION_NOTES_MAX, TITLE_MAX } from './validation';

/** Kinds that can be linked to a problem (PARENT_KIND points them at problems). */
export const PROBLEM_CHILD_KINDS: readonly TicketKind[] = ['incident', 'request'];
export const PROBLEM_SELECTION_MAX = 100;

export function canLinkToProblem(kind: TicketKind): boolean {
  return PROBLEM_CHILD_KINDS.includes(kind);
}

/** Resolution codes of a problem that mean nothing was fixed by it. */
const NOT_A_FIX = new Set(['duplicate', 'cancelled']);

export type KnownErrorCandidate = Pick<
  TicketDoc,
  'id' | 'kind' | 'number' | 'title' | 'description' | 'status' | 'resolutionCode'
> &
  Partial<Pick<TicketDoc, 'rootCause' | 'workaround' | 'knownError'>>;

export function isKnownError(problem: KnownErrorCandidate): boolean {
  if (problem.kind !== 'problem' || problem.knownError !== true) return false;
  if (problem.status === 'closed' || problem.status === 'cancelled') return false;
  return !(problem.status === 'resolved' && NOT_A_FIX.has(problem.resolutionCode));
}

// ---- Matching -------------------------------------------------------------------------------

/** Words too common in ticket text to say anything about the fault. */
const STOP_WORDS = new Set(
  (
    'a an and are as at be been but by can cannot cant could did do does doesnt dont for from get ' +
    'gets got had has have he her his how i if in into is isnt it its me my no not of on or our ' +
    'out please she so some still than that the their them then there these they this to too up ' +
    'us was wasnt we were what when where which while who why will with wont would you your ' +
    'again all also any after before since just now today yesterday hi hello thanks thank help ' +
    'issue issues problem ticket work working works'
  ).split(' '),
);

const MIN_PREFIX = 3;
/** Longer texts are cut: the opening of a description carries the symptom. */
const MATCH_TEXT_MAX = 4000;

/** Lower-cased content words of `text`, apostrophes dropped ("doesn't" = "doesnt"). */
export function matchWords(text: string): string[] {
  const words = text
    .slice(0, MATCH_TEXT_MAX)
    .toLowerCase()
    .replace(/['’]/g, '')
    .split(/[^\p{L}\p{N}]+/u);
  return words.filter((w) => w.length >= 2 && !STOP_WORDS.has(w));
}

/** 1 for the same word, 0.6 when one starts the other ("badge"/"badges"), else 0. */
function wordMatch(term: string, word: string): number {
  if (term === word) return 1;
  const [short, long] = term.length < word.length ? [term, word] : [word, term];
  return short.length >= MIN_PREFIX && long.startsWith(short) ? 0.6 : 0;
}

function bestMatch(term: string, words: ReadonlySet<string>): number {
  if (words.has(term)) return 1;
  let best = 0;
  for (const word of words) best = Math.max(best, wordMatch(term, word));
  return best;
}

/** Words of the incident's title count twice those of its description. */
const QUERY_TITLE_WEIGHT = 2;
/** A hit in the known error's title counts three times one in its other text. */
const CANDIDATE_TITLE_WEIGHT = 3;

export interface MatchQuery {
  title: string;
  description?: string;
}

export interface KnownErrorMatch<T extends KnownErrorCandidate = KnownErrorCandidate> {
  problem: T;
  score: number;
  /** The query words that matched, in query order. */
  terms: string[];
}

export interface RankOptions {
  /** How many to return (default 3). */
  limit?: number;
  /** Matches scoring below this are left out (default 4: two title words, or one strong hit). */
  minScore?: number;
}

function queryTerms(query: MatchQuery): Map<string, number> {
  const terms = new Map<string, number>();
  for (const word of matchWords(query.description ?? '')) terms.set(word, 1);
  for (const word of matchWords(query.title)) terms.set(word, QUERY_TITLE_WEIGHT);
  return terms;
}

/**
 * Known errors most like `query`, best first. Each query word scores its weight times the best
 * hit in the candidate (title hits weigh more, word prefixes count for less than whole words);
 * ties go to the lower ticket number so the order is stable.
 */
export function rankKnownErrors<T extends KnownErrorCandidate>(
  query: MatchQuery,
  candidates: readonly T[],
  options: RankOptions = {},
): KnownErrorMatch<T>[] {
  const { limit = 3, minScore = 4 } = options;
  const terms = queryTerms(query);
  if (terms.size === 0) return [];
  const matches: KnownErrorMatch<T>[] = [];
  for (const problem of candidates) {
    if (!isKnownError(problem)) continue;
    const title = new Set(matchWords(problem.title));
    const body = new Set(
      matchWords(
        [
          problem.workaround ?? '',
          problem.rootCause ?? '',
          problem.description.slice(0, MATCH_TEXT_MAX),
        ].join(' '),
      ),
    );
    let score = 0;
    const hit: string[] = [];
    for (const [term, weight] of terms) {
      const best = Math.max(CANDIDATE_TITLE_WEIGHT * bestMatch(term, title), bestMatch(term, body));
      if (best > 0) {
        score += weight * best;
        hit.push(term);
      }
    }
    score = Math.round(score * 100) / 100;
    if (score > 0 && score >= minScore) matches.push({ problem, score, terms: hit });
  }
  matches.sort((a, b) => b.score - a.score || a.problem.number.localeCompare(b.problem.number));
  return matches.slice(0, Math.max(0, limit));
}

// ---- Problems from a selection ---------------------------------------------------------------

export type SelectedRecord = Pick<TicketDoc, 'id' | 'number' | 'kind' | 'status'> & {
  parentId?: string;
};

/**
 * Why `records` cannot become one problem, or null when they can. `problemNumber` names the
 * problem a record is already linked to (by id), for the message.
 */
export function selectionRefusal(
  records: readonly SelectedRecord[],
  problemNumber: (id: string) => string | undefined,
): string | null {
  if (records.length === 0) return 'Select at least one incident or request.';
  if (records.length > PROBLEM_SELECTION_MAX) {
    return `A problem can be raised from at most ${PROBLEM_SELECTION_MAX} records at once.`;
  }
  for (const record of records) {
    if (!canLinkToProblem(record.kind)) {
      return `${record.number} is a ${record.kind}; only incidents and requests can be linked to a problem.`;
    }
    if (record.parentId) {
      const other = problemNumber(record.parentId) ?? 'another problem';
      return `${record.number} is already linked to ${other}.`;
    }
    if (record.status === 'closed' || record.status === 'cancelled') {
      return `${record.number} is closed and can no longer be changed.`;
    }
  }
  return null;
}

export interface ProblemDraft {
  title: string;
  description: string;
  impact: Level;
  urgency: Level;
}

export type DraftRecord = SelectedRecord & Pick<TicketDoc, 'title' | 'impact' | 'urgency'>;

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * A problem raised from `records` (in the order they were picked): the first one's title, a
 * description listing them all, and the highest impact and urgency among them (1 = high).
 */
export function problemDraft(
  records: readonly DraftRecord[],
  problemNumber: (id: string) => string | undefined,
): { ok: true; draft: ProblemDraft } | { ok: false; error: string } {
  const refusal = selectionRefusal(records, problemNumber);
  if (refusal) return { ok: false, error: refusal };
  const first = records[0] as DraftRecord;
  const lines = records.map((r) => `- ${r.number}: ${r.title}`);
  const noun = records.length === 1 ? 'record' : 'records';
  const description = cut(`Raised from ${records.length} ${noun}:\n${lines.join('\n')}`, DESCRIPTION_MAX);
  return {
    ok: true,
    draft: {
      title: cut(first.title.trim(), TITLE_MAX),
      description,
      impact: Math.min(...records.map((r) => r.impact)) as Level,
      urgency: Math.min(...records.map((r) => r.urgency)) as Level,
    },
  };
}

/** Whether `record` may be linked to `problem`; null when it may. */
export function linkRefusal(
  record: SelectedRecord,
  problem: Pick<TicketDoc, 'id' | 'number' | 'kind' | 'status'>,
  problemNumber: (id: string) => string | undefined,
): string | null {
  if (problem.kind !== 'problem') return `${problem.number} is not a problem.`;
  if (problem.status === 'closed' || problem.status === 'cancelled') {
    return `${problem.number} is closed; raise a new problem instead.`;
  }
  if (record.parentId === problem.id) return null;
  return selectionRefusal([record], problemNumber);
}

// ---- Resolving linked records ----------------------------------------------------------------

/**
 * Code each kind is resolved with when its problem is fixed. Requests have no problem code (they
 * end fulfilled or rejected); the fix delivers what was asked, so they are Fulfilled and the
 * notes say how.
 */
export const RESOLVED_BY_PROBLEM_CODE: Readonly<Partial<Record<TicketKind, ResolutionCode>>> = {
  incident: 'resolved_by_problem',
  request: 'fulfilled',
};

export interface LinkedPatch {
  status: TicketStatus;
  resolutionCode: ResolutionCode;
  resolutionNotes: string;
  /** Set when the record has no assignee: whoever owns the fix owns its resolution. */
  assigneeId?: string;
}

export type LinkedRecord = Pick<TicketDoc, 'id' | 'number' | 'kind' | 'status' | 'assigneeId'> & {
  parentId?: string;
};

export type ResolvingProblem = Pick<
  TicketDoc,
  'id' | 'number' | 'kind' | 'title' | 'status' | 'resolutionCode' | 'resolutionNotes' | 'assigneeId'
> &
  Partial<Pick<TicketDoc, 'rootCause' | 'workaround'>>;

/** Why the linked records of `problem` cannot be resolved through it; null when they can. */
export function resolveLinkedRefusal(problem: ResolvingProblem): string | null {
  if (problem.kind !== 'problem') return `${problem.number} is not a problem.`;
  if (problem.status !== 'resolved' && problem.status !== 'closed') {
    return `${problem.number} is not resolved yet.`;
  }
  if (NOT_A_FIX.has(problem.resolutionCode)) {
    return `${problem.number} was not resolved with a fix; resolve its records one by one.`;
  }
  return null;
}

const NOTE_PART_MAX = 4000;

export function resolutionNotesFor(problem: ResolvingProblem): string {
  const parts = [`Resolved by the fix of problem ${problem.number}: ${problem.title}`];
  const rootCause = (problem.rootCause ?? '').trim();
  const workaround = (problem.workaround ?? '').trim();
  if (rootCause) parts.push(`Root cause: ${cut(rootCause, NOTE_PART_MAX)}`);
  if (workaround) parts.push(`Workaround: ${cut(workaround, NOTE_PART_MAX)}`);
  if (!rootCause && !workaround && problem.resolutionNotes.trim()) {
    parts.push(cut(problem.resolutionNotes.trim(), NOTE_PART_MAX));
  }
  return cut(parts.join('\n\n'), RESOLUTION_NOTES_MAX);
}

/** Linked to `problemId` and still open (done = resolved, closed or cancelled). */
export function isOpenLinked(record: LinkedRecord, problemId: string): boolean {
  return (
    record.parentId === problemId &&
    canLinkToProblem(record.kind) &&
    record.status !== 'resolved' &&
    record.status !== 'closed' &&
    record.status !== 'cancelled'
  );
}

export type LinkedPlan<T extends LinkedRecord> =
  { ok: true; items: { record: T; patch: LinkedPatch }[] } | { ok: false; error: string };

/** The records a resolved problem resolves, and the edit for each. */
export function planLinkedResolution<T extends LinkedRecord>(
  problem: ResolvingProblem,
  records: readonly T[],
): LinkedPlan<T> {
  const refusal = resolveLinkedRefusal(problem);
  if (refusal) return { ok: false, error: refusal };
  const notes = resolutionNotesFor(problem);
  const items: { record: T; patch: LinkedPatch }[] = [];
  for (const record of records) {
    const code = RESOLVED_BY_PROBLEM_CODE[record.kind];
    if (!isOpenLinked(record, problem.id) || !code) continue;
    if (!allowedTransitions(record.kind, record.status).includes('resolved')) continue;
    if (!resolutionCodesFor(record.kind).includes(code)) continue;
    const patch: LinkedPatch = { status: 'resolved', resolutionCode: code, resolutionNotes: notes };
    if (record.assigneeId === '' && problem.assigneeId !== '') patch.assigneeId = problem.assigneeId;
    items.push({ record, patch });
  }
  return { ok: true, items };
}
