/**
 * IT asset lifecycle: which state may follow which, what each state requires of the record,
 * and the field rules of the asset fields. Pure; the data layer writes what this returns.
 *
 * The transition table (every pair not listed is refused):
 *
 *   from \ to    ordered  in_stock  deployed  maintenance  retired  disposed
 *   ordered         -        yes       -          -           -        -
 *   in_stock        -         -       yes        yes         yes       -
 *   deployed        -        yes       -         yes         yes       -
 *   maintenance     -        yes      yes         -          yes       -
 *   retired         -         -        -          -           -       yes
 *   disposed        -         -        -          -           -        -
 *
 * Received goods go to stock first (they get a location there), so an order never jumps to
 * deployed. Retirement is the decision to take an asset out of service; disposal records how it
 * left (and is final). A retired asset does not come back: one that is put to use again is a
 * mistake to undo by editing, not a lifecycle step.
 *
 * What a state requires of the record:
 * - in_stock: a location (the store), and no assignee (stock belongs to nobody);
 * - deployed: a location and an assignee;
 * - retired: no assignee (it is handed back when retired);
 * - disposed: a disposal date and a disposal method;
 * - ordered, maintenance: nothing more.
 */
import { CI_STATE_LABELS, labelOf } from './labels';
import { CI_STATES, type CiDoc, type CiState, type FieldChange } from './model';
import type { FieldErrors } from './validation';

export const ASSET_TRANSITIONS: Readonly<Record<CiState, readonly CiState[]>> = {
  ordered: ['in_stock'],
  in_stock: ['deployed', 'maintenance', 'retired'],
  deployed: ['in_stock', 'maintenance', 'retired'],
  maintenance: ['in_stock', 'deployed', 'retired'],
  retired: ['disposed'],
  disposed: [],
};

export function allowedAssetTransitions(from: CiState): readonly CiState[] {
  return Object.hasOwn(ASSET_TRANSITIONS, from) ? ASSET_TRANSITIONS[from] : [];
}

export function canChangeAssetState(from: CiState, to: CiState): boolean {
  return allowedAssetTransitions(from).includes(to);
}

export const DISPOSAL_METHODS = ['recycled', 'resold', 'donated', 'returned', 'destroyed'] as const;
export type DisposalMethod = (typeof DISPOSAL_METHODS)[number];

export const DISPOSAL_METHOD_LABELS: Readonly<Record<DisposalMethod, string>> = {
  recycled: 'Recycled (WEEE)',
  resold: 'Resold',
  donated: 'Donated',
  returned: 'Returned to vendor or lessor',
  destroyed: 'Destroyed (data-bearing)',
};

/** The fields a state change may ask for. */
export type StateField = 'locationId' | 'assigneeId' | 'disposalDate' | 'disposalMethod';

/** The fields the form for a move to `to` asks for: exactly what that state requires. */
export const STATE_FIELDS: Readonly<Record<CiState, readonly StateField[]>> = {
  ordered: [],
  in_stock: ['locationId'],
  deployed: ['locationId', 'assigneeId'],
  maintenance: [],
  retired: [],
  disposed: ['disposalDate', 'disposalMethod'],
};

/** States whose records never have an assignee: moving there hands the asset back. */
const UNASSIGNED_STATES: ReadonlySet<CiState> = new Set(['in_stock', 'retired', 'disposed']);

export interface StateChangeInput {
  to: CiState;
  locationId?: string;
  assigneeId?: string;
  disposalDate?: number;
  disposalMethod?: string;
}

/** The asset fields a state change or an edit may touch. */
export type AssetPatch = Partial<
  Pick<
    CiDoc,
    | 'state'
    | 'locationId'
    | 'assigneeId'
    | 'disposalDate'
    | 'disposalMethod'
    | 'cost'
    | 'purchaseDate'
    | 'warrantyEnd'
    | 'model'
    | 'vendor'
  >
>;

export type StateChangePlan =
  { ok: true; patch: AssetPatch; changes: FieldChange[] } | { ok: false; errors: FieldErrors };

/**
 * The patch that moves `ci` to `input.to`, or the errors to show next to the form's fields.
 * Only the fields the target state asks for are taken from the input; an assignee is cleared
 * when the target state has none.
 */
export function planStateChange(ci: CiDoc, input: StateChangeInput, people: PeopleFacts): StateChangePlan {
  const errors: FieldErrors = {};
  const to = input.to;
  if (!(CI_STATES as readonly string[]).includes(to)) {
    return { ok: false, errors: { state: 'Choose a lifecycle state.' } };
  }
  if (to === ci.state) return { ok: false, errors: { state: 'The asset is already in that state.' } };
  if (!canChangeAssetState(ci.state, to)) {
    const allowed = allowedAssetTransitions(ci.state);
    const name = (state: CiState) => labelOf(CI_STATE_LABELS, state);
    errors.state =
      allowed.length === 0
        ? `A ${name(ci.state).toLowerCase()} asset cannot change state any more.`
        : `From ${name(ci.state)} an asset can only go to: ${allowed.map(name).join(', ')}.`;
    return { ok: false, errors };
  }
  const patch: AssetPatch = { state: to };
  const asked = STATE_FIELDS[to];
  if (asked.includes('locationId')) {
    const locationId = (input.locationId ?? '').trim();
    if (locationId === '') errors.locationId = 'Choose where the asset is.';
    else if (!people.isLocation(locationId)) errors.locationId = 'Choose a known location.';
    else patch.locationId = locationId;
  }
  if (asked.includes('assigneeId')) {
    const assigneeId = (input.assigneeId ?? '').trim();
    if (assigneeId === '') errors.assigneeId = 'Choose who has the asset.';
    else if (!people.isUser(assigneeId)) errors.assigneeId = 'Choose a known person.';
    else patch.assigneeId = assigneeId;
  }
  if (UNASSIGNED_STATES.has(to) && (ci.assigneeId ?? '') !== '') patch.assigneeId = '';
  if (asked.includes('disposalDate')) {
    const date = input.disposalDate ?? 0;
    if (!isTime(date) || date === 0) errors.disposalDate = 'Enter the date the asset was disposed of.';
    else if ((ci.purchaseDate ?? 0) > 0 && date < (ci.purchaseDate ?? 0)) {
      errors.disposalDate = 'The disposal date cannot be before the purchase date.';
    } else patch.disposalDate = date;
  }
  if (asked.includes('disposalMethod')) {
    const method = (input.disposalMethod ?? '').trim();
    if (!(DISPOSAL_METHODS as readonly string[]).includes(method)) {
      errors.disposalMethod = 'Choose how the asset was disposed of.';
    } else patch.disposalMethod = method;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const after = { ...ci, ...patch };
  const invariant = stateRequirementErrors(after);
  if (Object.keys(invariant).length > 0) return { ok: false, errors: invariant };
  return { ok: true, patch, changes: assetChanges(ci, after) };
}

/** What the planner needs to know about people: ids are checked against the directory. */
export interface PeopleFacts {
  isLocation: (id: string) => boolean;
  isUser: (id: string) => boolean;
}

/** Errors for a record that does not meet its state's requirements (empty when it does). */
export function stateRequirementErrors(
  ci: Pick<CiDoc, 'state' | 'locationId'> & Partial<CiDoc>,
): FieldErrors {
  const errors: FieldErrors = {};
  const assignee = ci.assigneeId ?? '';
  switch (ci.state) {
    case 'in_stock':
      if (ci.locationId === '') errors.locationId = 'An asset in stock needs a location.';
      if (assignee !== '') errors.assigneeId = 'An asset in stock has no assignee.';
      break;
    case 'deployed':
      if (ci.locationId === '') errors.locationId = 'A deployed asset needs a location.';
      if (assignee === '') errors.assigneeId = 'A deployed asset needs an assignee.';
      break;
    case 'retired':
      if (assignee !== '') errors.assigneeId = 'A retired asset has no assignee.';
      break;
    case 'disposed':
      if (!((ci.disposalDate ?? 0) > 0)) errors.disposalDate = 'A disposed asset needs a disposal date.';
      if ((ci.disposalMethod ?? '') === '')
        errors.disposalMethod = 'A disposed asset needs a disposal method.';
      if (assignee !== '') errors.assigneeId = 'A disposed asset has no assignee.';
      break;
    default:
      break;
  }
  return errors;
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 10_000_000_000_000;
}

/** Largest cost accepted, in minor units (10 million in major units): beyond is a typo. */
export const COST_MAX = 1_000_000_000;

/**
 * Field rules for the asset fields (the CMDB form uses them as well): cost is a whole,
 * non-negative number of minor units, dates are epoch ms (0 = not set), and the warranty ends
 * after the purchase.
 */
export function validateAssetFields(fields: Partial<CiDoc>): FieldErrors {
  const errors: FieldErrors = {};
  if (fields.cost !== undefined) {
    if (typeof fields.cost !== 'number' || !Number.isInteger(fields.cost)) {
      errors.cost = 'Enter the cost as an amount with at most two decimals.';
    } else if (fields.cost < 0) errors.cost = 'The cost cannot be negative.';
    else if (fields.cost > COST_MAX) errors.cost = 'The cost is too large; check the amount.';
  }
  for (const field of ['purchaseDate', 'warrantyEnd', 'disposalDate'] as const) {
    const value = fields[field];
    if (value !== undefined && !isTime(value)) errors[field] = 'Enter a valid date.';
  }
  const bought = fields.purchaseDate ?? 0;
  const warranty = fields.warrantyEnd ?? 0;
  if (!errors.purchaseDate && !errors.warrantyEnd && bought > 0 && warranty > 0 && warranty <= bought) {
    errors.warrantyEnd = 'The warranty must end after the purchase date.';
  }
  for (const field of ['model', 'vendor', 'disposalMethod'] as const) {
    const value = fields[field];
    if (value !== undefined && (typeof value !== 'string' || value.length > 200)) {
      errors[field] = 'Use at most 200 characters.';
    }
  }
  return errors;
}

/** "12.50" or "12,50" or "12" -> 1250 minor units; null when it is not an amount. */
export function parseCost(text: string): number | null {
  const trimmed = text.trim().replace(',', '.');
  if (!/^\d{1,9}(\.\d{1,2})?$/.test(trimmed)) return null;
  const [whole = '0', fraction = ''] = trimmed.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

export function formatCost(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100).toLocaleString('en-GB')}.${String(abs % 100).padStart(2, '0')}`;
}

/** Every asset field that differs between two states of a CI, for the history. */
export const TRACKED_ASSET_FIELDS = [
  'state',
  'locationId',
  'assigneeId',
  'disposalDate',
  'disposalMethod',
  'cost',
  'purchaseDate',
  'warrantyEnd',
  'model',
  'vendor',
] as const;

export function assetChanges(before: Partial<CiDoc>, after: Partial<CiDoc>): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of TRACKED_ASSET_FIELDS) {
    const from = before[field] ?? emptyOf(field);
    const to = after[field] ?? emptyOf(field);
    if (from !== to) changes.push({ field, from, to });
  }
  return changes;
}

function emptyOf(field: (typeof TRACKED_ASSET_FIELDS)[number]): string | number {
  return field === 'cost' || field === 'purchaseDate' || field === 'warrantyEnd' || field === 'disposalDate'
    ? 0
    : '';
}
