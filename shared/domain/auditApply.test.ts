/** Applying a reconciled audit, draft CIs for unknown tags, the CSV export, and who may audit. */
import { describe, expect, it } from 'vitest';
import { buildDraftCi, csvCell, draftCiId, planApply, reportRows, toCsv } from './auditApply';
import { indexByTag, reconcile, snapshotExpected, type ScanFacts } from './audits';
import type { AuditExpectedItem, CiDoc } from './model';
import { checkWrite } from '../sync/rules';

const HQ = 'per_locHQ';
const BRANCH = 'per_locBR';

function ci(id: string, tag: string, locationId: string, overrides: Partial<CiDoc> = {}): CiDoc {
  return {
    id,
    type: 'ci',
    ciClass: 'laptop',
    name: `Name ${id}`,
    assetTag: tag,
    serial: '',
    state: 'deployed',
    locationId,
    ownerId: 'per_owner',
    attributes: {},
    createdAt: 1,
    updatedAt: 1,
    updatedBy: 'per_u',
    ...overrides,
  };
}

const CIS = [
  ci('ci_1', 'AT-1', HQ),
  ci('ci_2', 'at-2', HQ),
  ci('ci_3', 'AT-3', HQ),
  ci('ci_4', 'AT-4', BRANCH),
  ci('ci_5', 'AT-5', HQ, { ciClass: 'printer' }),
  ci('ci_6', '', HQ),
  ci('ci_7', 'AT-7', HQ, { state: 'disposed' }),
  ci('ci_8', 'AT-8', HQ, { state: 'ordered' }),
];

const byTag = indexByTag(CIS);

let seq = 0;
function scan(tag: string, by: string, at: number, locationId = HQ): ScanFacts {
  const found = byTag.get(tag);
  seq++;
  return {
    id: `act_${String(at).padStart(6, '0')}${by}${seq}`,
    tag,
    locationId,
    ciId: found?.id ?? '',
    ciLocationId: found?.locationId ?? '',
    createdAt: at,
    createdBy: by,
  };
}

const EXPECTED = snapshotExpected(CIS, { locationId: HQ, ciClass: 'laptop', ownerId: '' });

describe('applying a report', () => {
  const cis = new Map(CIS.map((c) => [c.id, c]));
  const closedAt = Date.UTC(2026, 2, 10, 17);

  it('moves wrong-location assets, marks missing ones, clears old missing marks', () => {
    const was = ci('ci_1', 'AT-1', HQ, {
      attributes: { missingSince: '2025-11-02', missingAudit: 'aud_old', colour: 'red' },
    });
    const lookup = (id: string) => (id === 'ci_1' ? was : cis.get(id));
    const report = reconcile(EXPECTED, [scan('AT-1', 'per_a', 1), scan('AT-4', 'per_a', 2)]);
    const updates = planApply(report, 'aud_1', closedAt, lookup);
    expect(updates).toEqual([
      { ciId: 'ci_4', patch: { locationId: HQ }, changes: [{ field: 'locationId', from: BRANCH, to: HQ }] },
      {
        ciId: 'ci_1',
        patch: { attributes: { colour: 'red' } },
        changes: [{ field: 'attributes.missingSince', from: '2025-11-02', to: '' }],
      },
      {
        ciId: 'ci_2',
        patch: { attributes: { missingSince: '2026-03-10', missingAudit: 'aud_1' } },
        changes: [
          { field: 'attributes.missingSince', from: '', to: '2026-03-10' },
          { field: 'attributes.missingAudit', from: '', to: 'aud_1' },
        ],
      },
      expect.objectContaining({ ciId: 'ci_3' }),
    ]);
  });

  it('applying twice changes nothing the second time', () => {
    const report = reconcile(EXPECTED, [scan('AT-4', 'per_a', 2)]);
    const current = new Map(cis);
    for (const update of planApply(report, 'aud_1', closedAt, (id) => current.get(id))) {
      current.set(update.ciId, { ...current.get(update.ciId)!, ...update.patch });
    }
    expect(planApply(report, 'aud_1', closedAt, (id) => current.get(id))).toEqual([]);
    expect(current.get('ci_1')!.attributes).toEqual({ missingSince: '2026-03-10', missingAudit: 'aud_1' });
  });

  it('keeps the first date an asset went missing', () => {
    const gone = ci('ci_2', 'AT-2', HQ, {
      attributes: { missingSince: '2025-01-01', missingAudit: 'aud_old' },
    });
    const updates = planApply(reconcile(EXPECTED, []), 'aud_1', closedAt, (id) =>
      id === 'ci_2' ? gone : cis.get(id),
    );
    expect(updates.find((u) => u.ciId === 'ci_2')).toEqual({
      ciId: 'ci_2',
      patch: { attributes: { missingSince: '2025-01-01', missingAudit: 'aud_1' } },
      changes: [{ field: 'attributes.missingAudit', from: 'aud_old', to: 'aud_1' }],
    });
  });
});

describe('draft CIs for unknown tags', () => {
  it('get the same id on every device for one campaign and tag', () => {
    const id = draftCiId('aud_01ABC', 'NEW-1', 1_700_000_000_000);
    expect(id).toBe(draftCiId('aud_01ABC', 'NEW-1', 1_700_000_000_000));
    expect(id).not.toBe(draftCiId('aud_01ABC', 'NEW-2', 1_700_000_000_000));
    expect(id).toMatch(/^ci_[0-9A-HJKMNP-TV-Z]{26}$/);
  });

  it('are generic, named after the tag, flagged as drafts and placed where found when in stock', () => {
    const input = { id: 'ci_X', tag: 'NEW-1', locationId: HQ, auditId: 'aud_1', now: 5, userId: 'per_a' };
    expect(buildDraftCi({ ...input, state: 'in_stock' })).toMatchObject({
      ciClass: 'generic',
      name: 'Unknown NEW-1',
      assetTag: 'NEW-1',
      state: 'in_stock',
      locationId: HQ,
      attributes: { draft: true, foundInAudit: 'aud_1' },
    });
    expect(buildDraftCi({ ...input, state: 'ordered' }).locationId).toBe('');
  });
});

describe('CSV export', () => {
  it('neutralises formula prefixes and quotes what needs quoting', () => {
    expect(
      ['=1+1', '+1', '-2', '@SUM(A1)', '\tx', '\u0000y', 'plain', 'a,b', 'say "hi"', 'two\nlines'].map(
        csvCell,
      ),
    ).toEqual([
      "'=1+1",
      "'+1",
      "'-2",
      "'@SUM(A1)",
      "'\tx",
      "'\u0000y",
      'plain',
      '"a,b"',
      '"say ""hi"""',
      '"two\nlines"',
    ]);
  });

  it('lists the report by result with names, CRLF line ends', () => {
    const report = reconcile(
      EXPECTED as AuditExpectedItem[],
      [scan('AT-4', 'per_a', Date.UTC(2026, 2, 10))],
      (id) => `Name ${id}`,
    );
    const csv = toCsv(
      reportRows(report, { location: (id) => (id === HQ ? 'HQ' : 'Branch'), person: () => 'Ann' }),
    );
    expect(csv.split('\r\n')).toEqual([
      'Result,Asset tag,Name,Recorded location,Found at,Scanned by,Scanned at (UTC)',
      'Wrong location,AT-4,Name ci_4,Branch,HQ,Ann,2026-03-10T00:00:00.000Z',
      'Missing,AT-1,Name ci_1,HQ,,,',
      'Missing,AT-2,Name ci_2,HQ,,,',
      'Missing,AT-3,Name ci_3,HQ,,,',
      '',
    ]);
  });
});

describe("who may audit (the server's rules)", () => {
  const scanDoc = (by: string) => ({
    _id: 'act_01SCAN',
    type: 'activity',
    parentId: 'aud_1',
    kind: 'scan',
    body: '',
    minutes: 0,
    changes: [],
    scanTag: 'AT-1',
    scanResult: 'found',
    scanLocationId: HQ,
    scanCiId: 'ci_1',
    scanCiLocationId: HQ,
    createdAt: 1,
    createdBy: by,
    updatedAt: 1,
    updatedBy: by,
  });
  const user = (role: string, person: string) => ({ name: person, roles: [role, `person:${person}`] });

  it('technicians and above record scans and run campaigns; requesters do not', () => {
    expect(checkWrite(scanDoc('per_t'), null, user('technician', 'per_t'))).toBeNull();
    expect(checkWrite(scanDoc('per_r'), null, user('requester', 'per_r'))).toMatch(/Requesters/);
    const audit = { _id: 'aud_1', type: 'audit', name: 'x', state: 'running', updatedBy: 'per_t' };
    expect(checkWrite(audit, null, user('technician', 'per_t'))).toBeNull();
    expect(checkWrite({ ...audit, updatedBy: 'per_r' }, null, user('requester', 'per_r'))).toMatch(
      /Requesters/,
    );
  });

  it('a scan counts for its author only', () => {
    expect(checkWrite(scanDoc('per_other'), null, user('technician', 'per_t'))).toMatch(
      /must be your own person id/,
    );
  });
});
