/**
 * Priority from impact x urgency (ITIL). The matrix is a team setting stored as a document, so it
 * may arrive from another device or an older version: validate before use, and never let a bad
 * cell produce a priority outside P1..P5.
 */
import type { Level, Priority } from './model';

/** Rows are impact 1..3, columns urgency 1..3 (1 = high); cells are priorities 1..5. */
export type PriorityMatrix = number[][];

/** Frozen: it is shared by every caller, so an accidental write must fail loudly. */
export const DEFAULT_PRIORITY_MATRIX: PriorityMatrix = Object.freeze([
  Object.freeze([1, 2, 3]),
  Object.freeze([2, 3, 4]),
  Object.freeze([3, 4, 5]),
]) as unknown as PriorityMatrix;

export const PRIORITIES = [1, 2, 3, 4, 5] as const satisfies readonly Priority[];

/** Names shown after the code, as in "P1 Critical" (see priorityLabel in labels.ts). */
export const PRIORITY_LABELS: Readonly<Record<Priority, string>> = {
  1: 'Critical',
  2: 'High',
  3: 'Moderate',
  4: 'Low',
  5: 'Planning',
};

export function isPriority(value: unknown): value is Priority {
  return value === 1 || value === 2 || value === 3 || value === 4 || value === 5;
}

export function isLevel(value: unknown): value is Level {
  return value === 1 || value === 2 || value === 3;
}

/** Fresh mutable copy, e.g. to store in a setting. */
export function defaultPriorityMatrix(): PriorityMatrix {
  return DEFAULT_PRIORITY_MATRIX.map((row) => row.slice());
}

/**
 * Looks up a cell, falling back to the default cell when the matrix is malformed: a ticket must
 * always get a priority, and the default is the least surprising one.
 */
export function priorityOf(
  impact: Level,
  urgency: Level,
  matrix: readonly (readonly number[])[] = DEFAULT_PRIORITY_MATRIX,
): Priority {
  const cell = matrix[impact - 1]?.[urgency - 1];
  if (isPriority(cell)) return cell;
  const fallback = DEFAULT_PRIORITY_MATRIX[impact - 1]?.[urgency - 1];
  return isPriority(fallback) ? fallback : 3;
}

export type PriorityMatrixResult = { ok: true; matrix: PriorityMatrix } | { ok: false; error: string };

const LEVEL_NAMES = ['high', 'medium', 'low'] as const;

/**
 * Accepts exactly 3 rows of 3 integer priorities 1..5, and requires the matrix to be monotonic:
 * raising impact or urgency may never lower the priority. A matrix breaking that rule is
 * almost certainly a typo, and it would silently rank a company-wide outage below a single user's
 * cosmetic issue.
 */
export function validatePriorityMatrix(value: unknown): PriorityMatrixResult {
  if (!Array.isArray(value) || value.length !== 3) {
    return { ok: false, error: 'The priority matrix must have 3 rows (impact high, medium, low).' };
  }
  const matrix: PriorityMatrix = [];
  for (let i = 0; i < 3; i++) {
    const row: unknown = value[i];
    if (!Array.isArray(row) || row.length !== 3) {
      return {
        ok: false,
        error: `Row ${i + 1} of the priority matrix must have 3 cells (urgency high, medium, low).`,
      };
    }
    const cells: number[] = [];
    for (let j = 0; j < 3; j++) {
      const cell: unknown = row[j];
      if (!isPriority(cell)) {
        return {
          ok: false,
          error: `The priority for ${LEVEL_NAMES[i]} impact and ${LEVEL_NAMES[j]} urgency must be a whole number from 1 to 5.`,
        };
      }
      cells.push(cell);
    }
    matrix.push(cells);
  }
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      const cell = matrix[i]?.[j] ?? 0;
      // Neighbours one step less severe (lower impact, then lower urgency).
      for (const [k, l] of [
        [i + 1, j],
        [i, j + 1],
      ] as const) {
        const other = matrix[k]?.[l];
        if (other !== undefined && other < cell) {
          return {
            ok: false,
            error:
              `The cell for ${LEVEL_NAMES[i]} impact and ${LEVEL_NAMES[j]} urgency (P${cell}) is less urgent ` +
              `than the cell for ${LEVEL_NAMES[k]} impact and ${LEVEL_NAMES[l]} urgency (P${other}); ` +
              'raising impact or urgency must never lower the priority.',
          };
        }
      }
    }
  }
  return { ok: true, matrix };
}

/** Matrix from the `priorityMatrix` setting value ({ matrix }), or the default when invalid. */
export function priorityMatrixFromSetting(value: unknown): PriorityMatrix {
  if (typeof value === 'object' && value !== null && 'matrix' in value) {
    const result = validatePriorityMatrix(value.matrix);
    if (result.ok) return result.matrix;
  }
  return defaultPriorityMatrix();
}
