/**
 * Tickets: every ITIL work record in one collection, `kind` is the discriminator.
 *
 * Version history (never edit a shipped version; add one and a migration):
 * - v0: first release, no `phase`/`sortDesc`; views sorted `updatedAt` descending, which RxDB
 *   cannot serve from an index (it loads every match and sorts in memory).
 * - v1: adds `phase` (open/done) and `sortDesc` (MAX_TIME - updatedAt) so every saved view is
 *   one ascending walk of a compound index. See tickets.migrations.ts.
 * - v2: change statuses (assess ... cancelled) and optional process fields for problems,
 *   changes, releases and project tasks, plus `parentId` and `slaPolicyId`. Optional, so v1
 *   documents are valid v2 documents unchanged (identity migration).
 */
import type { RxJsonSchema } from 'rxdb';
import {
  CHANGE_TYPES,
  PENDING_REASONS,
  RELEASE_STAGES,
  RISK_LEVELS,
  TICKET_KINDS,
  TICKET_STATUSES,
  type TicketDoc,
} from '../../../shared/domain/model';
import {
  enumField,
  idField,
  idListField,
  intField,
  keyField,
  stringListField,
  textField,
  timeField,
  typeField,
} from './common';

/** Human numbers look like INC-K7Q2-0042; 40 leaves room for long device ids and counters. */
export const TICKET_NUMBER_MAX_LENGTH = 40;

/**
 * One compound index per list view: equality fields first, the sort field last, ascending
 * only (newest-first is `sortDesc` ascending). RxDB appends the primary key to each index.
 */
export const TICKET_INDEXES = [
  ['phase', 'sortDesc'], // All open / Done
  ['assigneeId', 'phase', 'sortDesc'], // My open / Unassigned
  ['kind', 'phase', 'sortDesc'], // filter by kind
  ['groupId', 'phase', 'sortDesc'], // filter by group (team queue)
  ['phase', 'priority', 'sortDesc'], // open by priority
  ['sortDesc'], // All, and the full walk that builds the in-memory list projection
  ['number'], // lookup by human number; per-device counter recovery (range on the prefix)
] as const;

export const ticketsSchema: RxJsonSchema<TicketDoc> = {
  title: 'tickets',
  description: 'ITIL work records (incident, request, problem, change, ...) keyed by id',
  version: 2,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idField(),
    type: typeField('ticket'),
    kind: enumField(TICKET_KINDS),
    number: keyField(TICKET_NUMBER_MAX_LENGTH),
    title: textField(),
    description: textField(),
    status: enumField(TICKET_STATUSES),
    pendingReason: enumField(['', ...PENDING_REASONS]),
    impact: intField(1, 3),
    urgency: intField(1, 3),
    priority: intField(1, 5),
    category: textField(),
    requesterId: idField(),
    assigneeId: idField(),
    groupId: idField(),
    ciIds: idListField(),
    tags: stringListField(),
    resolutionCode: textField(),
    resolutionNotes: textField(),
    phase: enumField(['open', 'done']),
    sortDesc: timeField(),
    createdAt: timeField(),
    createdBy: idField(),
    updatedAt: timeField(),
    updatedBy: idField(),
    resolvedAt: timeField(),
    closedAt: timeField(),
    parentId: idField(),
    slaPolicyId: idField(),
    rootCause: textField(),
    workaround: textField(),
    knownError: { type: 'boolean' },
    changeType: enumField(CHANGE_TYPES),
    riskAnswers: { type: 'object', additionalProperties: { type: 'integer', minimum: 0, maximum: 100 } },
    risk: enumField(['', ...RISK_LEVELS]),
    implementationPlan: textField(),
    backoutPlan: textField(),
    testPlan: textField(),
    plannedStart: timeField(),
    plannedEnd: timeField(),
    version: textField(),
    targetDate: timeField(),
    stage: enumField(['', ...RELEASE_STAGES]),
    dueAt: timeField(),
    estimateMinutes: intField(0, 1_000_000),
    dependsOn: idListField(),
  },
  required: [
    'id',
    'type',
    'kind',
    'number',
    'title',
    'description',
    'status',
    'pendingReason',
    'impact',
    'urgency',
    'priority',
    'category',
    'requesterId',
    'assigneeId',
    'groupId',
    'ciIds',
    'tags',
    'resolutionCode',
    'resolutionNotes',
    'phase',
    'sortDesc',
    'createdAt',
    'createdBy',
    'updatedAt',
    'updatedBy',
    'resolvedAt',
    'closedAt',
  ],
  indexes: TICKET_INDEXES.map((index) => [...index]),
  additionalProperties: false,
};
