/**
 * Configuration items: pickers and the ticket page's CI list, plus the CMDB's writes. Every
 * rule comes from the domain (shared/domain/cmdb.ts, ciClasses.ts); this file reads the class
 * definitions and the directory, checks the asset tag is free, and writes the CI together with
 * its history entry.
 */
import { map, type Observable } from 'rxjs';
import {
  CI_CLASSES_SETTING_KEY,
  classDefinitionsSetting,
  readClassDefinitions,
  validateAttributeDefs,
  type ClassDefinitions,
  type ReadDefinitions,
} from '../../shared/domain/ciClasses';
import { applyCiEdit, buildCi, type CiInput, type CiPatch, type CiRefs } from '../../shared/domain/cmdb';
import { ID_PREFIX, newId } from '../../shared/domain/ids';
import {
  CI_CLASSES,
  type ActivityDoc,
  type CiDoc,
  type FieldChange,
  type PersonDoc,
} from '../../shared/domain/model';
import { FORM_ERROR_KEY, type FieldErrors } from '../../shared/domain/validation';
import type { OutpostDatabase } from './database';
import { cryptoRandom } from './random';
import { findSetting, observeSettings, saveSetting } from './settings';
import type { Session, WriteOptions } from './tickets';

/** The given CIs, live, in the order of `ids`; ids that do not exist (yet) are skipped. */
export function observeCisByIds(db: OutpostDatabase, ids: readonly string[]): Observable<CiDoc[]> {
  return db.cis
    .findByIds([...ids])
    .$.pipe(map((found) => ids.flatMap((id) => (found.has(id) ? [found.get(id)!.toMutableJSON()] : []))));
}

/** Every CI by class then name (served by the [ciClass, name] index), for pickers. */
export function observeCiChoices(db: OutpostDatabase): Observable<CiDoc[]> {
  return db.cis
    .find({ sort: [{ ciClass: 'asc' }, { name: 'asc' }], index: ['ciClass', 'name'] })
    .$.pipe(map((docs) => docs.map((doc) => doc.toMutableJSON())));
}

/** One CI as plain data, live; null while it does not exist (or after deletion). */
export function observeCi(db: OutpostDatabase, id: string): Observable<CiDoc | null> {
  return db.cis.findOne(id).$.pipe(map((doc) => (doc ? doc.toMutableJSON() : null)));
}

// ---- Class definitions (setting `ciClasses`)

export async function loadClassDefinitions(db: OutpostDatabase): Promise<ReadDefinitions> {
  const setting = await findSetting(db, CI_CLASSES_SETTING_KEY);
  const read = readClassDefinitions(setting?.value);
  if (read.ignored.length > 0) {
    // Surfaced, not swallowed: a malformed list from another device should show in the logs.
    console.warn(
      `Ignoring malformed CI class attributes for ${read.ignored.join(', ')}; using the built-ins.`,
    );
  }
  return read;
}

/** The effective definitions, live; the newest document wins when two devices created one. */
export function observeClassDefinitions(db: OutpostDatabase): Observable<ReadDefinitions> {
  return observeSettings(db).pipe(
    map((docs) => {
      let newest: (typeof docs)[number] | undefined;
      for (const doc of docs) {
        if (doc.key === CI_CLASSES_SETTING_KEY && (!newest || doc.updatedAt > newest.updatedAt)) newest = doc;
      }
      return readClassDefinitions(newest?.value);
    }),
  );
}

export type SaveClassesResult = { ok: true } | { ok: false; errors: FieldErrors };

/** Saves admin lists; errors are keyed `<class>.<index>.<field>`. Nothing is saved on error. */
export async function saveClassDefinitions(
  db: OutpostDatabase,
  definitions: Partial<ClassDefinitions>,
  session: Session,
  options: WriteOptions = {},
): Promise<SaveClassesResult> {
  const errors: FieldErrors = {};
  for (const ciClass of CI_CLASSES) {
    const list = definitions[ciClass];
    if (!list) continue;
    for (const [key, message] of Object.entries(validateAttributeDefs(list)))
      errors[`${ciClass}.${key}`] = message;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const current = (await loadClassDefinitions(db)).definitions;
  const saved = await saveSetting(
    db,
    CI_CLASSES_SETTING_KEY,
    classDefinitionsSetting({ ...current, ...definitions }),
    session,
    options,
  );
  return saved.ok ? { ok: true } : { ok: false, errors: { [FORM_ERROR_KEY]: saved.error } };
}

// ---- References and the asset tag

/** Who a CI may point at, from the people collection (a few hundred documents at most). */
export async function loadCiRefs(db: OutpostDatabase): Promise<CiRefs & { people: PersonDoc[] }> {
  const people = (await db.people.find().exec()).map((d) => d.toMutableJSON());
  const kind = new Map(people.map((p) => [p.id, p.personKind]));
  return {
    people,
    isLocation: (id) => kind.get(id) === 'location',
    isOwner: (id) => kind.get(id) === 'user' || kind.get(id) === 'group',
    isUser: (id) => kind.get(id) === 'user',
  };
}

/** Another CI that already carries `tag`, if any (asset tags are what scanners look up). */
export async function findCiByTag(db: OutpostDatabase, tag: string, exceptId = ''): Promise<CiDoc | null> {
  if (tag === '') return null;
  const docs = await db.cis.find({ selector: { assetTag: tag }, index: ['assetTag'] }).exec();
  const other = docs.find((d) => d.id !== exceptId);
  return other ? other.toMutableJSON() : null;
}

function tagTaken(other: CiDoc): FieldErrors {
  return { assetTag: `Asset tag ${other.assetTag} is already on ${other.name}.` };
}

export function historyEntry(
  parentId: string,
  kind: 'created' | 'change',
  changes: FieldChange[],
  now: number,
  userId: string,
  body = '',
): ActivityDoc {
  return {
    id: newId(ID_PREFIX.activity, now, cryptoRandom),
    type: 'activity',
    parentId,
    kind,
    body,
    minutes: 0,
    changes,
    createdAt: now,
    createdBy: userId,
    updatedAt: now,
    updatedBy: userId,
  };
}

// ---- Writes

export type CreateCiResult = { ok: true; ci: CiDoc } | { ok: false; errors: FieldErrors };
export type UpdateCiResult =
  { ok: true; ci: CiDoc; changes: FieldChange[] } | { ok: false; errors: FieldErrors };

export async function createCi(
  db: OutpostDatabase,
  input: CiInput,
  session: Session,
  options: WriteOptions = {},
): Promise<CreateCiResult> {
  const now = options.now ?? Date.now();
  const [{ definitions }, refs] = await Promise.all([loadClassDefinitions(db), loadCiRefs(db)]);
  const built = buildCi(input, {
    id: newId(ID_PREFIX.ci, now, cryptoRandom),
    now,
    userId: session.userId,
    definitions,
    refs,
  });
  if (!built.ok) return built;
  const other = await findCiByTag(db, built.ci.assetTag);
  if (other) return { ok: false, errors: tagTaken(other) };
  await db.cis.insert(built.ci);
  await db.activities.insert(historyEntry(built.ci.id, 'created', [], now, session.userId));
  return { ok: true, ci: built.ci };
}

/** Thrown inside incrementalModify to abandon a write when the latest state refuses the edit. */
class EditRefused extends Error {
  constructor(readonly errors: FieldErrors) {
    super('edit refused');
  }
}

function withoutDeleted(data: CiDoc & { _deleted?: boolean }): CiDoc {
  const { _deleted: _ignored, ...ci } = data;
  return ci;
}

/**
 * Applies `patch` and writes the CI plus one `change` activity listing every changed field.
 * The edit is re-applied on the newest stored state (another window may have written since).
 */
export async function updateCi(
  db: OutpostDatabase,
  id: string,
  patch: CiPatch,
  session: Session,
  options: WriteOptions = {},
): Promise<UpdateCiResult> {
  const doc = await db.cis.findOne(id).exec();
  if (!doc) return { ok: false, errors: { [FORM_ERROR_KEY]: 'This item no longer exists.' } };
  const [{ definitions }, refs] = await Promise.all([loadClassDefinitions(db), loadCiRefs(db)]);
  const ctx = { now: options.now ?? Date.now(), userId: session.userId, definitions, refs };
  const first = applyCiEdit(doc.toMutableJSON(), patch, ctx);
  if (!first.ok || first.changes.length === 0) return first;
  if (first.changes.some((c) => c.field === 'assetTag')) {
    const other = await findCiByTag(db, first.ci.assetTag, id);
    if (other) return { ok: false, errors: tagTaken(other) };
  }
  let outcome: UpdateCiResult = first;
  try {
    await doc.incrementalModify((latest) => {
      const result = applyCiEdit(withoutDeleted(latest), patch, ctx);
      if (!result.ok) throw new EditRefused(result.errors);
      outcome = result;
      return result.ci;
    });
  } catch (err) {
    if (err instanceof EditRefused) return { ok: false, errors: err.errors };
    throw err;
  }
  if (outcome.ok && outcome.changes.length > 0) {
    await db.activities.insert(
      historyEntry(id, 'change', outcome.changes, outcome.ci.updatedAt, session.userId),
    );
  }
  return outcome;
}
