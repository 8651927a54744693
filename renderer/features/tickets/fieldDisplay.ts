import type { Directory } from '../../app/people';
import {
  CHANGE_TYPE_LABELS,
  KIND_LABELS,
  PENDING_REASON_LABELS,
  RELEASE_STAGE_LABELS,
  RESOLUTION_CODE_LABELS,
  RISK_LEVEL_LABELS,
  STATUS_LABELS,
} from '../../../shared/domain/labels';

export const FIELD_LABELS: Record<string, string> = {
  title: 'Title',
  description: 'Description',
  status: 'Status',
  pendingReason: 'Pending reason',
  impact: 'Impact',
  urgency: 'Urgency',
  priority: 'Priority',
  category: 'Category',
  requesterId: 'Requester',
  assigneeId: 'Assignee',
  groupId: 'Group',
  ciIds: 'Configuration items',
  tags: 'Tags',
  resolutionCode: 'Resolution code',
  resolutionNotes: 'Resolution notes',
  kind: 'Kind',
  parentId: 'Belongs to',
  slaPolicyId: 'SLA policy',
  rootCause: 'Root cause',
  workaround: 'Workaround',
  knownError: 'Known error',
  changeType: 'Change type',
  riskAnswers: 'Risk answers',
  risk: 'Risk',
  implementationPlan: 'Implementation plan',
  backoutPlan: 'Back-out plan',
  testPlan: 'Test plan',
  plannedStart: 'Planned start',
  plannedEnd: 'Planned end',
  version: 'Version',
  targetDate: 'Target date',
  stage: 'Stage',
  dueAt: 'Due',
  estimateMinutes: 'Estimate',
  dependsOn: 'Depends on',
};

const TIME_FIELDS = new Set(['plannedStart', 'plannedEnd', 'targetDate', 'dueAt']);
const TICKET_REF_FIELDS = new Set(['parentId', 'dependsOn']);
const ENUM_LABELS: Record<string, Readonly<Record<string, string>>> = {
  status: STATUS_LABELS,
  kind: KIND_LABELS,
  pendingReason: PENDING_REASON_LABELS,
  resolutionCode: RESOLUTION_CODE_LABELS,
  changeType: CHANGE_TYPE_LABELS,
  risk: RISK_LEVEL_LABELS,
  stage: RELEASE_STAGE_LABELS,
};

/** Looks up a ticket's human number by id (timeline entries store ids). */
export type TicketNumberOf = (id: string) => string | undefined;

const PEOPLE_FIELDS = new Set(['requesterId', 'assigneeId', 'groupId']);

/** Turns a stored old/new value into words; values are data, so they are only ever shown as text. */
export function describeValue(
  field: string,
  value: unknown,
  directory: Directory,
  numberOf: TicketNumberOf = () => undefined,
): string {
  if (value === '' || value === null || value === undefined) return '(empty)';
  if (Array.isArray(value)) {
    if (value.length === 0) return '(none)';
    const items = value.map(String);
    return (TICKET_REF_FIELDS.has(field) ? items.map((id) => numberOf(id) ?? id) : items).join(', ');
  }
  if (typeof value === 'object') {
    // Risk answers: a score per question; the level is recorded as its own field.
    return `${Object.keys(value).length} answers`;
  }
  const s = String(value);
  if (PEOPLE_FIELDS.has(field)) return directory.name(s);
  const labels = ENUM_LABELS[field];
  if (labels) return labels[s] ?? s;
  if (TICKET_REF_FIELDS.has(field)) return numberOf(s) ?? s;
  if (TIME_FIELDS.has(field)) {
    const ms = Number(value);
    return ms > 0 ? new Date(ms).toLocaleString() : '(empty)';
  }
  if (field === 'knownError') return value === true ? 'Yes' : 'No';
  if (field === 'estimateMinutes') return `${Math.round((Number(value) / 60) * 10) / 10} h`;
  if (field === 'priority') return `P${s}`;
  if (s.length > 140) return `${s.slice(0, 140)}…`;
  return s;
}
