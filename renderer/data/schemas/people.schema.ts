/** Users, groups and locations: everything a ticket or CI can point at as a party or place. */
import type { RxJsonSchema } from 'rxdb';
import { ROLES, type PersonDoc } from '../../../shared/domain/model';
import { enumField, idField, idListField, keyField, textField, timeField, typeField } from './common';

export const PERSON_NAME_MAX_LENGTH = 200;

export const peopleSchema: RxJsonSchema<PersonDoc> = {
  title: 'people',
  description: 'Users, groups and locations, keyed by id',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idField(),
    type: typeField('person'),
    personKind: enumField(['user', 'group', 'location']),
    name: keyField(PERSON_NAME_MAX_LENGTH),
    email: textField(),
    roles: { type: 'array', items: enumField(ROLES) },
    groupIds: idListField(),
    createdAt: timeField(),
    updatedAt: timeField(),
    updatedBy: idField(),
  },
  required: [
    'id',
    'type',
    'personKind',
    'name',
    'email',
    'roles',
    'groupIds',
    'createdAt',
    'updatedAt',
    'updatedBy',
  ],
  // Pickers list users / groups / locations alphabetically.
  indexes: [['personKind', 'name']],
  additionalProperties: false,
};
