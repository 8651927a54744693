/**
 * The document model shared by every layer. Each document carries `type`, which routes it to
 * its collection when one team database holds everything (see ARCHITECTURE "Sync").
 * Timestamps are epoch milliseconds (numbers index and compare cheaply in IndexedDB).
 */

export const TICKET_KINDS = [
  'incident',
  'request',
  'question',
  'problem',
  'change',
  'release',
  'project',
  'task',
] as const;
export type TicketKind = (typeof TICKET_KINDS)[number];

/** Prefix of the human ticket number, e.g. INC-K7Q2-0042. */
export const KIND_PREFIX: Record<TicketKind, string> = {
  incident: 'INC',
  request: 'REQ',
  question: 'QST',
  problem: 'PRB',
  change: 'CHG',
  release: 'REL',
  project: 'PRJ',
  task: 'TSK',
};

export const TICKET_STATUSES = [
  'new',
  'assigned',
  'in_progress',
  'pending',
  'resolved',
  'closed',
  'reopened',
  // Change management (ITIL "change enablement"): assessed, authorised by the CAB, scheduled,
  // implemented, reviewed; or cancelled before implementation.
  'assess',
  'authorize',
  'scheduled',
  'implement',
  'review',
  'cancelled',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const PENDING_REASONS = [
  'awaiting_requester',
  'awaiting_vendor',
  'awaiting_change',
  'awaiting_problem',
  'awaiting_approval',
  'awaiting_delivery',
] as const;
export type PendingReason = (typeof PENDING_REASONS)[number];

/** 1 = high, 3 = low (ITIL convention). */
export type Level = 1 | 2 | 3;
/** 1 = critical ... 5 = planning. */
export type Priority = 1 | 2 | 3 | 4 | 5;

/** `open` while work remains; `done` once resolved or closed. Indexed so views skip done work. */
export type TicketPhase = 'open' | 'done';

/** Upper bound for timestamps; `sortDesc = MAX_TIME - updatedAt` serves newest-first from an
 * ascending index (RxDB only walks indexes ascending; descending sorts load every match). */
export const MAX_TIME = 10_000_000_000_000;

export interface TicketDoc {
  id: string;
  type: 'ticket';
  kind: TicketKind;
  /** Human number, unique without a server: KIND-DEVICE-COUNTER. Never renumbered. */
  number: string;
  title: string;
  description: string;
  status: TicketStatus;
  /** Set only while status is `pending`; empty string otherwise. */
  pendingReason: PendingReason | '';
  impact: Level;
  urgency: Level;
  priority: Priority;
  category: string;
  requesterId: string;
  /** Empty string when unassigned (IndexedDB cannot index a missing value). */
  assigneeId: string;
  groupId: string;
  ciIds: string[];
  tags: string[];
  resolutionCode: string;
  resolutionNotes: string;
  phase: TicketPhase;
  sortDesc: number;
  createdAt: number;
  createdBy: string;
  updatedAt: number;
  updatedBy: string;
  resolvedAt: number;
  closedAt: number;
  // ---- Process fields: optional, present only on the kinds that use them (see process.ts).
  /** The record this one belongs to: incident/request -> problem, change -> release, task -> project. */
  parentId?: string;
  /** An SLA policy chosen by hand; absent or empty = chosen by kind, priority and category. */
  slaPolicyId?: string;
  /** Problems. */
  rootCause?: string;
  workaround?: string;
  knownError?: boolean;
  /** Changes. */
  changeType?: ChangeType;
  /** Answers of the risk questionnaire, question id -> chosen option's score. */
  riskAnswers?: Record<string, number>;
  risk?: RiskLevel | '';
  implementationPlan?: string;
  backoutPlan?: string;
  testPlan?: string;
  /** Planned window (changes) or the span shown on a project timeline (tasks); 0 = not set. */
  plannedStart?: number;
  plannedEnd?: number;
  /** Releases. */
  version?: string;
  targetDate?: number;
  stage?: ReleaseStage | '';
  /** Project tasks. */
  dueAt?: number;
  estimateMinutes?: number;
  /** Tasks that must be finished before this one can start. */
  dependsOn?: string[];
}

export const CHANGE_TYPES = ['standard', 'normal', 'emergency'] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];

export const RISK_LEVELS = ['low', 'moderate', 'high', 'very_high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const RELEASE_STAGES = ['build', 'test', 'production'] as const;
export type ReleaseStage = (typeof RELEASE_STAGES)[number];

export const ACTIVITY_KINDS = [
  'created',
  'comment',
  'note',
  'worklog',
  'change',
  'merge',
  // A CAB member's approve/reject on a change (`vote`), counted when the change is authorised.
  'vote',
  // A customer satisfaction answer (`score` 1-5, `body` the comment).
  'survey',
  // An automatic action of an escalation rule (what it changed is in `changes`).
  'escalation',
  // Knowledge articles: a published version (`snapshot` + `body`), a reader's helpful / not
  // helpful answer (`helpful`), and one device's views of one day (`count`).
  'version',
  'feedback',
  'views',
  // One asset tag read during an audit campaign (`scanTag`, `scanResult`, `scanLocationId`,
  // `scanCiId`, `scanCiLocationId`). Append-only, so several auditors' work merges as a set.
  'scan',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export interface FieldChange {
  field: string;
  /** Values as display-ready JSON-compatible scalars or arrays. */
  from: unknown;
  to: unknown;
}

/** Append-only timeline entry; never edited after creation, so it never conflicts. */
export interface ActivityDoc {
  id: string;
  type: 'activity';
  parentId: string;
  kind: ActivityKind;
  body: string;
  minutes: number;
  changes: FieldChange[];
  /** `vote` entries only. */
  vote?: Vote;
  /** `survey` entries only: 1 (very dissatisfied) to 5 (very satisfied). */
  score?: number;
  /** `version` entries only: the published article's fields (its Markdown is `body`). */
  snapshot?: ArticleSnapshot;
  /** `feedback` entries only: the reader found the article helpful (true) or not (false). */
  helpful?: boolean;
  /** `views` entries only: how many times one device showed the article on one day. */
  count?: number;
  /** `scan` entries only: the normalised tag that was read. */
  scanTag?: string;
  /** `scan` entries only: what the auditor was shown at the time (the report recomputes it). */
  scanResult?: ScanResult;
  /** `scan` entries only: where the auditor was when reading the tag (a location id). */
  scanLocationId?: string;
  /** `scan` entries only: the CI the tag belonged to when read ('' = no CI had the tag). */
  scanCiId?: string;
  /** `scan` entries only: that CI's recorded location when read. */
  scanCiLocationId?: string;
  createdAt: number;
  createdBy: string;
  updatedAt: number;
  updatedBy: string;
}

export const VOTES = ['approve', 'reject'] as const;

/** How one scan of an audit resolved; expected assets nobody scanned are `missing` in the report. */
export const SCAN_RESULTS = ['found', 'wrong_location', 'unknown', 'duplicate'] as const;
export type ScanResult = (typeof SCAN_RESULTS)[number];
export type Vote = (typeof VOTES)[number];

export const CI_CLASSES = [
  'business_service',
  'application',
  'database',
  'server',
  'laptop',
  'desktop',
  'mobile',
  'network',
  'printer',
  'licence',
  'generic',
] as const;
export type CiClass = (typeof CI_CLASSES)[number];

export const CI_STATES = ['ordered', 'in_stock', 'deployed', 'maintenance', 'retired', 'disposed'] as const;
export type CiState = (typeof CI_STATES)[number];

export interface CiDoc {
  id: string;
  type: 'ci';
  ciClass: CiClass;
  name: string;
  assetTag: string;
  serial: string;
  state: CiState;
  locationId: string;
  ownerId: string;
  attributes: Record<string, string | number | boolean>;
  createdAt: number;
  updatedAt: number;
  updatedBy: string;
  // ---- Asset fields (IT asset management): optional, absent on CIs that are not assets.
  model?: string;
  vendor?: string;
  /** Purchase cost in minor units (cents), so sums never drift. */
  cost?: number;
  purchaseDate?: number;
  warrantyEnd?: number;
  /** The person who has the asset (deployed); empty when in stock. */
  assigneeId?: string;
  disposalDate?: number;
  disposalMethod?: string;
}

export const RELATION_TYPES = [
  'depends_on',
  'runs_on',
  'hosted_on',
  'connected_to',
  'used_by',
  'licensed_to',
  'affects',
  'caused_by',
  'solves',
  'implements',
] as const;
export type RelationType = (typeof RELATION_TYPES)[number];

export interface RelationDoc {
  id: string;
  type: 'relation';
  fromId: string;
  toId: string;
  relType: RelationType;
  createdAt: number;
  updatedAt: number;
  updatedBy: string;
}

export const ARTICLE_STATES = ['draft', 'review', 'published', 'retired'] as const;
export type ArticleState = (typeof ARTICLE_STATES)[number];

/** What a `version` activity keeps of a published article besides its body. */
export interface ArticleSnapshot {
  title: string;
  category: string;
  tags: string[];
  version: number;
}

export interface ArticleDoc {
  id: string;
  type: 'article';
  title: string;
  /** Markdown source; always rendered as text or sanitized, never as raw HTML. */
  body: string;
  category: string;
  tags: string[];
  state: ArticleState;
  /** The number this content is (or will be) published as; a new draft after publishing adds one. */
  version: number;
  ownerId: string;
  sortDesc: number;
  createdAt: number;
  updatedAt: number;
  updatedBy: string;
  // ---- Optional (articles v1): absent on older documents.
  /** When the owner should check the article again; 0 or absent = no date. */
  reviewDueAt?: number;
  /** People named as reviewers besides the managers. */
  reviewerIds?: string[];
  /** Who sent the article to review: the author of the version under review ('' when not in review). */
  submittedBy?: string;
  /** When the current version was published; 0 or absent = never. */
  publishedAt?: number;
}

export const AUDIT_STATES = ['draft', 'running', 'closed'] as const;
export type AuditState = (typeof AUDIT_STATES)[number];

/** Which CIs a campaign covers; '' = any. */
export interface AuditScope {
  locationId: string;
  ciClass: CiClass | '';
  ownerId: string;
}

/** One asset the campaign expects to find, as it was recorded when the campaign started. */
export interface AuditExpectedItem {
  ciId: string;
  assetTag: string;
  name: string;
  locationId: string;
}

export interface AuditDoc {
  id: string;
  type: 'audit';
  name: string;
  state: AuditState;
  /** The audited site ('' when the scope names none); the same as `scope.locationId`. */
  locationId: string;
  expectedCiIds: string[];
  createdAt: number;
  updatedAt: number;
  updatedBy: string;
  // ---- Optional (audits v1): absent on older documents.
  scope?: AuditScope;
  /** Snapshot taken when the campaign starts; scans are `scan` activities on the audit. */
  expected?: AuditExpectedItem[];
  /** 0 or absent = not yet. */
  startedAt?: number;
  closedAt?: number;
  /** When the reconciliation was applied to the CMDB. */
  appliedAt?: number;
}

export const ROLES = ['requester', 'technician', 'agent', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export type PersonKind = 'user' | 'group' | 'location';

export interface PersonDoc {
  id: string;
  type: 'person';
  personKind: PersonKind;
  name: string;
  email: string;
  roles: Role[];
  /** For users: the groups they belong to. */
  groupIds: string[];
  createdAt: number;
  updatedAt: number;
  updatedBy: string;
}

export interface SettingDoc {
  id: string;
  type: 'setting';
  key: string;
  value: Record<string, unknown>;
  updatedAt: number;
  updatedBy: string;
}

export const FILE_PARENT_TYPES = ['ticket', 'ci', 'audit', 'article'] as const;
export type FileParentType = (typeof FILE_PARENT_TYPES)[number];

/**
 * An attachment (photo, PDF, log file) on a ticket, CI or audit. Immutable once written, like
 * activities. The bytes are not part of the document: locally they live in a separate blob
 * store keyed by `id`; on the server they are the document's attachment named `content`.
 */
export interface FileDoc {
  id: string;
  type: 'file';
  parentId: string;
  parentType: FileParentType;
  /** Display and download name: at most 255 characters, no path separators. */
  name: string;
  /** MIME type, e.g. image/jpeg; application/octet-stream when unknown. */
  contentType: string;
  /** Length of the content in bytes; a downloaded copy must match it exactly. */
  size: number;
  createdAt: number;
  createdBy: string;
  updatedAt: number;
  updatedBy: string;
}

export type AnyDoc =
  TicketDoc | ActivityDoc | CiDoc | RelationDoc | ArticleDoc | AuditDoc | PersonDoc | SettingDoc | FileDoc;
