/**
 * Audit campaigns: scope, the expected assets snapshot taken at the start, and state. Each scan
 * is a `scan` activity on the audit, so several auditors never edit the same document.
 *
 * Version history: v0 first release (name, state, locationId, expectedCiIds); v1 adds the
 * optional `scope`, `expected`, `startedAt`, `closedAt` and `appliedAt` (identity migration:
 * every v0 document is a valid v1 document, and the domain reads a missing scope from
 * `locationId`).
 */
import type { RxJsonSchema } from 'rxdb';
import { AUDIT_STATES, CI_CLASSES, type AuditDoc } from '../../../shared/domain/model';
import { enumField, idField, idListField, textField, timeField, typeField } from './common';

export const auditsSchema: RxJsonSchema<AuditDoc> = {
  title: 'audits',
  description: 'Audit campaigns, keyed by id',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idField(),
    type: typeField('audit'),
    name: textField(),
    state: enumField(AUDIT_STATES),
    locationId: idField(),
    expectedCiIds: idListField(),
    createdAt: timeField(),
    updatedAt: timeField(),
    updatedBy: idField(),
    scope: {
      type: 'object',
      properties: {
        locationId: { type: 'string', maxLength: 64 },
        ciClass: { type: 'string', enum: ['', ...CI_CLASSES] },
        ownerId: { type: 'string', maxLength: 64 },
      },
      required: ['locationId', 'ciClass', 'ownerId'],
      additionalProperties: false,
    },
    expected: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          ciId: { type: 'string', maxLength: 64 },
          assetTag: { type: 'string' },
          name: { type: 'string' },
          locationId: { type: 'string', maxLength: 64 },
        },
        required: ['ciId', 'assetTag', 'name', 'locationId'],
        additionalProperties: false,
      },
    },
    startedAt: timeField(),
    closedAt: timeField(),
    appliedAt: timeField(),
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
