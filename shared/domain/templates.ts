/**
 * Ticket templates: named starting points for common tickets ("New starter laptop", "Password
 * reset"). Stored in the `ticketTemplates` setting as { templates: TicketTemplate[] }; like every
 * setting they may come from another device, so reading drops malformed entries and saving is
 * checked strictly.
 */
import { validateCategoryPath } from './categories';
import { TICKET_KINDS, type Level, type TicketKind } from './model';
import { isLevel } from './priority';
import {
  TAGS_MAX,
  TAG_MAX,
  TITLE_MAX,
  TITLE_MIN,
  hasControlCharacters,
  type TicketInput,
} from './validation';

export const TEMPLATES_MAX = 100;
export const TEMPLATE_NAME_MAX = 80;
/** Smaller than a ticket's: every template travels in one setting document. */
export const TEMPLATE_DESCRIPTION_MAX = 4000;
const ID_PATTERN = /^[A-Za-z0-9_-]{1,40}$/;

export interface TicketTemplate {
  id: string;
  name: string;
  kind: TicketKind;
  /** '' = leave the form's title as it is. */
  title: string;
  description: string;
  category: string;
  impact: Level;
  urgency: Level;
  /** '' = let the assignment rules decide. */
  groupId: string;
  tags: string[];
}

export type TemplateErrors = Record<string, string>;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function text(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function checkTemplate(
  raw: Record<string, unknown>,
  errors: TemplateErrors,
  p: string,
  isGroup?: (id: string) => boolean,
): TicketTemplate {
  const id = text(raw.id);
  if (!ID_PATTERN.test(id)) errors[`${p}.id`] = 'The template has no valid id.';
  const name = text(raw.name).trim();
  if (name === '') errors[`${p}.name`] = 'Give the template a name.';
  else if (hasControlCharacters(name)) errors[`${p}.name`] = 'The name must be a single line.';
  else if (name.length > TEMPLATE_NAME_MAX) errors[`${p}.name`] = `At most ${TEMPLATE_NAME_MAX} characters.`;
  const kind = (TICKET_KINDS as readonly unknown[]).includes(raw.kind) ? (raw.kind as TicketKind) : null;
  if (kind === null) errors[`${p}.kind`] = 'Choose the kind of ticket.';
  const title = text(raw.title).trim();
  if (raw.title !== undefined && typeof raw.title !== 'string')
    errors[`${p}.title`] = 'The title must be text.';
  else if (title !== '' && hasControlCharacters(title))
    errors[`${p}.title`] = 'The title must be a single line.';
  else if (title !== '' && title.length < TITLE_MIN) {
    errors[`${p}.title`] = `Leave the title empty or write at least ${TITLE_MIN} characters.`;
  } else if (title.length > TITLE_MAX) errors[`${p}.title`] = `At most ${TITLE_MAX} characters.`;
  const description = text(raw.description);
  if (description.length > TEMPLATE_DESCRIPTION_MAX) {
    errors[`${p}.description`] = `At most ${TEMPLATE_DESCRIPTION_MAX} characters in a template.`;
  }
  let category = '';
  if (text(raw.category).trim() !== '') {
    const checked = validateCategoryPath(raw.category);
    if (checked.ok) category = checked.path;
    else errors[`${p}.category`] = checked.error;
  }
  const impact = raw.impact ?? 2;
  const urgency = raw.urgency ?? 2;
  if (!isLevel(impact)) errors[`${p}.impact`] = 'Impact must be 1 (high), 2 (medium) or 3 (low).';
  if (!isLevel(urgency)) errors[`${p}.urgency`] = 'Urgency must be 1 (high), 2 (medium) or 3 (low).';
  const groupId = text(raw.groupId);
  if (groupId !== '' && isGroup && !isGroup(groupId)) errors[`${p}.groupId`] = 'This group does not exist.';
  const tags = checkTags(errors, `${p}.tags`, raw.tags);
  return {
    id,
    name,
    kind: kind ?? 'incident',
    title,
    description,
    category,
    impact: isLevel(impact) ? impact : 2,
    urgency: isLevel(urgency) ? urgency : 2,
    groupId,
    tags,
  };
}

function checkTags(errors: TemplateErrors, key: string, v: unknown): string[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || !v.every((t) => typeof t === 'string')) {
    errors[key] = 'Tags must be a list.';
    return [];
  }
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of v as string[]) {
    const tag = raw.trim();
    if (tag === '' || seen.has(tag.toLowerCase())) continue;
    if (tag.length > TAG_MAX || hasControlCharacters(tag)) {
      errors[key] = `Each tag must be one line of at most ${TAG_MAX} characters.`;
      return [];
    }
    seen.add(tag.toLowerCase());
    out.push(tag);
  }
  if (out.length > TAGS_MAX) errors[key] = `At most ${TAGS_MAX} tags.`;
  return out;
}

export type TemplatesResult =
  { ok: true; templates: TicketTemplate[] } | { ok: false; errors: TemplateErrors };

/** Strict check before saving; errors keyed `<index>.<field>`, or `form`. */
export function validateTicketTemplates(value: unknown, isGroup?: (id: string) => boolean): TemplatesResult {
  if (!Array.isArray(value)) return { ok: false, errors: { form: 'The templates must be a list.' } };
  if (value.length > TEMPLATES_MAX)
    return { ok: false, errors: { form: `At most ${TEMPLATES_MAX} templates.` } };
  const errors: TemplateErrors = {};
  const templates: TicketTemplate[] = [];
  const ids = new Set<string>();
  const names = new Set<string>();
  value.forEach((raw: unknown, i) => {
    if (!isRecord(raw)) {
      errors[`${i}.form`] = 'This entry is not a template.';
      return;
    }
    const t = checkTemplate(raw, errors, String(i), isGroup);
    if (ids.has(t.id)) errors[`${i}.id`] = 'Two templates share one id.';
    if (t.name !== '' && names.has(t.name.toLowerCase()))
      errors[`${i}.name`] = 'Another template has this name.';
    ids.add(t.id);
    names.add(t.name.toLowerCase());
    templates.push(t);
  });
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, templates };
}

/** Lenient read of a stored value: valid templates are kept, the rest dropped. */
export function readTicketTemplates(value: unknown): TicketTemplate[] {
  if (!Array.isArray(value)) return [];
  const out: TicketTemplate[] = [];
  const ids = new Set<string>();
  for (const raw of value.slice(0, TEMPLATES_MAX) as unknown[]) {
    if (!isRecord(raw)) continue;
    const errors: TemplateErrors = {};
    const t = checkTemplate(raw, errors, 't');
    if (Object.keys(errors).length > 0 || ids.has(t.id)) continue;
    ids.add(t.id);
    out.push(t);
  }
  return out;
}

/**
 * Fills the new-ticket form from a template. What the template sets (kind, levels, and every
 * non-empty text) replaces the form's value; the requester and linked CIs stay, and tags are
 * added to those already typed. An empty group leaves routing to the assignment rules.
 */
export function applyTemplate(form: TicketInput, template: TicketTemplate): TicketInput {
  const tags = [...(form.tags ?? [])];
  const seen = new Set(tags.map((t) => t.toLowerCase()));
  for (const tag of template.tags) {
    if (!seen.has(tag.toLowerCase())) {
      seen.add(tag.toLowerCase());
      tags.push(tag);
    }
  }
  const groupChanges = template.groupId !== '' && template.groupId !== form.groupId;
  return {
    ...form,
    kind: template.kind,
    title: template.title !== '' ? template.title : form.title,
    description: template.description !== '' ? template.description : form.description,
    category: template.category !== '' ? template.category : form.category,
    impact: template.impact,
    urgency: template.urgency,
    groupId: template.groupId !== '' ? template.groupId : form.groupId,
    // An assignee chosen for another group would not belong to the template's group.
    assigneeId: groupChanges ? '' : form.assigneeId,
    tags,
  };
}
