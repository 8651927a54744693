/**
 * Ticket status machines: which status may follow which, per kind, and what a ticket needs in
 * order to be in a status. Every rule is written out in a table rather than derived, so that a
 * reviewer can read the whole process at a glance and tests can compare it cell by cell.
 *
 * Shape follows common ITSM practice (ServiceNow, GLPI, Zammad): a ticket is picked up (Assigned /
 * In progress), may wait on someone else (Pending, with a reason), is Resolved with a resolution
 * code, and becomes Closed once the requester confirms or the grace period ends. A resolved
 * ticket can be Reopened; a closed one cannot (raise a new ticket instead, so that reporting on
 * closed work never changes after the fact).
 */
import { KIND_LABELS, PENDING_REASON_LABELS, STATUS_LABELS, labelOf, resolutionCodeLabel } from './labels';
import type { PendingReason, TicketKind, TicketPhase, TicketStatus } from './model';
import type { FieldErrors } from './validation';

export const RESOLUTION_CODES = [
  'solved',
  'workaround',
  'fulfilled',
  'answered',
  'duplicate',
  'not_reproducible',
  'user_error',
  'resolved_by_change',
  'resolved_by_problem',
  'rejected',
  'cancelled',
] as const;
export type ResolutionCode = (typeof RESOLUTION_CODES)[number];

export type TransitionTable = Readonly<Record<TicketStatus, readonly TicketStatus[]>>;

export interface StatusMachine {
  transitions: TransitionTable;
  pendingReasons: readonly PendingReason[];
  resolutionCodes: readonly ResolutionCode[];
}

/** Incidents: restore service. Can wait on the requester, a vendor, a change or a problem fix. */
const INCIDENT: StatusMachine = {
  transitions: {
    new: ['assigned', 'in_progress', 'pending', 'resolved'],
    // Back to New = unassign, returning the ticket to the group queue.
    assigned: ['in_progress', 'pending', 'resolved', 'new'],
    in_progress: ['assigned', 'pending', 'resolved'],
    pending: ['assigned', 'in_progress', 'resolved'],
    resolved: ['closed', 'reopened'],
    reopened: ['assigned', 'in_progress', 'pending', 'resolved'],
    closed: [],
  },
  pendingReasons: ['awaiting_requester', 'awaiting_vendor', 'awaiting_change', 'awaiting_problem'],
  resolutionCodes: [
    'solved',
    'workaround',
    'duplicate',
    'not_reproducible',
    'user_error',
    'resolved_by_change',
    'resolved_by_problem',
    'cancelled',
  ],
};

/**
 * Service requests: same flow as incidents, but they wait on approvals and deliveries rather
 * than on changes or problems, and end fulfilled or rejected rather than "solved".
 */
const REQUEST: StatusMachine = {
  transitions: {
    new: ['assigned', 'in_progress', 'pending', 'resolved'],
    assigned: ['in_progress', 'pending', 'resolved', 'new'],
    in_progress: ['assigned', 'pending', 'resolved'],
    pending: ['assigned', 'in_progress', 'resolved'],
    resolved: ['closed', 'reopened'],
    reopened: ['assigned', 'in_progress', 'pending', 'resolved'],
    closed: [],
  },
  pendingReasons: ['awaiting_approval', 'awaiting_delivery', 'awaiting_requester', 'awaiting_vendor'],
  resolutionCodes: ['fulfilled', 'rejected', 'duplicate', 'cancelled'],
};

/**
 * Questions ("how do I…"): usually answered in one touch. A question is only parked after
 * someone has looked at it (no Pending straight from New), only waits on the asker or a vendor,
 * and a Pending or Reopened question goes straight back to whoever is answering it.
 */
const QUESTION: StatusMachine = {
  transitions: {
    new: ['assigned', 'in_progress', 'resolved'],
    assigned: ['in_progress', 'resolved', 'new'],
    in_progress: ['assigned', 'pending', 'resolved'],
    pending: ['in_progress', 'resolved'],
    resolved: ['closed', 'reopened'],
    reopened: ['assigned', 'in_progress', 'resolved'],
    closed: [],
  },
  pendingReasons: ['awaiting_requester', 'awaiting_vendor'],
  resolutionCodes: ['answered', 'duplicate', 'cancelled'],
};

/**
 * Problems, changes, releases, projects and tasks use the incident machine until they get
 * processes of their own (changes will need approval and implementation states, for instance).
 */
export const STATUS_MACHINES: Readonly<Record<TicketKind, StatusMachine>> = {
  incident: INCIDENT,
  request: REQUEST,
  question: QUESTION,
  problem: INCIDENT,
  change: INCIDENT,
  release: INCIDENT,
  project: INCIDENT,
  task: INCIDENT,
};

/** Fields the status rules look at. Strings are empty when unset, as on TicketDoc. */
export interface TransitionFields {
  assigneeId: string;
  pendingReason: string;
  resolutionCode: string;
  resolutionNotes: string;
  /** Free text explaining the transition; required to reopen. */
  reason?: string;
}

export type TransitionResult = { ok: true } | { ok: false; errors: FieldErrors };

export function allowedTransitions(kind: TicketKind, from: TicketStatus): TicketStatus[] {
  return STATUS_MACHINES[kind].transitions[from].slice();
}

export function pendingReasonsFor(kind: TicketKind): PendingReason[] {
  return STATUS_MACHINES[kind].pendingReasons.slice();
}

export function resolutionCodesFor(kind: TicketKind): ResolutionCode[] {
  return STATUS_MACHINES[kind].resolutionCodes.slice();
}

/** `done` once the work is finished (resolved or closed): views of open work skip these. */
export function phaseOf(status: TicketStatus): TicketPhase {
  return status === 'resolved' || status === 'closed' ? 'done' : 'open';
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'An' : 'A';
}

const label = (status: TicketStatus): string => STATUS_LABELS[status];

/**
 * What a ticket must hold to *be* in `status`, whichever way it got there. Used for transitions
 * and also for edits that keep the status (clearing the assignee of an In progress ticket must
 * fail just like moving an unassigned ticket to In progress).
 */
export function checkStatusFields(
  kind: TicketKind,
  status: TicketStatus,
  fields: TransitionFields,
): FieldErrors {
  const errors: FieldErrors = {};
  const machine = STATUS_MACHINES[kind];
  const kindName = KIND_LABELS[kind].toLowerCase();

  if ((status === 'assigned' || status === 'in_progress') && fields.assigneeId.trim() === '') {
    errors.assigneeId = `An assignee is required when the status is ${label(status)}.`;
  }
  // New means "in the queue, nobody has it": an assignee there would hide the ticket from triage.
  if (status === 'new' && fields.assigneeId.trim() !== '') {
    errors.assigneeId =
      'A ticket with status New cannot have an assignee; clear the assignee or choose Assigned.';
  }
  if (status === 'pending') {
    if (fields.pendingReason === '') {
      errors.pendingReason = 'A pending reason is required when the status is Pending.';
    } else if (!(machine.pendingReasons as readonly string[]).includes(fields.pendingReason)) {
      const name = labelOf(PENDING_REASON_LABELS, fields.pendingReason);
      errors.pendingReason = `"${name}" is not a valid pending reason for ${article(kindName).toLowerCase()} ${kindName}.`;
    }
  }
  // Closed tickets keep the resolution they were resolved with.
  if (status === 'resolved' || status === 'closed') {
    if (fields.resolutionCode.trim() === '') {
      errors.resolutionCode = `A resolution code is required when the status is ${label(status)}.`;
    } else if (!(machine.resolutionCodes as readonly string[]).includes(fields.resolutionCode)) {
      errors.resolutionCode = `"${resolutionCodeLabel(fields.resolutionCode)}" is not a valid resolution code for ${article(kindName).toLowerCase()} ${kindName}.`;
    }
    if (fields.resolutionNotes.trim() === '') {
      errors.resolutionNotes = `Resolution notes are required when the status is ${label(status)}.`;
    }
  }
  return errors;
}

export function checkTransition(
  kind: TicketKind,
  from: TicketStatus,
  to: TicketStatus,
  fields: TransitionFields,
): TransitionResult {
  if (!STATUS_MACHINES[kind].transitions[from].includes(to)) {
    const kindLabel = KIND_LABELS[kind];
    return {
      ok: false,
      errors: {
        status: `${article(kindLabel)} ${kindLabel.toLowerCase()} cannot move from ${label(from)} to ${label(to)}.`,
      },
    };
  }
  const errors = checkStatusFields(kind, to, fields);
  if (to === 'reopened' && (fields.reason ?? '').trim() === '') {
    errors.reason = 'A reason is required to reopen a ticket.';
  }
  return Object.keys(errors).length === 0 ? { ok: true } : { ok: false, errors };
}
