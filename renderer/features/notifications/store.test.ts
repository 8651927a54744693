import { describe, expect, it } from 'vitest';
import type { AppNotification } from '../../../shared/domain/notifications';
import { createNotificationsStore, type ReadStorage } from './store';

function memoryStorage(): ReadStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
  };
}

const note = (id: string, at = 1): AppNotification => ({
  id,
  kind: 'assigned',
  ticketId: id,
  title: id,
  detail: 'Assigned to you',
  link: `/tickets/${id}`,
  at,
});

describe('notifications store', () => {
  it('takes what exists on a first complete load as read, and counts what comes later', () => {
    const storage = memoryStorage();
    const store = createNotificationsStore(storage);
    store.getState().update('per_a', [note('1')], false);
    expect(store.getState().unread).toBe(0);
    expect(store.getState().ready).toBe(false);
    store.getState().update('per_a', [note('1'), note('2')], true);
    expect(store.getState().unread).toBe(0);
    store.getState().update('per_a', [note('1'), note('2'), note('3')], true);
    expect(store.getState().unread).toBe(1);
  });

  it('keeps read marks per person across restarts', () => {
    const storage = memoryStorage();
    const first = createNotificationsStore(storage);
    first.getState().update('per_a', [note('1')], true);
    first.getState().update('per_a', [note('1'), note('2'), note('3')], true);
    first.getState().markRead('2');
    expect(first.getState().unread).toBe(1);

    const restarted = createNotificationsStore(storage);
    restarted.getState().update('per_a', [note('1'), note('2'), note('3')], true);
    expect(restarted.getState().unread).toBe(1);
    // Another person on the same device starts with their own marks.
    restarted.getState().update('per_b', [note('9')], true);
    expect(restarted.getState().unread).toBe(0);
    restarted.getState().update('per_a', [note('1'), note('2'), note('3')], true);
    expect(restarted.getState().unread).toBe(1);
  });

  it('marks everything read at once, and drops marks of notifications that ended', () => {
    const storage = memoryStorage();
    const store = createNotificationsStore(storage);
    store.getState().update('per_a', [], true);
    store.getState().update('per_a', [note('1'), note('2')], true);
    store.getState().markAllRead();
    expect(store.getState().unread).toBe(0);
    store.getState().update('per_a', [note('2')], true);
    expect(JSON.parse(storage.data.get('outpost.notifications.read.per_a') ?? '{}')).toEqual({ read: ['2'] });
    // The condition comes back: it is news again.
    store.getState().update('per_a', [note('1'), note('2')], true);
    expect(store.getState().unread).toBe(1);
  });

  it('survives unreadable or missing storage', () => {
    const broken: ReadStorage = {
      getItem: () => '{not json',
      setItem: () => {
        throw new Error('quota');
      },
    };
    const store = createNotificationsStore(broken);
    store.getState().update('per_a', [note('1')], true);
    expect(store.getState().unread).toBe(1);
    store.getState().markRead('1');
    expect(store.getState().unread).toBe(0);
    const none = createNotificationsStore(null);
    none.getState().update('per_a', [note('1')], true);
    expect(none.getState().unread).toBe(0);
  });
});
