import { describe, expect, it } from 'vitest';
import { allowedOrigins, APP_ORIGINS, normalizeOrigin, splitOriginList } from './cors';

describe('normalizeOrigin', () => {
  it.each([
    ['app://outpost', 'app://outpost'],
    ['http://127.0.0.1:5190', 'http://127.0.0.1:5190'],
    ['HTTP://LocalHost:5190', 'http://localhost:5190'],
    ['https://desk.example.com:443', 'https://desk.example.com'],
    ['  http://localhost:4173 ', 'http://localhost:4173'],
  ])('accepts %s as %s', (input, expected) => {
    expect(normalizeOrigin(input)).toBe(expected);
  });

  it.each([
    'localhost:5190',
    'http://localhost:5190/',
    'http://localhost:5190/app',
    'http://u:p@localhost',
    'null',
    '*',
    '',
  ])('refuses %s with a reason', (input) => {
    const result = normalizeOrigin(input);
    expect(result).toBeInstanceOf(Error);
    expect((result as Error).message).toContain('origin');
  });
});

describe('allowedOrigins', () => {
  it('always holds the app origins and adds the configured ones', () => {
    const origins = allowedOrigins(['http://localhost:4173']);
    for (const origin of APP_ORIGINS) expect(origins.has(origin)).toBe(true);
    expect(origins.has('http://localhost:4173')).toBe(true);
    expect(origins.has('app://outpost.evil')).toBe(false);
  });

  it('throws on a malformed entry instead of ignoring it', () => {
    expect(() => allowedOrigins(['http://ok.example', 'not an origin'])).toThrow(/not an origin/);
  });
});

describe('splitOriginList', () => {
  it('splits on commas and drops blanks', () => {
    expect(splitOriginList(' http://a.example, ,http://b.example ')).toEqual([
      'http://a.example',
      'http://b.example',
    ]);
    expect(splitOriginList(undefined)).toEqual([]);
  });
});
