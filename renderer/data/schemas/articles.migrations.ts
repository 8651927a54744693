/**
 * Migration strategies for `articles`, keyed by the version they migrate TO.
 * When the schema version is bumped, add the strategy here and an old fixture to
 * test/unit/migrations.test.ts. Strategies are frozen history: inline their rules.
 */
import type { MigrationStrategies } from 'rxdb';

/** v0 -> v1: optional review fields only; every v0 document is a valid v1 document. */
export function articleV0toV1(doc: Record<string, unknown>): Record<string, unknown> {
  return doc;
}

export const articlesMigrations: MigrationStrategies = {
  1: articleV0toV1,
};
