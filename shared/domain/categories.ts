/**
 * The category tree. Categories stay plain strings on tickets and in the `categories` setting
 * (value.categories: string[]), so older devices keep working; a level is marked with "/":
 * "Hardware/Laptop/Battery" sits under "Hardware/Laptop", which sits under "Hardware".
 * A parent listed only through its children ("Hardware/Laptop" without "Hardware") still is a
 * node of the tree, and can be chosen like any other.
 */
import { hasControlCharacters } from './validation';

export const CATEGORY_SEPARATOR = '/';
/** Same bound as a ticket's category field (CATEGORY_MAX in validation.ts). */
export const CATEGORY_PATH_MAX = 80;
export const CATEGORY_SEGMENT_MAX = 40;
export const CATEGORY_DEPTH_MAX = 4;
export const CATEGORIES_MAX = 500;

export type CategoryPathResult = { ok: true; path: string } | { ok: false; error: string };

/** Trims every level and joins with a bare "/": " Hardware / Laptop " -> "Hardware/Laptop". */
export function normaliseCategoryPath(raw: string): string {
  const trimmed = raw.trim();
  if (trimmed === '') return '';
  return trimmed
    .split(CATEGORY_SEPARATOR)
    .map((segment) => segment.trim().replace(/\s+/g, ' '))
    .join(CATEGORY_SEPARATOR);
}

export function validateCategoryPath(raw: unknown): CategoryPathResult {
  if (typeof raw !== 'string') return { ok: false, error: 'A category must be text.' };
  if (hasControlCharacters(raw)) {
    return { ok: false, error: 'A category must be a single line without control characters.' };
  }
  const path = normaliseCategoryPath(raw);
  if (path === '') return { ok: false, error: 'Enter a category name.' };
  const segments = path.split(CATEGORY_SEPARATOR);
  if (segments.some((s) => s === '')) {
    return {
      ok: false,
      error:
        'A level of the category is empty: write levels as "Hardware/Laptop", without "//" or a "/" at either end.',
    };
  }
  if (segments.length > CATEGORY_DEPTH_MAX) {
    return { ok: false, error: `A category can have at most ${CATEGORY_DEPTH_MAX} levels.` };
  }
  const long = segments.find((s) => s.length > CATEGORY_SEGMENT_MAX);
  if (long !== undefined) {
    return {
      ok: false,
      error: `Each level must be at most ${CATEGORY_SEGMENT_MAX} characters ("${long.slice(0, 12)}…" is longer).`,
    };
  }
  if (path.length > CATEGORY_PATH_MAX) {
    return { ok: false, error: `A category path must be at most ${CATEGORY_PATH_MAX} characters.` };
  }
  return { ok: true, path };
}

/** Comparison key: levels are matched without regard to case ("hardware/laptop" = "Hardware/Laptop"). */
export function categoryKey(path: string): string {
  return normaliseCategoryPath(path).toLowerCase();
}

/**
 * A category list as stored by any device: valid paths, normalised, first spelling of
 * case-insensitive duplicates. Anything malformed is dropped, never thrown: a bad entry from
 * another device must not take the ticket form down.
 */
export function readCategoryList(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const item of value as unknown[]) {
    const checked = validateCategoryPath(item);
    if (!checked.ok) continue;
    const key = categoryKey(checked.path);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(checked.path);
    if (out.length >= CATEGORIES_MAX) break;
  }
  return out;
}

export type CategoryListResult =
  { ok: true; categories: string[] } | { ok: false; errors: Record<number, string> };

/** Strict check before saving: every entry valid, no duplicates; errors keyed by position. */
export function validateCategoryList(value: readonly unknown[]): CategoryListResult {
  const errors: Record<number, string> = {};
  const seen = new Map<string, number>();
  const categories: string[] = [];
  if (value.length > CATEGORIES_MAX) {
    return { ok: false, errors: { [CATEGORIES_MAX]: `At most ${CATEGORIES_MAX} categories.` } };
  }
  value.forEach((item, i) => {
    const checked = validateCategoryPath(item);
    if (!checked.ok) {
      errors[i] = checked.error;
      return;
    }
    const key = categoryKey(checked.path);
    const first = seen.get(key);
    if (first !== undefined) {
      errors[i] = `"${checked.path}" is already in the list.`;
      return;
    }
    seen.set(key, i);
    categories.push(checked.path);
  });
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, categories };
}

/** "A/B/C" -> ["A", "A/B"]. */
export function ancestorsOf(path: string): string[] {
  const segments = normaliseCategoryPath(path).split(CATEGORY_SEPARATOR);
  const out: string[] = [];
  for (let i = 1; i < segments.length; i++) out.push(segments.slice(0, i).join(CATEGORY_SEPARATOR));
  return out;
}

export function parentOf(path: string): string {
  return ancestorsOf(path).pop() ?? '';
}

export function leafName(path: string): string {
  const segments = normaliseCategoryPath(path).split(CATEGORY_SEPARATOR);
  return segments[segments.length - 1] ?? '';
}

/** True when `path` is `ancestor` itself or lies anywhere below it (case-insensitive). */
export function isUnder(path: string, ancestor: string): boolean {
  const p = categoryKey(path);
  const a = categoryKey(ancestor);
  if (p === '' || a === '') return false;
  return p === a || p.startsWith(a + CATEGORY_SEPARATOR);
}

export interface CategoryNode {
  name: string;
  path: string;
  /** Listed in the setting itself, not only implied by a child. */
  listed: boolean;
  children: CategoryNode[];
}

function byName(a: CategoryNode, b: CategoryNode): number {
  const x = a.name.toLowerCase();
  const y = b.name.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** The tree of every listed path and its ancestors, siblings in alphabetical order. */
export function buildCategoryTree(paths: readonly string[]): CategoryNode[] {
  const roots: CategoryNode[] = [];
  const byKey = new Map<string, CategoryNode>();
  for (const raw of readCategoryList(paths)) {
    const segments = raw.split(CATEGORY_SEPARATOR);
    let siblings = roots;
    for (let depth = 1; depth <= segments.length; depth++) {
      const path = segments.slice(0, depth).join(CATEGORY_SEPARATOR);
      const key = path.toLowerCase();
      let node = byKey.get(key);
      if (!node) {
        node = { name: segments[depth - 1] ?? '', path, listed: false, children: [] };
        byKey.set(key, node);
        siblings.push(node);
      }
      if (depth === segments.length) node.listed = true;
      siblings = node.children;
    }
  }
  const sort = (nodes: CategoryNode[]): void => {
    nodes.sort(byName);
    for (const n of nodes) sort(n.children);
  };
  sort(roots);
  return roots;
}

export interface FlatCategory {
  path: string;
  name: string;
  depth: number;
  listed: boolean;
  hasChildren: boolean;
}

/** Depth-first, parents before children: the order a picker or an outline shows. */
export function flattenCategoryTree(tree: readonly CategoryNode[]): FlatCategory[] {
  const out: FlatCategory[] = [];
  const walk = (nodes: readonly CategoryNode[], depth: number): void => {
    for (const n of nodes) {
      out.push({ path: n.path, name: n.name, depth, listed: n.listed, hasChildren: n.children.length > 0 });
      walk(n.children, depth + 1);
    }
  };
  walk(tree, 0);
  return out;
}

/** Every node's path (listed and implied), in outline order. */
export function categoryPaths(paths: readonly string[]): string[] {
  return flattenCategoryTree(buildCategoryTree(paths)).map((c) => c.path);
}

/** Paths without children. */
export function leafCategories(paths: readonly string[]): string[] {
  return flattenCategoryTree(buildCategoryTree(paths))
    .filter((c) => !c.hasChildren)
    .map((c) => c.path);
}

/** For display: "Hardware/Laptop" -> "Hardware › Laptop". */
export function categoryLabel(path: string): string {
  return normaliseCategoryPath(path).split(CATEGORY_SEPARATOR).join(' › ');
}

export type CategoryEditResult = { ok: true; categories: string[] } | { ok: false; error: string };

export function addCategory(list: readonly string[], raw: string): CategoryEditResult {
  const checked = validateCategoryPath(raw);
  if (!checked.ok) return checked;
  const key = categoryKey(checked.path);
  if (list.some((c) => categoryKey(c) === key)) {
    return { ok: false, error: `"${checked.path}" is already in the list.` };
  }
  if (list.length >= CATEGORIES_MAX) return { ok: false, error: `At most ${CATEGORIES_MAX} categories.` };
  return { ok: true, categories: [...list, checked.path] };
}

/**
 * Renames `from` and moves everything below it along ("Hardware" -> "Devices" turns
 * "Hardware/Laptop" into "Devices/Laptop"). A new path may also move a branch to another parent.
 * Tickets keep the category text they were saved with.
 */
export function renameCategory(list: readonly string[], from: string, raw: string): CategoryEditResult {
  const checked = validateCategoryPath(raw);
  if (!checked.ok) return checked;
  const to = checked.path;
  const prefixLength = normaliseCategoryPath(from).length;
  const moveOne = (c: string): string => to + normaliseCategoryPath(c).slice(prefixLength);
  if (categoryKey(to) === categoryKey(from)) {
    // Only the spelling changes; the branch stays where it is.
    return { ok: true, categories: list.map((c) => (isUnder(c, from) ? moveOne(c) : c)) };
  }
  if (isUnder(to, from)) return { ok: false, error: 'A category cannot be moved below itself.' };
  const moved = list.filter((c) => isUnder(c, from));
  const staying = list.filter((c) => !isUnder(c, from));
  if (moved.length === 0) return { ok: false, error: `"${from}" is not in the list.` };
  const renamed = moved.map(moveOne);
  for (const path of renamed) {
    const valid = validateCategoryPath(path);
    if (!valid.ok) return { ok: false, error: `"${path}": ${valid.error}` };
    if (staying.some((c) => categoryKey(c) === categoryKey(path))) {
      return { ok: false, error: `"${path}" already exists.` };
    }
  }
  return { ok: true, categories: [...staying, ...renamed] };
}

/** Removes `path` and everything below it. */
export function removeCategory(list: readonly string[], path: string): string[] {
  return list.filter((c) => !isUnder(c, path));
}
