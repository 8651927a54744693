/**
 * Escalation rules: what happens when an SLA clock reaches its warning or is breached.
 *
 * Escalations are applied by every agent's device that sees the clock; they must converge. So
 * actions set absolute values (a group, a person, a priority level), never relative ones, and a
 * rule fires at most once per ticket and trigger, decided from the ticket's own `escalation`
 * timeline entries: a device that syncs an entry written elsewhere does not fire it again.
 */
import { isUnder } from './categories';
import {
  TICKET_KINDS,
  type ActivityDoc,
  type Level,
  type Priority,
  type TicketDoc,
  type TicketKind,
} from './model';
import { DEFAULT_PRIORITY_MATRIX, isPriority, priorityOf } from './priority';
import type { SlaState } from './sla';
import {
  checkCategories,
  checkIds,
  checkName,
  enumList,
  isRecord,
  readList,
  stringList,
  validateList,
  type RuleDirectory,
  type RuleErrors,
} from './ruleChecks';

// ---------------------------------------------------------------------------------------------
// Escalation rules

export const SLA_CLOCKS = ['response', 'resolution'] as const;
export type SlaClockName = (typeof SLA_CLOCKS)[number];
export const ESCALATION_LEVELS = ['warning', 'breach'] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];
export const NOTIFY_TARGETS = ['assignee', 'group', 'managers'] as const;
export type NotifyTarget = (typeof NOTIFY_TARGETS)[number];

export interface EscalationMatch {
  /** Each empty list = any. */
  kinds: TicketKind[];
  priorities: Priority[];
  categories: string[];
  groupIds: string[];
}

export interface EscalationTrigger {
  clock: SlaClockName;
  level: EscalationLevel;
}

export interface EscalationRule {
  id: string;
  name: string;
  match: EscalationMatch;
  trigger: EscalationTrigger;
  /** '' = keep. Moving to another group without naming a person returns a queued ticket to the queue. */
  reassignGroupId: string;
  reassignAssigneeId: string;
  /** 0 = keep; otherwise the ticket ends at this priority or a more urgent one. */
  raisePriorityTo: Priority | 0;
  notify: NotifyTarget[];
}

function checkEscalationRule(
  raw: Record<string, unknown>,
  errors: RuleErrors,
  prefix: string,
  directory?: RuleDirectory,
): EscalationRule {
  const id = checkIds(errors, prefix, raw.id);
  const name = checkName(errors, `${prefix}.name`, raw.name);
  const match = isRecord(raw.match) ? raw.match : {};
  const kinds = enumList(match.kinds, TICKET_KINDS);
  if (kinds === null) errors[`${prefix}.kinds`] = 'Unknown ticket kind.';
  const priorities = enumList(match.priorities, [1, 2, 3, 4, 5] as const);
  if (priorities === null) errors[`${prefix}.priorities`] = 'Priorities are P1 to P5.';
  const categories = checkCategories(errors, `${prefix}.categories`, match.categories);
  const groupIds = stringList(match.groupIds);
  if (groupIds === null) errors[`${prefix}.groupIds`] = 'Groups must be a list of ids.';
  else if (directory && groupIds.some((g) => !directory.isGroup(g))) {
    errors[`${prefix}.groupIds`] = 'One of these groups does not exist.';
  }
  const trigger = isRecord(raw.trigger) ? raw.trigger : {};
  const clock = (SLA_CLOCKS as readonly unknown[]).includes(trigger.clock)
    ? (trigger.clock as SlaClockName)
    : null;
  const level = (ESCALATION_LEVELS as readonly unknown[]).includes(trigger.level)
    ? (trigger.level as EscalationLevel)
    : null;
  if (clock === null || level === null) {
    errors[`${prefix}.trigger`] = 'Choose the clock (response or resolution) and when it fires.';
  }
  const reassignGroupId = typeof raw.reassignGroupId === 'string' ? raw.reassignGroupId : '';
  const reassignAssigneeId = typeof raw.reassignAssigneeId === 'string' ? raw.reassignAssigneeId : '';
  if (directory && reassignGroupId !== '' && !directory.isGroup(reassignGroupId)) {
    errors[`${prefix}.reassignGroupId`] = 'This group does not exist.';
  }
  if (directory && reassignAssigneeId !== '') {
    if (!directory.isUser(reassignAssigneeId))
      errors[`${prefix}.reassignAssigneeId`] = 'This person does not exist.';
    else if (reassignGroupId !== '' && !directory.isMember(reassignAssigneeId, reassignGroupId)) {
      errors[`${prefix}.reassignAssigneeId`] = 'The person must be a member of the new group.';
    }
  }
  const raise = raw.raisePriorityTo ?? 0;
  if (raise !== 0 && !isPriority(raise)) errors[`${prefix}.raisePriorityTo`] = 'Choose P1 to P5, or keep.';
  const notify = enumList(raw.notify, NOTIFY_TARGETS);
  if (notify === null) errors[`${prefix}.notify`] = 'Notify the assignee, the group or the managers.';
  const actions =
    reassignGroupId !== '' || reassignAssigneeId !== '' || raise !== 0 || (notify ?? []).length > 0;
  if (!actions)
    errors[`${prefix}.actions`] = 'Choose at least one action: reassign, raise priority or notify.';
  return {
    id,
    name,
    match: { kinds: kinds ?? [], priorities: priorities ?? [], categories, groupIds: groupIds ?? [] },
    trigger: { clock: clock ?? 'resolution', level: level ?? 'breach' },
    reassignGroupId,
    reassignAssigneeId,
    raisePriorityTo: isPriority(raise) ? raise : 0,
    notify: notify ?? [],
  };
}

export type EscalationRulesResult = { ok: true; rules: EscalationRule[] } | { ok: false; errors: RuleErrors };

export function validateEscalationRules(value: unknown, directory?: RuleDirectory): EscalationRulesResult {
  const result = validateList(value, (raw, errors, prefix) =>
    checkEscalationRule(raw, errors, prefix, directory),
  );
  return result.ok ? { ok: true, rules: result.items } : result;
}

export function readEscalationRules(value: unknown): EscalationRule[] {
  return readList(value, (raw) => {
    if (!isRecord(raw)) return null;
    const errors: RuleErrors = {};
    const rule = checkEscalationRule(raw, errors, 'r');
    return Object.keys(errors).length === 0 ? rule : null;
  });
}

/** The ticket fields an escalation rule looks at (a list row has them all). */
export type EscalationSubject = Pick<TicketDoc, 'kind' | 'priority' | 'category' | 'groupId'>;

/**
 * Whether `rule` concerns `ticket`. With `afterOwnActions`, criteria on the fields the rule
 * itself changes are skipped, so a rule still recognises a ticket it has already escalated
 * (moved to another group, raised out of the listed priorities).
 */
export function escalationMatches(
  rule: EscalationRule,
  ticket: EscalationSubject,
  afterOwnActions = false,
): boolean {
  const { kinds, priorities, categories, groupIds } = rule.match;
  if (kinds.length > 0 && !kinds.includes(ticket.kind)) return false;
  const skipPriority = afterOwnActions && rule.raisePriorityTo !== 0;
  if (!skipPriority && priorities.length > 0 && !priorities.includes(ticket.priority)) return false;
  if (categories.length > 0 && !categories.some((c) => isUnder(ticket.category, c))) return false;
  const skipGroup = afterOwnActions && rule.reassignGroupId !== '';
  if (!skipGroup && groupIds.length > 0 && !groupIds.includes(ticket.groupId)) return false;
  return true;
}

/** A clock has reached `level`: breached counts as past its warning too. */
export function triggerReached(state: SlaState, trigger: EscalationTrigger): boolean {
  const status = state[trigger.clock].status;
  return status === 'breached' || (trigger.level === 'warning' && status === 'warning');
}

/** The marker an escalation entry carries, unique per rule and trigger. */
export function escalationKey(rule: Pick<EscalationRule, 'id' | 'trigger'>): string {
  return `${rule.id}:${rule.trigger.clock}:${rule.trigger.level}`;
}

/** Field name of the marker inside an escalation entry's `changes`. */
export const ESCALATION_MARKER_FIELD = 'escalationRule';

/** Markers of the rules that have fired on this ticket, from its timeline. */
export function firedEscalations(timeline: readonly ActivityDoc[]): Set<string> {
  const fired = new Set<string>();
  for (const a of timeline) {
    if (a.kind !== 'escalation') continue;
    for (const c of a.changes) {
      if (c.field === ESCALATION_MARKER_FIELD && typeof c.to === 'string') fired.add(c.to);
    }
  }
  return fired;
}

/**
 * Impact and urgency that give at most `target` with `matrix`, changing as little as possible:
 * urgency first (a missed deadline is a matter of time, not of how many are affected), then
 * impact; among equal changes the least urgent result that still reaches the target. Null when
 * the ticket is already there, or when no cell of the matrix would raise it.
 */
export function levelsForPriority(
  ticket: Pick<TicketDoc, 'impact' | 'urgency' | 'priority'>,
  target: Priority,
  matrix: readonly (readonly number[])[] = DEFAULT_PRIORITY_MATRIX,
): { impact: Level; urgency: Level; priority: Priority } | null {
  if (ticket.priority <= target) return null;
  let best: { impact: Level; urgency: Level; priority: Priority; cost: number } | null = null;
  let fallback: { impact: Level; urgency: Level; priority: Priority } | null = null;
  for (let impact = ticket.impact; impact >= 1; impact--) {
    for (let urgency = ticket.urgency; urgency >= 1; urgency--) {
      const i = impact as Level;
      const u = urgency as Level;
      const priority = priorityOf(i, u, matrix);
      if (fallback === null || priority < fallback.priority) fallback = { impact: i, urgency: u, priority };
      if (priority > target) continue;
      const cost = (ticket.impact - impact) * 10 + (ticket.urgency - urgency);
      if (best === null || cost < best.cost || (cost === best.cost && priority > best.priority)) {
        best = { impact: i, urgency: u, priority, cost };
      }
    }
  }
  const chosen = best ?? fallback;
  if (chosen === null || chosen.priority >= ticket.priority) return null;
  return { impact: chosen.impact, urgency: chosen.urgency, priority: chosen.priority };
}

export interface EscalationPatch {
  groupId?: string;
  assigneeId?: string;
  impact?: Level;
  urgency?: Level;
}

export interface EscalationAction {
  rule: EscalationRule;
  key: string;
  /** Fields to set; empty when the ticket already is where the rule would put it. */
  patch: EscalationPatch;
  /** Priority the patch leads to, when it raises it. */
  raisedTo: Priority | null;
  notify: NotifyTarget[];
}

const QUEUE_STATUSES: readonly string[] = ['new', 'assigned'];

/**
 * The escalations due on `ticket` now: rules whose trigger its clock has reached, that match
 * the ticket and have not fired on it (per its timeline). Rules are matched against the ticket
 * as it is; their patches are combined in the team's order, a later rule's values winning.
 */
export function escalationActions(
  ticket: TicketDoc,
  clock: { state: SlaState },
  rules: readonly EscalationRule[],
  timeline: readonly ActivityDoc[],
  matrix?: readonly (readonly number[])[],
): EscalationAction[] {
  if (ticket.phase !== 'open') return [];
  const fired = firedEscalations(timeline.filter((a) => a.parentId === ticket.id));
  const actions: EscalationAction[] = [];
  let current: TicketDoc = ticket;
  for (const rule of rules) {
    const key = escalationKey(rule);
    if (fired.has(key) || !triggerReached(clock.state, rule.trigger) || !escalationMatches(rule, ticket))
      continue;
    const patch: EscalationPatch = {};
    if (rule.reassignGroupId !== '' && rule.reassignGroupId !== current.groupId) {
      patch.groupId = rule.reassignGroupId;
      // Someone working the ticket keeps it (In progress needs an assignee); a queued one moves queue.
      if (
        rule.reassignAssigneeId === '' &&
        current.assigneeId !== '' &&
        QUEUE_STATUSES.includes(current.status)
      ) {
        patch.assigneeId = '';
      }
    }
    if (rule.reassignAssigneeId !== '' && rule.reassignAssigneeId !== current.assigneeId) {
      patch.assigneeId = rule.reassignAssigneeId;
    }
    let raisedTo: Priority | null = null;
    if (rule.raisePriorityTo !== 0) {
      const levels = levelsForPriority(current, rule.raisePriorityTo, matrix);
      if (levels) {
        if (levels.impact !== current.impact) patch.impact = levels.impact;
        if (levels.urgency !== current.urgency) patch.urgency = levels.urgency;
        raisedTo = levels.priority;
      }
    }
    current = {
      ...current,
      ...patch,
      priority: raisedTo ?? current.priority,
    };
    actions.push({ rule, key, patch, raisedTo, notify: [...rule.notify] });
  }
  return actions;
}

/** Timeline text for an escalation entry. */
export function describeEscalation(rule: EscalationRule): string {
  const clock = rule.trigger.clock === 'response' ? 'Response' : 'Resolution';
  const what = rule.trigger.level === 'breach' ? 'was breached' : 'reached its warning';
  return `Escalation rule "${rule.name}": ${clock} clock ${what}.`;
}
