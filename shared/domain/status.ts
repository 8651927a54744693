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
import { TICKET_STATUSES } from './model';
import type { ChangeType, PendingReason, RiskLevel, TicketKind, TicketPhase, TicketStatus } from './model';
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
  'fixed',
  'successful',
  'successful_with_issues',
  'unsuccessful',
  'rolled_back',
  'released',
  'completed',
] as const;
export type ResolutionCode = (typeof RESOLUTION_CODES)[number];

export type TransitionTable = Readonly<Record<TicketStatus, readonly TicketStatus[]>>;

export interface StatusMachine {
  transitions: TransitionTable;
  pendingReasons: readonly PendingReason[];
  resolutionCodes: readonly ResolutionCode[];
}

/** Statuses a machine does not use have no way out (and none leads to them). */
function table(partial: Partial<Record<TicketStatus, readonly TicketStatus[]>>): TransitionTable {
  const full = {} as Record<TicketStatus, readonly TicketStatus[]>;
  for (const status of TICKET_STATUSES) full[status] = partial[status] ?? [];
  return full;
}

/** Incidents: restore service. Can wait on the requester, a vendor, a change or a problem fix. */
const INCIDENT: StatusMachine = {
  transitions: table({
    new: ['assigned', 'in_progress', 'pending', 'resolved'],
    // Back to New = unassign, returning the ticket to the group queue.
    assigned: ['in_progress', 'pending', 'resolved', 'new'],
    in_progress: ['assigned', 'pending', 'resolved'],
    pending: ['assigned', 'in_progress', 'resolved'],
    resolved: ['closed', 'reopened'],
    reopened: ['assigned', 'in_progress', 'pending', 'resolved'],
  }),
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
  transitions: table({
    new: ['assigned', 'in_progress', 'pending', 'resolved'],
    assigned: ['in_progress', 'pending', 'resolved', 'new'],
    in_progress: ['assigned', 'pending', 'resolved'],
    pending: ['assigned', 'in_progress', 'resolved'],
    resolved: ['closed', 'reopened'],
    reopened: ['assigned', 'in_progress', 'pending', 'resolved'],
  }),
  pendingReasons: ['awaiting_approval', 'awaiting_delivery', 'awaiting_requester', 'awaiting_vendor'],
  resolutionCodes: ['fulfilled', 'rejected', 'duplicate', 'cancelled'],
};

/**
 * Questions ("how do I…"): usually answered in one touch. A question is only parked after
 * someone has looked at it (no Pending straight from New), only waits on the asker or a vendor,
 * and a Pending or Reopened question goes straight back to whoever is answering it.
 */
const QUESTION: StatusMachine = {
  transitions: table({
    new: ['assigned', 'in_progress', 'resolved'],
    assigned: ['in_progress', 'resolved', 'new'],
    in_progress: ['assigned', 'pending', 'resolved'],
    pending: ['in_progress', 'resolved'],
    resolved: ['closed', 'reopened'],
    reopened: ['assigned', 'in_progress', 'resolved'],
  }),
  pendingReasons: ['awaiting_requester', 'awaiting_vendor'],
  resolutionCodes: ['answered', 'duplicate', 'cancelled'],
};

const INCIDENT_FLOW = {
  new: INCIDENT.transitions.new,
  assigned: INCIDENT.transitions.assigned,
  in_progress: INCIDENT.transitions.in_progress,
  pending: INCIDENT.transitions.pending,
  resolved: INCIDENT.transitions.resolved,
  reopened: INCIDENT.transitions.reopened,
} as const;

/**
 * Problems: investigated until the root cause is fixed. A problem is only parked once someone
 * owns it; it waits on a vendor or on the change that will fix it.
 */
const PROBLEM: StatusMachine = {
  transitions: table({ ...INCIDENT_FLOW, new: ['assigned', 'in_progress', 'resolved'] }),
  pendingReasons: ['awaiting_vendor', 'awaiting_change'],
  resolutionCodes: ['fixed', 'resolved_by_change', 'duplicate', 'cancelled'],
};

/**
 * Changes (ServiceNow's change model): New -> Assess -> Authorize (CAB) -> Scheduled ->
 * Implement -> Review -> Closed, or Cancelled before implementation. The change type adds
 * guards (see checkChangeGuards): standard changes are pre-approved and skip Authorize;
 * emergency changes may go to the (emergency) CAB straight from New.
 */
const CHANGE: StatusMachine = {
  transitions: table({
    new: ['assess', 'authorize', 'cancelled'],
    assess: ['authorize', 'scheduled', 'new', 'cancelled'],
    authorize: ['scheduled', 'assess', 'cancelled'],
    scheduled: ['implement', 'assess', 'cancelled'],
    implement: ['review'],
    review: ['closed'],
  }),
  pendingReasons: [],
  resolutionCodes: ['successful', 'successful_with_issues', 'unsuccessful', 'rolled_back'],
};

/** Releases move through their stages (a field) while In progress; Released once ready. */
const RELEASE: StatusMachine = {
  transitions: table({
    new: ['in_progress', 'resolved'],
    in_progress: ['pending', 'resolved'],
    pending: ['in_progress', 'resolved'],
    resolved: ['closed', 'reopened'],
    reopened: ['in_progress', 'pending', 'resolved'],
  }),
  pendingReasons: ['awaiting_change', 'awaiting_vendor'],
  resolutionCodes: ['released', 'cancelled'],
};

/** Projects: on hold is Pending; Completed or Cancelled. */
const PROJECT: StatusMachine = {
  transitions: table({
    new: ['in_progress', 'resolved'],
    in_progress: ['pending', 'resolved'],
    pending: ['in_progress', 'resolved'],
    resolved: ['closed', 'reopened'],
    reopened: ['in_progress', 'pending', 'resolved'],
  }),
  pendingReasons: ['awaiting_requester', 'awaiting_vendor', 'awaiting_approval'],
  resolutionCodes: ['completed', 'cancelled'],
};

/** Project tasks: the incident flow; a task cannot start while a task it depends on is open. */
const TASK: StatusMachine = {
  transitions: table({ ...INCIDENT_FLOW, new: ['assigned', 'in_progress', 'resolved'] }),
  pendingReasons: ['awaiting_requester', 'awaiting_vendor', 'awaiting_delivery'],
  resolutionCodes: ['completed', 'cancelled'],
};

export const STATUS_MACHINES: Readonly<Record<TicketKind, StatusMachine>> = {
  incident: INCIDENT,
  request: REQUEST,
  question: QUESTION,
  problem: PROBLEM,
  change: CHANGE,
  release: RELEASE,
  project: PROJECT,
  task: TASK,
};

/** Fields the status rules look at. Strings are empty when unset, as on TicketDoc. */
export interface TransitionFields {
  assigneeId: string;
  pendingReason: string;
  resolutionCode: string;
  resolutionNotes: string;
  /** Free text explaining the transition; required to reopen or cancel. */
  reason?: string;
  /** Changes: what authorisation and scheduling look at. */
  change?: ChangeFacts;
  /** Changes: the CAB's outcome from the votes on the timeline (see cab.ts). */
  cabApproved?: boolean;
  /** Releases: every included change approved and implemented (see release.ts). */
  releaseReady?: boolean;
  /** Tasks: numbers of the tasks this one depends on that are still open. */
  openDependencies?: readonly string[];
}

export interface ChangeFacts {
  changeType: ChangeType | '';
  risk: RiskLevel | '';
  implementationPlan: string;
  backoutPlan: string;
  plannedStart: number;
  plannedEnd: number;
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
  return status === 'resolved' || status === 'closed' || status === 'cancelled' ? 'done' : 'open';
}

/** Machines with a queue (New -> Assigned) treat an assignee on New as a pick-up. */
export function hasQueue(kind: TicketKind): boolean {
  return STATUS_MACHINES[kind].transitions.new.includes('assigned');
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

  const owned = status === 'assigned' || status === 'in_progress' || status === 'implement';
  if (owned && fields.assigneeId.trim() === '') {
    errors.assigneeId = `An assignee is required when the status is ${label(status)}.`;
  }
  // New means "in the queue, nobody has it": an assignee there would hide the ticket from triage.
  if (status === 'new' && hasQueue(kind) && fields.assigneeId.trim() !== '') {
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
  if (to === 'cancelled' && (fields.reason ?? '').trim() === '') {
    errors.reason = 'A reason is required to cancel.';
  }
  if (kind === 'change') Object.assign(errors, checkChangeGuards(from, to, fields));
  if (
    kind === 'release' &&
    to === 'resolved' &&
    fields.resolutionCode === 'released' &&
    !fields.releaseReady
  ) {
    errors.status = 'A release can only be released once every included change is approved and implemented.';
  }
  const waitingOn = (fields.openDependencies ?? []).join(', ');
  if (kind === 'task' && to === 'in_progress' && waitingOn !== '') {
    errors.status = `This task cannot start before the tasks it depends on are done: ${waitingOn}.`;
  }
  // Cancelling stays possible; completing work whose prerequisites are open is not.
  if (kind === 'task' && to === 'resolved' && fields.resolutionCode === 'completed' && waitingOn !== '') {
    errors.status = `This task cannot be completed before the tasks it depends on are done: ${waitingOn}.`;
  }
  return Object.keys(errors).length === 0 ? { ok: true } : { ok: false, errors };
}

/**
 * Change guards on top of the table. Going to the CAB or to the calendar needs a complete plan
 * (type, risk, implementation and back-out plans, a window); the CAB's approval is required to
 * schedule a normal or emergency change; the type decides the shortcuts.
 */
function checkChangeGuards(from: TicketStatus, to: TicketStatus, fields: TransitionFields): FieldErrors {
  const errors: FieldErrors = {};
  const facts = fields.change;
  if (to !== 'authorize' && to !== 'scheduled') return errors;
  if (!facts || facts.changeType === '') {
    errors.changeType = 'Choose the change type first.';
    return errors;
  }
  if (to === 'authorize' && from === 'new' && facts.changeType !== 'emergency') {
    errors.status = 'Only emergency changes go to the CAB before they are assessed.';
  }
  if (to === 'scheduled' && from === 'assess' && facts.changeType !== 'standard') {
    errors.status = 'A normal or emergency change must be authorised by the CAB before it is scheduled.';
  }
  if (to === 'scheduled' && from === 'authorize' && !fields.cabApproved) {
    errors.status = 'The CAB has not approved this change yet.';
  }
  if (facts.risk === '') errors.risk = 'Answer the risk questionnaire first.';
  if (facts.implementationPlan.trim() === '')
    errors.implementationPlan = 'An implementation plan is required.';
  if (facts.backoutPlan.trim() === '') errors.backoutPlan = 'A back-out plan is required.';
  if (!(facts.plannedStart > 0 && facts.plannedEnd > facts.plannedStart)) {
    errors.plannedStart = 'A planned window (start before end) is required.';
  }
  return errors;
}
