/**
 * Activities: the append-only timeline of any record (comments, notes, worklogs, field
 * changes, merge notices, CAB votes, satisfaction surveys, escalations). Never edited after
 * creation, so replicas never conflict on them.
 *
 * Version history: v0 first release; v1 adds the kinds vote/survey/escalation and the optional
 * `vote` and `score` fields, and the knowledge kinds version/feedback/views with the optional
 * `snapshot`, `helpful` and `count` fields, and the audit kind scan with the optional `scanTag`,
 * `scanResult`, `scanLocationId`, `scanCiId` and `scanCiLocationId` fields (identity migration:
 * every v0 document is a valid v1 document).
 */
import type { RxJsonSchema } from 'rxdb';
import { ACTIVITY_KINDS, SCAN_RESULTS, VOTES, type ActivityDoc } from '../../../shared/domain/model';
import { enumField, idField, intField, textField, timeField, typeField } from './common';

export const activitiesSchema: RxJsonSchema<ActivityDoc> = {
  title: 'activities',
  description: 'Append-only timeline entries on any record, keyed by id, listed by parentId',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idField(),
    type: typeField('activity'),
    parentId: idField(),
    kind: enumField(ACTIVITY_KINDS),
    body: textField(),
    /** Worklog minutes (0 for every other kind); a day at most per entry. */
    minutes: intField(0, 1440),
    changes: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          field: { type: 'string' },
          // Display-ready JSON values of any type (string, number, array, ...): untyped on purpose.
          from: {},
          to: {},
        },
        required: ['field'],
      },
    },
    vote: enumField(VOTES),
    score: intField(1, 5),
    snapshot: {
      type: 'object',
      properties: {
        title: { type: 'string' },
        category: { type: 'string' },
        tags: { type: 'array', items: { type: 'string' } },
        version: { type: 'integer', minimum: 1, maximum: 1_000_000 },
      },
      required: ['title', 'category', 'tags', 'version'],
      additionalProperties: false,
    },
    helpful: { type: 'boolean' },
    count: intField(1, 1_000_000),
    scanTag: textField(),
    scanResult: enumField(SCAN_RESULTS),
    scanLocationId: idField(),
    scanCiId: idField(),
    scanCiLocationId: idField(),
    createdAt: timeField(),
    createdBy: idField(),
    updatedAt: timeField(),
    updatedBy: idField(),
  },
  required: [
    'id',
    'type',
    'parentId',
    'kind',
    'body',
    'minutes',
    'changes',
    'createdAt',
    'createdBy',
    'updatedAt',
    'updatedBy',
  ],
  // The timeline of one record in creation order is one ascending index walk.
  indexes: [['parentId', 'createdAt']],
  additionalProperties: false,
};
