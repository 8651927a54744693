/**
 * Test support: a fresh database per test under fake-indexeddb, in dev-mode (schema, query and
 * write checks). Each gets a unique name; close it in afterEach, the free tier allows at most
 * 13 open collections per JS context (8 per Outpost database).
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { MAX_TIME, type TicketDoc } from '../../shared/domain/model';
import { closeQuietly, createOutpostDatabase, type OutpostDatabase } from './database';

let counter = 0;

export function uniqueDbName(prefix = 'test'): string {
  counter++;
  return `${prefix}-${Date.now().toString(36)}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}

export function openTestDb(name = uniqueDbName()): Promise<OutpostDatabase> {
  return createOutpostDatabase({ name, indexedDB, IDBKeyRange, devMode: true, multiInstance: false });
}

/** Tracks databases opened by a test file and closes them all (use in afterEach). */
export function createDbTracker(): {
  open: (name?: string) => Promise<OutpostDatabase>;
  closeAll: () => Promise<void>;
} {
  const open: OutpostDatabase[] = [];
  return {
    async open(name?: string) {
      const db = await openTestDb(name);
      open.push(db);
      return db;
    },
    async closeAll() {
      await Promise.all(open.splice(0).map((db) => closeQuietly(db)));
    },
  };
}

const KINDS = ['incident', 'request', 'question', 'problem', 'change'] as const;
const STATUSES = ['new', 'assigned', 'in_progress', 'pending', 'resolved', 'closed', 'reopened'] as const;

/**
 * A deterministic, schema-valid ticket varying every indexed field with `i`. Groups of three
 * share one updatedAt on purpose, so index walks are tested across sortDesc ties.
 */
export function fixtureTicket(i: number, overrides: Partial<TicketDoc> = {}): TicketDoc {
  const status = STATUSES[i % STATUSES.length] ?? 'new';
  const updatedAt = 1_700_000_000_000 + Math.floor(i / 3) * 60_000;
  const assigneeId = status === 'new' ? '' : `per_user${i % 4}`;
  const base: TicketDoc = {
    id: `tkt_${String(i).padStart(6, '0')}`,
    type: 'ticket',
    kind: KINDS[i % KINDS.length] ?? 'incident',
    number: `INC-TEST-${String(i + 1).padStart(4, '0')}`,
    title: `Fixture ticket ${i}`,
    description: '',
    status,
    pendingReason: status === 'pending' ? 'awaiting_requester' : '',
    impact: 2,
    urgency: 2,
    priority: ((i % 5) + 1) as TicketDoc['priority'],
    category: 'Hardware',
    requesterId: 'per_req',
    assigneeId,
    groupId: `per_group${i % 3}`,
    ciIds: [],
    tags: [],
    resolutionCode: '',
    resolutionNotes: '',
    phase: status === 'resolved' || status === 'closed' ? 'done' : 'open',
    sortDesc: MAX_TIME - updatedAt,
    createdAt: updatedAt - 3_600_000,
    createdBy: 'per_req',
    updatedAt,
    updatedBy: 'per_user0',
    resolvedAt: 0,
    closedAt: 0,
  };
  const merged = { ...base, ...overrides };
  if (overrides.updatedAt !== undefined && overrides.sortDesc === undefined) {
    merged.sortDesc = MAX_TIME - overrides.updatedAt;
  }
  return merged;
}
