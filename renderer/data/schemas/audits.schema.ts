/** Audit campaigns: scope (location, expected CIs) and state. Scans are activities. */
import type { RxJsonSchema } from 'rxdb';
import type { AuditDoc } from '../../../shared/domain/model';
import { enumField, idField, idListField, textField, timeField, typeField } from './common';

export const auditsSchema: RxJsonSchema<AuditDoc> = {
  title: 'audits',
  description: 'Audit campaigns, keyed by id',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idField(),
    type: typeField('audit'),
    name: textField(),
    state: enumField(['draft', 'running', 'closed']),
    locationId: idField(),
    expectedCiIds: idListField(),
    createdAt: timeField(),
    updatedAt: timeField(),
    updatedBy: idField(),
  },
  required: [
    'id',
    'type',
    'name',
    'state',
    'locationId',
    'expectedCiIds',
    'createdAt',
    'updatedAt',
    'updatedBy',
  ],
  // A team runs a handful of campaigns: no index beyond the primary key is worth its writes.
  indexes: [],
  additionalProperties: false,
};
