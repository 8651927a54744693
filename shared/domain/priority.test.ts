import { describe, expect, it } from 'vitest';
import type { Level } from './model';
import {
  DEFAULT_PRIORITY_MATRIX,
  PRIORITY_LABELS,
  defaultPriorityMatrix,
  priorityMatrixFromSetting,
  priorityOf,
  validatePriorityMatrix,
} from './priority';

const LEVELS: Level[] = [1, 2, 3];

describe('priorityOf with the default matrix', () => {
  // [impact, urgency, expected priority], written out from the ITIL default.
  const cells: [Level, Level, number][] = [
    [1, 1, 1],
    [1, 2, 2],
    [2, 1, 2],
    [1, 3, 3],
    [2, 2, 3],
    [3, 1, 3],
    [2, 3, 4],
    [3, 2, 4],
    [3, 3, 5],
  ];
  it.each(cells)('impact %i, urgency %i -> P%i', (impact, urgency, expected) => {
    expect(priorityOf(impact, urgency)).toBe(expected);
    expect(priorityOf(impact, urgency, DEFAULT_PRIORITY_MATRIX)).toBe(expected);
  });
});

describe('priorityOf with a custom matrix', () => {
  const custom = [
    [1, 1, 2],
    [2, 3, 4],
    [4, 5, 5],
  ];
  const cells: [Level, Level, number][] = [
    [1, 1, 1],
    [1, 2, 1],
    [1, 3, 2],
    [2, 1, 2],
    [2, 2, 3],
    [2, 3, 4],
    [3, 1, 4],
    [3, 2, 5],
    [3, 3, 5],
  ];
  it.each(cells)('impact %i, urgency %i -> P%i', (impact, urgency, expected) => {
    expect(priorityOf(impact, urgency, custom)).toBe(expected);
  });

  it('falls back to the default cell when a cell is unusable', () => {
    const broken = [[9, 2, 3], [2], [3, 4, 5]];
    expect(priorityOf(1, 1, broken)).toBe(1);
    expect(priorityOf(2, 3, broken)).toBe(4);
    expect(priorityOf(3, 3, [])).toBe(5);
  });
});

describe('validatePriorityMatrix', () => {
  it('accepts the default and returns an independent copy', () => {
    const input = defaultPriorityMatrix();
    const result = validatePriorityMatrix(input);
    expect(result).toEqual({
      ok: true,
      matrix: [
        [1, 2, 3],
        [2, 3, 4],
        [3, 4, 5],
      ],
    });
    if (result.ok) {
      expect(result.matrix).not.toBe(input);
      expect(result.matrix[0]).not.toBe(input[0]);
    }
  });

  it('accepts any monotonic matrix, including flat ones', () => {
    expect(
      validatePriorityMatrix([
        [3, 3, 3],
        [3, 3, 3],
        [3, 3, 3],
      ]).ok,
    ).toBe(true);
    expect(
      validatePriorityMatrix([
        [1, 1, 2],
        [2, 3, 4],
        [4, 5, 5],
      ]).ok,
    ).toBe(true);
  });

  it.each([
    ['not an array', { matrix: [] }, 'The priority matrix must have 3 rows (impact high, medium, low).'],
    ['null', null, 'The priority matrix must have 3 rows (impact high, medium, low).'],
    [
      '2 rows',
      [
        [1, 2, 3],
        [2, 3, 4],
      ],
      'The priority matrix must have 3 rows (impact high, medium, low).',
    ],
    [
      '4 rows',
      [
        [1, 2, 3],
        [2, 3, 4],
        [3, 4, 5],
        [5, 5, 5],
      ],
      'The priority matrix must have 3 rows (impact high, medium, low).',
    ],
    [
      'short row',
      [
        [1, 2, 3],
        [2, 3],
        [3, 4, 5],
      ],
      'Row 2 of the priority matrix must have 3 cells (urgency high, medium, low).',
    ],
    [
      'row not an array',
      [[1, 2, 3], [2, 3, 4], '345'],
      'Row 3 of the priority matrix must have 3 cells (urgency high, medium, low).',
    ],
    [
      'zero',
      [
        [0, 2, 3],
        [2, 3, 4],
        [3, 4, 5],
      ],
      'The priority for high impact and high urgency must be a whole number from 1 to 5.',
    ],
    [
      'six',
      [
        [1, 2, 3],
        [2, 3, 4],
        [3, 4, 6],
      ],
      'The priority for low impact and low urgency must be a whole number from 1 to 5.',
    ],
    [
      'fraction',
      [
        [1, 2, 3],
        [2, 2.5, 4],
        [3, 4, 5],
      ],
      'The priority for medium impact and medium urgency must be a whole number from 1 to 5.',
    ],
    [
      'string',
      [
        [1, '2', 3],
        [2, 3, 4],
        [3, 4, 5],
      ],
      'The priority for high impact and medium urgency must be a whole number from 1 to 5.',
    ],
    [
      'inverted',
      [
        [5, 4, 3],
        [4, 3, 2],
        [3, 2, 1],
      ],
      'The cell for high impact and high urgency (P5) is less urgent than the cell for medium impact and high urgency (P4); raising impact or urgency must never lower the priority.',
    ],
    [
      'one bad cell',
      [
        [1, 2, 3],
        [2, 3, 2],
        [3, 4, 5],
      ],
      'The cell for high impact and low urgency (P3) is less urgent than the cell for medium impact and low urgency (P2); raising impact or urgency must never lower the priority.',
    ],
  ])('rejects %s', (_name, value, error) => {
    expect(validatePriorityMatrix(value)).toEqual({ ok: false, error });
  });
});

describe('priorityMatrixFromSetting', () => {
  it('reads { matrix } and falls back to the default when invalid or missing', () => {
    const custom = [
      [1, 1, 2],
      [2, 3, 4],
      [4, 5, 5],
    ];
    expect(priorityMatrixFromSetting({ matrix: custom })).toEqual(custom);
    expect(priorityMatrixFromSetting({ matrix: [[9]] })).toEqual(defaultPriorityMatrix());
    expect(priorityMatrixFromSetting(undefined)).toEqual(defaultPriorityMatrix());
    expect(priorityMatrixFromSetting('x')).toEqual(defaultPriorityMatrix());
  });
});

describe('DEFAULT_PRIORITY_MATRIX', () => {
  it('is frozen so shared state cannot be changed by accident', () => {
    expect(Object.isFrozen(DEFAULT_PRIORITY_MATRIX)).toBe(true);
    for (const row of DEFAULT_PRIORITY_MATRIX) expect(Object.isFrozen(row)).toBe(true);
  });

  it('gives every combination a priority from 1 to 5', () => {
    for (const i of LEVELS) for (const u of LEVELS) expect([1, 2, 3, 4, 5]).toContain(priorityOf(i, u));
  });
});

describe('PRIORITY_LABELS', () => {
  it('names P1 to P5', () => {
    expect(PRIORITY_LABELS).toEqual({ 1: 'Critical', 2: 'High', 3: 'Moderate', 4: 'Low', 5: 'Planning' });
  });
});
