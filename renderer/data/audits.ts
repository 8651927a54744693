/**
 * Audit campaign repository: campaigns, their scans (append-only `scan` activities, so several
 * auditors' work merges without conflicts), the actions a scan offers (move a CI, create a
 * draft CI) and applying the reconciliation. Rules and reconciliation are in shared/domain.
 */
import { map, type Observable } from 'rxjs';
import { buildDraftCi, draftCiId, planApply, type DraftState } from '../../shared/domain/auditApply';
import {
  auditScope,
  reconcile,
  scanFactsOf,
  snapshotExpected,
  validateAuditInput,
  type AuditInput,
  type ScanFacts,
  type ScanResolution,
} from '../../shared/domain/audits';
import { ID_PREFIX, newId } from '../../shared/domain/ids';
import { CI_CLASSES, type ActivityDoc, type AuditDoc, type CiDoc } from '../../shared/domain/model';
import { normaliseTag } from '../../shared/domain/scan';
import { FORM_ERROR_KEY, type FieldErrors } from '../../shared/domain/validation';
import { addChangeEntry } from './assets';
import type { OutpostDatabase } from './database';
import { cryptoRandom } from './random';
import type { Session, WriteOptions } from './tickets';

type Result<T> = ({ ok: true } & T) | { ok: false; errors: FieldErrors };
const refuse = (message: string) => ({ ok: false as const, errors: { [FORM_ERROR_KEY]: message } });

/** Every campaign, newest first (a team has a handful: sorted in memory). */
export function observeAudits(db: OutpostDatabase): Observable<AuditDoc[]> {
  return db.audits
    .find()
    .$.pipe(map((docs) => docs.map((d) => d.toMutableJSON()).sort((a, b) => b.createdAt - a.createdAt)));
}

export function observeAudit(db: OutpostDatabase, id: string): Observable<AuditDoc | null> {
  return db.audits.findOne(id).$.pipe(map((doc) => (doc ? doc.toMutableJSON() : null)));
}

/** The campaign's scans from every auditor, live (one walk of the [parentId, createdAt] index). */
export function observeScans(db: OutpostDatabase, auditId: string): Observable<ScanFacts[]> {
  return db.activities
    .find({
      selector: { parentId: auditId, kind: 'scan' },
      sort: [{ createdAt: 'asc' }],
      index: ['parentId', 'createdAt'],
    })
    .$.pipe(map((docs) => docs.flatMap((d) => scanFactsOf(d.toMutableJSON()) ?? [])));
}

export async function createAudit(
  db: OutpostDatabase,
  input: AuditInput,
  session: Session,
  options: WriteOptions = {},
): Promise<Result<{ audit: AuditDoc }>> {
  const ids = [input.scope.locationId, input.scope.ownerId].filter((id) => id !== '');
  const found = ids.length > 0 ? await db.people.findByIds(ids).exec() : new Map();
  const errors = validateAuditInput(input, {
    isLocation: (id) => found.get(id)?.personKind === 'location',
    isPerson: (id) => found.has(id),
    isClass: (c) => (CI_CLASSES as readonly string[]).includes(c),
  });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const now = options.now ?? Date.now();
  const audit: AuditDoc = {
    id: newId(ID_PREFIX.audit, now, cryptoRandom),
    type: 'audit',
    name: input.name.trim(),
    state: 'draft',
    locationId: input.scope.locationId,
    expectedCiIds: [],
    scope: { ...input.scope },
    expected: [],
    startedAt: 0,
    closedAt: 0,
    appliedAt: 0,
    createdAt: now,
    updatedAt: now,
    updatedBy: session.userId,
  };
  await db.audits.insert(audit);
  await addChangeEntry(db, audit.id, [{ field: 'state', from: '', to: 'draft' }], '', session, now);
  return { ok: true, audit };
}

/** Tagged CIs that may be in the scope: the location index narrows the read when there is one. */
async function candidateCis(db: OutpostDatabase, audit: AuditDoc): Promise<CiDoc[]> {
  const scope = auditScope(audit);
  const docs =
    scope.locationId !== ''
      ? await db.cis
          .find({ selector: { locationId: scope.locationId }, index: ['locationId', 'name'] })
          .exec()
      : await db.cis.find({ selector: { assetTag: { $gt: '' } }, index: ['assetTag'] }).exec();
  return docs.map((d) => d.toMutableJSON());
}

/** Moves a campaign along draft -> running -> closed; starting snapshots the expected assets. */
async function transition(
  db: OutpostDatabase,
  id: string,
  from: AuditDoc['state'],
  to: AuditDoc['state'],
  session: Session,
  options: WriteOptions,
): Promise<Result<{ audit: AuditDoc }>> {
  const doc = await db.audits.findOne(id).exec();
  if (!doc) return refuse('This campaign no longer exists.');
  if (doc.state !== from)
    return refuse(`Only a ${from} campaign can be ${to === 'running' ? 'started' : 'closed'}.`);
  const now = options.now ?? Date.now();
  const expected =
    to === 'running' ? snapshotExpected(await candidateCis(db, doc.toMutableJSON()), auditScope(doc)) : [];
  let refused = '';
  const written = await doc.incrementalModify((latest) => {
    if (latest.state !== from) {
      refused = 'Someone else changed this campaign meanwhile; look again.';
      return latest;
    }
    const next = { ...latest, state: to, updatedAt: now, updatedBy: session.userId };
    if (to === 'running') {
      next.expected = expected;
      next.expectedCiIds = expected.map((e) => e.ciId);
      next.startedAt = now;
    } else next.closedAt = now;
    return next;
  });
  if (refused) return refuse(refused);
  await addChangeEntry(db, id, [{ field: 'state', from, to }], '', session, now);
  return { ok: true, audit: written.toMutableJSON() };
}

export function startAudit(db: OutpostDatabase, id: string, session: Session, options: WriteOptions = {}) {
  return transition(db, id, 'draft', 'running', session, options);
}

export function closeAudit(db: OutpostDatabase, id: string, session: Session, options: WriteOptions = {}) {
  return transition(db, id, 'running', 'closed', session, options);
}

/**
 * Records one scan with the facts its auditor saw (resolved by the caller from what this
 * replica holds, so the result is on screen before the write). Only running campaigns take scans.
 */
export async function recordScan(
  db: OutpostDatabase,
  audit: Pick<AuditDoc, 'id' | 'state'>,
  scan: ScanResolution & { locationId: string },
  session: Session,
  options: WriteOptions = {},
): Promise<Result<{ activity: ActivityDoc }>> {
  if (audit.state !== 'running') return refuse('Start the campaign before scanning.');
  const tag = normaliseTag(scan.tag);
  if (tag === null) return { ok: false, errors: { tag: 'This is not an asset tag.' } };
  if (scan.locationId === '') return { ok: false, errors: { locationId: 'Choose where you are scanning.' } };
  const now = options.now ?? Date.now();
  const activity: ActivityDoc = {
    id: newId(ID_PREFIX.activity, now, cryptoRandom),
    type: 'activity',
    parentId: audit.id,
    kind: 'scan',
    body: '',
    minutes: 0,
    changes: [],
    scanTag: tag,
    scanResult: scan.result,
    scanLocationId: scan.locationId,
    scanCiId: scan.ciId,
    scanCiLocationId: scan.ciLocationId,
    createdAt: now,
    createdBy: session.userId,
    updatedAt: now,
    updatedBy: session.userId,
  };
  await db.activities.insert(activity);
  return { ok: true, activity };
}

/** "Move it here": the CI's location becomes where the auditor found it, with a history entry. */
export async function moveCiTo(
  db: OutpostDatabase,
  ciId: string,
  locationId: string,
  session: Session,
  note: string,
  options: WriteOptions = {},
): Promise<Result<{ ci: CiDoc }>> {
  const doc = await db.cis.findOne(ciId).exec();
  if (!doc) return refuse('This CI no longer exists.');
  const place = await db.people.findOne(locationId).exec();
  if (!place || place.personKind !== 'location')
    return { ok: false, errors: { locationId: 'Choose a known location.' } };
  const from = doc.locationId;
  if (from === locationId) return { ok: true, ci: doc.toMutableJSON() };
  const now = options.now ?? Date.now();
  const written = await doc.incrementalPatch({ locationId, updatedAt: now, updatedBy: session.userId });
  await addChangeEntry(db, ciId, [{ field: 'locationId', from, to: locationId }], note, session, now);
  return { ok: true, ci: written.toMutableJSON() };
}

/**
 * Records a CI for a tag no CI carries. Its id comes from the campaign and the tag, so two
 * auditors doing this offline for the same tag end up with one CI once they sync.
 */
export async function createDraftCi(
  db: OutpostDatabase,
  audit: Pick<AuditDoc, 'id' | 'startedAt' | 'createdAt'>,
  rawTag: string,
  state: DraftState,
  locationId: string,
  session: Session,
  options: WriteOptions = {},
): Promise<Result<{ ci: CiDoc; created: boolean }>> {
  const tag = normaliseTag(rawTag);
  if (tag === null) return { ok: false, errors: { tag: 'This is not an asset tag.' } };
  if (state === 'in_stock' && locationId === '') {
    return { ok: false, errors: { locationId: 'An item in stock needs a location.' } };
  }
  const taken = await db.cis.findOne({ selector: { assetTag: tag } }).exec();
  if (taken) return { ok: true, ci: taken.toMutableJSON(), created: false };
  const now = options.now ?? Date.now();
  const id = draftCiId(audit.id, tag, audit.startedAt || audit.createdAt);
  const existing = await db.cis.findOne(id).exec();
  if (existing) return { ok: true, ci: existing.toMutableJSON(), created: false };
  const ci = buildDraftCi({ id, tag, state, locationId, auditId: audit.id, now, userId: session.userId });
  await db.cis.insert(ci);
  await addChangeEntry(
    db,
    id,
    [{ field: 'state', from: '', to: state }],
    'Created as a draft during an audit: the tag was not in the CMDB.',
    session,
    now,
  );
  return { ok: true, ci, created: true };
}

export interface ApplySummary {
  moved: number;
  markedMissing: number;
  cleared: number;
}

/**
 * Applies a closed campaign's reconciliation to the CMDB (see shared/domain/auditApply.ts for
 * what changes and why) and stamps the campaign as applied. Each changed CI gets a history entry.
 */
export async function applyAudit(
  db: OutpostDatabase,
  id: string,
  session: Session,
  options: WriteOptions = {},
): Promise<Result<{ summary: ApplySummary }>> {
  const doc = await db.audits.findOne(id).exec();
  if (!doc) return refuse('This campaign no longer exists.');
  const audit = doc.toMutableJSON();
  if (audit.state !== 'closed') return refuse('Close the campaign before applying its report.');
  if ((audit.appliedAt ?? 0) > 0) return refuse('This report has already been applied.');
  const activities = await db.activities
    .find({ selector: { parentId: id, kind: 'scan' }, index: ['parentId', 'createdAt'] })
    .exec();
  const scans = activities.flatMap((a) => scanFactsOf(a.toMutableJSON()) ?? []);
  const report = reconcile(audit.expected ?? [], scans);
  const ids = [...new Set([...report.wrongLocation, ...report.found, ...report.missing].map((i) => i.ciId))];
  const cis = await db.cis.findByIds(ids).exec();
  const now = options.now ?? Date.now();
  const updates = planApply(report, id, audit.closedAt || now, (ciId) => cis.get(ciId)?.toMutableJSON());
  const summary: ApplySummary = { moved: 0, markedMissing: 0, cleared: 0 };
  const note = `Audit "${audit.name}"`;
  for (const update of updates) {
    const ci = cis.get(update.ciId);
    if (!ci) continue;
    await ci.incrementalModify((latest) => ({
      ...latest,
      ...update.patch,
      updatedAt: now,
      updatedBy: session.userId,
    }));
    await addChangeEntry(db, update.ciId, update.changes, note, session, now);
    if (update.patch.locationId !== undefined) summary.moved++;
    if (update.changes.some((c) => c.field === 'attributes.missingAudit')) summary.markedMissing++;
    else if (update.changes.some((c) => c.field === 'attributes.missingSince' && c.to === ''))
      summary.cleared++;
  }
  await doc.incrementalPatch({ appliedAt: now, updatedAt: now, updatedBy: session.userId });
  await addChangeEntry(
    db,
    id,
    [{ field: 'appliedAt', from: 0, to: now }],
    `Applied: ${summary.moved} moved, ${summary.markedMissing} marked missing, ${summary.cleared} found again.`,
    session,
    now,
  );
  return { ok: true, summary };
}
