/**
 * Change Advisory Board votes. A vote is an append-only `vote` activity on the change, so
 * managers can vote offline and every replica counts the same ballots once they have synced.
 * Each approver's latest vote counts (they may change their mind); votes cast before the change
 * last entered Authorize are stale (a change sent back and re-submitted needs fresh votes), and
 * votes from people who are not approvers are ignored.
 */
import type { ActivityDoc, Vote } from './model';

export type CabRule = { kind: 'all' } | { kind: 'majority' } | { kind: 'count'; count: number };

export interface CabSettings {
  rule: CabRule;
  /** Empty = every manager of the team. */
  approverIds: string[];
}

export const DEFAULT_CAB_SETTINGS: CabSettings = Object.freeze({
  rule: { kind: 'all' },
  approverIds: [],
}) as CabSettings;

export type CabOutcome = 'approved' | 'rejected' | 'pending';

export interface Ballot {
  approverId: string;
  vote: Vote;
  comment: string;
  at: number;
}

export interface CabTally {
  outcome: CabOutcome;
  approvals: Ballot[];
  rejections: Ballot[];
  /** Approvers who have not voted (since the change entered Authorize). */
  waiting: string[];
  /** Approvals needed for the rule; rejections that make approval impossible. */
  needed: number;
}

/** How many approvals the rule needs out of `n` approvers. */
export function approvalsNeeded(rule: CabRule, n: number): number {
  if (n === 0) return 0;
  if (rule.kind === 'all') return n;
  if (rule.kind === 'majority') return Math.floor(n / 2) + 1;
  return Math.min(Math.max(1, Math.floor(rule.count)), n);
}

/**
 * Counts `activities` (any timeline; only `vote` entries are read) for `approverIds` under
 * `rule`, ignoring votes before `sinceMs`. With no approvers the change cannot be approved.
 */
export function tallyVotes(
  activities: readonly ActivityDoc[],
  approverIds: readonly string[],
  rule: CabRule,
  sinceMs = 0,
): CabTally {
  const approvers = [...new Set(approverIds)];
  const latest = new Map<string, ActivityDoc>();
  for (const a of activities) {
    if (a.kind !== 'vote' || (a.vote !== 'approve' && a.vote !== 'reject')) continue;
    if (a.createdAt < sinceMs || !approvers.includes(a.createdBy)) continue;
    const seen = latest.get(a.createdBy);
    // Ties on time fall to the larger id so every replica picks the same ballot.
    if (!seen || a.createdAt > seen.createdAt || (a.createdAt === seen.createdAt && a.id > seen.id)) {
      latest.set(a.createdBy, a);
    }
  }
  const ballots: Ballot[] = approvers
    .filter((id) => latest.has(id))
    .map((id) => {
      const a = latest.get(id) as ActivityDoc;
      return { approverId: id, vote: a.vote as Vote, comment: a.body, at: a.createdAt };
    });
  const approvals = ballots.filter((b) => b.vote === 'approve');
  const rejections = ballots.filter((b) => b.vote === 'reject');
  const waiting = approvers.filter((id) => !latest.has(id));
  const n = approvers.length;
  const needed = approvalsNeeded(rule, n);
  let outcome: CabOutcome = 'pending';
  if (n > 0 && approvals.length >= needed) outcome = 'approved';
  // Approval is out of reach once the approvers left plus those who approved cannot reach it.
  else if (n > 0 && n - rejections.length < needed) outcome = 'rejected';
  return { outcome, approvals, rejections, waiting, needed };
}

/** Reads a CAB setting value from another device, falling back to the default. */
export function validateCabSettings(value: unknown): CabSettings {
  if (typeof value !== 'object' || value === null) return DEFAULT_CAB_SETTINGS;
  const v = value as { rule?: unknown; approverIds?: unknown };
  const rule = v.rule as { kind?: unknown; count?: unknown } | undefined;
  let parsed: CabRule = { kind: 'all' };
  if (rule?.kind === 'majority') parsed = { kind: 'majority' };
  else if (rule?.kind === 'count' && typeof rule.count === 'number' && rule.count >= 1) {
    parsed = { kind: 'count', count: Math.floor(rule.count) };
  }
  const approverIds = Array.isArray(v.approverIds)
    ? v.approverIds.filter((id): id is string => typeof id === 'string' && id !== '')
    : [];
  return { rule: parsed, approverIds };
}

/** When the change last entered Authorize according to its timeline (0 if never). */
export function enteredAuthorizeAt(activities: readonly ActivityDoc[]): number {
  let at = 0;
  for (const a of activities) {
    if (a.kind !== 'change') continue;
    if (a.changes.some((c) => c.field === 'status' && c.to === 'authorize')) at = Math.max(at, a.createdAt);
  }
  return at;
}
