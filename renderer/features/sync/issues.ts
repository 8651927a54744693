/** Grouping and wording for the Sync issues page. */
import type { SyncIssueDoc } from '../../data';

export interface IssueGroups {
  rejected: SyncIssueDoc[];
  quarantined: SyncIssueDoc[];
}

/** Splits the issues into the page's two lists, newest first within each. */
export function groupIssues(issues: readonly SyncIssueDoc[]): IssueGroups {
  const newestFirst = [...issues].sort((a, b) => b.createdAt - a.createdAt);
  return {
    rejected: newestFirst.filter((issue) => issue.issue === 'rejected'),
    quarantined: newestFirst.filter((issue) => issue.issue === 'quarantined'),
  };
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  412: 'Precondition failed',
  413: 'Too large',
  415: 'Unsupported media type',
  500: 'Server error',
};

/** "HTTP 403 Forbidden"; empty for quarantine records, which carry no status. */
export function describeHttpStatus(status: number): string {
  if (!Number.isInteger(status) || status <= 0) return '';
  const text = STATUS_TEXT[status];
  return text ? `HTTP ${status} ${text}` : `HTTP ${status}`;
}

/** The nav badge: nothing at zero, a plain number otherwise (capped so it stays small). */
export function issueBadge(count: number): string | null {
  if (!(count > 0)) return null;
  return count > 99 ? '99+' : String(count);
}
