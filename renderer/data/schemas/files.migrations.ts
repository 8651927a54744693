/**
 * Migration strategies for `files`, keyed by the version they migrate TO. Version 0 needs none.
 * When the schema version is bumped, add the strategy here and an old fixture to
 * test/unit/migrations.test.ts. Strategies are frozen history: inline their rules.
 */
import type { MigrationStrategies } from 'rxdb';

export const filesMigrations: MigrationStrategies = {
  // v1 only widens the parent types: every v0 file is a valid v1 file.
  1: (doc: Record<string, unknown>) => doc,
};
