import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { diffLines, diffSequences, diffStats, sideBySide, splitLines, type DiffLine } from './diff';

/** The old text is the same + removed lines; the new text the same + added lines. */
function sides(lines: readonly DiffLine[]): { before: string[]; after: string[] } {
  return {
    before: lines.filter((l) => l.op !== 'add').map((l) => l.text),
    after: lines.filter((l) => l.op !== 'remove').map((l) => l.text),
  };
}

/** Reference LCS length by plain recursion with memo (small inputs only). */
function lcsLength(a: readonly string[], b: readonly string[]): number {
  const memo = new Map<string, number>();
  const go = (i: number, j: number): number => {
    if (i === a.length || j === b.length) return 0;
    const key = `${i},${j}`;
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    const value = a[i] === b[j] ? 1 + go(i + 1, j + 1) : Math.max(go(i + 1, j), go(i, j + 1));
    memo.set(key, value);
    return value;
  };
  return go(0, 0);
}

describe('splitLines', () => {
  it('treats a final newline as the end of the last line and normalizes CRLF', () => {
    expect(splitLines('')).toEqual([]);
    expect(splitLines('a\nb\n')).toEqual(['a', 'b']);
    expect(splitLines('a\r\nb\rc')).toEqual(['a', 'b', 'c']);
    expect(splitLines('\n')).toEqual(['']);
  });
});

describe('diffLines', () => {
  it('marks a changed line as removed then added, with line numbers on both sides', () => {
    const result = diffLines('one\ntwo\nthree', 'one\n2\nthree\nfour');
    expect(result).toEqual([
      { op: 'same', text: 'one', oldNo: 1, newNo: 1 },
      { op: 'remove', text: 'two', oldNo: 2 },
      { op: 'add', text: '2', newNo: 2 },
      { op: 'same', text: 'three', oldNo: 3, newNo: 3 },
      { op: 'add', text: 'four', newNo: 4 },
    ]);
    expect(diffStats(result)).toEqual({ added: 2, removed: 1, same: 2 });
  });

  it('finds the common lines in the middle, not only at the ends', () => {
    const result = diffSequences(['a', 'x', 'b', 'y', 'c'], ['q', 'a', 'b', 'c', 'r']);
    expect(result.filter((l) => l.op === 'same').map((l) => l.text)).toEqual(['a', 'b', 'c']);
  });

  it('handles empty texts on either side', () => {
    expect(diffLines('', '')).toEqual([]);
    expect(diffLines('', 'a\nb').map((l) => l.op)).toEqual(['add', 'add']);
    expect(diffLines('a\nb', '').map((l) => l.op)).toEqual(['remove', 'remove']);
  });

  it('falls back to remove-then-add past the table limit and still reproduces both texts', () => {
    const before = Array.from({ length: 50 }, (_, i) => `old ${i}`);
    const after = Array.from({ length: 50 }, (_, i) => (i % 2 ? `old ${i}` : `new ${i}`));
    const result = diffSequences(before, after, 100);
    expect(sides(result)).toEqual({ before, after });
    expect(diffSequences(before, after).filter((l) => l.op === 'same')).toHaveLength(25);
  });

  it('reproduces both inputs and keeps a longest common subsequence (property)', () => {
    const line = fc.constantFrom('a', 'b', 'c', 'd', '');
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), fc.array(line, { maxLength: 12 }), (a, b) => {
        const result = diffSequences(a, b);
        expect(sides(result)).toEqual({ before: a, after: b });
        expect(diffStats(result).same).toBe(lcsLength(a, b));
        // Line numbers count up on each side.
        const oldNos = result.filter((l) => l.op !== 'add').map((l) => l.oldNo);
        const newNos = result.filter((l) => l.op !== 'remove').map((l) => l.newNo);
        expect(oldNos).toEqual(a.map((_, i) => i + 1));
        expect(newNos).toEqual(b.map((_, i) => i + 1));
      }),
    );
  });
});

describe('sideBySide', () => {
  it('sets each removal next to the addition that replaced it', () => {
    const rows = sideBySide(diffLines('a\nb\nc\nd', 'a\nB\nC\nX\nd'));
    expect(rows.map((r) => [r.left?.text ?? null, r.right?.text ?? null])).toEqual([
      ['a', 'a'],
      ['b', 'B'],
      ['c', 'C'],
      [null, 'X'],
      ['d', 'd'],
    ]);
    expect(rows[3]?.right).toEqual({ no: 4, text: 'X', op: 'add' });
  });

  it('keeps every line of both sides exactly once (property)', () => {
    const line = fc.constantFrom('a', 'b', 'c');
    fc.assert(
      fc.property(fc.array(line, { maxLength: 10 }), fc.array(line, { maxLength: 10 }), (a, b) => {
        const rows = sideBySide(diffSequences(a, b));
        expect(rows.flatMap((r) => (r.left ? [r.left.text] : []))).toEqual(a);
        expect(rows.flatMap((r) => (r.right ? [r.right.text] : []))).toEqual(b);
      }),
    );
  });
});
