/** Migration strategies for `syncissues` (local-only). Version 0 needs none. */
import type { MigrationStrategies } from 'rxdb';

export const syncIssuesMigrations: MigrationStrategies = {};
