/**
 * Seeded pseudo-random numbers for demo and benchmark data.
 *
 * Math.random cannot be seeded, and demo data must be reproducible (the same seed gives the same
 * documents on every machine, so benchmarks and screenshots compare like with like).
 * sfc32 is used for its 128-bit state: a 32-bit generator such as mulberry32 has only 2^32
 * starting points, so 100,000 per-ticket streams would be likely to collide (birthday bound).
 */

/** Returns a float in [0, 1), like Math.random. */
export type Random = () => number;

/** Small and fast 32-bit generator; fine for a single stream, too small for many streams. */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Chris Doty-Humphrey's Small Fast Counter (PractRand-clean), 128-bit state. */
export function sfc32(a: number, b: number, c: number, d: number): Random {
  return () => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

/** murmur3 finaliser: spreads every input bit over the whole word. */
export function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Low and high 32 bits of a (safe) integer; non-integers are truncated first. */
function words(value: number): [number, number] {
  const n = Math.trunc(Math.abs(value));
  return [n >>> 0, Math.floor(n / 4294967296) >>> 0];
}

/**
 * Independent generator for `(seed, stream)`. The stream index goes into the state verbatim, so
 * two different streams of one seed can never start from the same state. Used to give each
 * generated ticket its own generator: ticket N is the same whichever chunk produces it.
 */
export function createRandom(seed: number, stream = 0): Random {
  const [seedLo, seedHi] = words(seed);
  const [streamLo, streamHi] = words(stream);
  const a = mix32(seedLo ^ 0x9e3779b9);
  const c = mix32(a ^ mix32(streamLo + 0x6a09e667) ^ seedHi);
  const d = mix32(streamHi ^ 0xbb67ae85) ^ seedHi;
  const next = sfc32(a, streamLo, c, d);
  // The first outputs of sfc32 still echo the seed words; discard them.
  for (let i = 0; i < 12; i++) next();
  return next;
}

/** Integer in [min, max], both inclusive. */
export function randomInt(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

export function chance(random: Random, probability: number): boolean {
  return random() < probability;
}

export function pick<T>(random: Random, items: readonly T[]): T {
  if (items.length === 0) throw new RangeError('pick() needs at least one item.');
  return items[Math.floor(random() * items.length)] as T;
}

/**
 * Builds a weighted chooser once (cumulative table) so that hot loops only pay for one draw and a
 * short scan. Weights need not sum to 1.
 */
export function weighted<T>(entries: readonly (readonly [T, number])[]): (random: Random) => T {
  const values: T[] = [];
  const bounds: number[] = [];
  let total = 0;
  for (const [value, weight] of entries) {
    if (!(weight > 0)) continue;
    total += weight;
    values.push(value);
    bounds.push(total);
  }
  if (values.length === 0) throw new RangeError('weighted() needs at least one positive weight.');
  return (random) => {
    const x = random() * total;
    for (let i = 0; i < bounds.length; i++) {
      if (x < (bounds[i] as number)) return values[i] as T;
    }
    return values[values.length - 1] as T;
  };
}

/** Fisher-Yates on a copy; returns the first `count` items. */
export function sample<T>(random: Random, items: readonly T[], count: number): T[] {
  const copy = items.slice();
  const n = Math.min(count, copy.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random() * (copy.length - i));
    const tmp = copy[i] as T;
    copy[i] = copy[j] as T;
    copy[j] = tmp;
  }
  return copy.slice(0, n);
}
