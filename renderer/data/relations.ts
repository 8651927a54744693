/**
 * Relationships between CIs. Adding or removing one writes a history entry on both CIs, so each
 * page's history tells the whole story ("depends on ERP-PRD-DB" added / removed).
 */
import { combineLatest, map, type Observable } from 'rxjs';
import { ID_PREFIX, newId } from '../../shared/domain/ids';
import type { RelationDoc } from '../../shared/domain/model';
import {
  buildRelation,
  relationPhrase,
  validateRelation,
  type RelationInput,
} from '../../shared/domain/relations';
import { FORM_ERROR_KEY, type FieldErrors } from '../../shared/domain/validation';
import { historyEntry } from './cis';
import type { OutpostDatabase } from './database';
import { cryptoRandom } from './random';
import type { Session, WriteOptions } from './tickets';

/** Every edge touching `ciId`, either way, live (the fromId and toId indexes). */
export function observeRelationsOf(db: OutpostDatabase, ciId: string): Observable<RelationDoc[]> {
  const from$ = db.relations.find({ selector: { fromId: ciId }, index: ['fromId'] }).$;
  const to$ = db.relations.find({ selector: { toId: ciId }, index: ['toId'] }).$;
  return combineLatest([from$, to$]).pipe(
    map(([from, to]) => {
      const byId = new Map<string, RelationDoc>();
      for (const doc of [...from, ...to]) byId.set(doc.id, doc.toMutableJSON());
      return [...byId.values()];
    }),
  );
}

async function edgesOf(db: OutpostDatabase, ids: string[]): Promise<RelationDoc[]> {
  const [from, to] = await Promise.all([
    db.relations.find({ selector: { fromId: { $in: ids } }, index: ['fromId'] }).exec(),
    db.relations.find({ selector: { toId: { $in: ids } }, index: ['toId'] }).exec(),
  ]);
  return [...from, ...to].map((d) => d.toMutableJSON());
}

async function namesOf(db: OutpostDatabase, ids: string[]): Promise<Map<string, string>> {
  const found = await db.cis.findByIds(ids).exec();
  return new Map([...found.values()].map((d) => [d.id, d.name]));
}

/** History lines for both ends: "depends on B" on A's page, "is depended on by A" on B's. */
function historyFor(
  relation: RelationDoc,
  names: Map<string, string>,
  added: boolean,
  now: number,
  userId: string,
) {
  const line = (fromSide: boolean) =>
    `${relationPhrase(relation.relType, fromSide)} ${names.get(fromSide ? relation.toId : relation.fromId) ?? '?'}`;
  const change = (text: string) => [
    { field: 'relation', from: added ? null : text, to: added ? text : null },
  ];
  return [
    historyEntry(relation.fromId, 'change', change(line(true)), now, userId),
    historyEntry(relation.toId, 'change', change(line(false)), now, userId),
  ];
}

export type AddRelationResult = { ok: true; relation: RelationDoc } | { ok: false; errors: FieldErrors };

export async function addRelation(
  db: OutpostDatabase,
  input: RelationInput,
  session: Session,
  options: WriteOptions = {},
): Promise<AddRelationResult> {
  const ids = [...new Set([input.fromId, input.toId].filter(Boolean))];
  const [names, existing] = await Promise.all([namesOf(db, ids), edgesOf(db, ids)]);
  const errors = validateRelation(input, existing, (id) => names.has(id));
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const now = options.now ?? Date.now();
  const relation = buildRelation(input, {
    id: newId(ID_PREFIX.relation, now, cryptoRandom),
    now,
    userId: session.userId,
  });
  await db.relations.insert(relation);
  await db.activities.bulkInsert(historyFor(relation, names, true, now, session.userId));
  return { ok: true, relation };
}

export type RemoveRelationResult = { ok: true } | { ok: false; errors: FieldErrors };

/** Deletes an edge; the tombstone carries who removed it, so the server can check the role. */
export async function removeRelation(
  db: OutpostDatabase,
  id: string,
  session: Session,
  options: WriteOptions = {},
): Promise<RemoveRelationResult> {
  const doc = await db.relations.findOne(id).exec();
  if (!doc) return { ok: false, errors: { [FORM_ERROR_KEY]: 'This relationship no longer exists.' } };
  const now = options.now ?? Date.now();
  const relation = doc.toMutableJSON();
  const names = await namesOf(db, [relation.fromId, relation.toId]);
  const stamped = await doc.incrementalPatch({
    updatedAt: Math.max(now, relation.updatedAt),
    updatedBy: session.userId,
  });
  await stamped.remove();
  const ends = historyFor(relation, names, false, now, session.userId).filter((a) => names.has(a.parentId));
  if (ends.length > 0) await db.activities.bulkInsert(ends);
  return { ok: true };
}
