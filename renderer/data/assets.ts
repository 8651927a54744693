/**
 * Asset repository: the asset views' data and lifecycle state changes. The rules are the
 * domain's (shared/domain/assets.ts); this file reads the facts they need, writes the CI and
 * its history entry.
 */
import { map, type Observable } from 'rxjs';
import { planStateChange, type PeopleFacts, type StateChangeInput } from '../../shared/domain/assets';
import { ID_PREFIX, newId } from '../../shared/domain/ids';
import type { ActivityDoc, CiDoc, FieldChange } from '../../shared/domain/model';
import { FORM_ERROR_KEY, type FieldErrors } from '../../shared/domain/validation';
import type { OutpostDatabase } from './database';
import { cryptoRandom } from './random';
import type { Session, WriteOptions } from './tickets';

/** Every CI with an asset tag, live, in tag order (served by the assetTag index). */
export function observeAssets(db: OutpostDatabase): Observable<CiDoc[]> {
  return db.cis
    .find({ selector: { assetTag: { $gt: '' } }, sort: [{ assetTag: 'asc' }], index: ['assetTag'] })
    .$.pipe(map((docs) => docs.map((doc) => doc.toMutableJSON())));
}

/** One CI, live; null while it does not exist. */
export function observeCi(db: OutpostDatabase, id: string): Observable<CiDoc | null> {
  return db.cis.findOne(id).$.pipe(map((doc) => (doc ? doc.toMutableJSON() : null)));
}

/** Which ids are locations and which are users, from the people collection. */
export async function peopleFacts(db: OutpostDatabase, ids: readonly string[]): Promise<PeopleFacts> {
  const wanted = [...new Set(ids.filter((id) => id !== ''))];
  const found = wanted.length > 0 ? await db.people.findByIds(wanted).exec() : new Map();
  const kindOf = (id: string) => found.get(id)?.personKind as string | undefined;
  return {
    isLocation: (id) => kindOf(id) === 'location',
    isUser: (id) => kindOf(id) === 'user',
  };
}

class ChangeRefused extends Error {
  constructor(readonly errors: FieldErrors) {
    super('change refused');
  }
}

export type ChangeStateResult =
  { ok: true; ci: CiDoc; changes: FieldChange[] } | { ok: false; errors: FieldErrors };

/**
 * Moves an asset to another lifecycle state with the fields that state requires, and records
 * the change in the CI's history. Planned again on the newest stored state, so a change made
 * meanwhile elsewhere is checked, not overwritten.
 */
export async function changeAssetState(
  db: OutpostDatabase,
  ciId: string,
  input: StateChangeInput,
  session: Session,
  options: WriteOptions = {},
): Promise<ChangeStateResult> {
  const doc = await db.cis.findOne(ciId).exec();
  if (!doc) return { ok: false, errors: { [FORM_ERROR_KEY]: 'This asset no longer exists.' } };
  const facts = await peopleFacts(db, [input.locationId ?? '', input.assigneeId ?? '']);
  const first = planStateChange(doc.toMutableJSON(), input, facts);
  if (!first.ok) return first;
  const now = options.now ?? Date.now();
  let changes: FieldChange[] = first.changes;
  let saved: CiDoc;
  try {
    const written = await doc.incrementalModify((latest) => {
      const plan = planStateChange(latest, input, facts);
      if (!plan.ok) throw new ChangeRefused(plan.errors);
      changes = plan.changes;
      return { ...latest, ...plan.patch, updatedAt: now, updatedBy: session.userId };
    });
    saved = written.toMutableJSON();
  } catch (err) {
    if (err instanceof ChangeRefused) return { ok: false, errors: err.errors };
    throw err;
  }
  await addChangeEntry(db, ciId, changes, '', session, now);
  return { ok: true, ci: saved, changes };
}

/** A `change` history entry on a CI or an audit (append-only, like every activity). */
export async function addChangeEntry(
  db: OutpostDatabase,
  parentId: string,
  changes: FieldChange[],
  body: string,
  session: Session,
  now: number,
): Promise<ActivityDoc> {
  const activity: ActivityDoc = {
    id: newId(ID_PREFIX.activity, now, cryptoRandom),
    type: 'activity',
    parentId,
    kind: 'change',
    body,
    minutes: 0,
    changes,
    createdAt: now,
    createdBy: session.userId,
    updatedAt: now,
    updatedBy: session.userId,
  };
  await db.activities.insert(activity);
  return activity;
}
