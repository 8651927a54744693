import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  formatEstimate,
  formatShortDate,
  parseDateInput,
  parseHours,
  planFormOf,
  readPlanForm,
  toDateInput,
  toHoursInput,
} from './planInputs';

describe('date inputs', () => {
  it('reads a date as the start or the last minute of that local day', () => {
    const start = parseDateInput('2025-03-14');
    const end = parseDateInput('2025-03-14', 'end');
    expect(start).toEqual({ ok: true, value: new Date(2025, 2, 14).getTime() });
    expect(end).toEqual({ ok: true, value: new Date(2025, 2, 14, 23, 59).getTime() });
    expect(parseDateInput('')).toEqual({ ok: true, value: 0 });
  });

  it('refuses what is not a calendar date', () => {
    for (const bad of ['2025-02-30', '2025-13-01', '14/03/2025', 'tomorrow', '1969-12-31']) {
      expect(parseDateInput(bad).ok).toBe(false);
    }
  });

  it('shows a stored time back as the same local date', () => {
    expect(toDateInput(0)).toBe('');
    expect(toDateInput(undefined)).toBe('');
    fc.assert(
      fc.property(
        fc.date({ min: new Date(1971, 0, 1), max: new Date(2200, 0, 1), noInvalidDate: true }),
        (d) => {
          const text = toDateInput(d.getTime());
          for (const at of ['start', 'end'] as const) {
            const parsed = parseDateInput(text, at);
            expect(parsed.ok && toDateInput(parsed.value)).toBe(text);
          }
        },
      ),
    );
  });
});

describe('short dates', () => {
  it('leaves the year out only within the current year', () => {
    const now = new Date(2025, 5, 1).getTime();
    const thisYear = formatShortDate(new Date(2025, 2, 14).getTime(), now);
    const nextYear = formatShortDate(new Date(2026, 2, 14).getTime(), now);
    expect(thisYear).not.toContain('2025');
    expect(nextYear).toContain('2026');
    expect(formatShortDate(0, now)).toBe('—');
  });
});

describe('hours', () => {
  it('reads hours as whole minutes', () => {
    expect(parseHours('1.5')).toEqual({ ok: true, value: 90 });
    expect(parseHours(' 2,25 ')).toEqual({ ok: true, value: 135 });
    expect(parseHours('8')).toEqual({ ok: true, value: 480 });
    expect(parseHours('')).toEqual({ ok: true, value: 0 });
  });

  it('refuses negative, zero, tiny, huge and non-numbers', () => {
    for (const bad of ['-1', '0', '0.001', '1e3', 'abc', '24001', '1.2.3']) {
      expect(parseHours(bad).ok).toBe(false);
    }
  });

  it('round-trips through the field', () => {
    expect(toHoursInput(90)).toBe('1.5');
    expect(toHoursInput(0)).toBe('');
    expect(parseHours(toHoursInput(135))).toEqual({ ok: true, value: 135 });
  });

  it('formats estimates', () => {
    expect([formatEstimate(0), formatEstimate(30), formatEstimate(90), formatEstimate(480)]).toEqual([
      '—',
      '30 min',
      '1.5 h',
      '8 h',
    ]);
  });
});

describe('plan form', () => {
  it('reads every field, days as local start and end', () => {
    const result = readPlanForm({
      dueAt: '2025-03-14',
      estimate: '2',
      plannedStart: '2025-03-10',
      plannedEnd: '2025-03-12',
      dependsOn: ['t1'],
    });
    expect(result).toEqual({
      ok: true,
      plan: {
        dueAt: new Date(2025, 2, 14, 23, 59).getTime(),
        estimateMinutes: 120,
        plannedStart: new Date(2025, 2, 10).getTime(),
        plannedEnd: new Date(2025, 2, 12, 23, 59).getTime(),
        dependsOn: ['t1'],
      },
    });
    if (result.ok)
      expect(planFormOf(result.plan)).toEqual({
        dueAt: '2025-03-14',
        estimate: '2',
        plannedStart: '2025-03-10',
        plannedEnd: '2025-03-12',
        dependsOn: ['t1'],
      });
  });

  it('reports every bad field', () => {
    const result = readPlanForm({
      dueAt: 'soon',
      estimate: '-2',
      plannedStart: 'x',
      plannedEnd: '',
      dependsOn: [],
    });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(Object.keys(result.errors).sort()).toEqual(['dueAt', 'estimateMinutes', 'plannedStart']);
  });

  it('an empty form is an empty plan', () => {
    expect(readPlanForm(planFormOf())).toEqual({
      ok: true,
      plan: { dueAt: 0, estimateMinutes: 0, plannedStart: 0, plannedEnd: 0, dependsOn: [] },
    });
  });
});
