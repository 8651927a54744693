import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  auditScope,
  indexByTag,
  inScope,
  progressOf,
  reconcile,
  resolveScan,
  scanFactsOf,
  snapshotExpected,
  validateAuditInput,
  type ScanFacts,
} from './audits';
import type { ActivityDoc, CiDoc } from './model';

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
const lookupTag = (tag: string) => byTag.get(tag);

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

describe('scope and snapshot', () => {
  it('takes tagged assets matching every part of the scope, never ordered or disposed ones', () => {
    const scope = { locationId: HQ, ciClass: 'laptop' as const, ownerId: '' };
    expect(snapshotExpected(CIS, scope)).toEqual([
      { ciId: 'ci_1', assetTag: 'AT-1', name: 'Name ci_1', locationId: HQ },
      { ciId: 'ci_2', assetTag: 'AT-2', name: 'Name ci_2', locationId: HQ },
      { ciId: 'ci_3', assetTag: 'AT-3', name: 'Name ci_3', locationId: HQ },
    ]);
    expect(
      CIS.filter((c) => inScope(c, { locationId: '', ciClass: 'printer', ownerId: '' })).map((c) => c.id),
    ).toEqual(['ci_5']);
    expect(
      inScope(ci('x', 'T', HQ, { ownerId: '', assigneeId: 'per_p' }), {
        locationId: '',
        ciClass: '',
        ownerId: 'per_p',
      }),
    ).toBe(true);
  });

  it('reads the scope of documents written before scopes existed', () => {
    expect(auditScope({ locationId: HQ })).toEqual({ locationId: HQ, ciClass: '', ownerId: '' });
  });

  it('validates the new campaign form', () => {
    const facts = {
      isLocation: (id: string) => id === HQ,
      isPerson: () => false,
      isClass: (c: string) => c === 'laptop',
    };
    expect(
      validateAuditInput({ name: ' ', scope: { locationId: '', ciClass: '', ownerId: '' } }, facts),
    ).toEqual({
      name: 'Give the campaign a name.',
      locationId: 'Narrow the scope: choose at least a location, a class or an owner.',
    });
    expect(
      validateAuditInput(
        { name: 'HQ', scope: { locationId: 'per_x', ciClass: 'laptop', ownerId: 'per_y' } },
        facts,
      ),
    ).toEqual({
      locationId: 'Choose a known location.',
      ownerId: 'Choose a known owner.',
    });
    expect(
      validateAuditInput({ name: 'HQ laptops', scope: { locationId: HQ, ciClass: '', ownerId: '' } }, facts),
    ).toEqual({});
  });
});

describe('resolving a scan', () => {
  it('found, wrong location, unknown and duplicate', () => {
    const scanned = new Set(['AT-3']);
    const lookups = { ciByTag: lookupTag, scannedTags: scanned };
    expect(resolveScan('AT-1', HQ, lookups)).toEqual({
      tag: 'AT-1',
      result: 'found',
      ciId: 'ci_1',
      ciLocationId: HQ,
    });
    expect(resolveScan('AT-4', HQ, lookups)).toEqual({
      tag: 'AT-4',
      result: 'wrong_location',
      ciId: 'ci_4',
      ciLocationId: BRANCH,
    });
    expect(resolveScan('ZZ-9', HQ, lookups)).toEqual({
      tag: 'ZZ-9',
      result: 'unknown',
      ciId: '',
      ciLocationId: '',
    });
    expect(resolveScan('AT-3', HQ, lookups).result).toBe('duplicate');
  });

  it('reads scan facts from activities and nothing else', () => {
    const base: Omit<ActivityDoc, 'kind'> = {
      id: 'act_1',
      type: 'activity',
      parentId: 'aud_1',
      body: '',
      minutes: 0,
      changes: [],
      createdAt: 5,
      createdBy: 'per_a',
      updatedAt: 5,
      updatedBy: 'per_a',
    };
    expect(scanFactsOf({ ...base, kind: 'comment' })).toBeNull();
    expect(
      scanFactsOf({
        ...base,
        kind: 'scan',
        scanTag: 'AT-1',
        scanLocationId: HQ,
        scanCiId: 'ci_1',
        scanCiLocationId: HQ,
      }),
    ).toEqual({
      id: 'act_1',
      tag: 'AT-1',
      locationId: HQ,
      ciId: 'ci_1',
      ciLocationId: HQ,
      createdAt: 5,
      createdBy: 'per_a',
    });
  });
});

const EXPECTED = snapshotExpected(CIS, { locationId: HQ, ciClass: 'laptop', ownerId: '' });

describe('reconciliation', () => {
  it('reports found, wrong location, unknown and missing; later scans of a tag are duplicates', () => {
    const scans = [
      scan('AT-1', 'per_a', 100),
      scan('AT-4', 'per_a', 110),
      scan('NEW-1', 'per_b', 120),
      scan('AT-1', 'per_b', 130),
      scan('AT-5', 'per_b', 140),
    ];
    const report = reconcile(EXPECTED, scans, (id) => `Name ${id}`);
    expect(report.found.map((i) => [i.tag, i.expected])).toEqual([
      ['AT-1', true],
      ['AT-5', false],
    ]);
    expect(report.wrongLocation).toEqual([
      expect.objectContaining({
        ciId: 'ci_4',
        tag: 'AT-4',
        name: 'Name ci_4',
        recordedLocationId: BRANCH,
        foundLocationId: HQ,
      }),
    ]);
    expect(report.unknown.map((i) => i.tag)).toEqual(['NEW-1']);
    expect(report.missing.map((i) => i.ciId)).toEqual(['ci_2', 'ci_3']);
    expect(report.duplicates).toBe(1);
    expect(report.verdicts.get(scans[3]!.id)).toBe('duplicate');
    expect(progressOf(report)).toEqual({
      expected: 3,
      scanned: 1,
      found: 2,
      wrongLocation: 1,
      unknown: 1,
      duplicate: 1,
      remaining: 2,
    });
  });

  it('the earliest scan decides, whoever made it, even when the later one was made first on its device', () => {
    const early = scan('AT-1', 'per_b', 50, BRANCH);
    const late = scan('AT-1', 'per_a', 60, HQ);
    const report = reconcile(EXPECTED, [late, early]);
    expect(report.wrongLocation.map((i) => i.scannedBy)).toEqual(['per_b']);
    expect(report.verdicts.get(late.id)).toBe('duplicate');
  });

  it("two auditors' scans give the same report in any order (property)", () => {
    const tags = ['AT-1', 'AT-2', 'AT-3', 'AT-4', 'AT-5', 'NEW-1', 'NEW-2'];
    const scanArb = fc.record({
      tag: fc.constantFrom(...tags),
      by: fc.constantFrom('per_a', 'per_b'),
      at: fc.integer({ min: 0, max: 50 }),
      where: fc.constantFrom(HQ, BRANCH),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(scanArb, { maxLength: 20, selector: (s) => `${s.by}${s.at}` }),
        fc.infiniteStream(fc.nat()),
        (specs, random) => {
          const scans = specs.map((s) => scan(s.tag, s.by, s.at, s.where));
          const a = scans.filter((s) => s.createdBy === 'per_a');
          const b = scans.filter((s) => s.createdBy === 'per_b');
          // Any interleaving of the two auditors' streams, then any shuffle of the whole.
          const shuffled = [...scans];
          const it = random[Symbol.iterator]();
          for (let i = shuffled.length - 1; i > 0; i--) {
            const j = (it.next().value as number) % (i + 1);
            [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
          }
          const reference = reconcile(EXPECTED, [...a, ...b]);
          for (const order of [[...b, ...a], shuffled]) {
            const other = reconcile(EXPECTED, order);
            expect({ ...other, verdicts: [...other.verdicts].sort() }).toEqual({
              ...reference,
              verdicts: [...reference.verdicts].sort(),
            });
          }
          // Every expected asset is accounted for exactly once.
          const accounted = [...reference.found, ...reference.wrongLocation, ...reference.missing].filter(
            (i) => i.expected,
          );
          expect(accounted.map((i) => i.ciId).sort()).toEqual(EXPECTED.map((e) => e.ciId).sort());
          expect(reference.verdicts.size).toBe(scans.length);
        },
      ),
      { numRuns: 300 },
    );
  });
});
