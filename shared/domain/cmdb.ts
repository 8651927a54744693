/**
 * Configuration items: checking input, building a new CI and applying an edit with the list of
 * changed fields (the CI's history), as pure functions the data layer calls. Lifecycle rules
 * (which state may follow which) are not checked here; this file checks each field on its own.
 */
import { COST_MAX, validateAssetFields } from './assets';
import {
  compactAttributes,
  validateAttributes,
  type AttributeValue,
  type ClassDefinitions,
} from './ciClasses';
import { CI_CLASSES, CI_STATES, type CiClass, type CiDoc, type CiState, type FieldChange } from './model';
import { hasControlCharacters, type FieldErrors } from './validation';

export const CI_NAME_MAX = 200;
export const ASSET_TAG_MAX = 64;
export const SERIAL_MAX = 100;

/** Printable ASCII without spaces: what barcode and QR labels carry. */
const ASSET_TAG_PATTERN = /^[!-~]+$/;

/** Classes that are logical (no physical asset): new ones start deployed, hardware in stock. */
export const LOGICAL_CLASSES: readonly CiClass[] = ['business_service', 'application', 'database', 'licence'];

export function defaultStateFor(ciClass: CiClass): CiState {
  return LOGICAL_CLASSES.includes(ciClass) ? 'deployed' : 'in_stock';
}

export interface CiInput {
  ciClass: CiClass;
  name: string;
  assetTag: string;
  serial: string;
  locationId: string;
  ownerId: string;
  attributes: Record<string, AttributeValue>;
  state?: CiState;
  model?: string;
  vendor?: string;
  /** Minor units; null or absent = none. */
  cost?: number | null;
  purchaseDate?: number | null;
  warrantyEnd?: number | null;
}

/** Every field may change; optional asset fields clear with '' or null. */
export interface CiPatch {
  ciClass?: CiClass;
  name?: string;
  assetTag?: string;
  serial?: string;
  state?: CiState;
  locationId?: string;
  ownerId?: string;
  attributes?: Record<string, AttributeValue>;
  model?: string;
  vendor?: string;
  cost?: number | null;
  purchaseDate?: number | null;
  warrantyEnd?: number | null;
  assigneeId?: string;
  disposalDate?: number | null;
  disposalMethod?: string;
}

/** Who may be referenced: the data layer fills these from the directory. */
export interface CiRefs {
  isLocation: (id: string) => boolean;
  isOwner: (id: string) => boolean;
  isUser: (id: string) => boolean;
}

export interface CiContext {
  now: number;
  userId: string;
  definitions: ClassDefinitions;
  refs?: CiRefs;
}

/** Fields recorded in history, in display order; attributes are recorded key by key. */
export const CI_TRACKED_FIELDS = [
  'ciClass',
  'name',
  'assetTag',
  'serial',
  'state',
  'locationId',
  'ownerId',
  'model',
  'vendor',
  'cost',
  'purchaseDate',
  'warrantyEnd',
  'assigneeId',
  'disposalDate',
  'disposalMethod',
] as const;
type TrackedField = (typeof CI_TRACKED_FIELDS)[number];

const OPTIONAL_FIELDS: readonly TrackedField[] = [
  'model',
  'vendor',
  'cost',
  'purchaseDate',
  'warrantyEnd',
  'assigneeId',
  'disposalDate',
  'disposalMethod',
];

function checkText(
  errors: FieldErrors,
  field: string,
  label: string,
  value: unknown,
  max: number,
  required: boolean,
): void {
  if (typeof value !== 'string') {
    errors[field] = `${label} must be text.`;
    return;
  }
  const trimmed = value.trim();
  if (required && trimmed === '') errors[field] = `${label} is required.`;
  else if (trimmed.length > max) errors[field] = `${label} must be at most ${max} characters.`;
  else if (hasControlCharacters(trimmed)) errors[field] = `${label} cannot contain control characters.`;
}

/** Field errors for a whole CI (after a patch is applied); empty when valid. */
export function validateCi(ci: Partial<CiDoc>, ctx: Pick<CiContext, 'definitions' | 'refs'>): FieldErrors {
  const errors: FieldErrors = {};
  if (!CI_CLASSES.includes(ci.ciClass as CiClass)) errors.ciClass = 'Choose a class.';
  checkText(errors, 'name', 'Name', ci.name, CI_NAME_MAX, true);
  if (typeof ci.assetTag !== 'string') errors.assetTag = 'Asset tag must be text.';
  else if (ci.assetTag.length > ASSET_TAG_MAX)
    errors.assetTag = `Asset tag must be at most ${ASSET_TAG_MAX} characters.`;
  else if (ci.assetTag !== '' && !ASSET_TAG_PATTERN.test(ci.assetTag)) {
    errors.assetTag = 'Asset tag: letters, digits and symbols only, no spaces.';
  }
  checkText(errors, 'serial', 'Serial number', ci.serial, SERIAL_MAX, false);
  if (!CI_STATES.includes(ci.state as CiState)) errors.state = 'Choose a state.';
  // Asset fields follow the asset rules (cost bounds, dates, warranty after purchase).
  Object.assign(errors, validateAssetFields(ci));
  for (const [field, label] of [
    ['model', 'Model'],
    ['vendor', 'Vendor'],
    ['disposalMethod', 'Disposal method'],
  ] as const) {
    const value = ci[field];
    if (!errors[field] && typeof value === 'string' && hasControlCharacters(value)) {
      errors[field] = `${label} cannot contain control characters.`;
    }
  }
  const refs = ctx.refs;
  if (refs) {
    if (ci.locationId && !refs.isLocation(ci.locationId))
      errors.locationId = 'Choose a location from the list.';
    if (ci.ownerId && !refs.isOwner(ci.ownerId)) errors.ownerId = 'Choose an owner from the list.';
    if (ci.assigneeId && !refs.isUser(ci.assigneeId)) errors.assigneeId = 'Choose a person from the list.';
  }
  if (typeof ci.attributes !== 'object' || ci.attributes === null) {
    errors.attributes = 'Attributes are malformed.';
  } else if (CI_CLASSES.includes(ci.ciClass as CiClass)) {
    Object.assign(errors, validateAttributes(ci.attributes, ctx.definitions[ci.ciClass as CiClass]));
  }
  return errors;
}

/** Trims text, drops blank optional fields, so "empty" has one form in storage. */
function normalize(ci: CiDoc): CiDoc {
  const out: CiDoc = {
    ...ci,
    name: ci.name.trim(),
    assetTag: ci.assetTag.trim(),
    serial: ci.serial.trim(),
    attributes: compactAttributes(ci.attributes),
  };
  for (const field of OPTIONAL_FIELDS) {
    const value = out[field];
    if (value === undefined) continue;
    if (value === null || (typeof value === 'string' && value.trim() === '')) delete out[field];
    else if (typeof value === 'string') (out as unknown as Record<string, unknown>)[field] = value.trim();
  }
  return out;
}

export type BuildCiResult = { ok: true; ci: CiDoc } | { ok: false; errors: FieldErrors };

export function buildCi(input: CiInput, ctx: CiContext & { id: string }): BuildCiResult {
  const draft: CiDoc = normalize({
    id: ctx.id,
    type: 'ci',
    ciClass: input.ciClass,
    name: typeof input.name === 'string' ? input.name : '',
    assetTag: typeof input.assetTag === 'string' ? input.assetTag : '',
    serial: typeof input.serial === 'string' ? input.serial : '',
    state: input.state ?? defaultStateFor(input.ciClass),
    locationId: input.locationId ?? '',
    ownerId: input.ownerId ?? '',
    attributes: { ...(input.attributes ?? {}) },
    createdAt: ctx.now,
    updatedAt: ctx.now,
    updatedBy: ctx.userId,
    ...optionalInput(input),
  } as CiDoc);
  const errors = validateCi(draft, ctx);
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, ci: draft };
}

function optionalInput(input: CiInput): Partial<CiDoc> {
  const out: Record<string, unknown> = {};
  for (const field of ['model', 'vendor', 'cost', 'purchaseDate', 'warrantyEnd'] as const) {
    if (input[field] !== undefined) out[field] = input[field];
  }
  return out as Partial<CiDoc>;
}

/** Every difference between two CIs, tracked fields then attributes (`attributes.<key>`). */
export function diffCi(before: CiDoc, after: CiDoc): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of CI_TRACKED_FIELDS) {
    const from = before[field] ?? null;
    const to = after[field] ?? null;
    if (from !== to) changes.push({ field, from, to });
  }
  const keys = [...new Set([...Object.keys(before.attributes), ...Object.keys(after.attributes)])].sort();
  for (const key of keys) {
    const from = before.attributes[key] ?? null;
    const to = after.attributes[key] ?? null;
    if (from !== to) changes.push({ field: `attributes.${key}`, from, to });
  }
  return changes;
}

export type ApplyCiEditResult =
  { ok: true; ci: CiDoc; changes: FieldChange[] } | { ok: false; errors: FieldErrors };

/** Applies `patch`; unchanged input gives no changes and keeps `updatedAt`. */
export function applyCiEdit(ci: CiDoc, patch: CiPatch, ctx: CiContext): ApplyCiEditResult {
  const merged = { ...ci } as CiDoc & Record<string, unknown>;
  for (const [field, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    merged[field] = field === 'attributes' ? { ...(value as Record<string, AttributeValue>) } : value;
  }
  const next = normalize(merged);
  const errors = validateCi(next, ctx);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const changes = diffCi(ci, next);
  if (changes.length === 0) return { ok: true, ci, changes };
  return {
    ok: true,
    ci: { ...next, updatedAt: Math.max(ctx.now, ci.updatedAt), updatedBy: ctx.userId },
    changes,
  };
}

// ---- Money: costs are stored in minor units so sums never drift.

/** "1299.99" or "1299,99" -> 129999; null for blank; an error message when unreadable. */
export function parseCost(text: string): { value: number | null } | { error: string } {
  const t = text
    .trim()
    .replace(/^[£$€]\s*/, '')
    .replace(/(?<=\d)[ _](?=\d{3})/g, '');
  if (t === '') return { value: null };
  const match = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(t);
  if (!match) return { error: 'Cost must be an amount like 1299.99.' };
  const minor = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  if (!Number.isSafeInteger(minor) || minor > COST_MAX)
    return { error: 'Cost is too large; check the amount.' };
  return { value: minor };
}

export function formatCost(minor: number | undefined): string {
  if (minor === undefined) return '';
  const whole = Math.floor(minor / 100);
  const cents = String(minor % 100).padStart(2, '0');
  return `${whole}.${cents}`;
}

// ---- Dates: asset dates are calendar days, stored as UTC midnight.

export function parseDay(text: string): { value: number | null } | { error: string } {
  const t = text.trim();
  if (t === '') return { value: null };
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (!match) return { error: 'Use a date as YYYY-MM-DD.' };
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(y, m - 1, d);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d || ms < 0) {
    return { error: `${t} is not a date.` };
  }
  return { value: ms };
}

export function formatDay(ms: number | undefined): string {
  if (ms === undefined || ms === 0) return '';
  return new Date(ms).toISOString().slice(0, 10);
}
