import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  byteCapacity,
  dataCapacity,
  encodeQr,
  formatBits,
  functionModules,
  reedSolomon,
  utf8,
  versionBits,
  versionFor,
} from './qr';
import { decodeQrMatrix } from './qrDecode';

describe('Reed-Solomon and BCH codes against the published examples', () => {
  it('error correction of "01234567" in version 1-M (the standard\'s worked example)', () => {
    const data = [16, 32, 12, 86, 97, 128, 236, 17, 236, 17, 236, 17, 236, 17, 236, 17];
    expect(reedSolomon(data, 10)).toEqual([165, 36, 212, 193, 237, 54, 199, 135, 44, 85]);
  });

  it('error correction of "HELLO WORLD" in version 1-M', () => {
    const data = [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17];
    expect(reedSolomon(data, 10)).toEqual([196, 35, 39, 119, 235, 215, 231, 226, 93, 23]);
  });

  it('format information of level M for every mask (table C.1)', () => {
    const table = [
      '101010000010010',
      '101000100100101',
      '101111001111100',
      '101101101001011',
      '100010111111001',
      '100000011001110',
      '100111110010111',
      '100101010100000',
    ];
    expect(table.map((_, mask) => formatBits(mask).toString(2).padStart(15, '0'))).toEqual(table);
  });

  it('version information of versions 7 to 10 (table D.1)', () => {
    expect([7, 8, 9, 10].map((v) => versionBits(v))).toEqual([0x07c94, 0x085bc, 0x09a99, 0x0a4d3]);
  });
});

describe('capacities', () => {
  it('data codewords of level M per version', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(dataCapacity)).toEqual([
      16, 28, 44, 64, 86, 108, 124, 154, 182, 216,
    ]);
  });

  it('byte-mode capacity of level M per version', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(byteCapacity)).toEqual([
      14, 26, 42, 62, 84, 106, 122, 152, 180, 213,
    ]);
  });

  it('the data modules of each version hold exactly its codewords (plus 0 or 7 remainder bits)', () => {
    for (let v = 1; v <= 10; v++) {
      const fn = functionModules(v);
      const free = fn.flat().filter((f) => !f).length;
      const totalCodewords = [26, 44, 70, 100, 134, 172, 196, 242, 292, 346][v - 1]!;
      expect(free - totalCodewords * 8, `version ${v}`).toBe(v === 1 || v >= 7 ? 0 : 7);
    }
  });

  it('picks the smallest version and refuses what no version holds', () => {
    expect(versionFor(14)).toBe(1);
    expect(versionFor(15)).toBe(2);
    expect(versionFor(213)).toBe(10);
    expect(versionFor(214)).toBeNull();
    expect(() => encodeQr('x'.repeat(214))).toThrow(/Too long/);
  });
});

describe('encodeQr', () => {
  it('matches the symbol of "AT-000123" that an independent reader decoded', () => {
    // Checked with ZBar's zbarimg on a rendering of this exact matrix.
    const expected = [
      '#######.#.##..#######',
      '#.....#.#.#...#.....#',
      '#.###.#...#...#.###.#',
      '#.###.#.#.##..#.###.#',
      '#.###.#...##..#.###.#',
      '#.....#...###.#.....#',
      '#######.#.#.#.#######',
      '........##.##........',
      '#.##.###..###.#..#.##',
      '.####..#...##...####.',
      '#.....###.##.....#.##',
      '.#.##...##.#.#.##....',
      '###..##..##.####.....',
      '........####..###.#.#',
      '#######.##.##.#.##...',
      '#.....#.#......#..##.',
      '#.###.#...#.#.#...#..',
      '#.###.#.##.#..##...#.',
      '#.###.#.###.#.##..#..',
      '#.....#..#...#...#..#',
      '#######.##...#..###..',
    ];
    const qr = encodeQr('AT-000123');
    expect([qr.version, qr.mask]).toEqual([1, 3]);
    expect(qr.modules.map((row) => row.map((m) => (m ? '#' : '.')).join(''))).toEqual(expected);
  });

  it('every version and every mask reads back to the same text', () => {
    for (let v = 1; v <= 10; v++) {
      for (let mask = 0; mask < 8; mask++) {
        const text = 'T'.repeat(byteCapacity(v) - (mask % 2));
        const qr = encodeQr(text, { mask });
        expect(qr.version).toBe(v);
        expect(decodeQrMatrix(qr.modules)).toEqual({ text, version: v, mask });
      }
    }
  });

  it('any text that fits reads back (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 50 }), (text) => {
        fc.pre(utf8(text).length <= 213);
        expect(decodeQrMatrix(encodeQr(text).modules).text).toBe(text);
      }),
      { numRuns: 200 },
    );
  });

  it('encodes text as UTF-8', () => {
    expect(utf8('Aé€😀')).toEqual([0x41, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80]);
  });

  it('a damaged symbol is caught by the reader', () => {
    const qr = encodeQr('AT-000123', { mask: 0 });
    const damaged = qr.modules.map((row) => row.slice());
    damaged[12]![12] = !damaged[12]![12];
    expect(() => decodeQrMatrix(damaged)).toThrow(/error correction/);
  });

  it('refuses a mask outside 0-7', () => {
    expect(() => encodeQr('A', { mask: 8 })).toThrow(/mask/);
  });
});
