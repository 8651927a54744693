/**
 * Every collection's current schema and migration strategies, in one map, so the database,
 * the snapshot guard and the migration tests all read the same list.
 */
import type { MigrationStrategies, RxJsonSchema } from 'rxdb';
import type {
  ActivityDoc,
  ArticleDoc,
  AuditDoc,
  CiDoc,
  FileDoc,
  PersonDoc,
  RelationDoc,
  SettingDoc,
  TicketDoc,
} from '../../../shared/domain/model';
import { activitiesMigrations } from './activities.migrations';
import { activitiesSchema } from './activities.schema';
import { articlesMigrations } from './articles.migrations';
import { articlesSchema } from './articles.schema';
import { auditsMigrations } from './audits.migrations';
import { auditsSchema } from './audits.schema';
import { cisMigrations } from './cis.migrations';
import { cisSchema } from './cis.schema';
import { filesMigrations } from './files.migrations';
import { filesSchema } from './files.schema';
import { peopleMigrations } from './people.migrations';
import { peopleSchema } from './people.schema';
import { relationsMigrations } from './relations.migrations';
import { relationsSchema } from './relations.schema';
import { settingsMigrations } from './settings.migrations';
import { settingsSchema } from './settings.schema';
import { syncIssuesMigrations } from './syncissues.migrations';
import { syncIssuesSchema, type SyncIssueDoc } from './syncissues.schema';
import { ticketsMigrations } from './tickets.migrations';
import { ticketsSchema } from './tickets.schema';

/** Document type of each collection. */
export interface OutpostDocTypes {
  tickets: TicketDoc;
  activities: ActivityDoc;
  cis: CiDoc;
  relations: RelationDoc;
  articles: ArticleDoc;
  audits: AuditDoc;
  people: PersonDoc;
  settings: SettingDoc;
  syncissues: SyncIssueDoc;
  files: FileDoc;
}

export type CollectionName = keyof OutpostDocTypes;

export interface CollectionDefinition<T> {
  schema: RxJsonSchema<T>;
  migrationStrategies: MigrationStrategies;
}

export const COLLECTION_DEFINITIONS: {
  [K in CollectionName]: CollectionDefinition<OutpostDocTypes[K]>;
} = {
  tickets: { schema: ticketsSchema, migrationStrategies: ticketsMigrations },
  activities: { schema: activitiesSchema, migrationStrategies: activitiesMigrations },
  cis: { schema: cisSchema, migrationStrategies: cisMigrations },
  relations: { schema: relationsSchema, migrationStrategies: relationsMigrations },
  articles: { schema: articlesSchema, migrationStrategies: articlesMigrations },
  audits: { schema: auditsSchema, migrationStrategies: auditsMigrations },
  people: { schema: peopleSchema, migrationStrategies: peopleMigrations },
  settings: { schema: settingsSchema, migrationStrategies: settingsMigrations },
  syncissues: { schema: syncIssuesSchema, migrationStrategies: syncIssuesMigrations },
  files: { schema: filesSchema, migrationStrategies: filesMigrations },
};

/** Collections stay under the free tier's 13 per JS context. */
export const COLLECTION_NAMES = Object.keys(COLLECTION_DEFINITIONS) as CollectionName[];

export {
  activitiesSchema,
  articlesSchema,
  auditsSchema,
  cisSchema,
  filesSchema,
  peopleSchema,
  relationsSchema,
  settingsSchema,
  syncIssuesSchema,
  ticketsSchema,
};
export { SYNC_ISSUE_KINDS, type SyncIssueDoc, type SyncIssueKind } from './syncissues.schema';
export { ticketV0toV1 } from './tickets.migrations';
export { TICKET_INDEXES, TICKET_NUMBER_MAX_LENGTH } from './tickets.schema';

/** Collections that replicate with the team database (everything but local bookkeeping). */
export const SYNCED_COLLECTIONS: readonly CollectionName[] = COLLECTION_NAMES.filter(
  (name) => name !== 'syncissues',
);

/** A collection's current JSON schema (the sync engine checks pulled documents against it). */
export function collectionSchema(name: CollectionName): RxJsonSchema<unknown> {
  return COLLECTION_DEFINITIONS[name].schema as RxJsonSchema<unknown>;
}
