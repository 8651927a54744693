import { categoryLabel } from '../../../shared/domain/categories';
import type { Dashboard, KpiFilters, PeriodPreset } from '../../../shared/domain/kpi/model';
import { PERIOD_LABELS } from '../../../shared/domain/kpi/period';
import { dashboardCsv, isoDate, readableDateTime, type ReportMeta } from '../../../shared/domain/kpi/report';
import { dashboardPdf } from '../../../shared/domain/kpi/reportPdf';
import { KIND_LABELS, priorityLabel } from '../../../shared/domain/labels';
import type { Directory } from '../../app/people';
import { describeSave, safeFileName, saveTextFile } from '../../lib/saveFile';
import { periodDates } from './format';

export const REPORT_TITLE = 'Service desk report';

const GRANULARITY_LABELS = { day: 'Day', week: 'Week', month: 'Month' } as const;

/** The filters in words, names rather than ids; every filter is listed, "All" when unset. */
export function filterPairs(filters: KpiFilters, directory: Directory): { label: string; value: string }[] {
  const list = (values: readonly string[], none: string) => (values.length === 0 ? none : values.join(', '));
  return [
    {
      label: 'Kinds',
      value: list(
        filters.kinds.map((k) => KIND_LABELS[k]),
        'Incidents and requests',
      ),
    },
    {
      label: 'Groups',
      value: list(
        filters.groupIds.map((id) => directory.name(id)),
        'All',
      ),
    },
    {
      label: 'Agents',
      value: list(
        filters.assigneeIds.map((id) => directory.name(id)),
        'All',
      ),
    },
    { label: 'Categories', value: list(filters.categories.map(categoryLabel), 'All') },
    { label: 'Priorities', value: list(filters.priorities.map(priorityLabel), 'All') },
  ];
}

export function periodLabel(preset: PeriodPreset, d: Dashboard): string {
  return `${PERIOD_LABELS[preset]}: ${periodDates(d.query)}`;
}

export function reportMeta(
  d: Dashboard,
  preset: PeriodPreset,
  directory: Directory,
  generatedAt: number,
): ReportMeta {
  return {
    title: REPORT_TITLE,
    periodLabel: periodLabel(preset, d),
    filters: [
      ...filterPairs(d.query.filters, directory),
      { label: 'Granularity', value: GRANULARITY_LABELS[d.query.granularity] },
    ],
    generatedAt,
    timeZone: d.query.timeZone,
  };
}

/** The one line a printed page carries instead of the filter controls. */
export function summaryLine(meta: ReportMeta, asOf: number): string {
  const filters = meta.filters.map((f) => `${f.label}: ${f.value}`).join(' · ');
  return `${meta.periodLabel} · ${filters} · as of ${readableDateTime(asOf, meta.timeZone)} (${meta.timeZone})`;
}

export type ExportFormat = 'csv' | 'pdf';

/** Writes the report and says what became of it. */
export async function exportDashboard(d: Dashboard, meta: ReportMeta, format: ExportFormat): Promise<string> {
  const name = safeFileName(`outpost-dashboard-${isoDate(meta.generatedAt, meta.timeZone)}`, format);
  const outcome =
    format === 'csv'
      ? await saveTextFile({ name, mimeType: 'text/csv', content: dashboardCsv(d, meta) })
      : await saveTextFile({ name, mimeType: 'application/pdf', content: dashboardPdf(d, meta) });
  return describeSave(outcome, format === 'csv' ? 'CSV report' : 'PDF report');
}
