/**
 * User-facing English labels for the enumerations of the model. Stored values stay stable
 * identifiers; only these strings change when wording changes. Records keyed by the full unions
 * make the compiler flag any value that was added to the model without a label.
 */
import type {
  ActivityKind,
  ArticleState,
  AuditState,
  ChangeType,
  CiClass,
  CiState,
  PendingReason,
  Priority,
  RelationType,
  ReleaseStage,
  RiskLevel,
  Role,
  ScanResult,
  TicketKind,
  TicketPhase,
  TicketStatus,
  Vote,
} from './model';
import { PRIORITY_LABELS } from './priority';
import type { ResolutionCode } from './status';

export { PRIORITY_LABELS };

export const KIND_LABELS: Readonly<Record<TicketKind, string>> = {
  incident: 'Incident',
  request: 'Request',
  question: 'Question',
  problem: 'Problem',
  change: 'Change',
  release: 'Release',
  project: 'Project',
  task: 'Task',
};

export const STATUS_LABELS: Readonly<Record<TicketStatus, string>> = {
  new: 'New',
  assigned: 'Assigned',
  in_progress: 'In progress',
  pending: 'Pending',
  resolved: 'Resolved',
  closed: 'Closed',
  reopened: 'Reopened',
  assess: 'Assess',
  authorize: 'Authorize',
  scheduled: 'Scheduled',
  implement: 'Implement',
  review: 'Review',
  cancelled: 'Cancelled',
};

export const CHANGE_TYPE_LABELS: Readonly<Record<ChangeType, string>> = {
  standard: 'Standard (pre-approved)',
  normal: 'Normal',
  emergency: 'Emergency',
};

export const RISK_LEVEL_LABELS: Readonly<Record<RiskLevel, string>> = {
  low: 'Low',
  moderate: 'Moderate',
  high: 'High',
  very_high: 'Very high',
};

export const RELEASE_STAGE_LABELS: Readonly<Record<ReleaseStage, string>> = {
  build: 'Build',
  test: 'Test',
  production: 'Production',
};

export const VOTE_LABELS: Readonly<Record<Vote, string>> = {
  approve: 'Approve',
  reject: 'Reject',
};

export const PHASE_LABELS: Readonly<Record<TicketPhase, string>> = {
  open: 'Open',
  done: 'Done',
};

export const PENDING_REASON_LABELS: Readonly<Record<PendingReason, string>> = {
  awaiting_requester: 'Awaiting requester',
  awaiting_vendor: 'Awaiting vendor',
  awaiting_change: 'Awaiting change',
  awaiting_problem: 'Awaiting problem',
  awaiting_approval: 'Awaiting approval',
  awaiting_delivery: 'Awaiting delivery',
};

export const RESOLUTION_CODE_LABELS: Readonly<Record<ResolutionCode, string>> = {
  solved: 'Solved (permanently)',
  workaround: 'Workaround provided',
  fulfilled: 'Fulfilled',
  answered: 'Answered',
  duplicate: 'Duplicate',
  not_reproducible: 'Not reproducible',
  user_error: 'User error / training',
  resolved_by_change: 'Resolved by change',
  resolved_by_problem: 'Resolved by problem fix',
  rejected: 'Rejected',
  cancelled: 'Cancelled',
  fixed: 'Root cause fixed',
  successful: 'Successful',
  successful_with_issues: 'Successful with issues',
  unsuccessful: 'Unsuccessful',
  rolled_back: 'Rolled back',
  released: 'Released',
  completed: 'Completed',
};

export const CI_CLASS_LABELS: Readonly<Record<CiClass, string>> = {
  business_service: 'Business service',
  application: 'Application',
  database: 'Database',
  server: 'Server',
  laptop: 'Laptop',
  desktop: 'Desktop',
  mobile: 'Mobile device',
  network: 'Network device',
  printer: 'Printer',
  licence: 'Licence',
  generic: 'Other item',
};

export const CI_STATE_LABELS: Readonly<Record<CiState, string>> = {
  ordered: 'Ordered',
  in_stock: 'In stock',
  deployed: 'Deployed',
  maintenance: 'In maintenance',
  retired: 'Retired',
  disposed: 'Disposed',
};

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  requester: 'Requester',
  technician: 'Technician',
  agent: 'Service desk agent',
  manager: 'Manager',
  admin: 'Administrator',
};

export const ACTIVITY_KIND_LABELS: Readonly<Record<ActivityKind, string>> = {
  created: 'Created',
  comment: 'Comment',
  note: 'Internal note',
  worklog: 'Work log',
  change: 'Change',
  merge: 'Merge',
  vote: 'CAB vote',
  survey: 'Satisfaction survey',
  escalation: 'Escalation',
  version: 'Published version',
  feedback: 'Reader feedback',
  views: 'Views',
  scan: 'Audit scan',
};

export const RELATION_TYPE_LABELS: Readonly<Record<RelationType, string>> = {
  depends_on: 'Depends on',
  runs_on: 'Runs on',
  hosted_on: 'Hosted on',
  connected_to: 'Connected to',
  used_by: 'Used by',
  licensed_to: 'Licensed to',
  affects: 'Affects',
  caused_by: 'Caused by',
  solves: 'Solves',
  implements: 'Implements',
};

export const ARTICLE_STATE_LABELS: Readonly<Record<ArticleState, string>> = {
  draft: 'Draft',
  review: 'In review',
  published: 'Published',
  retired: 'Retired',
};

export const AUDIT_STATE_LABELS: Readonly<Record<AuditState, string>> = {
  draft: 'Draft',
  running: 'Running',
  closed: 'Closed',
};

export const SCAN_RESULT_LABELS: Readonly<Record<ScanResult, string>> = {
  found: 'Found',
  wrong_location: 'Wrong location',
  unknown: 'Unknown tag',
  duplicate: 'Duplicate',
};

/**
 * Label for a value read from a document, which may hold a value this version does not know
 * (written by a newer version on another device): show the raw value rather than nothing.
 */
export function labelOf(labels: Readonly<Record<string, string>>, value: string): string {
  return Object.prototype.hasOwnProperty.call(labels, value) ? (labels[value] ?? value) : value;
}

/** "P1 Critical": the code people say out loud, then the name. */
export function priorityLabel(priority: Priority): string {
  return `P${priority} ${PRIORITY_LABELS[priority]}`;
}

/** Resolution codes are stored as plain strings on tickets, so unknown codes are possible. */
export function resolutionCodeLabel(code: string): string {
  return labelOf(RESOLUTION_CODE_LABELS, code);
}
