/**
 * Checks shared by the team's rule settings (assignment and escalation rules): names, id lists,
 * enumerations, categories, and reading a list that may hold malformed entries from another
 * device or an older version.
 */
import { validateCategoryPath } from './categories';
import { hasControlCharacters } from './validation';

export const RULES_MAX = 200;
export const RULE_NAME_MAX = 80;
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,40}$/;

export type RuleErrors = Record<string, string>;

/** Who a rule's result concerns: groups and their members, for inline checks while editing. */
export interface RuleDirectory {
  isGroup: (id: string) => boolean;
  isUser: (id: string) => boolean;
  isMember: (userId: string, groupId: string) => boolean;
}

// ---------------------------------------------------------------------------------------------
// Shared checks

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function stringList(v: unknown): string[] | null {
  if (v === undefined) return [];
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) return null;
  return [...new Set(v as string[])];
}

export function enumList<T extends string | number>(v: unknown, allowed: readonly T[]): T[] | null {
  if (v === undefined) return [];
  if (!Array.isArray(v) || !v.every((x) => (allowed as readonly unknown[]).includes(x))) return null;
  return [...new Set(v as T[])];
}

export function checkName(errors: RuleErrors, key: string, v: unknown): string {
  const name = typeof v === 'string' ? v.trim() : '';
  if (name === '') errors[key] = 'Give the rule a name.';
  else if (hasControlCharacters(name)) errors[key] = 'The name must be a single line.';
  else if (name.length > RULE_NAME_MAX) errors[key] = `At most ${RULE_NAME_MAX} characters.`;
  return name;
}

export function checkCategories(errors: RuleErrors, key: string, v: unknown): string[] {
  const list = stringList(v);
  if (list === null) {
    errors[key] = 'Categories must be a list of paths.';
    return [];
  }
  const out: string[] = [];
  for (const raw of list) {
    const checked = validateCategoryPath(raw);
    if (!checked.ok) {
      errors[key] = checked.error;
      return [];
    }
    out.push(checked.path);
  }
  return out;
}

export function checkIds(errors: RuleErrors, prefix: string, v: unknown): string {
  if (typeof v !== 'string' || !ID_PATTERN.test(v)) errors[`${prefix}.id`] = 'The rule has no valid id.';
  return typeof v === 'string' ? v : '';
}

/** Runs `check` on every entry; errors are keyed `<index>.<field>`. */
export function validateList<T>(
  value: unknown,
  check: (item: Record<string, unknown>, errors: RuleErrors, prefix: string) => T,
): { ok: true; items: T[] } | { ok: false; errors: RuleErrors } {
  if (!Array.isArray(value)) return { ok: false, errors: { form: 'The rules must be a list.' } };
  if (value.length > RULES_MAX) return { ok: false, errors: { form: `At most ${RULES_MAX} rules.` } };
  const errors: RuleErrors = {};
  const items: T[] = [];
  const ids = new Set<string>();
  value.forEach((raw: unknown, i) => {
    if (!isRecord(raw)) {
      errors[`${i}.form`] = 'This entry is not a rule.';
      return;
    }
    const id = raw.id;
    if (typeof id === 'string' && ids.has(id)) errors[`${i}.id`] = 'Two rules share one id.';
    if (typeof id === 'string') ids.add(id);
    items.push(check(raw, errors, String(i)));
  });
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, items };
}

/** Lenient reading: each entry that passes the strict check on its own is kept, others dropped. */
export function readList<T>(value: unknown, validateOne: (item: unknown) => T | null): T[] {
  if (!Array.isArray(value)) return [];
  const out: T[] = [];
  const ids = new Set<string>();
  for (const raw of value.slice(0, RULES_MAX) as unknown[]) {
    const item = validateOne(raw);
    const id = (item as { id?: string } | null)?.id;
    if (item === null || id === undefined || ids.has(id)) continue;
    ids.add(id);
    out.push(item);
  }
  return out;
}
