import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalize, stem, terms, tokenize } from './analyze';
import { withinDistance } from './distance';
import { mergeRanges, snippet } from './highlight';
import { parseQuery } from './query';

const allTerms = (text: string) => {
  const out: string[] = [];
  terms(text, (t) => out.push(t));
  return out;
};

describe('analysis', () => {
  it('lower-cases, drops diacritics and stop words', () => {
    expect(normalize('Ça Déjà VU')).toBe('ca deja vu');
    expect(allTerms('The printer is in the Café')).toEqual(['printer', 'cafe']);
  });

  it('stems plurals, -ing, -ed and a final e lightly', () => {
    expect(['printers', 'printing', 'printed', 'print'].map(stem)).toEqual([
      'printer',
      'print',
      'print',
      'print',
    ]);
    expect(['batteries', 'boxes', 'update', 'updated', 'stopped'].map(stem)).toEqual([
      'battery',
      'box',
      'updat',
      'updat',
      'stop',
    ]);
    // Short words and words with digits stay as typed.
    expect(['bus', 'gas', 'is', 'win10s'].map(stem)).toEqual(['bus', 'gas', 'is', 'win10s']);
  });

  it('keeps identifiers whole as well as in parts', () => {
    expect(allTerms('See INC-K7Q2-0042 and AT-000324 on 10.16.1.2')).toEqual([
      'see',
      'inc-k7q2-0042',
      'inc',
      'k7q2',
      '0042',
      'at-000324',
      '000324',
      '10.16.1.2',
      '10',
      '16',
    ]);
    // Without a digit a hyphenated word is just its words.
    expect(allTerms('Wi-Fi drops.')).toEqual(['wi', 'fi', 'drop']);
  });

  it('reports where each token is in the original text', () => {
    const text = 'Écran noir sur PRN-LDN-2F-01, déjà.';
    for (const t of tokenize(text)) expect(normalize(text.slice(t.start, t.end))).toBe(t.surface);
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (s) => {
        for (const t of tokenize(s)) {
          expect(t.start).toBeGreaterThanOrEqual(0);
          expect(t.end).toBeLessThanOrEqual(s.length);
          expect(normalize(s.slice(t.start, t.end))).toBe(t.surface);
        }
      }),
    );
  });

  it('measures typos with transpositions', () => {
    expect(withinDistance('pritner', 'printer', 1)).toBe(1);
    expect(withinDistance('laptp', 'laptop', 1)).toBe(1);
    expect(withinDistance('mouse', 'house', 1)).toBe(1);
    expect(withinDistance('printer', 'pointer', 1)).toBe(1);
    expect(withinDistance('network', 'netwrok', 2)).toBe(1);
    expect(withinDistance('abc', 'xyz', 1)).toBe(2);
  });
});

describe('parseQuery', () => {
  it('completes only the last word, and only while it is being typed', () => {
    expect(parseQuery('printer ja').map((t) => [t.term, t.prefix])).toEqual([
      ['printer', false],
      ['ja', true],
    ]);
    expect(parseQuery('printer ja ').every((t) => !t.prefix)).toBe(true);
  });

  it('treats a number or address as one identifier, with its parts as a fallback', () => {
    const [token] = parseQuery('INC-K7Q2-0042');
    expect(token).toMatchObject({ term: 'inc-k7q2-0042', compound: true });
    expect(token?.parts.map((p) => p.term)).toEqual(['inc', 'k7q2', '0042']);
    expect(parseQuery('jane.doe@example.com')[0]).toMatchObject({
      term: 'jane.doe@example.com',
      compound: true,
    });
  });

  it('lets a lone common word start a longer one', () => {
    expect(parseQuery('out')).toEqual([
      { term: 'out', surface: 'out', prefix: true, compound: false, parts: [] },
    ]);
    expect(parseQuery('printer out').map((t) => t.term)).toEqual(['printer']);
  });
});

describe('highlights', () => {
  it('merges overlapping ranges', () => {
    expect(
      mergeRanges([
        [5, 9],
        [0, 3],
        [2, 4],
        [9, 10],
      ]),
    ).toEqual([
      [0, 4],
      [5, 10],
    ]);
  });

  it('cuts a snippet around the first match and moves the ranges with it', () => {
    const text = `${'lorem '.repeat(30)}the toner is empty ${'ipsum '.repeat(40)}`;
    const at = text.indexOf('toner');
    const cut = snippet(text, [[at, at + 5]])!;
    expect(cut.text.startsWith('…')).toBe(true);
    expect(cut.text.endsWith('…')).toBe(true);
    const [[a, b]] = cut.ranges as [[number, number]];
    expect(cut.text.slice(a, b)).toBe('toner');
  });
});
