/**
 * Reads a QR module matrix back (level M, byte mode, versions 1-10): the check the label tests
 * run on every symbol the encoder makes. It verifies the format information against all 32
 * valid codes, the version information, and each block's Reed-Solomon syndromes (evaluated
 * directly, not by re-encoding), then parses the byte-mode segment.
 */
import { ECC_M, gfMul } from './qr';
import { forEachDataModule, formatBits, functionModules, maskApplies, versionBits } from './qrMatrix';

export interface DecodedQr {
  text: string;
  version: number;
  mask: number;
}

function hamming(a: number, b: number): number {
  let x = a ^ b;
  let n = 0;
  while (x) {
    n += x & 1;
    x >>>= 1;
  }
  return n;
}

/** Format bits of any level and mask, to tell a level-M symbol from others. */
function anyFormatBits(level: number, mask: number): number {
  const data = (level << 3) | mask;
  let rem = data;
  for (let i = 0; i < 10; i++) rem = (rem << 1) ^ ((rem >>> 9) * 0x537);
  return ((data << 10) | rem) ^ 0x5412;
}

function readFormat(m: boolean[][]): { level: number; mask: number } {
  const size = m.length;
  const bit = (dark: boolean | undefined, i: number) => (dark ? 1 << i : 0);
  let first = 0;
  for (let i = 0; i <= 5; i++) first |= bit(m[i]?.[8], i);
  first |= bit(m[7]?.[8], 6) | bit(m[8]?.[8], 7) | bit(m[8]?.[7], 8);
  for (let i = 9; i < 15; i++) first |= bit(m[8]?.[14 - i], i);
  let second = 0;
  for (let i = 0; i < 8; i++) second |= bit(m[8]?.[size - 1 - i], i);
  for (let i = 8; i < 15; i++) second |= bit(m[size - 15 + i]?.[8], i);
  let best = { level: -1, mask: -1, distance: 99 };
  for (let level = 0; level < 4; level++) {
    for (let mask = 0; mask < 8; mask++) {
      const code = anyFormatBits(level, mask);
      const distance = Math.min(hamming(code, first), hamming(code, second));
      if (distance < best.distance) best = { level, mask, distance };
    }
  }
  if (best.distance > 3) throw new Error('unreadable format information');
  return best;
}

function utf8Decode(bytes: readonly number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i] ?? 0;
    const extra = b < 0x80 ? 0 : b >= 0xf0 ? 3 : b >= 0xe0 ? 2 : b >= 0xc0 ? 1 : -1;
    if (extra < 0) throw new Error('invalid UTF-8');
    let cp = extra === 0 ? b : b & (0x3f >> extra);
    for (let k = 1; k <= extra; k++) cp = (cp << 6) | ((bytes[i + k] ?? 0) & 0x3f);
    out += String.fromCodePoint(cp);
    i += extra + 1;
  }
  return out;
}

/** Syndromes of one received block: all zero when no codeword is damaged. */
function syndromesZero(block: readonly number[], ecCount: number): boolean {
  let alpha = 1;
  for (let i = 0; i < ecCount; i++) {
    let value = 0;
    for (const byte of block) value = gfMul(value, alpha) ^ byte;
    if (value !== 0) return false;
    alpha = gfMul(alpha, 2);
  }
  return true;
}

export function decodeQrMatrix(modules: boolean[][]): DecodedQr {
  const size = modules.length;
  const version = (size - 17) / 4;
  const layout = ECC_M[version - 1];
  if (!Number.isInteger(version) || !layout || modules.some((row) => row.length !== size)) {
    throw new Error(`unsupported symbol size ${size}`);
  }
  const format = readFormat(modules);
  if (format.level !== 0) throw new Error(`error correction level bits ${format.level}, not M`);
  if (formatBits(format.mask) !== anyFormatBits(0, format.mask)) throw new Error('format table mismatch');
  if (version >= 7) {
    let bits = 0;
    for (let i = 0; i < 18; i++) if (modules[size - 11 + (i % 3)]?.[Math.floor(i / 3)]) bits |= 1 << i;
    if (bits !== versionBits(version)) throw new Error('version information does not match the size');
  }
  if (!modules[size - 8]?.[8]) throw new Error('dark module missing');

  const fn = functionModules(version);
  const bits: number[] = [];
  forEachDataModule(fn, (row, col) => {
    const dark = modules[row]![col]! !== maskApplies(format.mask, row, col);
    bits.push(dark ? 1 : 0);
  });
  const dataTotal = layout.blocks.reduce((s, n) => s + n, 0);
  const total = dataTotal + layout.ecPerBlock * layout.blocks.length;
  const codewords: number[] = [];
  for (let i = 0; i < total; i++) {
    let byte = 0;
    for (let j = 0; j < 8; j++) byte = (byte << 1) | (bits[i * 8 + j] ?? 0);
    codewords.push(byte);
  }
  // De-interleave: data codewords column by column, then error correction the same way.
  const blocks = layout.blocks.map(() => [] as number[]);
  let k = 0;
  const longest = Math.max(...layout.blocks);
  for (let i = 0; i < longest; i++) {
    layout.blocks.forEach((length, b) => {
      if (i < length) blocks[b]!.push(codewords[k++] ?? 0);
    });
  }
  const data = blocks.flatMap((block) => block.slice());
  for (let i = 0; i < layout.ecPerBlock; i++) for (const block of blocks) block.push(codewords[k++] ?? 0);
  blocks.forEach((block, b) => {
    if (!syndromesZero(block, layout.ecPerBlock))
      throw new Error(`block ${b} fails its error correction check`);
  });

  let pos = 0;
  const read = (n: number) => {
    let value = 0;
    for (let i = 0; i < n; i++) {
      const byte = data[(pos + i) >>> 3] ?? 0;
      value = (value << 1) | ((byte >>> (7 - ((pos + i) & 7))) & 1);
    }
    pos += n;
    return value;
  };
  const mode = read(4);
  if (mode !== 0b0100) throw new Error(`mode ${mode.toString(2)} is not byte mode`);
  const count = read(version <= 9 ? 8 : 16);
  if (count * 8 + pos > data.length * 8) throw new Error('character count runs past the data');
  const bytes: number[] = [];
  for (let i = 0; i < count; i++) bytes.push(read(8));
  return { text: utf8Decode(bytes), version, mask: format.mask };
}
