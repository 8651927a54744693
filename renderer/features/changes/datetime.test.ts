import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatWindow, fromLocalInput, toLocalInput } from './datetime';

describe('datetime-local values', () => {
  it('reads a local date and time', () => {
    expect(fromLocalInput('2026-03-10T09:30')).toBe(new Date(2026, 2, 10, 9, 30).getTime());
    expect(fromLocalInput('2026-03-10T09:30:15')).toBe(new Date(2026, 2, 10, 9, 30, 15).getTime());
  });

  it('refuses empty, partial and impossible values', () => {
    for (const bad of ['', '2026-03-10', '2026-02-30T10:00', '2026-03-10T24:00', '10/03/2026 09:00']) {
      expect(fromLocalInput(bad)).toBeNull();
    }
  });

  it('writes what it reads, to the minute', () => {
    const minute = 60_000;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_000_000_000 }), (minutes) => {
        const ms = Date.UTC(2000, 0, 1) + minutes * minute;
        const text = toLocalInput(ms);
        // Clock changes make some local times ambiguous; the value still names the same wall time.
        return toLocalInput(fromLocalInput(text) ?? 0) === text;
      }),
    );
    expect(toLocalInput(0)).toBe('');
    expect(toLocalInput(undefined)).toBe('');
  });

  it('says when no window is planned', () => {
    expect(formatWindow(0, 0)).toBe('No window planned');
    expect(formatWindow(new Date(2026, 2, 10, 9).getTime(), new Date(2026, 2, 10, 11).getTime())).toMatch(
      /–/,
    );
  });
});
