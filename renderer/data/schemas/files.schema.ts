/**
 * Files: metadata of attachments on tickets, CIs and audits. Append-only (never edited), so
 * replicas never conflict on them. The bytes live outside RxDB (see renderer/data/blobs.ts):
 * IndexedDB stores a Blob as a file of its own, where an RxDB document would hold a copy in
 * every revision and in every query result.
 *
 * Version history: v0 first release; v1 accepts articles as parents (images in Markdown come
 * from the article's own attachments). Identity migration.
 */
import type { RxJsonSchema } from 'rxdb';
import { FILE_PARENT_TYPES, type FileDoc } from '../../../shared/domain/model';
import { enumField, idField, textField, timeField, typeField } from './common';

export const filesSchema: RxJsonSchema<FileDoc> = {
  title: 'files',
  description:
    'Attachment metadata (name, type, size) on tickets, CIs, audits and articles, listed by parentId',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idField(),
    type: typeField('file'),
    parentId: idField(),
    parentType: enumField(FILE_PARENT_TYPES),
    // Name and type limits are domain rules (renderer/data/files.ts): a schema bound would cost
    // a version bump to change.
    name: textField(),
    contentType: textField(),
    size: { type: 'integer', minimum: 0 },
    createdAt: timeField(),
    createdBy: idField(),
    updatedAt: timeField(),
    updatedBy: idField(),
  },
  required: [
    'id',
    'type',
    'parentId',
    'parentType',
    'name',
    'contentType',
    'size',
    'createdAt',
    'createdBy',
    'updatedAt',
    'updatedBy',
  ],
  // The attachments of one record in the order they were added: one ascending index walk.
  indexes: [['parentId', 'createdAt']],
  additionalProperties: false,
};
