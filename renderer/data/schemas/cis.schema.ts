/**
 * Configuration items and assets (CMDB + ITAM).
 *
 * Version history: v0 first release; v1 adds the optional asset fields (model, vendor, cost,
 * purchase date, warranty end, assignee, disposal date and method) and the [state, name] index
 * (identity migration: every v0 document is a valid v1 document).
 */
import type { RxJsonSchema } from 'rxdb';
import { CI_CLASSES, CI_STATES, type CiDoc } from '../../../shared/domain/model';
import { enumField, idField, keyField, textField, timeField, typeField } from './common';

export const CI_NAME_MAX_LENGTH = 200;
export const ASSET_TAG_MAX_LENGTH = 64;

export const cisSchema: RxJsonSchema<CiDoc> = {
  title: 'cis',
  description: 'Configuration items and assets, keyed by id',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idField(),
    type: typeField('ci'),
    ciClass: enumField(CI_CLASSES),
    name: keyField(CI_NAME_MAX_LENGTH),
    /** Empty string when the CI has no tag (IndexedDB cannot index a missing value). */
    assetTag: keyField(ASSET_TAG_MAX_LENGTH),
    serial: textField(),
    state: enumField(CI_STATES),
    locationId: idField(),
    ownerId: idField(),
    attributes: {
      type: 'object',
      additionalProperties: { type: ['string', 'number', 'boolean'] },
    },
    createdAt: timeField(),
    updatedAt: timeField(),
    updatedBy: idField(),
    model: textField(),
    vendor: textField(),
    /** Minor units (cents). */
    cost: { type: 'integer', minimum: 0 },
    purchaseDate: timeField(),
    warrantyEnd: timeField(),
    assigneeId: idField(),
    disposalDate: timeField(),
    disposalMethod: textField(),
  },
  required: [
    'id',
    'type',
    'ciClass',
    'name',
    'assetTag',
    'serial',
    'state',
    'locationId',
    'ownerId',
    'attributes',
    'createdAt',
    'updatedAt',
    'updatedBy',
  ],
  indexes: [
    ['ciClass', 'name'], // CMDB browser by class, alphabetical
    ['assetTag'], // scanner lookup during audits
    ['locationId', 'name'], // what is at this site
    ['state', 'name'], // stock and lifecycle views
  ],
  additionalProperties: false,
};
