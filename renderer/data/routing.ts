/**
 * Routing settings (assignment rules, escalation rules, ticket templates, the category tree)
 * and the writes escalations make. Settings come from any device: reading drops malformed
 * entries (see the domain's read* functions); saving checks strictly and writes nothing on error.
 */
import { map, type Observable } from 'rxjs';
import { readCategoryList, validateCategoryList } from '../../shared/domain/categories';
import { ID_PREFIX, newId, settingId } from '../../shared/domain/ids';
import type { ActivityDoc, FieldChange, SettingDoc } from '../../shared/domain/model';
import {
  readAssignmentRules,
  validateAssignmentRules,
  type AssignmentRule,
  type RuleDirectory,
} from '../../shared/domain/routing';
import {
  ESCALATION_MARKER_FIELD,
  describeEscalation,
  readEscalationRules,
  validateEscalationRules,
  type EscalationAction,
  type EscalationRule,
} from '../../shared/domain/escalation';
import {
  readTicketTemplates,
  validateTicketTemplates,
  type TicketTemplate,
} from '../../shared/domain/templates';
import { FORM_ERROR_KEY, type FieldErrors } from '../../shared/domain/validation';
import type { OutpostDatabase } from './database';
import { cryptoRandom } from './random';
import { findSetting, observeSettings, saveSetting } from './settings';
import { updateTicket, type Session, type WriteOptions } from './tickets';

export const ASSIGNMENT_RULES_KEY = 'assignmentRules';
export const ESCALATION_RULES_KEY = 'escalationRules';
export const TICKET_TEMPLATES_KEY = 'ticketTemplates';
/** Existing key, unchanged shape: { categories: string[] } ("A/B" paths make the tree). */
export const CATEGORIES_KEY = 'categories';

export interface RoutingSettings {
  assignmentRules: AssignmentRule[];
  escalationRules: EscalationRule[];
  templates: TicketTemplate[];
  categories: string[];
}

export const EMPTY_ROUTING: RoutingSettings = Object.freeze({
  assignmentRules: [],
  escalationRules: [],
  templates: [],
  categories: [],
}) as unknown as RoutingSettings;

/** The routing part of the settings documents (the newest document of a key counts). */
export function routingFromSettings(docs: readonly SettingDoc[]): RoutingSettings {
  const newest = new Map<string, SettingDoc>();
  for (const d of docs) {
    const seen = newest.get(d.key);
    if (!seen || d.updatedAt > seen.updatedAt) newest.set(d.key, d);
  }
  const value = (key: string, field: string): unknown => newest.get(key)?.value[field];
  return {
    assignmentRules: readAssignmentRules(value(ASSIGNMENT_RULES_KEY, 'rules')),
    escalationRules: readEscalationRules(value(ESCALATION_RULES_KEY, 'rules')),
    templates: readTicketTemplates(value(TICKET_TEMPLATES_KEY, 'templates')),
    categories: readCategoryList(value(CATEGORIES_KEY, 'categories')),
  };
}

export function observeRoutingSettings(db: OutpostDatabase): Observable<RoutingSettings> {
  return observeSettings(db).pipe(map(routingFromSettings));
}

export async function readRoutingSettings(db: OutpostDatabase): Promise<RoutingSettings> {
  const keys = [ASSIGNMENT_RULES_KEY, ESCALATION_RULES_KEY, TICKET_TEMPLATES_KEY, CATEGORIES_KEY];
  const docs = await Promise.all(keys.map((k) => findSetting(db, k)));
  return routingFromSettings(docs.filter((d): d is SettingDoc => d !== null));
}

/** Who saves a setting, with the team's rules for settings (the server's answer, asked first). */
export interface SettingsSession {
  userId: string;
  authorizeSetting?: (after: SettingDoc, before: SettingDoc | null) => string | null;
}

export type SaveRoutingResult = { ok: true } | { ok: false; errors: FieldErrors };

async function writeSetting(
  db: OutpostDatabase,
  key: string,
  value: Record<string, unknown>,
  session: SettingsSession,
  options: WriteOptions,
): Promise<SaveRoutingResult> {
  const before = await findSetting(db, key);
  const now = options.now ?? Date.now();
  const probe: SettingDoc = {
    id: before?.id ?? settingId(key),
    type: 'setting',
    key,
    value,
    updatedAt: now,
    updatedBy: session.userId,
  };
  const refusal = session.authorizeSetting?.(probe, before) ?? null;
  if (refusal) return { ok: false, errors: { [FORM_ERROR_KEY]: refusal } };
  const saved = await saveSetting(db, key, value, session, { now });
  return saved.ok ? { ok: true } : { ok: false, errors: { [FORM_ERROR_KEY]: saved.error } };
}

export async function saveAssignmentRules(
  db: OutpostDatabase,
  rules: readonly unknown[],
  session: SettingsSession,
  directory?: RuleDirectory,
  options: WriteOptions = {},
): Promise<SaveRoutingResult> {
  const checked = validateAssignmentRules(rules, directory);
  if (!checked.ok) return { ok: false, errors: checked.errors };
  return writeSetting(db, ASSIGNMENT_RULES_KEY, { rules: checked.rules }, session, options);
}

export async function saveEscalationRules(
  db: OutpostDatabase,
  rules: readonly unknown[],
  session: SettingsSession,
  directory?: RuleDirectory,
  options: WriteOptions = {},
): Promise<SaveRoutingResult> {
  const checked = validateEscalationRules(rules, directory);
  if (!checked.ok) return { ok: false, errors: checked.errors };
  return writeSetting(db, ESCALATION_RULES_KEY, { rules: checked.rules }, session, options);
}

export async function saveTicketTemplates(
  db: OutpostDatabase,
  templates: readonly unknown[],
  session: SettingsSession,
  isGroup?: (id: string) => boolean,
  options: WriteOptions = {},
): Promise<SaveRoutingResult> {
  const checked = validateTicketTemplates(templates, isGroup);
  if (!checked.ok) return { ok: false, errors: checked.errors };
  return writeSetting(db, TICKET_TEMPLATES_KEY, { templates: checked.templates }, session, options);
}

export async function saveCategories(
  db: OutpostDatabase,
  categories: readonly unknown[],
  session: SettingsSession,
  options: WriteOptions = {},
): Promise<SaveRoutingResult> {
  const checked = validateCategoryList(categories);
  if (!checked.ok) {
    const errors: FieldErrors = {};
    for (const [i, message] of Object.entries(checked.errors)) errors[i] = message;
    return { ok: false, errors };
  }
  // Merge with any other fields a newer version keeps in the same document.
  const existing = (await findSetting(db, CATEGORIES_KEY))?.value ?? {};
  return writeSetting(db, CATEGORIES_KEY, { ...existing, categories: checked.categories }, session, options);
}

/** One record's timeline, oldest first (one walk of the [parentId, createdAt] index). */
export async function readTimeline(db: OutpostDatabase, parentId: string): Promise<ActivityDoc[]> {
  const docs = await db.activities
    .find({ selector: { parentId }, sort: [{ createdAt: 'asc' }], index: ['parentId', 'createdAt'] })
    .exec();
  return docs.map((d) => d.toMutableJSON());
}

export type EscalationWriteResult =
  { ok: true; activity: ActivityDoc; changes: FieldChange[] } | { ok: false; errors: FieldErrors };

/**
 * Applies one escalation: the ticket edit through updateTicket (so priority follows impact and
 * urgency as for any edit, and the usual `change` entry is written), then an `escalation` entry
 * that lists what changed and carries the rule's marker, which keeps the rule from firing on
 * this ticket again on any device. A refused edit writes no marker, so it is retried later.
 */
export async function applyEscalation(
  db: OutpostDatabase,
  ticketId: string,
  action: Pick<EscalationAction, 'rule' | 'key' | 'patch'>,
  session: Session,
  options: WriteOptions = {},
): Promise<EscalationWriteResult> {
  let changes: FieldChange[] = [];
  if (Object.keys(action.patch).length > 0) {
    const result = await updateTicket(db, ticketId, action.patch, session, options);
    if (!result.ok) return result;
    changes = result.changes;
  } else if (!(await db.tickets.findOne(ticketId).exec())) {
    return { ok: false, errors: { [FORM_ERROR_KEY]: 'This ticket no longer exists.' } };
  }
  const now = options.now ?? Date.now();
  const activity: ActivityDoc = {
    id: newId(ID_PREFIX.activity, now, cryptoRandom),
    type: 'activity',
    parentId: ticketId,
    kind: 'escalation',
    body: describeEscalation(action.rule),
    minutes: 0,
    changes: [{ field: ESCALATION_MARKER_FIELD, from: '', to: action.key }, ...changes],
    createdAt: now,
    createdBy: session.userId,
    updatedAt: now,
    updatedBy: session.userId,
  };
  await db.activities.insert(activity);
  return { ok: true, activity, changes };
}
