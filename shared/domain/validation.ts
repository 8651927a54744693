/**
 * Field-level validation of ticket input. Input may come from a form, an import or another
 * process, so it is checked as `unknown` rather than trusted to match TicketInput.
 * Status rules (assignee needed for In progress, etc.) live in status.ts; this file only checks
 * that each field is well-formed on its own.
 */
import type { ProcessPatch } from './process';
import { PENDING_REASONS, TICKET_KINDS, TICKET_STATUSES } from './model';
import type { Level, PendingReason, TicketKind, TicketStatus } from './model';
import { KIND_LABELS } from './labels';
import { RESOLUTION_CODES } from './status';

/**
 * Field name -> user-facing message. Errors that belong to no single field use the key `form`.
 * Empty object means valid.
 */
export type FieldErrors = Partial<Record<string, string>>;

export const FORM_ERROR_KEY = 'form';

export interface TicketInput {
  kind: TicketKind;
  title: string;
  description: string;
  impact: Level;
  urgency: Level;
  category: string;
  requesterId: string;
  /** Empty string when unassigned. */
  assigneeId: string;
  groupId: string;
  ciIds?: string[];
  tags?: string[];
  status?: TicketStatus;
  pendingReason?: PendingReason | '';
  resolutionCode?: string;
  resolutionNotes?: string;
  /** Kind-specific fields (problems, changes, releases, tasks); see process.ts. */
  process?: ProcessPatch;
}

export const TITLE_MIN = 3;
export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 20_000;
export const RESOLUTION_NOTES_MAX = 20_000;
export const CATEGORY_MAX = 80;
export const TAGS_MAX = 20;
export const TAG_MAX = 40;
export const CI_LINKS_MAX = 100;

/** C0 and C1 control characters, DEL included. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;

export function hasControlCharacters(value: string): boolean {
  return CONTROL_CHARS.test(value);
}

/** Whether errors is empty, i.e. the input is valid. */
export function isValid(errors: FieldErrors): boolean {
  return Object.keys(errors).length === 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function includes<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}

/** 20000 -> "20,000"; avoids depending on the ICU data of the runtime. */
const numberFormat = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

function checkLevel(errors: FieldErrors, field: 'impact' | 'urgency', value: unknown): void {
  if (value !== 1 && value !== 2 && value !== 3) {
    const name = field === 'impact' ? 'Impact' : 'Urgency';
    errors[field] = `${name} must be 1 (high), 2 (medium) or 3 (low).`;
  }
}

function checkOptionalString(errors: FieldErrors, field: string, value: unknown, name: string): void {
  if (value !== undefined && typeof value !== 'string') errors[field] = `${name} must be text.`;
}

function checkTitle(errors: FieldErrors, value: unknown): void {
  if (value !== undefined && typeof value !== 'string') {
    errors.title = 'Title must be text.';
    return;
  }
  const title = (value ?? '').trim();
  if (title.length === 0) errors.title = 'Title is required.';
  else if (hasControlCharacters(title))
    errors.title = 'Title must be a single line without control characters.';
  else if (title.length < TITLE_MIN) errors.title = `Title must be at least ${TITLE_MIN} characters.`;
  else if (title.length > TITLE_MAX) errors.title = `Title must be at most ${TITLE_MAX} characters.`;
}

function checkTags(errors: FieldErrors, value: unknown): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) {
    errors.tags = 'Tags must be a list.';
  } else if (value.length > TAGS_MAX) {
    errors.tags = `A ticket can have at most ${TAGS_MAX} tags.`;
  } else {
    for (const tag of value as unknown[]) {
      if (typeof tag !== 'string' || tag.trim().length === 0) {
        errors.tags = 'Tags cannot be empty.';
        return;
      }
      if (tag.trim().length > TAG_MAX) {
        errors.tags = `Each tag must be at most ${TAG_MAX} characters ("${tag.trim().slice(0, 12)}…" is longer).`;
        return;
      }
      if (hasControlCharacters(tag)) {
        errors.tags = 'Tags must not contain control characters.';
        return;
      }
    }
  }
}

function checkCiIds(errors: FieldErrors, value: unknown): void {
  if (value === undefined) return;
  if (!Array.isArray(value) || !value.every((id) => typeof id === 'string' && id.length > 0)) {
    errors.ciIds = 'Linked configuration items are invalid.';
  } else if (value.length > CI_LINKS_MAX) {
    errors.ciIds = `A ticket can link at most ${CI_LINKS_MAX} configuration items.`;
  }
}

export function validateTicketInput(input: unknown): FieldErrors {
  const errors: FieldErrors = {};
  if (!isRecord(input)) {
    errors[FORM_ERROR_KEY] = 'Ticket details are missing.';
    return errors;
  }

  if (input.kind === undefined || input.kind === '') errors.kind = 'Kind is required.';
  else if (!includes(TICKET_KINDS, input.kind)) {
    errors.kind = `Kind must be one of: ${TICKET_KINDS.map((kind) => KIND_LABELS[kind]).join(', ')}.`;
  }

  checkTitle(errors, input.title);

  if (input.description !== undefined && typeof input.description !== 'string') {
    errors.description = 'Description must be text.';
  } else if ((input.description ?? '').length > DESCRIPTION_MAX) {
    errors.description = `Description must be at most ${numberFormat(DESCRIPTION_MAX)} characters.`;
  }

  checkLevel(errors, 'impact', input.impact);
  checkLevel(errors, 'urgency', input.urgency);

  if (typeof input.requesterId !== 'string' || input.requesterId.trim().length === 0) {
    errors.requesterId = 'Requester is required.';
  }
  checkOptionalString(errors, 'assigneeId', input.assigneeId, 'Assignee');
  checkOptionalString(errors, 'groupId', input.groupId, 'Group');

  if (input.category !== undefined && typeof input.category !== 'string') {
    errors.category = 'Category must be text.';
  } else if ((input.category ?? '').trim().length > CATEGORY_MAX) {
    errors.category = `Category must be at most ${CATEGORY_MAX} characters.`;
  } else if (hasControlCharacters(input.category ?? '')) {
    errors.category = 'Category must not contain control characters.';
  }

  checkTags(errors, input.tags);
  checkCiIds(errors, input.ciIds);

  if (input.status !== undefined && !includes(TICKET_STATUSES, input.status)) {
    errors.status = 'Status is not a known status.';
  }
  if (
    input.pendingReason !== undefined &&
    input.pendingReason !== '' &&
    !includes(PENDING_REASONS, input.pendingReason)
  ) {
    errors.pendingReason = 'Pending reason is not a known reason.';
  }
  if (
    input.resolutionCode !== undefined &&
    input.resolutionCode !== '' &&
    !includes(RESOLUTION_CODES, input.resolutionCode)
  ) {
    errors.resolutionCode = 'Resolution code is not a known code.';
  }
  if (input.resolutionNotes !== undefined && typeof input.resolutionNotes !== 'string') {
    errors.resolutionNotes = 'Resolution notes must be text.';
  } else if ((input.resolutionNotes ?? '').length > RESOLUTION_NOTES_MAX) {
    errors.resolutionNotes = `Resolution notes must be at most ${numberFormat(RESOLUTION_NOTES_MAX)} characters.`;
  }
  return errors;
}
