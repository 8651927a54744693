/**
 * QR Code encoder (ISO/IEC 18004) for asset labels: byte mode, error correction level M,
 * versions 1 to 10 (up to 213 bytes, far more than a tag needs). Level M survives about 15 %
 * of the symbol being scratched or dirty, which suits labels stuck on hardware.
 *
 * The matrix is `modules[row][col]`, true = dark, without the quiet zone (keep 4 light modules
 * around it when drawing).
 */

import {
  drawFormat,
  drawFunctionPatterns,
  forEachDataModule,
  functionModules,
  maskApplies,
  penalty,
} from './qrMatrix';

export {
  formatBits,
  forEachDataModule,
  functionModules,
  maskApplies,
  penalty,
  versionBits,
} from './qrMatrix';

export interface QrCode {
  version: number;
  size: number;
  mask: number;
  modules: boolean[][];
}

interface EccLayout {
  /** Error correction codewords per block. */
  ecPerBlock: number;
  /** Data codewords of each block, short blocks first. */
  blocks: number[];
}

/** Level M block structure of versions 1-10 (ISO/IEC 18004 table 9). */
export const ECC_M: readonly EccLayout[] = [
  { ecPerBlock: 10, blocks: [16] },
  { ecPerBlock: 16, blocks: [28] },
  { ecPerBlock: 26, blocks: [44] },
  { ecPerBlock: 18, blocks: [32, 32] },
  { ecPerBlock: 24, blocks: [43, 43] },
  { ecPerBlock: 16, blocks: [27, 27, 27, 27] },
  { ecPerBlock: 18, blocks: [31, 31, 31, 31] },
  { ecPerBlock: 22, blocks: [38, 38, 39, 39] },
  { ecPerBlock: 22, blocks: [36, 36, 36, 37, 37] },
  { ecPerBlock: 26, blocks: [43, 43, 43, 43, 44] },
];

export const QR_MAX_VERSION = ECC_M.length;

export function eccLayout(version: number): EccLayout {
  const layout = ECC_M[version - 1];
  if (!layout) throw new RangeError(`QR version ${version} is not supported (1-${QR_MAX_VERSION}).`);
  return layout;
}

export function dataCapacity(version: number): number {
  return eccLayout(version).blocks.reduce((sum, n) => sum + n, 0);
}

/** Largest byte payload of a version: 4 bits of mode, the count, then the bytes. */
export function byteCapacity(version: number): number {
  const countBits = version <= 9 ? 8 : 16;
  return Math.floor((dataCapacity(version) * 8 - 4 - countBits) / 8);
}

/** UTF-8 bytes of a string (shared/ has no TextEncoder); lone surrogates become U+FFFD. */
export function utf8(text: string): number[] {
  const out: number[] = [];
  for (const char of text) {
    let cp = char.codePointAt(0) ?? 0xfffd;
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return out;
}

// ---- Reed-Solomon over GF(256) with the QR polynomial x^8 + x^4 + x^3 + x^2 + 1.

const EXP = new Array<number>(512).fill(0);
const LOG = new Array<number>(256).fill(0);
{
  let x = 1;
  for (let i = 0; i < 255; i++) {
    EXP[i] = x;
    LOG[x] = i;
    x <<= 1;
    if (x & 0x100) x ^= 0x11d;
  }
  for (let i = 255; i < 512; i++) EXP[i] = EXP[i - 255] ?? 0;
}

export function gfMul(a: number, b: number): number {
  return a === 0 || b === 0 ? 0 : (EXP[(LOG[a] ?? 0) + (LOG[b] ?? 0)] ?? 0);
}

/** Generator polynomial of degree n, highest coefficient first (the leading 1 left out). */
function generator(n: number): number[] {
  let poly = [1];
  for (let i = 0; i < n; i++) {
    const next = new Array<number>(poly.length + 1).fill(0);
    for (let j = 0; j < poly.length; j++) {
      next[j] = (next[j] ?? 0) ^ (poly[j] ?? 0);
      next[j + 1] = (next[j + 1] ?? 0) ^ gfMul(poly[j] ?? 0, EXP[i] ?? 0);
    }
    poly = next;
  }
  return poly.slice(1);
}

/** The `n` error correction codewords of `data`. */
export function reedSolomon(data: readonly number[], n: number): number[] {
  const gen = generator(n);
  const rest = new Array<number>(n).fill(0);
  for (const byte of data) {
    const factor = byte ^ (rest.shift() ?? 0);
    rest.push(0);
    for (let i = 0; i < n; i++) rest[i] = (rest[i] ?? 0) ^ gfMul(gen[i] ?? 0, factor);
  }
  return rest;
}

// ---- Bit stream

function dataCodewords(bytes: readonly number[], version: number): number[] {
  const capacity = dataCapacity(version);
  const bits: number[] = [];
  const put = (value: number, length: number) => {
    for (let i = length - 1; i >= 0; i--) bits.push((value >>> i) & 1);
  };
  put(0b0100, 4);
  put(bytes.length, version <= 9 ? 8 : 16);
  for (const byte of bytes) put(byte, 8);
  put(0, Math.min(4, capacity * 8 - bits.length));
  while (bits.length % 8 !== 0) bits.push(0);
  const out: number[] = [];
  for (let i = 0; i < bits.length; i += 8) {
    let byte = 0;
    for (let j = 0; j < 8; j++) byte = (byte << 1) | (bits[i + j] ?? 0);
    out.push(byte);
  }
  for (let pad = 0xec; out.length < capacity; pad ^= 0xec ^ 0x11) out.push(pad);
  return out;
}

/** Data and error correction codewords, interleaved block by block as the symbol holds them. */
export function interleave(data: readonly number[], version: number): number[] {
  const { ecPerBlock, blocks } = eccLayout(version);
  const dataBlocks: number[][] = [];
  let offset = 0;
  for (const length of blocks) {
    dataBlocks.push(data.slice(offset, offset + length));
    offset += length;
  }
  const ecBlocks = dataBlocks.map((block) => reedSolomon(block, ecPerBlock));
  const out: number[] = [];
  const longest = Math.max(...blocks);
  for (let i = 0; i < longest; i++)
    for (const block of dataBlocks) if (i < block.length) out.push(block[i] ?? 0);
  for (let i = 0; i < ecPerBlock; i++) for (const block of ecBlocks) out.push(block[i] ?? 0);
  return out;
}

/** Smallest version (1-10) that holds `byteLength` bytes, or null when none does. */
export function versionFor(byteLength: number): number | null {
  for (let v = 1; v <= QR_MAX_VERSION; v++) if (byteCapacity(v) >= byteLength) return v;
  return null;
}

/**
 * Encodes `text` (UTF-8, byte mode, level M) in the smallest version that holds it. `mask`
 * forces a mask pattern (tests); by default the one with the lowest penalty is chosen.
 */
export function encodeQr(text: string, options: { mask?: number; minVersion?: number } = {}): QrCode {
  const bytes = utf8(text);
  const smallest = versionFor(bytes.length);
  if (smallest === null) {
    throw new RangeError(
      `Too long for a QR label: ${bytes.length} bytes (at most ${byteCapacity(QR_MAX_VERSION)}).`,
    );
  }
  const version = Math.max(smallest, Math.min(options.minVersion ?? 1, QR_MAX_VERSION));
  const size = version * 4 + 17;
  const codewords = interleave(dataCodewords(bytes, version), version);
  const fn = functionModules(version);
  const base = Array.from({ length: size }, () => new Array<boolean>(size).fill(false));
  drawFunctionPatterns(base, version);
  let i = 0;
  const totalBits = codewords.length * 8;
  forEachDataModule(fn, (row, col) => {
    // Remainder bits after the last codeword stay light.
    base[row]![col] = i < totalBits && (((codewords[i >>> 3] ?? 0) >>> (7 - (i & 7))) & 1) === 1;
    i++;
  });
  const build = (mask: number): boolean[][] => {
    const modules = base.map((row) => row.slice());
    forEachDataModule(fn, (row, col) => {
      if (maskApplies(mask, row, col)) modules[row]![col] = !modules[row]![col];
    });
    drawFormat(modules, mask);
    return modules;
  };
  if (options.mask !== undefined) {
    if (!Number.isInteger(options.mask) || options.mask < 0 || options.mask > 7) {
      throw new RangeError('A QR mask is 0 to 7.');
    }
    return { version, size, mask: options.mask, modules: build(options.mask) };
  }
  let best: QrCode | null = null;
  let bestScore = Infinity;
  for (let mask = 0; mask < 8; mask++) {
    const modules = build(mask);
    const score = penalty(modules);
    if (score < bestScore) {
      bestScore = score;
      best = { version, size, mask, modules };
    }
  }
  return best!;
}
