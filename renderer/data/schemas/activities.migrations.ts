/**
 * Migration strategies for `activities`, keyed by the version they migrate TO.
 * Version 0 needs none. When the schema version is bumped, add the strategy here and an old
 * fixture to test/unit/migrations.test.ts. Strategies are frozen history: inline their rules.
 */
import type { MigrationStrategies } from 'rxdb';

export const activitiesMigrations: MigrationStrategies = {
  // v1 only adds kinds and optional fields.
  1: (doc: Record<string, unknown>) => doc,
};
