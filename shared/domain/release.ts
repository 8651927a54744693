/**
 * Release readiness: a release may go to production once every change it includes has been
 * approved and implemented. A change counts as implemented once it has reached Review or was
 * closed successfully; a rolled-back or unsuccessful change blocks the release until it is
 * taken out of it or replaced.
 */
import type { TicketDoc } from './model';

export interface ChangeReadiness {
  id: string;
  number: string;
  title: string;
  ready: boolean;
  /** Why not yet, in words for the release page. */
  reason: string;
}

export interface ReleaseReadiness {
  ready: boolean;
  changes: ChangeReadiness[];
  /** Share of included changes that are ready, 0..1 (0 with no changes). */
  progress: number;
}

const SUCCESS = new Set(['successful', 'successful_with_issues']);

export function changeReadiness(change: TicketDoc): ChangeReadiness {
  const base = { id: change.id, number: change.number, title: change.title };
  if (change.status === 'review') return { ...base, ready: true, reason: 'Implemented, in review' };
  if (change.status === 'closed') {
    return SUCCESS.has(change.resolutionCode)
      ? { ...base, ready: true, reason: 'Implemented' }
      : { ...base, ready: false, reason: 'Closed without success; remove it or replace it' };
  }
  if (change.status === 'cancelled')
    return { ...base, ready: false, reason: 'Cancelled; remove it from the release' };
  if (change.status === 'scheduled' || change.status === 'implement') {
    return { ...base, ready: false, reason: 'Approved, not implemented yet' };
  }
  return { ...base, ready: false, reason: 'Not approved yet' };
}

/** Readiness of a release from the changes whose `parentId` is the release. */
export function releaseReadiness(release: TicketDoc, changes: readonly TicketDoc[]): ReleaseReadiness {
  const included = changes
    .filter((c) => c.kind === 'change' && c.parentId === release.id)
    .sort((a, b) => (a.number < b.number ? -1 : a.number > b.number ? 1 : 0))
    .map(changeReadiness);
  const readyCount = included.filter((c) => c.ready).length;
  return {
    ready: included.length > 0 && readyCount === included.length,
    changes: included,
    progress: included.length === 0 ? 0 : readyCount / included.length,
  };
}
