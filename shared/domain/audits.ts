/**
 * Audit campaigns: which assets a campaign expects, how one scan resolves, and the
 * reconciliation of every scan against the expected assets.
 *
 * Scans are append-only activities written by any number of auditors, offline, in any order.
 * Each scan stores the facts its auditor saw (the tag, where the auditor was, the CI the tag
 * belonged to and that CI's recorded location), never a verdict that depends on other scans.
 * The report sorts scans by (time, id), a total order every replica agrees on, so the same set
 * of scans always gives the same report whatever order they arrived in.
 */
import type {
  ActivityDoc,
  AuditDoc,
  AuditExpectedItem,
  AuditScope,
  CiDoc,
  CiState,
  ScanResult,
} from './model';
import { normaliseTag } from './scan';
import type { FieldErrors } from './validation';

export const AUDIT_NAME_MAX = 200;

/** The scope of a campaign; documents written before scopes existed have only a location. */
export function auditScope(audit: Pick<AuditDoc, 'locationId' | 'scope'>): AuditScope {
  return audit.scope ?? { locationId: audit.locationId, ciClass: '', ownerId: '' };
}

/** Assets that cannot be on a shelf to be found: not yet delivered, or gone for good. */
const NOT_AUDITED: ReadonlySet<CiState> = new Set(['ordered', 'disposed']);

/**
 * Whether an asset belongs to a campaign's expected set: it carries a tag (nothing else can be
 * scanned), it is physically somewhere (not ordered or disposed), and it matches every part of
 * the scope that is set.
 */
export function inScope(ci: CiDoc, scope: AuditScope): boolean {
  if (ci.assetTag.trim() === '' || NOT_AUDITED.has(ci.state)) return false;
  if (scope.locationId !== '' && ci.locationId !== scope.locationId) return false;
  if (scope.ciClass !== '' && ci.ciClass !== scope.ciClass) return false;
  if (scope.ownerId !== '' && ci.ownerId !== scope.ownerId && (ci.assigneeId ?? '') !== scope.ownerId) {
    return false;
  }
  return true;
}

/** The expected-assets snapshot taken when a campaign starts, ordered by tag. */
export function snapshotExpected(cis: readonly CiDoc[], scope: AuditScope): AuditExpectedItem[] {
  return cis
    .filter((ci) => inScope(ci, scope))
    .map((ci) => ({
      ciId: ci.id,
      assetTag: normaliseTag(ci.assetTag) ?? ci.assetTag,
      name: ci.name,
      locationId: ci.locationId,
    }))
    .sort((a, b) => (a.assetTag < b.assetTag ? -1 : a.assetTag > b.assetTag ? 1 : 0));
}

export interface AuditInput {
  name: string;
  scope: AuditScope;
}

/** Field errors of the "new campaign" form (empty when valid). */
export function validateAuditInput(
  input: AuditInput,
  facts: {
    isLocation: (id: string) => boolean;
    isPerson: (id: string) => boolean;
    isClass: (c: string) => boolean;
  },
): FieldErrors {
  const errors: FieldErrors = {};
  const name = input.name.trim();
  if (name === '') errors.name = 'Give the campaign a name.';
  else if (name.length > AUDIT_NAME_MAX) errors.name = `Use at most ${AUDIT_NAME_MAX} characters.`;
  const { locationId, ciClass, ownerId } = input.scope;
  if (locationId !== '' && !facts.isLocation(locationId)) errors.locationId = 'Choose a known location.';
  if (ciClass !== '' && !facts.isClass(ciClass)) errors.ciClass = 'Choose a known class.';
  if (ownerId !== '' && !facts.isPerson(ownerId)) errors.ownerId = 'Choose a known owner.';
  if (locationId === '' && ciClass === '' && ownerId === '') {
    errors.locationId = 'Narrow the scope: choose at least a location, a class or an owner.';
  }
  return errors;
}

/** What a scan activity records (see the model's `scan*` fields). */
export interface ScanFacts {
  id: string;
  tag: string;
  /** Where the auditor was. */
  locationId: string;
  /** The CI that had the tag when it was read; '' when none had. */
  ciId: string;
  /** That CI's recorded location when read. */
  ciLocationId: string;
  createdAt: number;
  createdBy: string;
}

export function scanFactsOf(activity: ActivityDoc): ScanFacts | null {
  if (activity.kind !== 'scan' || typeof activity.scanTag !== 'string' || activity.scanTag === '')
    return null;
  return {
    id: activity.id,
    tag: activity.scanTag,
    locationId: activity.scanLocationId ?? '',
    ciId: activity.scanCiId ?? '',
    ciLocationId: activity.scanCiLocationId ?? '',
    createdAt: activity.createdAt,
    createdBy: activity.createdBy,
  };
}

/** The order every replica agrees on: time, then id (ids are unique). */
export function compareScans(
  a: Pick<ScanFacts, 'createdAt' | 'id'>,
  b: Pick<ScanFacts, 'createdAt' | 'id'>,
): number {
  if (a.createdAt !== b.createdAt) return a.createdAt - b.createdAt;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** A CI as a scan sees it. */
export interface TaggedCi {
  id: string;
  locationId: string;
}

/** The verdict of a first scan of a tag, from its own facts. */
export function verdictOf(
  scan: Pick<ScanFacts, 'ciId' | 'ciLocationId' | 'locationId'>,
): Exclude<ScanResult, 'duplicate'> {
  if (scan.ciId === '') return 'unknown';
  return scan.ciLocationId === scan.locationId ? 'found' : 'wrong_location';
}

export interface ScanResolution {
  tag: string;
  result: ScanResult;
  ciId: string;
  ciLocationId: string;
}

/**
 * Resolves one tag (normalised here) read at `locationId`: duplicate when this campaign already has a scan of it
 * (by anyone this replica has heard of), otherwise found / wrong location / unknown from the
 * CI that carries the tag. Pure and cheap: the caller keeps the lookups in memory.
 */
export function resolveScan(
  tag: string,
  locationId: string,
  lookups: { ciByTag: (tag: string) => TaggedCi | undefined; scannedTags: ReadonlySet<string> },
): ScanResolution {
  const key = normaliseTag(tag) ?? tag;
  const ci = lookups.ciByTag(key);
  const facts = { ciId: ci?.id ?? '', ciLocationId: ci?.locationId ?? '', locationId };
  const result: ScanResult = lookups.scannedTags.has(key) ? 'duplicate' : verdictOf(facts);
  return { tag: key, result, ciId: facts.ciId, ciLocationId: facts.ciLocationId };
}

/** Index of CIs by normalised tag; the first CI (by id) wins when two carry the same tag. */
export function indexByTag<T extends Pick<CiDoc, 'id' | 'assetTag'>>(cis: readonly T[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const ci of cis) {
    const tag = normaliseTag(ci.assetTag);
    if (tag === null) continue;
    const held = map.get(tag);
    if (!held || ci.id < held.id) map.set(tag, ci);
  }
  return map;
}

export interface ReportItem {
  ciId: string;
  tag: string;
  name: string;
  /** The CI's recorded location when scanned (for a missing asset: its expected location). */
  recordedLocationId: string;
  /** Where the auditor found it ('' for missing assets). */
  foundLocationId: string;
  /** Part of the expected snapshot. */
  expected: boolean;
  scanId: string;
  scannedAt: number;
  scannedBy: string;
}

export interface AuditReport {
  found: ReportItem[];
  wrongLocation: ReportItem[];
  unknown: ReportItem[];
  missing: ReportItem[];
  /** Scans of a tag already scanned in the campaign. */
  duplicates: number;
  /** Every scan, its verdict in the agreed order. */
  verdicts: Map<string, ScanResult>;
  expectedCount: number;
  /** Expected assets with at least one scan. */
  expectedScanned: number;
}

/**
 * The reconciliation: each tag's first scan (in the agreed order) decides what was found where;
 * later scans of it are duplicates; expected assets without a scan are missing. `nameOf` names
 * CIs outside the snapshot (the snapshot carries its own names).
 */
export function reconcile(
  expected: readonly AuditExpectedItem[],
  scans: readonly ScanFacts[],
  nameOf: (ciId: string) => string | undefined = () => undefined,
): AuditReport {
  const ordered = [...scans].sort(compareScans);
  const expectedById = new Map(expected.map((item) => [item.ciId, item]));
  const expectedByTag = new Map(expected.map((item) => [normaliseTag(item.assetTag) ?? item.assetTag, item]));
  const seenTags = new Set<string>();
  const scannedExpected = new Set<string>();
  const verdicts = new Map<string, ScanResult>();
  const report: AuditReport = {
    found: [],
    wrongLocation: [],
    unknown: [],
    missing: [],
    duplicates: 0,
    verdicts,
    expectedCount: expected.length,
    expectedScanned: 0,
  };
  for (const scan of ordered) {
    const match = expectedById.get(scan.ciId) ?? (scan.ciId === '' ? expectedByTag.get(scan.tag) : undefined);
    if (seenTags.has(scan.tag) || (match && scannedExpected.has(match.ciId))) {
      verdicts.set(scan.id, 'duplicate');
      report.duplicates++;
      continue;
    }
    seenTags.add(scan.tag);
    if (match) scannedExpected.add(match.ciId);
    const verdict = verdictOf(scan);
    verdicts.set(scan.id, verdict);
    const item: ReportItem = {
      ciId: scan.ciId,
      tag: scan.tag,
      name: match?.name ?? (scan.ciId ? (nameOf(scan.ciId) ?? scan.tag) : ''),
      recordedLocationId: scan.ciLocationId,
      foundLocationId: scan.locationId,
      expected: match !== undefined,
      scanId: scan.id,
      scannedAt: scan.createdAt,
      scannedBy: scan.createdBy,
    };
    if (verdict === 'found') report.found.push(item);
    else if (verdict === 'wrong_location') report.wrongLocation.push(item);
    else report.unknown.push(item);
  }
  for (const item of expected) {
    if (scannedExpected.has(item.ciId)) continue;
    report.missing.push({
      ciId: item.ciId,
      tag: item.assetTag,
      name: item.name,
      recordedLocationId: item.locationId,
      foundLocationId: '',
      expected: true,
      scanId: '',
      scannedAt: 0,
      scannedBy: '',
    });
  }
  report.expectedScanned = scannedExpected.size;
  return report;
}

export interface AuditProgress {
  expected: number;
  scanned: number;
  found: number;
  wrongLocation: number;
  unknown: number;
  duplicate: number;
  /** Expected assets not scanned yet (missing once the campaign closes). */
  remaining: number;
}

export function progressOf(report: AuditReport): AuditProgress {
  return {
    expected: report.expectedCount,
    scanned: report.expectedScanned,
    found: report.found.length,
    wrongLocation: report.wrongLocation.length,
    unknown: report.unknown.length,
    duplicate: report.duplicates,
    remaining: report.missing.length,
  };
}
