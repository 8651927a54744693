/**
 * The columns of a CI spreadsheet: what each imported column can mean, the suggestion made
 * from a header, and the export layout (the same headers, so an export imports back unchanged).
 */
import { formatAttributeValue, type ClassDefinitions } from './ciClasses';
import { formatCost, formatDay } from './cmdb';
import { CI_CLASS_LABELS, CI_STATE_LABELS } from './labels';
import { CI_CLASSES, type CiDoc } from './model';

export const IMPORT_FIELDS = [
  {
    key: 'assetTag',
    label: 'Asset tag',
    synonyms: ['tag', 'asset', 'asset no', 'asset number', 'asset id', 'barcode', 'inventory number'],
  },
  {
    key: 'name',
    label: 'Name',
    synonyms: ['ci', 'ci name', 'item', 'item name', 'device', 'device name', 'display name'],
  },
  { key: 'ciClass', label: 'Class', synonyms: ['ci class', 'type', 'ci type', 'kind', 'category'] },
  { key: 'state', label: 'State', synonyms: ['status', 'lifecycle', 'lifecycle state'] },
  { key: 'serial', label: 'Serial number', synonyms: ['serial', 'serial no', 'sn', 's n'] },
  { key: 'location', label: 'Location', synonyms: ['site', 'office', 'building'] },
  { key: 'owner', label: 'Owner', synonyms: ['owned by', 'owner group', 'owning team', 'team'] },
  { key: 'assignee', label: 'Assigned to', synonyms: ['assignee', 'user', 'assigned user', 'used by'] },
  { key: 'model', label: 'Model', synonyms: ['model name'] },
  { key: 'vendor', label: 'Vendor', synonyms: ['supplier', 'reseller'] },
  { key: 'cost', label: 'Cost', synonyms: ['price', 'purchase cost', 'purchase price', 'value'] },
  { key: 'purchaseDate', label: 'Purchase date', synonyms: ['purchased', 'bought', 'purchased on'] },
  {
    key: 'warrantyEnd',
    label: 'Warranty end',
    synonyms: ['warranty', 'warranty expiry', 'warranty expires', 'warranty until'],
  },
  { key: 'disposalDate', label: 'Disposal date', synonyms: ['disposed', 'disposed on'] },
  { key: 'disposalMethod', label: 'Disposal method', synonyms: ['disposal'] },
] as const;

export type ImportFieldKey = (typeof IMPORT_FIELDS)[number]['key'];
/** A column's meaning: a field, `attr:<key>` for an attribute, or '' to ignore it. */
export type ColumnTarget = ImportFieldKey | `attr:${string}` | '';

export const ATTRIBUTE_HEADER_PREFIX = 'attr.';

export function fieldLabel(target: ColumnTarget): string {
  if (target === '') return 'Ignored';
  if (target.startsWith('attr:')) return `Attribute ${target.slice(5)}`;
  return IMPORT_FIELDS.find((f) => f.key === target)?.label ?? target;
}

export interface TargetOption {
  value: ColumnTarget;
  label: string;
}

/** Every target a column can take: the fields, then each attribute key of any class. */
export function targetOptions(
  definitions: ClassDefinitions,
  extraKeys: readonly string[] = [],
): TargetOption[] {
  const options: TargetOption[] = [{ value: '', label: 'Ignore this column' }];
  for (const f of IMPORT_FIELDS) options.push({ value: f.key, label: f.label });
  const labels = new Map<string, string>();
  for (const ciClass of CI_CLASSES) {
    for (const def of definitions[ciClass]) if (!labels.has(def.key)) labels.set(def.key, def.label);
  }
  for (const key of extraKeys) if (!labels.has(key)) labels.set(key, key);
  for (const [key, label] of [...labels].sort((a, b) => a[1].localeCompare(b[1]))) {
    options.push({ value: `attr:${key}`, label: `Attribute: ${label} (${key})` });
  }
  return options;
}

function norm(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * A target per header, guessed from its name: field labels and synonyms, then attribute keys
 * and labels (`attr.ram_gb`, `ram_gb`, `RAM (GB)`). Each target is given to one column only.
 */
export function suggestMapping(headers: readonly string[], definitions: ClassDefinitions): ColumnTarget[] {
  const candidates = new Map<string, ColumnTarget>();
  const offer = (text: string, target: ColumnTarget) => {
    const key = norm(text);
    if (key && !candidates.has(key)) candidates.set(key, target);
  };
  for (const f of IMPORT_FIELDS) {
    offer(f.label, f.key);
    offer(f.key, f.key);
  }
  for (const f of IMPORT_FIELDS) for (const s of f.synonyms) offer(s, f.key);
  for (const ciClass of CI_CLASSES) {
    for (const def of definitions[ciClass]) {
      offer(def.key, `attr:${def.key}`);
      offer(def.label, `attr:${def.key}`);
    }
  }
  const used = new Set<ColumnTarget>();
  return headers.map((header) => {
    const trimmed = header.trim();
    let target: ColumnTarget = '';
    if (
      trimmed.toLowerCase().startsWith(ATTRIBUTE_HEADER_PREFIX) &&
      trimmed.length > ATTRIBUTE_HEADER_PREFIX.length
    ) {
      target = `attr:${trimmed.slice(ATTRIBUTE_HEADER_PREFIX.length).trim()}`;
    } else {
      target = candidates.get(norm(trimmed)) ?? '';
    }
    if (target === '' || used.has(target)) return '';
    used.add(target);
    return target;
  });
}

// ---- Export

export interface ExportNames {
  nameOf: (id: string) => string;
}

/** Attribute keys in class-definition order, then any others alphabetically. */
function attributeColumns(cis: readonly CiDoc[], definitions: ClassDefinitions): string[] {
  const present = new Set<string>();
  for (const ci of cis) for (const key of Object.keys(ci.attributes)) present.add(key);
  const ordered: string[] = [];
  for (const ciClass of CI_CLASSES) {
    for (const def of definitions[ciClass])
      if (present.has(def.key) && !ordered.includes(def.key)) ordered.push(def.key);
  }
  const rest = [...present].filter((k) => !ordered.includes(k)).sort();
  return [...ordered, ...rest];
}

/** Header row then one row per CI; people and places by name, money in major units, days ISO. */
export function exportRows(
  cis: readonly CiDoc[],
  definitions: ClassDefinitions,
  names: ExportNames,
): string[][] {
  const attrs = attributeColumns(cis, definitions);
  const header = [
    ...IMPORT_FIELDS.map((f) => f.label),
    ...attrs.map((k) => `${ATTRIBUTE_HEADER_PREFIX}${k}`),
  ];
  const rows = cis.map((ci) => [
    ci.assetTag,
    ci.name,
    CI_CLASS_LABELS[ci.ciClass] ?? ci.ciClass,
    CI_STATE_LABELS[ci.state] ?? ci.state,
    ci.serial,
    ci.locationId ? names.nameOf(ci.locationId) : '',
    ci.ownerId ? names.nameOf(ci.ownerId) : '',
    ci.assigneeId ? names.nameOf(ci.assigneeId) : '',
    ci.model ?? '',
    ci.vendor ?? '',
    formatCost(ci.cost),
    formatDay(ci.purchaseDate),
    formatDay(ci.warrantyEnd),
    formatDay(ci.disposalDate),
    ci.disposalMethod ?? '',
    ...attrs.map((k) => formatAttributeValue(ci.attributes[k])),
  ]);
  return [header, ...rows];
}
