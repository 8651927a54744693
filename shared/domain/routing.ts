/**
 * Work routing: assignment rules decide which group (and person) a new ticket goes to. They are
 * a team setting, so they may come from another device or an older version: `read*` drops
 * malformed entries, `validate*` is the strict check before saving. Escalations are in
 * escalation.ts.
 */
import { isUnder } from './categories';
import { CI_CLASSES, TICKET_KINDS, type CiClass, type TicketKind } from './model';
import {
  RULES_MAX,
  RULE_NAME_MAX,
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

export { RULES_MAX, RULE_NAME_MAX, type RuleDirectory, type RuleErrors };

// ---------------------------------------------------------------------------------------------
// Assignment rules

export interface AssignmentMatch {
  /** Empty = any kind. */
  kinds: TicketKind[];
  /** A category matches itself and everything below it. Empty = any category. */
  categories: string[];
  /** Linked CIs: the rule matches when any linked CI is listed or has a listed class. */
  ciIds: string[];
  ciClasses: CiClass[];
}

export interface AssignmentRule {
  id: string;
  name: string;
  match: AssignmentMatch;
  groupId: string;
  /** '' = leave the ticket in the group's queue. */
  assigneeId: string;
}

export interface RouteInput {
  kind: TicketKind;
  category: string;
  ciIds?: readonly string[];
}

export interface RouteContext {
  /** Class of a linked CI; undefined when it is not known on this device. */
  ciClassOf: (ciId: string) => CiClass | undefined;
}

export interface RouteResult {
  rule: AssignmentRule;
  groupId: string;
  assigneeId: string;
}

function ruleMatches(rule: AssignmentRule, input: RouteInput, ctx: RouteContext): boolean {
  const { kinds, categories, ciIds, ciClasses } = rule.match;
  if (kinds.length > 0 && !kinds.includes(input.kind)) return false;
  if (categories.length > 0 && !categories.some((c) => isUnder(input.category, c))) return false;
  if (ciIds.length > 0 || ciClasses.length > 0) {
    const linked = input.ciIds ?? [];
    const hit = linked.some((id) => {
      if (ciIds.includes(id)) return true;
      const cls = ctx.ciClassOf(id);
      return cls !== undefined && ciClasses.includes(cls);
    });
    if (!hit) return false;
  }
  return true;
}

/** The first rule, in the team's order, whose every criterion matches; null when none does. */
export function routeTicket(
  input: RouteInput,
  rules: readonly AssignmentRule[],
  ctx: RouteContext,
): RouteResult | null {
  for (const rule of rules) {
    if (ruleMatches(rule, input, ctx)) return { rule, groupId: rule.groupId, assigneeId: rule.assigneeId };
  }
  return null;
}

function checkAssignmentRule(
  raw: Record<string, unknown>,
  errors: RuleErrors,
  prefix: string,
  directory?: RuleDirectory,
): AssignmentRule {
  const id = checkIds(errors, prefix, raw.id);
  const name = checkName(errors, `${prefix}.name`, raw.name);
  const match = isRecord(raw.match) ? raw.match : {};
  const kinds = enumList(match.kinds, TICKET_KINDS);
  if (kinds === null) errors[`${prefix}.kinds`] = 'Unknown ticket kind.';
  const categories = checkCategories(errors, `${prefix}.categories`, match.categories);
  const ciIds = stringList(match.ciIds);
  if (ciIds === null) errors[`${prefix}.ciIds`] = 'Configuration items must be a list of ids.';
  const ciClasses = enumList(match.ciClasses, CI_CLASSES);
  if (ciClasses === null) errors[`${prefix}.ciClasses`] = 'Unknown configuration item class.';
  const groupId = typeof raw.groupId === 'string' ? raw.groupId : '';
  if (groupId === '') errors[`${prefix}.groupId`] = 'Choose the group that receives the ticket.';
  else if (directory && !directory.isGroup(groupId))
    errors[`${prefix}.groupId`] = 'This group does not exist.';
  const assigneeId = typeof raw.assigneeId === 'string' ? raw.assigneeId : '';
  if (raw.assigneeId !== undefined && typeof raw.assigneeId !== 'string') {
    errors[`${prefix}.assigneeId`] = 'The assignee must be a person id.';
  } else if (assigneeId !== '' && directory && groupId !== '' && !directory.isMember(assigneeId, groupId)) {
    errors[`${prefix}.assigneeId`] = 'The assignee must be a member of the group.';
  }
  return {
    id,
    name,
    match: { kinds: kinds ?? [], categories, ciIds: ciIds ?? [], ciClasses: ciClasses ?? [] },
    groupId,
    assigneeId,
  };
}

export type AssignmentRulesResult = { ok: true; rules: AssignmentRule[] } | { ok: false; errors: RuleErrors };

export function validateAssignmentRules(value: unknown, directory?: RuleDirectory): AssignmentRulesResult {
  const result = validateList(value, (raw, errors, prefix) =>
    checkAssignmentRule(raw, errors, prefix, directory),
  );
  return result.ok ? { ok: true, rules: result.items } : result;
}

export function readAssignmentRules(value: unknown): AssignmentRule[] {
  return readList(value, (raw) => {
    if (!isRecord(raw)) return null;
    const errors: RuleErrors = {};
    const rule = checkAssignmentRule(raw, errors, 'r');
    return Object.keys(errors).length === 0 ? rule : null;
  });
}
