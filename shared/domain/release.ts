/**
 * Release readiness: a release may go to production once every change it includes has been
 * approved and implemented. A change counts as implemented once it has reached Review or was
 * closed successfully; a rolled-back or unsuccessful change blocks the release.
 *
 * A cancelled change is listed but no longer counts: closed and cancelled records cannot be
 * edited, so it could never be taken out of the release, and it will not ship either way.
 */
import type { TicketDoc, TicketStatus } from './model';
import { phaseOf } from './status';

/**
 * ready: implemented; waiting: still on its way; blocked: failed, the release cannot go out with
 * it; dropped: cancelled, not part of the count.
 */
export type ChangeReadinessState = 'ready' | 'waiting' | 'blocked' | 'dropped';

export interface ChangeReadiness {
  id: string;
  number: string;
  title: string;
  status: TicketStatus;
  ready: boolean;
  state: ChangeReadinessState;
  /** Why not yet, in words for the release page. */
  reason: string;
}

export interface ReleaseReadiness {
  ready: boolean;
  /** Every included change, by number. */
  changes: ChangeReadiness[];
  /** Changes that keep the release from going out (waiting or blocked), by number. */
  blockers: ChangeReadiness[];
  /** Share of counted (not cancelled) changes that are ready, 0..1 (0 with none). */
  progress: number;
  /** One sentence for the release page. */
  summary: string;
}

type ChangeFields = Pick<TicketDoc, 'id' | 'number' | 'title' | 'status' | 'resolutionCode'>;

const SUCCESS = new Set(['successful', 'successful_with_issues']);

export function changeReadiness(change: ChangeFields): ChangeReadiness {
  const base = { id: change.id, number: change.number, title: change.title, status: change.status };
  const result = (state: ChangeReadinessState, reason: string): ChangeReadiness => ({
    ...base,
    ready: state === 'ready',
    state,
    reason,
  });
  switch (change.status) {
    case 'review':
      return result('ready', 'Implemented, in review');
    case 'closed':
      if (SUCCESS.has(change.resolutionCode)) return result('ready', 'Implemented');
      if (change.resolutionCode === 'rolled_back') return result('blocked', 'Rolled back');
      return result('blocked', 'Closed without success; remove it or replace it');
    case 'cancelled':
      return result('dropped', 'Cancelled; it will not ship with this release');
    case 'scheduled':
    case 'implement':
      return result('waiting', 'Approved, not implemented yet');
    default:
      return result('waiting', 'Not approved yet');
  }
}

function byNumber(a: { number: string }, b: { number: string }): number {
  return a.number < b.number ? -1 : a.number > b.number ? 1 : 0;
}

function describeBlockers(blockers: readonly ChangeReadiness[]): string {
  const shown = blockers.slice(0, 5).map((c) => `${c.number} (${c.reason.toLowerCase()})`);
  const more = blockers.length > 5 ? ` and ${blockers.length - 5} more` : '';
  return `${shown.join(', ')}${more}`;
}

/** Readiness of a release from the changes whose `parentId` is the release. */
export function releaseReadiness(
  release: Pick<TicketDoc, 'id'>,
  changes: readonly (ChangeFields & Pick<TicketDoc, 'kind' | 'parentId'>)[],
): ReleaseReadiness {
  const included = changes
    .filter((c) => c.kind === 'change' && c.parentId === release.id)
    .sort(byNumber)
    .map(changeReadiness);
  const counted = included.filter((c) => c.state !== 'dropped');
  const readyCount = counted.filter((c) => c.ready).length;
  const blockers = counted.filter((c) => !c.ready);
  const ready = counted.length > 0 && blockers.length === 0;
  let summary: string;
  if (counted.length === 0) {
    summary =
      included.length === 0
        ? 'Cannot be released yet: the release includes no changes.'
        : 'Cannot be released yet: every included change was cancelled.';
  } else if (ready) {
    summary = `Ready to release: ${counted.length === 1 ? 'the included change is' : `all ${counted.length} included changes are`} implemented.`;
  } else {
    summary = `Cannot be released yet: ${describeBlockers(blockers)}.`;
  }
  return {
    ready,
    changes: included,
    blockers,
    progress: counted.length === 0 ? 0 : readyCount / counted.length,
    summary,
  };
}

type InclusionFields = Pick<TicketDoc, 'id' | 'number' | 'kind' | 'status'> &
  Partial<Pick<TicketDoc, 'parentId'>>;

function isFinished(status: TicketStatus): boolean {
  return phaseOf(status) === 'done';
}

/**
 * Why `change` cannot join `release` (null when it can). `otherRelease` is the number of the
 * release it already belongs to, when known, to name it in the message.
 */
export function inclusionError(
  release: InclusionFields,
  change: InclusionFields,
  otherRelease?: string,
): string | null {
  if (release.kind !== 'release') return 'Changes can only be added to a release.';
  if (change.kind !== 'change') return `${change.number} is not a change.`;
  if (isFinished(release.status)) return `${release.number} is finished; it takes no more changes.`;
  if (change.status === 'closed' || change.status === 'cancelled') {
    return `${change.number} is ${change.status}; only open changes can join a release.`;
  }
  const parentId = change.parentId ?? '';
  if (parentId === release.id) return `${change.number} is already part of this release.`;
  if (parentId !== '') {
    return `${change.number} is already part of ${otherRelease ?? 'another release'}; remove it there first.`;
  }
  return null;
}

/** Why `change` cannot be taken out of `release` (null when it can). */
export function exclusionError(release: InclusionFields, change: InclusionFields): string | null {
  if ((change.parentId ?? '') !== release.id) return `${change.number} is not part of this release.`;
  if (isFinished(release.status)) return `${release.number} is finished; its changes stay with it.`;
  // A closed or cancelled change keeps everything else, but may leave the release (its link is
  // the one field a finished record still allows to move), so a failed change stops blocking it.
  return null;
}
