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
import { peopleMigrations } from './people.migrations';
import { peopleSchema } from './people.schema';
import { relationsMigrations } from './relations.migrations';
import { relationsSchema } from './relations.schema';
import { settingsMigrations } from './settings.migrations';
import { settingsSchema } from './settings.schema';
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
};

/** Eight collections: under the free tier's 13 per JS context, leaving room for a second db. */
export const COLLECTION_NAMES = Object.keys(COLLECTION_DEFINITIONS) as CollectionName[];

export {
  activitiesSchema,
  articlesSchema,
  auditsSchema,
  cisSchema,
  peopleSchema,
  relationsSchema,
  settingsSchema,
  ticketsSchema,
};
export { ticketV0toV1 } from './tickets.migrations';
export { TICKET_INDEXES, TICKET_NUMBER_MAX_LENGTH } from './tickets.schema';
