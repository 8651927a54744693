import { describe, expect, it } from 'vitest';
import type { SyncIssueDoc } from '../../data';
import { describeHttpStatus, groupIssues, issueBadge } from './issues';

function issue(id: string, kind: SyncIssueDoc['issue'], createdAt: number): SyncIssueDoc {
  return {
    id,
    type: 'syncissue',
    issue: kind,
    docId: id.slice(4),
    collectionName: 'tickets',
    reason: 'refused',
    status: kind === 'rejected' ? 403 : 0,
    title: id,
    payload: '{}',
    createdAt,
  };
}

describe('groupIssues', () => {
  it('splits rejected and quarantined, newest first', () => {
    const groups = groupIssues([
      issue('rej_a', 'rejected', 1),
      issue('qua_b', 'quarantined', 5),
      issue('rej_c', 'rejected', 9),
    ]);
    expect(groups.rejected.map((i) => i.id)).toEqual(['rej_c', 'rej_a']);
    expect(groups.quarantined.map((i) => i.id)).toEqual(['qua_b']);
    expect(groupIssues([])).toEqual({ rejected: [], quarantined: [] });
  });
});

describe('describeHttpStatus', () => {
  it('names common refusals and leaves quarantine records without a status', () => {
    expect(describeHttpStatus(403)).toBe('HTTP 403 Forbidden');
    expect(describeHttpStatus(400)).toBe('HTTP 400 Bad request');
    expect(describeHttpStatus(418)).toBe('HTTP 418');
    expect(describeHttpStatus(0)).toBe('');
  });
});

describe('issueBadge', () => {
  it('shows nothing at zero and caps large counts', () => {
    expect(issueBadge(0)).toBeNull();
    expect(issueBadge(3)).toBe('3');
    expect(issueBadge(250)).toBe('99+');
  });
});
