/**
 * What the CI form holds while the user types: every field as text, read into typed values on
 * save (numbers, yes/no, days, money), so a half-typed number is an inline error, not a lost
 * keystroke.
 */
import {
  formatAttributeValue,
  parseAttributeText,
  type AttributeDef,
  type AttributeValue,
} from '../../../shared/domain/ciClasses';
import { formatCost, formatDay, parseCost, parseDay, type CiInput } from '../../../shared/domain/cmdb';
import type { CiClass, CiDoc } from '../../../shared/domain/model';
import type { FieldErrors } from '../../../shared/domain/validation';

export interface CiDraft {
  ciClass: CiClass;
  name: string;
  assetTag: string;
  serial: string;
  locationId: string;
  ownerId: string;
  model: string;
  vendor: string;
  cost: string;
  purchaseDate: string;
  warrantyEnd: string;
  /** Attribute values as typed, by key. */
  attrs: Record<string, string>;
}

export function emptyDraft(ciClass: CiClass = 'server'): CiDraft {
  return {
    ciClass,
    name: '',
    assetTag: '',
    serial: '',
    locationId: '',
    ownerId: '',
    model: '',
    vendor: '',
    cost: '',
    purchaseDate: '',
    warrantyEnd: '',
    attrs: {},
  };
}

export function toDraft(ci: CiDoc): CiDraft {
  return {
    ciClass: ci.ciClass,
    name: ci.name,
    assetTag: ci.assetTag,
    serial: ci.serial,
    locationId: ci.locationId,
    ownerId: ci.ownerId,
    model: ci.model ?? '',
    vendor: ci.vendor ?? '',
    cost: formatCost(ci.cost),
    purchaseDate: formatDay(ci.purchaseDate),
    warrantyEnd: formatDay(ci.warrantyEnd),
    attrs: Object.fromEntries(Object.entries(ci.attributes).map(([k, v]) => [k, formatAttributeValue(v)])),
  };
}

/**
 * Typed input from the draft, or the fields that cannot be read. Attributes the class does not
 * define keep their stored value (`kept`), so editing never loses data from an older definition.
 */
export function fromDraft(
  draft: CiDraft,
  defs: readonly AttributeDef[],
  kept: Record<string, AttributeValue> = {},
): { input: CiInput; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const attributes: Record<string, AttributeValue> = {};
  const defined = new Set(defs.map((d) => d.key));
  for (const [key, value] of Object.entries(kept)) if (!defined.has(key)) attributes[key] = value;
  for (const def of defs) {
    const parsed = parseAttributeText(def, draft.attrs[def.key] ?? '');
    if (parsed.error) errors[`attributes.${def.key}`] = parsed.error;
    else if (parsed.value !== undefined) attributes[def.key] = parsed.value;
  }
  const cost = parseCost(draft.cost);
  if ('error' in cost) errors.cost = cost.error;
  const day = (field: 'purchaseDate' | 'warrantyEnd') => {
    const parsed = parseDay(draft[field]);
    if ('error' in parsed) {
      errors[field] = parsed.error;
      return null;
    }
    return parsed.value;
  };
  const input: CiInput = {
    ciClass: draft.ciClass,
    name: draft.name,
    assetTag: draft.assetTag,
    serial: draft.serial,
    locationId: draft.locationId,
    ownerId: draft.ownerId,
    attributes,
    model: draft.model,
    vendor: draft.vendor,
    cost: 'error' in cost ? null : cost.value,
    purchaseDate: day('purchaseDate'),
    warrantyEnd: day('warrantyEnd'),
  };
  return { input, errors };
}
