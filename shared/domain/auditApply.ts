/**
 * What a reconciled audit changes in the CMDB, the draft CI made for an unknown tag, and the
 * report as CSV.
 *
 * Applying a report:
 * - an asset found somewhere else than recorded moves to where it was found;
 * - an expected asset nobody found is marked missing: attributes `missingSince` (the date the
 *   campaign closed, YYYY-MM-DD, kept from an earlier campaign if it was already missing) and
 *   `missingAudit` (this campaign's id). Its lifecycle state is left alone: "missing" is a fact
 *   about the record's accuracy, not a lifecycle step, and the asset's owner decides later
 *   whether it is retired or written off. A `change` entry on the CI keeps the history;
 * - an asset found (anywhere) that was marked missing by an earlier campaign loses the mark.
 */
import type { AuditReport, ReportItem } from './audits';
import { ID_PREFIX, newId } from './ids';
import type { CiDoc, FieldChange } from './model';

export const MISSING_SINCE = 'missingSince';
export const MISSING_AUDIT = 'missingAudit';
export const DRAFT_FLAG = 'draft';
export const FOUND_IN_AUDIT = 'foundInAudit';

export interface CiUpdate {
  ciId: string;
  patch: Partial<Pick<CiDoc, 'locationId' | 'attributes'>>;
  changes: FieldChange[];
}

/** YYYY-MM-DD in UTC: the same text on every replica, whatever its time zone. */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * One update per CI that the report changes, computed against the CIs as they are now, so
 * applying twice (or on two replicas) changes nothing the second time.
 */
export function planApply(
  report: AuditReport,
  auditId: string,
  closedAt: number,
  ciById: (id: string) => CiDoc | undefined,
): CiUpdate[] {
  const updates = new Map<string, CiUpdate>();
  const updateOf = (ci: CiDoc): CiUpdate => {
    let update = updates.get(ci.id);
    if (!update) {
      update = { ciId: ci.id, patch: {}, changes: [] };
      updates.set(ci.id, update);
    }
    return update;
  };
  const clearMissing = (item: ReportItem) => {
    const ci = item.ciId ? ciById(item.ciId) : undefined;
    if (!ci || ci.attributes[MISSING_SINCE] === undefined) return;
    const update = updateOf(ci);
    const attributes = { ...(update.patch.attributes ?? ci.attributes) };
    const since = attributes[MISSING_SINCE];
    delete attributes[MISSING_SINCE];
    delete attributes[MISSING_AUDIT];
    update.patch.attributes = attributes;
    update.changes.push({ field: `attributes.${MISSING_SINCE}`, from: since ?? '', to: '' });
  };
  for (const item of report.wrongLocation) {
    const ci = ciById(item.ciId);
    if (!ci) continue;
    if (item.foundLocationId !== '' && ci.locationId !== item.foundLocationId) {
      const update = updateOf(ci);
      update.patch.locationId = item.foundLocationId;
      update.changes.push({ field: 'locationId', from: ci.locationId, to: item.foundLocationId });
    }
    clearMissing(item);
  }
  for (const item of report.found) clearMissing(item);
  const date = isoDate(closedAt);
  for (const item of report.missing) {
    const ci = ciById(item.ciId);
    if (!ci) continue;
    const since = ci.attributes[MISSING_SINCE];
    if (ci.attributes[MISSING_AUDIT] === auditId && since !== undefined) continue;
    const update = updateOf(ci);
    update.patch.attributes = {
      ...ci.attributes,
      [MISSING_SINCE]: since ?? date,
      [MISSING_AUDIT]: auditId,
    };
    if (since === undefined) {
      update.changes.push({ field: `attributes.${MISSING_SINCE}`, from: '', to: date });
    }
    update.changes.push({
      field: `attributes.${MISSING_AUDIT}`,
      from: ci.attributes[MISSING_AUDIT] ?? '',
      to: auditId,
    });
  }
  return [...updates.values()];
}

export type DraftState = 'in_stock' | 'ordered';

/**
 * Id of the draft CI made for `tag` in campaign `auditId`: the same on every replica, so two
 * auditors who both create it offline end up with one CI, not two with the same tag.
 */
export function draftCiId(auditId: string, tag: string, startedAt: number): string {
  let h = 0x811c9dc5;
  const text = `${auditId}|${tag}`;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // mulberry32 over the hash: 16 well-spread characters for the ULID's random part.
  let seed = h;
  const random = () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return newId(ID_PREFIX.ci, Math.max(0, Math.min(startedAt, 281_474_976_710_655)), random);
}

/** The CI recorded on the spot for a tag no CI carries. */
export function buildDraftCi(input: {
  id: string;
  tag: string;
  state: DraftState;
  locationId: string;
  auditId: string;
  now: number;
  userId: string;
}): CiDoc {
  return {
    id: input.id,
    type: 'ci',
    ciClass: 'generic',
    name: `Unknown ${input.tag}`,
    assetTag: input.tag,
    serial: '',
    state: input.state,
    // Something on the shelf is where it was found; an item still on order has no place yet.
    locationId: input.state === 'in_stock' ? input.locationId : '',
    ownerId: '',
    attributes: { [DRAFT_FLAG]: true, [FOUND_IN_AUDIT]: input.auditId },
    createdAt: input.now,
    updatedAt: input.now,
    updatedBy: input.userId,
  };
}

/** First characters a spreadsheet may read as the start of a formula (OWASP ASVS 1.2.10). */
const FORMULA_STARTS = new Set(['=', '+', '-', '@', '\t', '\u0000']);

/**
 * A CSV cell: quoted when it holds a separator, quote or line break; a leading = + - @ tab or
 * NUL gets a single quote first, so a spreadsheet shows the text instead of running a formula.
 */
export function csvCell(value: string | number): string {
  let text = String(value);
  if (FORMULA_STARTS.has(text.charAt(0))) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: readonly (readonly (string | number)[])[]): string {
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export const REPORT_COLUMNS = [
  'Result',
  'Asset tag',
  'Name',
  'Recorded location',
  'Found at',
  'Scanned by',
  'Scanned at (UTC)',
] as const;

/** The report as CSV rows: found, wrong location, unknown, then missing. */
export function reportRows(
  report: AuditReport,
  names: { location: (id: string) => string; person: (id: string) => string },
): (string | number)[][] {
  const rows: (string | number)[][] = [[...REPORT_COLUMNS]];
  const add = (result: string, items: readonly ReportItem[]) => {
    for (const item of items) {
      rows.push([
        result,
        item.tag,
        item.name,
        item.recordedLocationId ? names.location(item.recordedLocationId) : '',
        item.foundLocationId ? names.location(item.foundLocationId) : '',
        item.scannedBy ? names.person(item.scannedBy) : '',
        item.scannedAt ? new Date(item.scannedAt).toISOString() : '',
      ]);
    }
  };
  add('Found', report.found);
  add('Wrong location', report.wrongLocation);
  add('Unknown', report.unknown);
  add('Missing', report.missing);
  return rows;
}
