/**
 * Attributes per CI class: a built-in definition for each class, which admins may replace
 * class by class through the `ciClasses` setting. The setting arrives from other devices and
 * older versions, so reading it never fails: a malformed class falls back to its built-in list.
 */
import { CI_CLASSES, type CiClass } from './model';
import type { FieldErrors } from './validation';

export const ATTRIBUTE_TYPES = ['text', 'number', 'boolean', 'date', 'choice'] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

export const ATTRIBUTE_TYPE_LABELS: Readonly<Record<AttributeType, string>> = {
  text: 'Text',
  number: 'Number',
  boolean: 'Yes/no',
  date: 'Date',
  choice: 'Choice',
};

export interface AttributeDef {
  /** Stored key in `CiDoc.attributes`: lower case, digits and underscores. */
  key: string;
  label: string;
  type: AttributeType;
  required: boolean;
  /** Choice attributes only: the allowed values. */
  options?: string[];
}

export type ClassDefinitions = Record<CiClass, AttributeDef[]>;
export type AttributeValue = string | number | boolean;

export const CI_CLASSES_SETTING_KEY = 'ciClasses';
export const ATTRIBUTE_KEY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;
export const ATTRIBUTE_LABEL_MAX = 60;
export const ATTRIBUTE_TEXT_MAX = 500;
export const MAX_ATTRIBUTES_PER_CLASS = 40;
export const MAX_CHOICE_OPTIONS = 50;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

const text = (key: string, label: string, required = false): AttributeDef => ({
  key,
  label,
  type: 'text',
  required,
});
const num = (key: string, label: string): AttributeDef => ({ key, label, type: 'number', required: false });
const yesNo = (key: string, label: string): AttributeDef => ({
  key,
  label,
  type: 'boolean',
  required: false,
});
const choice = (key: string, label: string, options: string[], required = false): AttributeDef => ({
  key,
  label,
  type: 'choice',
  required,
  options,
});

const HARDWARE = [text('manufacturer', 'Manufacturer'), text('model', 'Model')];

/** Keys follow what the team's data already holds (ram_gb, cpu_cores, …). */
export const BUILTIN_CLASS_ATTRIBUTES: Readonly<ClassDefinitions> = {
  business_service: [
    choice('criticality', 'Criticality', ['low', 'medium', 'high', 'critical'], true),
    text('hours', 'Service hours'),
    text('service_owner', 'Service owner'),
  ],
  application: [
    text('vendor', 'Vendor'),
    text('version', 'Version'),
    yesNo('saas', 'SaaS'),
    text('url', 'URL'),
  ],
  database: [text('engine', 'Engine'), text('version', 'Version'), num('size_gb', 'Size (GB)')],
  server: [
    ...HARDWARE,
    text('os', 'Operating system'),
    num('cpu_cores', 'CPU cores'),
    num('ram_gb', 'RAM (GB)'),
    choice('virtual', 'Physical or virtual', ['physical', 'virtual']),
    text('hostname', 'Host name'),
    text('ip', 'IP address'),
    choice('environment', 'Environment', ['production', 'staging', 'test', 'development']),
  ],
  laptop: [...HARDWARE, text('os', 'Operating system'), text('cpu', 'CPU'), num('ram_gb', 'RAM (GB)')],
  desktop: [...HARDWARE, text('os', 'Operating system'), text('cpu', 'CPU'), num('ram_gb', 'RAM (GB)')],
  mobile: [
    ...HARDWARE,
    text('os', 'Operating system'),
    yesNo('managed', 'Managed (MDM)'),
    text('phone', 'Phone number'),
  ],
  network: [...HARDWARE, text('ip', 'IP address'), text('firmware', 'Firmware'), num('ports', 'Ports')],
  printer: [...HARDWARE, text('ip', 'IP address'), yesNo('colour', 'Colour')],
  licence: [
    text('vendor', 'Vendor'),
    num('seats', 'Seats'),
    text('renewal', 'Renewal'),
    { ...text('expiry', 'Expiry'), type: 'date' },
  ],
  generic: [...HARDWARE],
};

export function builtinDefinitions(): ClassDefinitions {
  return Object.fromEntries(
    CI_CLASSES.map((c) => [c, BUILTIN_CLASS_ATTRIBUTES[c].map((a) => ({ ...a }))]),
  ) as ClassDefinitions;
}

/** Errors for one class's attribute list, keyed `<index>.<field>` (key, label, type, options). */
export function validateAttributeDefs(defs: unknown): FieldErrors {
  const errors: FieldErrors = {};
  if (!Array.isArray(defs)) return { list: 'Attributes must be a list.' };
  if (defs.length > MAX_ATTRIBUTES_PER_CLASS)
    errors.list = `At most ${MAX_ATTRIBUTES_PER_CLASS} attributes per class.`;
  const seen = new Set<string>();
  defs.forEach((raw: unknown, i) => {
    if (typeof raw !== 'object' || raw === null) {
      errors[`${i}.key`] = 'This attribute is malformed.';
      return;
    }
    const def = raw as Record<string, unknown>;
    const key = def.key;
    if (typeof key !== 'string' || !ATTRIBUTE_KEY_PATTERN.test(key)) {
      errors[`${i}.key`] = 'Key: a lower-case letter, then letters, digits or _ (at most 40).';
    } else if (seen.has(key)) {
      errors[`${i}.key`] = `The key “${key}” is used twice.`;
    } else {
      seen.add(key);
    }
    const label = typeof def.label === 'string' ? def.label.trim() : '';
    if (label === '') errors[`${i}.label`] = 'Label is required.';
    else if (label.length > ATTRIBUTE_LABEL_MAX)
      errors[`${i}.label`] = `Label must be at most ${ATTRIBUTE_LABEL_MAX} characters.`;
    if (!ATTRIBUTE_TYPES.includes(def.type as AttributeType)) errors[`${i}.type`] = 'Choose a type.';
    if (typeof def.required !== 'boolean') errors[`${i}.required`] = 'Required must be yes or no.';
    if (def.type === 'choice') {
      const options = def.options;
      if (!Array.isArray(options) || options.length === 0) {
        errors[`${i}.options`] = 'A choice needs at least one option.';
      } else if (options.length > MAX_CHOICE_OPTIONS) {
        errors[`${i}.options`] = `At most ${MAX_CHOICE_OPTIONS} options.`;
      } else if (
        options.some((o) => typeof o !== 'string' || o.trim() === '' || o.length > ATTRIBUTE_LABEL_MAX)
      ) {
        errors[`${i}.options`] = `Options must be non-empty, at most ${ATTRIBUTE_LABEL_MAX} characters each.`;
      } else if (new Set(options.map((o: string) => o.trim().toLowerCase())).size !== options.length) {
        errors[`${i}.options`] = 'Options must differ from one another.';
      }
    }
  });
  return errors;
}

function cleanDef(def: AttributeDef): AttributeDef {
  const out: AttributeDef = { key: def.key, label: def.label.trim(), type: def.type, required: def.required };
  if (def.type === 'choice') out.options = (def.options ?? []).map((o) => o.trim());
  return out;
}

export interface ReadDefinitions {
  definitions: ClassDefinitions;
  /** Classes whose stored override was malformed and ignored (built-ins used instead). */
  ignored: CiClass[];
  /** Classes that use an admin's list rather than the built-in one. */
  overridden: CiClass[];
}

/**
 * The effective attributes of every class from the setting value `{ classes: { server: [...] } }`.
 * Anything unreadable falls back to the built-ins, class by class.
 */
export function readClassDefinitions(value: unknown): ReadDefinitions {
  const definitions = builtinDefinitions();
  const ignored: CiClass[] = [];
  const overridden: CiClass[] = [];
  const classes =
    typeof value === 'object' && value !== null ? (value as { classes?: unknown }).classes : undefined;
  if (typeof classes !== 'object' || classes === null || Array.isArray(classes)) {
    return { definitions, ignored: value === undefined || value === null ? [] : [...CI_CLASSES], overridden };
  }
  for (const ciClass of CI_CLASSES) {
    if (!Object.prototype.hasOwnProperty.call(classes, ciClass)) continue;
    const list = (classes as Record<string, unknown>)[ciClass];
    if (Object.keys(validateAttributeDefs(list)).length > 0) {
      ignored.push(ciClass);
      continue;
    }
    definitions[ciClass] = (list as AttributeDef[]).map(cleanDef);
    overridden.push(ciClass);
  }
  return { definitions, ignored, overridden };
}

/** The setting value for `definitions`, keeping only classes that differ from the built-ins. */
export function classDefinitionsSetting(definitions: Partial<ClassDefinitions>): {
  classes: Record<string, AttributeDef[]>;
} {
  const classes: Record<string, AttributeDef[]> = {};
  for (const ciClass of CI_CLASSES) {
    const list = definitions[ciClass];
    if (!list) continue;
    const cleaned = list.map(cleanDef);
    if (JSON.stringify(cleaned) !== JSON.stringify(BUILTIN_CLASS_ATTRIBUTES[ciClass]))
      classes[ciClass] = cleaned;
  }
  return { classes };
}

// ---- Values

/** Whether a stored value is empty (absent, blank text). */
export function isBlankValue(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** A message for a value that does not fit its attribute, or null. */
export function checkAttributeValue(def: AttributeDef, value: unknown): string | null {
  if (isBlankValue(value)) return def.required ? `${def.label} is required.` : null;
  switch (def.type) {
    case 'text':
      if (typeof value !== 'string') return `${def.label} must be text.`;
      return value.length > ATTRIBUTE_TEXT_MAX
        ? `${def.label} must be at most ${ATTRIBUTE_TEXT_MAX} characters.`
        : null;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : `${def.label} must be a number.`;
    case 'boolean':
      return typeof value === 'boolean' ? null : `${def.label} must be yes or no.`;
    case 'date':
      return typeof value === 'string' && isCalendarDate(value)
        ? null
        : `${def.label} must be a date (YYYY-MM-DD).`;
    case 'choice':
      return typeof value === 'string' && (def.options ?? []).includes(value)
        ? null
        : `${def.label} must be one of: ${(def.options ?? []).join(', ')}.`;
  }
}

export function isCalendarDate(value: string): boolean {
  if (!DATE_PATTERN.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * Errors for a CI's attributes against its class, keyed `attributes.<key>`. Attributes the
 * class does not define are kept as they are (they may come from an older definition).
 */
export function validateAttributes(
  attributes: Record<string, unknown>,
  defs: readonly AttributeDef[],
): FieldErrors {
  const errors: FieldErrors = {};
  for (const def of defs) {
    const message = checkAttributeValue(def, attributes[def.key]);
    if (message) errors[`attributes.${def.key}`] = message;
  }
  for (const [key, value] of Object.entries(attributes)) {
    if (!ATTRIBUTE_KEY_PATTERN.test(key))
      errors[`attributes.${key}`] = `“${key}” is not a valid attribute name.`;
    else if (!['string', 'number', 'boolean'].includes(typeof value))
      errors[`attributes.${key}`] = `“${key}” has an unsupported value.`;
  }
  return errors;
}

/** Blank values are dropped, so "no value" is one state, not two. */
export function compactAttributes(
  attributes: Record<string, AttributeValue | null | undefined>,
): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (isBlankValue(value)) continue;
    out[key] = typeof value === 'string' ? value.trim() : (value as AttributeValue);
  }
  return out;
}

const YES = new Set(['yes', 'y', 'true', '1', 'on']);
const NO = new Set(['no', 'n', 'false', '0', 'off']);

/**
 * Reads typed text (a form field, a CSV cell) as the attribute's value: numbers accept a
 * decimal point or comma, yes/no accepts yes/no/true/false/1/0, choices match case-insensitively.
 * `undefined` = blank; a string error message when it cannot be read.
 */
export function parseAttributeText(
  def: AttributeDef,
  raw: string,
): { value?: AttributeValue; error?: string } {
  const text = raw.trim();
  if (text === '') return def.required ? { error: `${def.label} is required.` } : {};
  switch (def.type) {
    case 'text':
      return text.length > ATTRIBUTE_TEXT_MAX
        ? { error: `${def.label} must be at most ${ATTRIBUTE_TEXT_MAX} characters.` }
        : { value: text };
    case 'number': {
      const normalized = /^-?\d+,\d+$/.test(text) ? text.replace(',', '.') : text;
      const n = Number(normalized);
      return /^-?(\d+(\.\d+)?|\.\d+)$/.test(normalized) && Number.isFinite(n)
        ? { value: n }
        : { error: `${def.label} must be a number (got “${text}”).` };
    }
    case 'boolean': {
      const lower = text.toLowerCase();
      if (YES.has(lower)) return { value: true };
      if (NO.has(lower)) return { value: false };
      return { error: `${def.label} must be yes or no (got “${text}”).` };
    }
    case 'date':
      return isCalendarDate(text)
        ? { value: text }
        : { error: `${def.label} must be a date as YYYY-MM-DD (got “${text}”).` };
    case 'choice': {
      const match = (def.options ?? []).find((o) => o.toLowerCase() === text.toLowerCase());
      return match !== undefined
        ? { value: match }
        : { error: `${def.label} must be one of: ${(def.options ?? []).join(', ')} (got “${text}”).` };
    }
  }
}

/** A stored value as people read it (and as CSV exports write it). */
export function formatAttributeValue(value: AttributeValue | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}
