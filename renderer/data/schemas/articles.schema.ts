/**
 * Knowledge articles: Markdown source, version, review state.
 *
 * Version history: v0 first release; v1 adds the optional review fields `reviewDueAt`,
 * `reviewerIds`, `submittedBy` and `publishedAt` (identity migration: every v0 document is a
 * valid v1 document).
 */
import type { RxJsonSchema } from 'rxdb';
import { ARTICLE_STATES, type ArticleDoc } from '../../../shared/domain/model';
import {
  enumField,
  idField,
  idListField,
  intField,
  stringListField,
  textField,
  timeField,
  typeField,
} from './common';

export const articlesSchema: RxJsonSchema<ArticleDoc> = {
  title: 'articles',
  description: 'Knowledge articles (Markdown source), keyed by id',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idField(),
    type: typeField('article'),
    title: textField(),
    body: textField(),
    category: textField(),
    tags: stringListField(),
    state: enumField(ARTICLE_STATES),
    version: intField(1, 1_000_000),
    ownerId: idField(),
    sortDesc: timeField(),
    createdAt: timeField(),
    updatedAt: timeField(),
    updatedBy: idField(),
    reviewDueAt: timeField(),
    reviewerIds: idListField(),
    submittedBy: idField(),
    publishedAt: timeField(),
  },
  required: [
    'id',
    'type',
    'title',
    'body',
    'category',
    'tags',
    'state',
    'version',
    'ownerId',
    'sortDesc',
    'createdAt',
    'updatedAt',
    'updatedBy',
  ],
  // Published (or in-review) articles, newest first, as one ascending walk.
  indexes: [['state', 'sortDesc']],
  additionalProperties: false,
};
