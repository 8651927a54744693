/**
 * Process fields: what problems, changes, releases and project tasks hold beyond a plain ticket.
 * They are optional on TicketDoc and only accepted on the kinds that use them, so an incident
 * never grows a back-out plan and a 100k-ticket replica stays small.
 */
import {
  CHANGE_TYPES,
  RELEASE_STAGES,
  RISK_LEVELS,
  type FieldChange,
  type TicketDoc,
  type TicketKind,
} from './model';
import { KIND_LABELS } from './labels';
import { hasControlCharacters, type FieldErrors } from './validation';

/** Names for messages (the UI has its own labels; these only explain a refusal). */
const FIELD_NAMES: Readonly<Record<ProcessField, string>> = {
  parentId: 'parent record',
  slaPolicyId: 'SLA policy',
  rootCause: 'root cause',
  workaround: 'workaround',
  knownError: 'known error',
  changeType: 'change type',
  riskAnswers: 'risk answers',
  risk: 'risk',
  implementationPlan: 'implementation plan',
  backoutPlan: 'back-out plan',
  testPlan: 'test plan',
  plannedStart: 'planned start',
  plannedEnd: 'planned end',
  version: 'version',
  targetDate: 'target date',
  stage: 'stage',
  dueAt: 'due date',
  estimateMinutes: 'estimate',
  dependsOn: 'dependencies',
};

export type ProcessField =
  | 'parentId'
  | 'slaPolicyId'
  | 'rootCause'
  | 'workaround'
  | 'knownError'
  | 'changeType'
  | 'riskAnswers'
  | 'risk'
  | 'implementationPlan'
  | 'backoutPlan'
  | 'testPlan'
  | 'plannedStart'
  | 'plannedEnd'
  | 'version'
  | 'targetDate'
  | 'stage'
  | 'dueAt'
  | 'estimateMinutes'
  | 'dependsOn';

export type ProcessPatch = Partial<Pick<TicketDoc, ProcessField>>;

const PROBLEM_FIELDS: ProcessField[] = ['rootCause', 'workaround', 'knownError'];
const CHANGE_FIELDS: ProcessField[] = [
  'changeType',
  'riskAnswers',
  'risk',
  'implementationPlan',
  'backoutPlan',
  'testPlan',
  'plannedStart',
  'plannedEnd',
];

/** Which process fields each kind accepts; `parentId` means the kind of record it may belong to. */
export const PROCESS_FIELDS: Readonly<Record<TicketKind, readonly ProcessField[]>> = {
  incident: ['parentId', 'slaPolicyId'],
  request: ['parentId', 'slaPolicyId'],
  question: ['slaPolicyId'],
  problem: ['slaPolicyId', ...PROBLEM_FIELDS],
  change: ['parentId', ...CHANGE_FIELDS],
  release: ['version', 'targetDate', 'stage'],
  project: ['plannedStart', 'plannedEnd', 'dueAt'],
  task: ['parentId', 'plannedStart', 'plannedEnd', 'dueAt', 'estimateMinutes', 'dependsOn'],
};

/** The kind a record's `parentId` points at: incidents belong to problems, and so on. */
export const PARENT_KIND: Partial<Record<TicketKind, TicketKind>> = {
  incident: 'problem',
  request: 'problem',
  change: 'release',
  task: 'project',
};

export const PLAN_MAX = 20_000;
export const VERSION_MAX = 40;
const DAY_MINUTES = 24 * 60;
export const ESTIMATE_MAX_MINUTES = 1000 * DAY_MINUTES;
export const DEPENDENCIES_MAX = 50;

const TEXT_FIELDS = new Set<ProcessField>([
  'rootCause',
  'workaround',
  'implementationPlan',
  'backoutPlan',
  'testPlan',
]);
const TIME_FIELDS = new Set<ProcessField>(['plannedStart', 'plannedEnd', 'targetDate', 'dueAt']);
const ID_PATTERN = /^[A-Za-z0-9_-]{0,64}$/;

function isTime(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < 10_000_000_000_000;
}

/** Field errors for `patch` on a record of `kind`; also rejects fields the kind does not use. */
export function validateProcessPatch(kind: TicketKind, patch: ProcessPatch): FieldErrors {
  const errors: FieldErrors = {};
  const allowed = PROCESS_FIELDS[kind];
  for (const [key, value] of Object.entries(patch) as [ProcessField, unknown][]) {
    if (value === undefined) continue;
    if (!allowed.includes(key)) {
      const kindName = KIND_LABELS[kind].toLowerCase();
      const article = /^[aeiou]/.test(kindName) ? 'An' : 'A';
      errors[key] = `${article} ${kindName} has no field "${FIELD_NAMES[key]}".`;
    } else if (TEXT_FIELDS.has(key)) {
      if (typeof value !== 'string' || value.length > PLAN_MAX) {
        errors[key] = `At most ${PLAN_MAX.toLocaleString('en')} characters.`;
      }
    } else if (TIME_FIELDS.has(key)) {
      if (!isTime(value)) errors[key] = 'Not a valid date.';
    } else if (key === 'parentId' || key === 'slaPolicyId') {
      if (typeof value !== 'string' || !ID_PATTERN.test(value)) errors[key] = 'Not a valid reference.';
    } else if (key === 'knownError') {
      if (typeof value !== 'boolean') errors[key] = 'Must be yes or no.';
    } else if (key === 'changeType') {
      if (!(CHANGE_TYPES as readonly unknown[]).includes(value)) errors[key] = 'Unknown change type.';
    } else if (key === 'risk') {
      if (value !== '' && !(RISK_LEVELS as readonly unknown[]).includes(value))
        errors[key] = 'Unknown risk level.';
    } else if (key === 'stage') {
      if (value !== '' && !(RELEASE_STAGES as readonly unknown[]).includes(value))
        errors[key] = 'Unknown stage.';
    } else if (key === 'version') {
      if (typeof value !== 'string' || value.length > VERSION_MAX || hasControlCharacters(value)) {
        errors[key] = `A version is at most ${VERSION_MAX} characters, without control characters.`;
      }
    } else if (key === 'estimateMinutes') {
      if (
        typeof value !== 'number' ||
        !Number.isInteger(value) ||
        value < 0 ||
        value > ESTIMATE_MAX_MINUTES
      ) {
        errors[key] = 'The estimate must be a whole number of minutes, up to 1,000 days.';
      }
    } else if (key === 'dependsOn') {
      if (
        !Array.isArray(value) ||
        value.length > DEPENDENCIES_MAX ||
        !value.every((id) => typeof id === 'string' && ID_PATTERN.test(id) && id !== '')
      ) {
        errors[key] = `At most ${DEPENDENCIES_MAX} dependencies.`;
      }
    } else if (key === 'riskAnswers') {
      const ok =
        typeof value === 'object' &&
        value !== null &&
        !Array.isArray(value) &&
        Object.entries(value).every(
          ([q, score]) => ID_PATTERN.test(q) && Number.isInteger(score) && score >= 0 && score <= 100,
        );
      if (!ok) errors[key] = 'Risk answers are invalid.';
    }
  }
  const start = patch.plannedStart;
  const end = patch.plannedEnd;
  if (
    isTime(start) &&
    isTime(end) &&
    (start as number) > 0 &&
    (end as number) > 0 &&
    (end as number) <= (start as number)
  ) {
    errors.plannedEnd = 'The end must be after the start.';
  }
  return errors;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * Applies a validated patch: returns the changed copy and the timeline changes. Unchanged values
 * are left out, so echoing a whole form back records nothing.
 */
export function applyProcessPatch(
  ticket: TicketDoc,
  patch: ProcessPatch,
): { ticket: TicketDoc; changes: FieldChange[] } {
  const next: TicketDoc = { ...ticket };
  const changes: FieldChange[] = [];
  const target = next as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(patch) as [ProcessField, unknown][]) {
    if (value === undefined || same(ticket[key], value)) continue;
    let stored: unknown = value;
    if (key === 'dependsOn') stored = [...new Set(value as string[])].filter((id) => id !== ticket.id);
    else if (key === 'riskAnswers') stored = { ...(value as Record<string, number>) };
    if (same(ticket[key], stored)) continue;
    changes.push({ field: key, from: ticket[key] ?? null, to: stored as FieldChange['to'] });
    target[key] = stored;
  }
  return { ticket: next, changes };
}

/** The change facts the status rules look at, with empty defaults. */
export function changeFacts(ticket: TicketDoc) {
  return {
    changeType: ticket.changeType ?? '',
    risk: ticket.risk ?? '',
    implementationPlan: ticket.implementationPlan ?? '',
    backoutPlan: ticket.backoutPlan ?? '',
    plannedStart: ticket.plannedStart ?? 0,
    plannedEnd: ticket.plannedEnd ?? 0,
  } as const;
}
