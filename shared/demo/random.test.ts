import { describe, expect, it } from 'vitest';
import { chance, createRandom, mix32, mulberry32, pick, randomInt, sample, sfc32, weighted } from './random';

const draw = (random: () => number, n: number) => Array.from({ length: n }, random);

describe('generators', () => {
  it('are deterministic per seed and stay in [0, 1)', () => {
    for (const make of [() => mulberry32(42), () => sfc32(1, 2, 3, 4), () => createRandom(42, 7)]) {
      const a = draw(make(), 1000);
      expect(draw(make(), 1000)).toEqual(a);
      for (const x of a) {
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThan(1);
      }
    }
  });

  it('gives different sequences to different seeds and streams', () => {
    expect(draw(createRandom(1, 0), 4)).not.toEqual(draw(createRandom(2, 0), 4));
    expect(draw(createRandom(1, 0), 4)).not.toEqual(draw(createRandom(1, 1), 4));
    expect(draw(createRandom(1, 2 ** 40), 4)).not.toEqual(draw(createRandom(1, 0), 4));
  });

  it('has distinct first outputs across 100,000 adjacent streams', () => {
    const firsts = new Set<number>();
    for (let i = 0; i < 100_000; i++) firsts.add(createRandom(123, i)());
    expect(firsts.size).toBeGreaterThan(99_990);
  });

  it('is roughly uniform', () => {
    const random = createRandom(5);
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) buckets[Math.floor(random() * 10)]! += 1;
    for (const count of buckets) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });

  it('mix32 is a 32-bit avalanche', () => {
    expect(mix32(0)).toBe(0);
    expect(mix32(1)).not.toBe(mix32(2));
    expect(mix32(0xffffffff)).toBeLessThanOrEqual(0xffffffff);
  });
});

describe('helpers', () => {
  const random = createRandom(99);

  it('randomInt is inclusive on both ends', () => {
    const seen = new Set(Array.from({ length: 2000 }, () => randomInt(random, 1, 4)));
    expect([...seen].sort()).toEqual([1, 2, 3, 4]);
  });

  it('pick, chance and sample', () => {
    expect(['a', 'b']).toContain(pick(random, ['a', 'b']));
    expect(() => pick(random, [])).toThrow(RangeError);
    expect(chance(random, 0)).toBe(false);
    expect(chance(random, 1)).toBe(true);
    const items = [1, 2, 3, 4, 5, 6];
    const picked = sample(random, items, 4);
    expect(new Set(picked).size).toBe(4);
    expect(sample(random, items, 10).sort()).toEqual(items);
    expect(items).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('weighted follows the weights and skips zero weights', () => {
    const choose = weighted([
      ['a', 3],
      ['b', 1],
      ['never', 0],
    ]);
    const counts: Record<string, number> = {};
    for (let i = 0; i < 40_000; i++) {
      const value = choose(random);
      counts[value] = (counts[value] ?? 0) + 1;
    }
    expect(counts.never).toBeUndefined();
    expect((counts.a ?? 0) / 40_000).toBeCloseTo(0.75, 1);
    expect(() => weighted([['x', 0]])).toThrow(RangeError);
  });
});
