import { describe, expect, it } from 'vitest';
import type { ClockState } from '../../../shared/domain/sla';
import { badgeText, formatSlaDuration, formatTarget } from './format';

const MIN = 60_000;
const HOUR = 60 * MIN;

describe('SLA wording', () => {
  it.each([
    [-5 * MIN, '<1m'],
    [59_999, '<1m'],
    [45 * MIN, '45m'],
    [65 * MIN + 59_000, '1h 05m'],
    [23 * HOUR + 59 * MIN, '23h 59m'],
    [51 * HOUR + 20 * MIN, '2d 03h'],
  ])('writes %i ms as %s', (ms, text) => {
    expect(formatSlaDuration(ms)).toBe(text);
  });

  it('states targets in hours and minutes', () => {
    expect(formatTarget(15 * MIN)).toBe('15m');
    expect(formatTarget(24 * HOUR)).toBe('24h');
    expect(formatTarget(90 * MIN)).toBe('1h 30m');
  });

  const clock = (patch: Partial<ClockState>): ClockState => ({
    status: 'running',
    elapsedMs: 0,
    targetMs: 4 * HOUR,
    dueAt: null,
    breachedAt: null,
    metAt: null,
    ...patch,
  });

  it('says what is left, how long ago a breach was, or the settled state', () => {
    const now = 10 * HOUR;
    expect(badgeText(clock({ elapsedMs: 2 * HOUR + 55 * MIN }), now)).toBe('1h 05m left');
    expect(badgeText(clock({ status: 'warning', elapsedMs: 3.5 * HOUR }), now)).toBe('30m left');
    expect(badgeText(clock({ status: 'breached', breachedAt: now - 130 * MIN }), now)).toBe(
      'Breached 2h 10m ago',
    );
    expect(badgeText(clock({ status: 'paused' }), now)).toBe('Paused');
    expect(badgeText(clock({ status: 'met' }), now)).toBe('Met');
  });
});
