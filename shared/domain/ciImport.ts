/**
 * Planning a CI import: each CSV row becomes a new CI, an update of the CI with the same asset
 * tag (or, without a tag, the same class and name), "unchanged", or a list of errors that name
 * the row and the field. Planning writes nothing; the data layer writes the plan in bulk.
 * Rows are fed one at a time so a large file is never held whole.
 *
 * Blank cells leave a field as it is (an update never erases by omission). Cells escaped
 * against formulas on export (`'=…`) are read back unescaped.
 */
import { isBlankValue, parseAttributeText, type AttributeValue, type ClassDefinitions } from './ciClasses';
import { fieldLabel, type ColumnTarget, type ImportFieldKey } from './ciColumns';
import { applyCiEdit, buildCi, parseCost, parseDay, type CiPatch, type CiRefs } from './cmdb';
import { unescapeFormula } from './csv';
import { CI_STATE_LABELS } from './labels';
import { classFromText, stateFromText, type Lookup } from './ciLookup';
import { CI_CLASSES, CI_STATES, type CiClass, type CiDoc, type FieldChange } from './model';
import { REPLACEMENT_CHAR } from './utf8';

export interface ImportError {
  row: number;
  /** The field's label, and the column it came from when there is one. */
  field: string;
  column: string;
  message: string;
}

export type RowOutcome = 'new' | 'updated' | 'unchanged' | 'error';

export interface PlannedRow {
  row: number;
  outcome: RowOutcome;
  name: string;
  assetTag: string;
  ciClass: CiClass | '';
  changes: FieldChange[];
  errors: ImportError[];
  warnings: string[];
}

export interface PlannedWrite {
  row: number;
  ci: CiDoc;
  created: boolean;
  changes: FieldChange[];
}

export interface ImportCounts {
  rows: number;
  new: number;
  updated: number;
  unchanged: number;
  errors: number;
}

export interface ImportPlan {
  counts: ImportCounts;
  /** The first rows, as the preview shows them. */
  preview: PlannedRow[];
  /** Every error, in row order. */
  errors: ImportError[];
  warnings: { row: number; message: string }[];
  /** What importing the valid rows writes. */
  writes: PlannedWrite[];
}

export interface ImportContext {
  definitions: ClassDefinitions;
  existingByTag: ReadonlyMap<string, CiDoc>;
  /** Untagged CIs by `${ciClass}:${lowercase name}`; several = ambiguous. */
  untaggedByName: ReadonlyMap<string, CiDoc[]>;
  locations: Lookup;
  owners: Lookup;
  users: Lookup;
  refs: CiRefs;
  now: number;
  userId: string;
  newId: () => string;
  previewRows?: number;
}

export const DEFAULT_PREVIEW_ROWS = 20;

export class ImportPlanner {
  private readonly counts: ImportCounts = { rows: 0, new: 0, updated: 0, unchanged: 0, errors: 0 };
  private readonly preview: PlannedRow[] = [];
  private readonly errors: ImportError[] = [];
  private readonly warnings: { row: number; message: string }[] = [];
  private readonly writes: PlannedWrite[] = [];
  /** Keys already claimed by an earlier row of this file -> that row. */
  private readonly claimed = new Map<string, number>();
  private readonly columnOf = new Map<ColumnTarget, number>();

  constructor(
    private readonly headers: readonly string[],
    mapping: readonly ColumnTarget[],
    private readonly ctx: ImportContext,
  ) {
    mapping.forEach((target, i) => {
      if (target !== '' && !this.columnOf.has(target)) this.columnOf.set(target, i);
    });
  }

  private labelFor(target: ColumnTarget): string {
    if (!target.startsWith('attr:')) return fieldLabel(target);
    const key = target.slice(5);
    for (const ciClass of CI_CLASSES) {
      const def = this.ctx.definitions[ciClass].find((d) => d.key === key);
      if (def) return def.label;
    }
    return key;
  }

  /** Whether every required column is mapped: a tag or a name to find rows by. */
  static mappingErrors(mapping: readonly ColumnTarget[]): string[] {
    const problems: string[] = [];
    if (!mapping.includes('assetTag') && !mapping.includes('name'))
      problems.push('Map a column to Asset tag or Name.');
    const seen = new Set<ColumnTarget>();
    for (const t of mapping) {
      if (t !== '' && seen.has(t)) problems.push(`Two columns are mapped to ${fieldLabel(t)}.`);
      seen.add(t);
    }
    return problems;
  }

  addRow(fields: readonly string[], row: number): void {
    this.counts.rows++;
    const planned: PlannedRow = {
      row,
      outcome: 'error',
      name: '',
      assetTag: '',
      ciClass: '',
      changes: [],
      errors: [],
      warnings: [],
    };
    const fail = (target: ColumnTarget | 'row', message: string) => {
      const index = target === 'row' ? undefined : this.columnOf.get(target);
      planned.errors.push({
        row,
        field: target === 'row' ? 'Row' : this.labelFor(target),
        column: index === undefined ? '' : (this.headers[index] ?? ''),
        message,
      });
    };
    const cell = (target: ColumnTarget): string => {
      const index = this.columnOf.get(target);
      return index === undefined ? '' : unescapeFormula((fields[index] ?? '').trim());
    };

    if (fields.length !== this.headers.length) {
      fail('row', `This row has ${fields.length} cells; the header has ${this.headers.length}.`);
    }
    if (fields.some((f) => f.includes(REPLACEMENT_CHAR))) {
      planned.warnings.push(
        'Some characters could not be read (the file is not valid UTF-8) and were replaced by �.',
      );
    }
    if (planned.errors.length === 0) this.planRow(planned, cell, fail);
    this.finish(planned);
  }

  private planRow(
    planned: PlannedRow,
    cell: (t: ColumnTarget) => string,
    fail: (t: ColumnTarget, m: string) => void,
  ): void {
    const ctx = this.ctx;
    const tag = cell('assetTag');
    const name = cell('name');
    planned.assetTag = tag;
    planned.name = name;

    let ciClass: CiClass | undefined;
    const classText = cell('ciClass');
    if (classText) {
      ciClass = classFromText(classText);
      if (!ciClass) fail('ciClass', `“${classText}” is not a class (e.g. Server, Laptop, Business service).`);
    }

    // Which existing CI this row is.
    let existing: CiDoc | undefined;
    let key: string;
    if (tag) {
      existing = ctx.existingByTag.get(tag);
      key = `tag:${tag}`;
    } else if (name) {
      const matches = [...(ciClass ? [ciClass] : CI_CLASSES)].flatMap(
        (c) => ctx.untaggedByName.get(`${c}:${name.toLowerCase()}`) ?? [],
      );
      if (matches.length > 1)
        fail('name', `Several items without a tag are called “${name}”; add their asset tags.`);
      existing = matches[0];
      key = `name:${ciClass ?? existing?.ciClass ?? ''}:${name.toLowerCase()}`;
    } else {
      fail('assetTag', 'Each row needs an asset tag or a name.');
      return;
    }
    const earlier = this.claimed.get(key);
    if (earlier !== undefined) {
      fail(
        tag ? 'assetTag' : 'name',
        `${tag ? `Asset tag ${tag}` : `“${name}”`} is already on row ${earlier} of this file.`,
      );
    } else {
      this.claimed.set(key, planned.row);
    }

    const patch: CiPatch = {};
    if (ciClass) patch.ciClass = ciClass;
    if (name) patch.name = name;
    if (tag) patch.assetTag = tag;
    const text = (target: ImportFieldKey, field: 'serial' | 'model' | 'vendor' | 'disposalMethod') => {
      const value = cell(target);
      if (value) patch[field] = value;
    };
    text('serial', 'serial');
    text('model', 'model');
    text('vendor', 'vendor');
    text('disposalMethod', 'disposalMethod');
    const stateText = cell('state');
    if (stateText) {
      const state = stateFromText(stateText);
      if (state) patch.state = state;
      else
        fail(
          'state',
          `“${stateText}” is not a state (${CI_STATES.map((s) => CI_STATE_LABELS[s]).join(', ')}).`,
        );
    }
    const ref = (target: ImportFieldKey, lookup: Lookup, field: 'locationId' | 'ownerId' | 'assigneeId') => {
      const value = cell(target);
      if (!value) return;
      const found = lookup.find(value);
      if ('error' in found) fail(target, found.error);
      else patch[field] = found.id;
    };
    ref('location', ctx.locations, 'locationId');
    ref('owner', ctx.owners, 'ownerId');
    ref('assignee', ctx.users, 'assigneeId');
    const costText = cell('cost');
    if (costText) {
      const cost = parseCost(costText);
      if ('error' in cost) fail('cost', cost.error);
      else patch.cost = cost.value;
    }
    for (const [target, field] of [
      ['purchaseDate', 'purchaseDate'],
      ['warrantyEnd', 'warrantyEnd'],
      ['disposalDate', 'disposalDate'],
    ] as const) {
      const value = cell(target);
      if (!value) continue;
      const day = parseDay(value);
      if ('error' in day) fail(target, day.error);
      else patch[field] = day.value;
    }

    const effectiveClass = ciClass ?? existing?.ciClass;
    if (!existing && !ciClass && !classText) fail('ciClass', 'A new item needs a class.');
    if (!existing && !name) fail('name', 'A new item needs a name.');
    planned.ciClass = effectiveClass ?? '';

    const attributes: Record<string, AttributeValue> = { ...(existing?.attributes ?? {}) };
    const defs = effectiveClass ? ctx.definitions[effectiveClass] : [];
    for (const [target] of this.columnOf) {
      if (!target.startsWith('attr:')) continue;
      const attrKey = target.slice(5);
      const raw = cell(target);
      if (raw === '') continue;
      const def = defs.find((d) => d.key === attrKey);
      if (!def) {
        // Not defined for this class: kept as text, unless the stored value already reads the same.
        const before = attributes[attrKey];
        if (isBlankValue(before) || String(before) !== raw) attributes[attrKey] = raw;
        continue;
      }
      const parsed = parseAttributeText(def, raw);
      if (parsed.error) fail(target, parsed.error);
      else if (parsed.value !== undefined) attributes[attrKey] = parsed.value;
    }
    patch.attributes = attributes;
    if (planned.errors.length > 0) return;

    const base = { now: ctx.now, userId: ctx.userId, definitions: ctx.definitions, refs: ctx.refs };
    if (existing) {
      const edited = applyCiEdit(existing, patch, base);
      if (!edited.ok) return this.fieldErrors(edited.errors, fail);
      planned.changes = edited.changes;
      planned.outcome = edited.changes.length === 0 ? 'unchanged' : 'updated';
      if (edited.changes.length > 0)
        this.writes.push({ row: planned.row, ci: edited.ci, created: false, changes: edited.changes });
      return;
    }
    const built = buildCi(
      {
        ciClass: effectiveClass!,
        name,
        assetTag: tag,
        serial: patch.serial ?? '',
        state: patch.state,
        locationId: patch.locationId ?? '',
        ownerId: patch.ownerId ?? '',
        attributes,
        model: patch.model,
        vendor: patch.vendor,
        cost: patch.cost,
        purchaseDate: patch.purchaseDate,
        warrantyEnd: patch.warrantyEnd,
      },
      { ...base, id: ctx.newId() },
    );
    if (!built.ok) return this.fieldErrors(built.errors, fail);
    const ci: CiDoc = { ...built.ci };
    if (patch.assigneeId) ci.assigneeId = patch.assigneeId;
    if (patch.disposalDate) ci.disposalDate = patch.disposalDate;
    if (patch.disposalMethod) ci.disposalMethod = patch.disposalMethod;
    planned.outcome = 'new';
    this.writes.push({ row: planned.row, ci, created: true, changes: [] });
  }

  /** Domain errors (keyed by document field) reported against the column that fed the field. */
  private fieldErrors(
    errors: Record<string, string | undefined>,
    fail: (t: ColumnTarget, m: string) => void,
  ): void {
    const byField: Record<string, ColumnTarget> = {
      ciClass: 'ciClass',
      name: 'name',
      assetTag: 'assetTag',
      serial: 'serial',
      state: 'state',
      locationId: 'location',
      ownerId: 'owner',
      assigneeId: 'assignee',
      model: 'model',
      vendor: 'vendor',
      cost: 'cost',
      purchaseDate: 'purchaseDate',
      warrantyEnd: 'warrantyEnd',
      disposalDate: 'disposalDate',
      disposalMethod: 'disposalMethod',
    };
    for (const [field, message] of Object.entries(errors)) {
      if (!message) continue;
      const target: ColumnTarget = field.startsWith('attributes.')
        ? `attr:${field.slice(11)}`
        : (byField[field] ?? 'name');
      fail(target, message);
    }
  }

  private finish(planned: PlannedRow): void {
    if (planned.errors.length > 0) {
      planned.outcome = 'error';
      this.counts.errors++;
      this.errors.push(...planned.errors);
    } else {
      this.counts[planned.outcome as Exclude<RowOutcome, 'error'>]++;
    }
    for (const message of planned.warnings) this.warnings.push({ row: planned.row, message });
    if (this.preview.length < (this.ctx.previewRows ?? DEFAULT_PREVIEW_ROWS)) this.preview.push(planned);
  }

  result(): ImportPlan {
    return {
      counts: { ...this.counts },
      preview: this.preview.slice(),
      errors: this.errors.slice(),
      warnings: this.warnings.slice(),
      writes: this.writes.slice(),
    };
  }
}

export { buildLookup, type Lookup } from './ciLookup';
