/** Typed edges between any two documents (CI depends on CI, ticket affects CI, ...). */
import type { RxJsonSchema } from 'rxdb';
import { RELATION_TYPES, type RelationDoc } from '../../../shared/domain/model';
import { enumField, idField, timeField, typeField } from './common';

export const relationsSchema: RxJsonSchema<RelationDoc> = {
  title: 'relations',
  description: 'Typed edges between two documents, keyed by id',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idField(),
    type: typeField('relation'),
    fromId: idField(),
    toId: idField(),
    relType: enumField(RELATION_TYPES),
    createdAt: timeField(),
    updatedAt: timeField(),
    updatedBy: idField(),
  },
  required: ['id', 'type', 'fromId', 'toId', 'relType', 'createdAt', 'updatedAt', 'updatedBy'],
  // Edges are walked both ways (impact analysis upstream and downstream).
  indexes: [['fromId'], ['toId']],
  additionalProperties: false,
};
