import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { detectBursts, EMPTY_WEDGE, normaliseTag, tagError, wedgeStep, type WedgeKey } from './scan';

/** Keys of `text` typed from `start`, `gap` ms apart, then Enter after `enterGap`. */
function typed(text: string, start: number, gap: number, enterGap = gap, editable = false): WedgeKey[] {
  const keys = [...text].map((key, i) => ({ key, time: start + i * gap, editable, modified: false }));
  keys.push({ key: 'Enter', time: start + (text.length - 1) * gap + enterGap, editable, modified: false });
  return keys;
}

describe('normaliseTag', () => {
  it('trims, drops control characters, collapses spaces and upper-cases', () => {
    expect(normaliseTag('  at-000123\r')).toBe('AT-000123');
    expect(normaliseTag('\u0002AT-1\u0003')).toBe('AT-1');
    expect(normaliseTag('lab  kit\t 7')).toBe('LAB KIT 7');
  });

  it('refuses nothing and refuses tags longer than 64 characters rather than cutting them', () => {
    expect(normaliseTag('')).toBeNull();
    expect(normaliseTag(' \t\n')).toBeNull();
    expect(normaliseTag('A'.repeat(64))).toBe('A'.repeat(64));
    expect(normaliseTag('A'.repeat(65))).toBeNull();
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string(), (raw) => {
        const once = normaliseTag(raw);
        if (once !== null) expect(normaliseTag(once)).toBe(once);
      }),
    );
  });

  it('explains why a typed tag is refused', () => {
    expect(tagError('  ')).toBe('Type or scan an asset tag.');
    expect(tagError('x'.repeat(80))).toMatch(/at most 64/);
    expect(tagError('AT-1')).toBeNull();
  });
});

describe('keyboard-wedge burst detection', () => {
  it('recognises a scanner: 4+ characters under 50 ms apart, then Enter', () => {
    expect(detectBursts(typed('AT-000123', 1000, 8))).toEqual(['AT-000123']);
    expect(detectBursts(typed('ABCD', 0, 50))).toEqual(['ABCD']);
  });

  it('does not take a person typing for a scanner', () => {
    expect(detectBursts(typed('AT-000123', 1000, 120))).toEqual([]);
    // Fast but short: three characters are not a code.
    expect(detectBursts(typed('abc', 0, 10))).toEqual([]);
    // A pause before Enter: someone typed quickly, then decided to press Enter.
    expect(detectBursts(typed('ABCDE', 0, 10, 400))).toEqual([]);
  });

  it('starts over after a pause, keeping only the fast run before Enter', () => {
    const keys = [...typed('hello', 0, 150).slice(0, -1), ...typed('AT-77', 2000, 5)];
    expect(detectBursts(keys)).toEqual(['AT-77']);
  });

  it('never touches keys typed into a text field', () => {
    const keys = typed('AT-000123', 0, 5, 5, true);
    expect(detectBursts(keys)).toEqual([]);
    for (const key of keys) expect(wedgeStep(EMPTY_WEDGE, key).action).toEqual({ kind: 'ignore' });
  });

  it('ignores Shift between characters and drops shortcuts', () => {
    const keys: WedgeKey[] = [];
    [...'AT9X'].forEach((key, i) => {
      keys.push({ key: 'Shift', time: i * 6, editable: false, modified: false });
      keys.push({ key, time: i * 6 + 2, editable: false, modified: false });
    });
    keys.push({ key: 'Enter', time: 26, editable: false, modified: false });
    expect(detectBursts(keys)).toEqual(['AT9X']);
    const withCtrl = typed('ABCD', 0, 5).map((k, i) => (i === 2 ? { ...k, modified: true } : k));
    expect(detectBursts(withCtrl)).toEqual([]);
  });

  it('holds characters, consumes the closing Enter of a burst and lets other Enters through', () => {
    let state = EMPTY_WEDGE;
    const actions = typed('ABCD', 0, 5).map((key) => {
      const step = wedgeStep(state, key);
      state = step.state;
      return step.action.kind;
    });
    expect(actions).toEqual(['hold', 'hold', 'hold', 'hold', 'burst']);
    expect(
      wedgeStep(EMPTY_WEDGE, { key: 'Enter', time: 0, editable: false, modified: false }).action.kind,
    ).toBe('ignore');
    const slow = wedgeStep(
      { buffer: 'AB', last: 0 },
      { key: 'Enter', time: 500, editable: false, modified: false },
    );
    expect(slow.action.kind).toBe('drop');
  });

  it('finds exactly the scanned codes among random human typing (property)', () => {
    const code = fc.stringMatching(/^[A-Z0-9-]{4,20}$/);
    fc.assert(
      fc.property(
        fc.array(code, { minLength: 1, maxLength: 5 }),
        fc.array(fc.integer({ min: 1, max: 9 })),
        (codes, gaps) => {
          let time = 0;
          const keys: WedgeKey[] = [];
          codes.forEach((c, n) => {
            // A person types a word slowly between scans.
            for (const key of 'note')
              keys.push({ key, time: (time += 180), editable: false, modified: false });
            time += 1000;
            for (const key of c)
              keys.push({
                key,
                time: (time += gaps[n % Math.max(1, gaps.length)] ?? 5),
                editable: false,
                modified: false,
              });
            keys.push({ key: 'Enter', time: (time += 4), editable: false, modified: false });
          });
          expect(detectBursts(keys)).toEqual(codes);
        },
      ),
    );
  });
});
