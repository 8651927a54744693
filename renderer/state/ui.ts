import { create } from 'zustand';
import type { Priority, TicketKind, TicketStatus } from '../../shared/domain/model';
import type { RowSort, RowSortField, ViewId } from '../data';

export type { ViewId };

/** UI and session state only; documents always come from RxDB queries. */
export type SortField = RowSortField;

export interface ListFilters {
  kinds: TicketKind[];
  statuses: TicketStatus[];
  priorities: Priority[];
  assigneeId: string | null;
  groupId: string | null;
  text: string;
}

export const EMPTY_FILTERS: ListFilters = {
  kinds: [],
  statuses: [],
  priorities: [],
  assigneeId: null,
  groupId: null,
  text: '',
};

const USER_KEY = 'outpost.userId';

interface UiState {
  userId: string;
  viewId: ViewId;
  filters: ListFilters;
  sort: RowSort;
  selectedId: string | null;
  paletteOpen: boolean;
  shortcutsOpen: boolean;
  /** Set by the global `/` shortcut; the list page focuses its search field and clears it. */
  searchFocusPending: boolean;
  setSearchFocusPending: (pending: boolean) => void;
  setUserId: (id: string) => void;
  setView: (id: ViewId) => void;
  setFilters: (patch: Partial<ListFilters>) => void;
  clearFilters: () => void;
  setSort: (field: SortField, dir: 'asc' | 'desc') => void;
  select: (id: string | null) => void;
  setPaletteOpen: (open: boolean) => void;
  setShortcutsOpen: (open: boolean) => void;
}

function readStoredUser(): string {
  try {
    return localStorage.getItem(USER_KEY) ?? '';
  } catch {
    return '';
  }
}

export const useUi = create<UiState>((set) => ({
  userId: readStoredUser(),
  viewId: 'open',
  filters: EMPTY_FILTERS,
  sort: { field: 'updatedAt', dir: 'desc' },
  selectedId: null,
  paletteOpen: false,
  shortcutsOpen: false,
  searchFocusPending: false,
  setSearchFocusPending: (searchFocusPending) => set({ searchFocusPending }),
  setUserId: (userId) => {
    try {
      localStorage.setItem(USER_KEY, userId);
    } catch {
      // Storage can be unavailable (private mode); the choice then lasts for this session.
    }
    set({ userId });
  },
  setView: (viewId) => set({ viewId, selectedId: null }),
  setFilters: (patch) => set((s) => ({ filters: { ...s.filters, ...patch } })),
  clearFilters: () => set({ filters: EMPTY_FILTERS }),
  setSort: (field, dir) => set({ sort: { field, dir } }),
  select: (selectedId) => set({ selectedId }),
  setPaletteOpen: (paletteOpen) => set({ paletteOpen }),
  setShortcutsOpen: (shortcutsOpen) => set({ shortcutsOpen }),
}));
