import { useEffect, useMemo, useState } from 'react';
import { computeDashboard } from '../../../shared/domain/kpi/dashboard';
import type { Dashboard, KpiQuery, Period } from '../../../shared/domain/kpi/model';
import { defaultGranularity, periodOf } from '../../../shared/domain/kpi/period';
import { useKpiData, type KpiDataState } from '../../app/kpiData';
import { useDashboardState } from './state';

const MINUTE = 60_000;

/**
 * The instant figures stand at. It moves on every minute, so a running period follows the
 * clock, and whenever the data changes, so a ticket created a moment ago already counts.
 */
function useNow(version: number): number {
  const [clock, setClock] = useState(() => ({ version, now: Date.now() }));
  useEffect(() => {
    const timer = setInterval(() => setClock((c) => ({ ...c, now: Date.now() })), MINUTE);
    return () => clearInterval(timer);
  }, []);
  if (clock.version !== version) {
    // Adjusting state while rendering: React re-renders at once, before anything is shown.
    const next = { version, now: Math.max(clock.now, Date.now()) };
    setClock(next);
    return next.now;
  }
  return clock.now;
}

export interface DashboardView {
  data: KpiDataState;
  now: number;
  /** The period the choices resolve to, or why they do not. */
  period: { ok: true; period: Period } | { ok: false; error: string };
  query: KpiQuery | null;
  /** Null until the facts are loaded or while the period is invalid. */
  dashboard: Dashboard | null;
}

export function useDashboard(): DashboardView {
  const data = useKpiData();
  const now = useNow(data.version);
  const { preset, customFrom, customTo, granularity, filters } = useDashboardState();
  const { timeZone } = data;

  const period = useMemo(
    () => periodOf(preset, now, timeZone, { from: customFrom, to: customTo }),
    [preset, now, timeZone, customFrom, customTo],
  );
  const query = useMemo<KpiQuery | null>(() => {
    if (!period.ok) return null;
    return {
      period: period.period,
      granularity: granularity === 'auto' ? defaultGranularity(period.period) : granularity,
      filters,
      timeZone,
      now,
    };
  }, [period, granularity, filters, timeZone, now]);

  const { ready, version, facts, assetStates, audits } = data;
  const dashboard = useMemo(() => {
    if (!ready || !query) return null;
    // `version` stands for the facts map, which is updated in place.
    void version;
    return computeDashboard({ facts: facts.values(), assetStates, audits }, query);
  }, [ready, query, version, facts, assetStates, audits]);

  return { data, now, period, query, dashboard };
}
