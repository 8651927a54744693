/**
 * Migration strategies for `audits`, keyed by the version they migrate TO.
 * When the schema version is bumped, add the strategy here and an old fixture to
 * test/unit/migrations.test.ts. Strategies are frozen history: inline their rules.
 */
import type { MigrationStrategies } from 'rxdb';

/** v0 -> v1: optional scope, snapshot and timestamps only; every v0 document is valid v1. */
export function auditV0toV1(doc: Record<string, unknown>): Record<string, unknown> {
  return doc;
}

export const auditsMigrations: MigrationStrategies = {
  1: auditV0toV1,
};
