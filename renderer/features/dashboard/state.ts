import { create } from 'zustand';
import {
  NO_KPI_FILTERS,
  type Granularity,
  type KpiFilters,
  type PeriodPreset,
} from '../../../shared/domain/kpi/model';

/**
 * The dashboard's choices. Held outside the page so that a drill-down into the ticket list and
 * the way back find the same period and filters.
 */
export type GranularityChoice = 'auto' | Granularity;

export interface DashboardChoices {
  preset: PeriodPreset;
  /** Local dates 'YYYY-MM-DD' for the custom preset, both ends included. */
  customFrom: string;
  customTo: string;
  granularity: GranularityChoice;
  filters: KpiFilters;
}

interface DashboardState extends DashboardChoices {
  setPreset: (preset: PeriodPreset, custom?: { from: string; to: string }) => void;
  setCustom: (custom: Partial<{ from: string; to: string }>) => void;
  setGranularity: (granularity: GranularityChoice) => void;
  setFilters: (patch: Partial<KpiFilters>) => void;
  clearFilters: () => void;
}

export const useDashboardState = create<DashboardState>((set) => ({
  preset: 'last30',
  customFrom: '',
  customTo: '',
  granularity: 'auto',
  filters: NO_KPI_FILTERS,
  setPreset: (preset, custom) =>
    set((s) => ({
      preset,
      customFrom: custom?.from ?? s.customFrom,
      customTo: custom?.to ?? s.customTo,
    })),
  setCustom: (custom) =>
    set((s) => ({ customFrom: custom.from ?? s.customFrom, customTo: custom.to ?? s.customTo })),
  setGranularity: (granularity) => set({ granularity }),
  setFilters: (patch) => set((s) => ({ filters: { ...s.filters, ...patch } })),
  clearFilters: () => set({ filters: NO_KPI_FILTERS }),
}));

export function hasFilters(filters: KpiFilters): boolean {
  return Object.values(filters).some((list: readonly unknown[]) => list.length > 0);
}
