import type { Directory } from '../../app/people';
import {
  KIND_LABELS,
  PENDING_REASON_LABELS,
  RESOLUTION_CODE_LABELS,
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
};

const PEOPLE_FIELDS = new Set(['requesterId', 'assigneeId', 'groupId']);

/** Turns a stored old/new value into words; values are data, so they are only ever shown as text. */
export function describeValue(field: string, value: unknown, directory: Directory): string {
  if (value === '' || value === null || value === undefined) return '(empty)';
  if (Array.isArray(value)) return value.length ? value.map(String).join(', ') : '(none)';
  const s = String(value);
  if (PEOPLE_FIELDS.has(field)) return directory.name(s);
  if (field === 'status') return (STATUS_LABELS as Record<string, string>)[s] ?? s;
  if (field === 'kind') return (KIND_LABELS as Record<string, string>)[s] ?? s;
  if (field === 'pendingReason') return (PENDING_REASON_LABELS as Record<string, string>)[s] ?? s;
  if (field === 'resolutionCode') return (RESOLUTION_CODE_LABELS as Record<string, string>)[s] ?? s;
  if (field === 'priority') return `P${s}`;
  if (s.length > 140) return `${s.slice(0, 140)}…`;
  return s;
}
