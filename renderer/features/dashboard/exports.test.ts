import { afterEach, describe, expect, it, vi } from 'vitest';
import { computeDashboard } from '../../../shared/domain/kpi/dashboard';
import { decodeDrill } from '../../../shared/domain/kpi/drill';
import { NO_KPI_FILTERS, type KpiQuery } from '../../../shared/domain/kpi/model';
import type { Directory } from '../../app/people';
import { filterPairs, reportMeta, summaryLine } from './exports';
import { drillTo, periodDates } from './format';
import { useDashboardState } from './state';

const NAMES: Record<string, string> = { grp_1: 'Service desk', usr_1: 'Ada <Admin>' };
const directory = {
  name: (id: string, fallback = '—') => (id ? (NAMES[id] ?? 'Unknown') : fallback),
} as Directory;

// 30 Oct to 28 Nov 2026 in London (on GMT since 25 Oct), seen at noon on the 28th.
const query: KpiQuery = {
  period: { from: Date.UTC(2026, 9, 30), to: Date.UTC(2026, 10, 29) },
  granularity: 'day',
  filters: NO_KPI_FILTERS,
  timeZone: 'Europe/London',
  now: Date.UTC(2026, 10, 28, 12),
};

afterEach(() => vi.unstubAllGlobals());

describe('report metadata', () => {
  it('names every filter in words, "All" when unset', () => {
    expect(filterPairs(NO_KPI_FILTERS, directory)).toEqual([
      { label: 'Kinds', value: 'Incidents and requests' },
      { label: 'Groups', value: 'All' },
      { label: 'Agents', value: 'All' },
      { label: 'Categories', value: 'All' },
      { label: 'Priorities', value: 'All' },
    ]);
    const chosen = filterPairs(
      {
        kinds: ['problem', 'change'],
        groupIds: ['grp_1', 'grp_gone'],
        assigneeIds: ['usr_1'],
        categories: ['Hardware/Laptop'],
        priorities: [1, 2],
      },
      directory,
    );
    expect(chosen.map((f) => f.value)).toEqual([
      'Problem, Change',
      'Service desk, Unknown',
      'Ada <Admin>',
      'Hardware › Laptop',
      'P1 Critical, P2 High',
    ]);
  });

  it('labels the period with its first and last day and the report with its title', () => {
    expect(periodDates(query)).toBe('30 Oct 2026 – 28 Nov 2026');
    const d = computeDashboard({ facts: [], assetStates: [], audits: [] }, query);
    const meta = reportMeta(d, 'last30', directory, query.now);
    expect(meta.title).toBe('Service desk report');
    expect(meta.periodLabel).toBe('Last 30 days: 30 Oct 2026 – 28 Nov 2026');
    expect(meta.filters.at(-1)).toEqual({ label: 'Granularity', value: 'Day' });
    expect(summaryLine(meta, d.asOf)).toBe(
      'Last 30 days: 30 Oct 2026 – 28 Nov 2026 · Kinds: Incidents and requests · Groups: All · ' +
        'Agents: All · Categories: All · Priorities: All · Granularity: Day · ' +
        'as of 28 Nov 2026, 12:00 (Europe/London)',
    );
  });
});

describe('drill-down links', () => {
  it('carry the figure, period and filters the list needs to find the same tickets', () => {
    const location = { hash: '' };
    vi.stubGlobal('window', { location });
    const filters = { ...NO_KPI_FILTERS, categories: ['Network, Wi-Fi'], priorities: [2 as const] };
    drillTo({ ...query, filters }, 'backlog.p2');
    const match = /^\/tickets\?drill=(.*)$/.exec(location.hash);
    expect(match).not.toBeNull();
    expect(decodeDrill(match?.[1] ?? '')).toEqual({
      key: 'backlog.p2',
      period: query.period,
      granularity: 'day',
      timeZone: 'Europe/London',
      filters,
    });
  });
});

describe('dashboard choices', () => {
  it('keep custom dates across presets and clear filters on their own', () => {
    const state = useDashboardState.getState();
    state.setPreset('custom', { from: '2026-11-01', to: '2026-11-15' });
    state.setFilters({ priorities: [1] });
    state.setPreset('last7');
    state.clearFilters();
    const after = useDashboardState.getState();
    expect(after.preset).toBe('last7');
    expect([after.customFrom, after.customTo]).toEqual(['2026-11-01', '2026-11-15']);
    expect(after.filters.priorities).toEqual([]);
  });
});
