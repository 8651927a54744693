/**
 * Relationships between configuration items as typed, directed edges. An edge reads from its
 * `fromId` end ("ERP depends on SAP"); seen from the other end it reads the other way ("SAP is
 * depended on by ERP"), so labels depend on which CI's page shows the edge.
 */
import { RELATION_TYPES, type RelationDoc, type RelationType } from './model';
import type { FieldErrors } from './validation';

/** Types offered between two CIs; the others link tickets and articles. */
export const CI_RELATION_TYPES: readonly RelationType[] = [
  'depends_on',
  'runs_on',
  'hosted_on',
  'connected_to',
  'used_by',
  'licensed_to',
];

/** Edges that read the same both ways: A–B and B–A are one link. */
export const SYMMETRIC_TYPES: readonly RelationType[] = ['connected_to'];

export const RELATION_PHRASES: Readonly<Record<RelationType, { outgoing: string; incoming: string }>> = {
  depends_on: { outgoing: 'depends on', incoming: 'is depended on by' },
  runs_on: { outgoing: 'runs on', incoming: 'runs' },
  hosted_on: { outgoing: 'is hosted on', incoming: 'hosts' },
  connected_to: { outgoing: 'is connected to', incoming: 'is connected to' },
  used_by: { outgoing: 'is used by', incoming: 'uses' },
  licensed_to: { outgoing: 'is licensed to', incoming: 'holds a licence of' },
  affects: { outgoing: 'affects', incoming: 'is affected by' },
  caused_by: { outgoing: 'is caused by', incoming: 'causes' },
  solves: { outgoing: 'solves', incoming: 'is solved by' },
  implements: { outgoing: 'implements', incoming: 'is implemented by' },
};

/** How an edge reads from `viewpointId`'s side; unknown types (from a newer version) read raw. */
export function relationPhrase(relType: string, outgoing: boolean): string {
  const phrases = (RELATION_PHRASES as Record<string, { outgoing: string; incoming: string }>)[relType];
  if (!phrases) return relType;
  return outgoing ? phrases.outgoing : phrases.incoming;
}

export interface RelationInput {
  fromId: string;
  toId: string;
  relType: RelationType;
}

export interface RelationLike {
  id?: string;
  fromId: string;
  toId: string;
  relType: string;
}

/** Whether `a` and `b` are the same link (symmetric types match either way round). */
export function sameLink(a: RelationLike, b: RelationLike): boolean {
  if (a.relType !== b.relType) return false;
  if (a.fromId === b.fromId && a.toId === b.toId) return true;
  return SYMMETRIC_TYPES.includes(a.relType as RelationType) && a.fromId === b.toId && a.toId === b.fromId;
}

/**
 * Errors for a new link, keyed like the editor's fields (relType, toId). `existing` holds the
 * links already touching either end; `exists` says whether an id is a CI.
 */
export function validateRelation(
  input: RelationInput,
  existing: readonly RelationLike[],
  exists: (id: string) => boolean,
): FieldErrors {
  const errors: FieldErrors = {};
  if (!RELATION_TYPES.includes(input.relType)) errors.relType = 'Choose a relationship type.';
  if (!input.toId) errors.toId = 'Choose the other item.';
  else if (input.toId === input.fromId) errors.toId = 'An item cannot be related to itself.';
  else if (!exists(input.toId)) errors.toId = 'This item no longer exists.';
  if (!input.fromId || !exists(input.fromId)) errors.form = 'This item no longer exists.';
  if (Object.keys(errors).length === 0 && existing.some((r) => sameLink(r, input))) {
    errors.toId = 'This relationship already exists.';
  }
  return errors;
}

export function buildRelation(
  input: RelationInput,
  ctx: { id: string; now: number; userId: string },
): RelationDoc {
  return {
    id: ctx.id,
    type: 'relation',
    fromId: input.fromId,
    toId: input.toId,
    relType: input.relType,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    updatedBy: ctx.userId,
  };
}

export interface RelationView {
  relation: RelationLike & { id: string };
  /** The CI at the other end. */
  otherId: string;
  outgoing: boolean;
  phrase: string;
}

/** Links of one CI as its page lists them: grouped by phrase, then by the other end's name. */
export function relationsOf(
  ciId: string,
  relations: readonly (RelationLike & { id: string })[],
  nameOf: (id: string) => string,
): RelationView[] {
  const views: RelationView[] = [];
  for (const relation of relations) {
    if (relation.fromId !== ciId && relation.toId !== ciId) continue;
    const outgoing = relation.fromId === ciId;
    views.push({
      relation,
      otherId: outgoing ? relation.toId : relation.fromId,
      outgoing,
      phrase: relationPhrase(relation.relType, outgoing),
    });
  }
  return views.sort(
    (a, b) => a.phrase.localeCompare(b.phrase) || nameOf(a.otherId).localeCompare(nameOf(b.otherId)),
  );
}
