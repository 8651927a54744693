import { encodeDrill } from '../../../shared/domain/kpi/drill';
import type { DrillKey, KpiQuery } from '../../../shared/domain/kpi/model';
import { NO_VALUE, readableDate } from '../../../shared/domain/kpi/report';
import { navigate } from '../../app/router';

export { NO_VALUE };

export function formatCount(value: number): string {
  return value.toLocaleString('en-GB');
}

export function formatScore(mean: number | null): string {
  return mean === null ? NO_VALUE : mean.toFixed(2);
}

/** '30 Oct 2026 – 28 Nov 2026': the period's last included day, not its exclusive end. */
export function periodDates(query: Pick<KpiQuery, 'period' | 'timeZone'>): string {
  const { from, to } = query.period;
  return `${readableDate(from, query.timeZone)} – ${readableDate(to - 1, query.timeZone)}`;
}

export type Drill = (key: DrillKey) => void;

/** Opens the ticket list on exactly the tickets one figure counted. */
export function drillTo(query: KpiQuery, key: DrillKey): void {
  const spec = {
    key,
    period: query.period,
    granularity: query.granularity,
    filters: query.filters,
    timeZone: query.timeZone,
  };
  navigate(`/tickets?drill=${encodeDrill(spec)}`);
}
