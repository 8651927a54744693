/**
 * The acting person's notifications and which of them they have read. The list is derived by
 * NotificationsRunner; read marks are kept per person in this device's localStorage (they are a
 * personal view, not team data, so they do not sync: reading on the laptop leaves the desktop's
 * marks alone).
 */
import { create } from 'zustand';
import { pruneReadIds, unreadOf, type AppNotification } from '../../../shared/domain/notifications';

export type ReadStorage = Pick<Storage, 'getItem' | 'setItem'>;

const KEY_PREFIX = 'outpost.notifications.read.';
/** Enough for every notification a busy agent could have; older marks are dropped first. */
const READ_MAX = 5000;

export interface NotificationsState {
  personId: string;
  items: AppNotification[];
  read: ReadonlySet<string>;
  unread: number;
  /** True once the list reflects every ticket and clock for `personId`. */
  ready: boolean;
  /**
   * Replaces the list. `complete` says every source has loaded: only then are read marks of
   * vanished notifications dropped, and, the first time a person is seen on this device, what
   * already exists is taken as read (existing work is not news).
   */
  update: (personId: string, items: AppNotification[], complete: boolean) => void;
  markRead: (id: string) => void;
  markAllRead: () => void;
}

function load(storage: ReadStorage | null, personId: string): Set<string> | null {
  try {
    const raw = storage?.getItem(KEY_PREFIX + personId);
    if (raw === null || raw === undefined) return null;
    const parsed: unknown = JSON.parse(raw);
    const ids = (parsed as { read?: unknown }).read;
    if (!Array.isArray(ids)) return new Set();
    return new Set(ids.filter((id): id is string => typeof id === 'string'));
  } catch {
    // Unreadable marks (storage off, hand-edited): start over rather than fail.
    return new Set();
  }
}

function persist(storage: ReadStorage | null, personId: string, read: ReadonlySet<string>): void {
  try {
    storage?.setItem(KEY_PREFIX + personId, JSON.stringify({ read: [...read].slice(-READ_MAX) }));
  } catch {
    // Storage full or unavailable: the marks last for this session only.
  }
}

export function createNotificationsStore(storage: ReadStorage | null) {
  return create<NotificationsState>((set, get) => {
    const commit = (personId: string, items: AppNotification[], read: ReadonlySet<string>, ready: boolean) =>
      set({ personId, items, read, ready, unread: unreadOf(items, read).length });

    return {
      personId: '',
      items: [],
      read: new Set(),
      unread: 0,
      ready: false,
      update(personId, items, complete) {
        const state = get();
        const samePerson = state.personId === personId;
        let read: ReadonlySet<string> | null =
          samePerson && state.ready ? state.read : load(storage, personId);
        if (read === null) {
          if (!complete) {
            commit(personId, items, new Set(items.map((n) => n.id)), false);
            return;
          }
          read = new Set(items.map((n) => n.id));
          persist(storage, personId, read);
        } else if (complete) {
          const kept = pruneReadIds(items, read);
          if (kept.length !== read.size) {
            read = new Set(kept);
            persist(storage, personId, read);
          }
        }
        commit(personId, items, read, complete || (samePerson && state.ready));
      },
      markRead(id) {
        const { personId, items, read, ready } = get();
        if (read.has(id)) return;
        const next = new Set(read).add(id);
        persist(storage, personId, next);
        commit(personId, items, next, ready);
      },
      markAllRead() {
        const { personId, items, read, ready } = get();
        const next = new Set([...read, ...items.map((n) => n.id)]);
        persist(storage, personId, next);
        commit(personId, items, next, ready);
      },
    };
  });
}

function browserStorage(): ReadStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export const useNotifications = createNotificationsStore(browserStorage());
