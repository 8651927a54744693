import { describe, expect, it } from 'vitest';
import { createRandom } from '../demo/random';
import {
  CROCKFORD,
  DEVICE_ID_PATTERN,
  MAX_ULID_TIME,
  encodeUlidTime,
  newDeviceId,
  newId,
  settingId,
  timeOfId,
  ulid,
} from './ids';

const ID_FORMAT = /^tkt_[0-9A-HJKMNP-TV-Z]{26}$/;

describe('newId', () => {
  it('is prefix, underscore and a 26-character Crockford ULID', () => {
    const id = newId('tkt', 1_700_000_000_000, Math.random);
    expect(id).toMatch(ID_FORMAT);
    expect(id).toHaveLength(4 + 26);
  });

  it('encodes time in the first 10 characters (ULID spec vectors)', () => {
    expect(encodeUlidTime(0)).toBe('0000000000');
    expect(encodeUlidTime(1)).toBe('0000000001');
    expect(encodeUlidTime(32)).toBe('0000000010');
    // Reference value from the ULID specification repository.
    expect(encodeUlidTime(1_469_918_176_385)).toBe('01ARYZ6S41');
    expect(encodeUlidTime(MAX_ULID_TIME)).toBe('7ZZZZZZZZZ');
  });

  it('round-trips the time through timeOfId', () => {
    const random = createRandom(1);
    for (const t of [0, 1, 1_469_918_176_385, Date.UTC(2030, 0, 1), MAX_ULID_TIME]) {
      expect(timeOfId(newId('act', t, random))).toBe(t);
    }
    expect(timeOfId('not-an-id')).toBeNull();
    expect(timeOfId('tkt-01ARYZ6S41TSV4RRFFQ69G5FAV')).toBeNull();
    expect(timeOfId('01ARYZ6S41TSV4RRFFQ69G5FAV')).toBe(1_469_918_176_385);
  });

  it('sorts by time as plain strings (monotonic in time)', () => {
    const random = createRandom(7);
    const times = Array.from({ length: 2000 }, (_, i) => 1_600_000_000_000 + i * 997 + (i % 3));
    const ids = times.map((t) => newId('tkt', t, random));
    const sorted = ids.slice().sort();
    expect(sorted).toEqual(ids);
    // Even one millisecond apart, and whatever the random part.
    expect(newId('x', 1001, () => 0.999999) < newId('x', 1002, () => 0)).toBe(true);
  });

  it('produces no collisions over 100,000 ids minted in the same millisecond', () => {
    const random = createRandom(2024);
    const seen = new Set<string>();
    for (let i = 0; i < 100_000; i++) seen.add(newId('tkt', 1_700_000_000_000, random));
    expect(seen.size).toBe(100_000);
  });

  it('produces no collisions over 100,000 ids with Math.random', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 100_000; i++) seen.add(ulid(1_700_000_000_000 + (i % 10), Math.random));
    expect(seen.size).toBe(100_000);
  });

  it('is deterministic for a given random source', () => {
    expect(newId('tkt', 5, createRandom(3))).toBe(newId('tkt', 5, createRandom(3)));
  });

  it('uses every Crockford character and never one outside the alphabet', () => {
    const random = createRandom(11);
    const used = new Set<string>();
    for (let i = 0; i < 500; i++) for (const ch of ulid(0, random).slice(10)) used.add(ch);
    expect([...used].sort().join('')).toBe(CROCKFORD);
  });

  it('copes with a random source returning exactly 1 or 0', () => {
    expect(ulid(0, () => 1).slice(10)).toBe('Z'.repeat(16));
    expect(ulid(0, () => 0).slice(10)).toBe('0'.repeat(16));
  });

  it('rejects times a ULID cannot hold', () => {
    expect(() => newId('x', -1, Math.random)).toThrow(RangeError);
    expect(() => newId('x', 1.5, Math.random)).toThrow(RangeError);
    expect(() => newId('x', MAX_ULID_TIME + 1, Math.random)).toThrow(RangeError);
    expect(() => newId('x', Number.NaN, Math.random)).toThrow(RangeError);
  });
});

describe('newDeviceId', () => {
  it('is 4 Crockford characters', () => {
    const random = createRandom(5);
    for (let i = 0; i < 1000; i++) expect(newDeviceId(random)).toMatch(DEVICE_ID_PATTERN);
  });

  it('spreads over the space (few repeats in 1,000 draws out of ~1M values)', () => {
    const random = createRandom(9);
    const ids = new Set(Array.from({ length: 1000 }, () => newDeviceId(random)));
    expect(ids.size).toBeGreaterThan(990);
  });
});

describe('settingId', () => {
  it('is stable per key so devices converge on one document', () => {
    expect(settingId('priorityMatrix')).toBe('set_priorityMatrix');
  });
});
