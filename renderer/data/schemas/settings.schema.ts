/** Team settings: SLA policies, calendars, categories, priority matrix, templates. */
import type { RxJsonSchema } from 'rxdb';
import type { SettingDoc } from '../../../shared/domain/model';
import { idField, keyField, timeField, typeField } from './common';

/** Short enough that `set_<key>` fits the 64-character id (see saveSetting). */
export const SETTING_KEY_MAX_LENGTH = 60;

export const settingsSchema: RxJsonSchema<SettingDoc> = {
  title: 'settings',
  description: 'Team settings, one document per key (e.g. priorityMatrix)',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idField(),
    type: typeField('setting'),
    key: keyField(SETTING_KEY_MAX_LENGTH),
    // Shape depends on the key; the domain layer validates it (validatePriorityMatrix, ...).
    value: { type: 'object' },
    updatedAt: timeField(),
    updatedBy: idField(),
  },
  required: ['id', 'type', 'key', 'value', 'updatedAt', 'updatedBy'],
  indexes: [['key']],
  additionalProperties: false,
};
