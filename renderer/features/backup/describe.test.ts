import { describe, expect, it } from 'vitest';
import type { RestorePlan } from '../../data/backup';
import { describeBackupError, describeRestore, describeSummary, planCounts, sourceWarning } from './describe';

function plan(source: RestorePlan['header']['source']): RestorePlan {
  return {
    header: {
      format: 'outpost-backup',
      version: 1,
      scope: 'full',
      createdAt: 1,
      since: 0,
      source,
      collections: [],
    },
    documents: new Map([
      ['tickets', [{ id: 'tkt_1' }, { id: 'tkt_2' }]],
      ['activities', [{ id: 'act_1' }]],
    ]),
    blobs: new Map(),
    documentCount: 3,
    problems: [],
    moreProblems: 0,
    complete: true,
  };
}

describe('backup sentences', () => {
  it('summarise a backup, including attachments left out', () => {
    expect(describeSummary({ documents: 1200, blobs: 1, missingBlobs: 2 })).toBe(
      '1,200 records, 1 attachment, 2 attachments not on this device yet (left out)',
    );
  });

  it('explain a full disk plainly', () => {
    expect(describeBackupError(new DOMException('x', 'QuotaExceededError'))).toMatch(/^The disk is full/);
    expect(describeBackupError(new Error('The backups folder is read-only'))).toBe(
      'The backup was not made: The backups folder is read-only',
    );
  });

  it('count the records per collection', () => {
    expect(planCounts(plan(null))).toEqual([
      { collection: 'activities', count: 1 },
      { collection: 'tickets', count: 2 },
    ]);
  });

  it('warn when the backup comes from another team database', () => {
    const source = { serverUrl: 'https://couch.example.org', database: 'team-a' };
    expect(sourceWarning(plan(source), source)).toBeNull();
    expect(sourceWarning(plan(null), source)).toBeNull();
    expect(sourceWarning(plan(source), { ...source, database: 'team-b' })).toMatch(/"team-a".*"team-b"/);
    expect(sourceWarning(plan(source), null)).toMatch(/this device’s replica/);
  });

  it('report a restore, the kept records included', () => {
    expect(
      describeRestore({
        written: 3,
        keptNewer: 1,
        keptDeleted: 0,
        blobsWritten: 1,
        failed: [],
        stopped: null,
      }),
    ).toBe(
      '3 records restored; 1 attachment restored; 1 record already here in the same or a newer version.',
    );
  });
});
