import { describe, expect, it } from 'vitest';
import { formatMinutes, formatRelative } from './format';

describe('formatRelative', () => {
  const now = Date.UTC(2026, 10, 28, 12);
  it('uses compact units', () => {
    expect(formatRelative(now - 10_000, now)).toBe('just now');
    expect(formatRelative(now - 5 * 60_000, now)).toBe('5 min ago');
    expect(formatRelative(now - 3 * 3_600_000, now)).toBe('3 h ago');
    expect(formatRelative(now - 4 * 86_400_000, now)).toBe('4 d ago');
  });
  it('falls back to a date after a month', () => {
    expect(formatRelative(now - 60 * 86_400_000, now)).toBe(
      new Date(now - 60 * 86_400_000).toLocaleDateString(),
    );
  });
});

describe('formatMinutes', () => {
  it('formats hours and minutes', () => {
    expect(formatMinutes(45)).toBe('45 min');
    expect(formatMinutes(60)).toBe('1 h');
    expect(formatMinutes(135)).toBe('2 h 15 min');
  });
});
