import { describe, expect, it, vi } from 'vitest';
import { createNotifier, type NotificationLike } from './notify';

vi.mock('electron', () => ({}));

function setup(supported = true) {
  const created: { options: unknown; listeners: Map<string, () => void>; shown: boolean }[] = [];
  const onClick = vi.fn();
  const notifier = createNotifier({
    isSupported: () => supported,
    create: (options) => {
      const entry = { options, listeners: new Map<string, () => void>(), shown: false };
      created.push(entry);
      const notification: NotificationLike = {
        on: (event, listener) => entry.listeners.set(event, listener),
        show: () => void (entry.shown = true),
      };
      return notification;
    },
    onClick,
  });
  return { notifier, created, onClick };
}

describe('createNotifier', () => {
  it('shows the text as given and opens the route on click', () => {
    const { notifier, created, onClick } = setup();
    notifier.show({ title: 'INC-1 assigned to you', body: 'Printer jam', route: '/tickets/tkt_1' });
    expect(created[0]).toMatchObject({
      options: { title: 'INC-1 assigned to you', body: 'Printer jam' },
      shown: true,
    });
    expect(notifier.tracked).toBe(1);
    created[0]?.listeners.get('click')?.();
    expect(onClick).toHaveBeenCalledWith('/tickets/tkt_1');
    expect(notifier.tracked).toBe(0);
  });

  it('keeps notifications alive until closed, and a bounded number of them', () => {
    const { notifier, created } = setup();
    for (let i = 0; i < 25; i++) notifier.show({ title: `n${i}`, body: '' });
    expect(notifier.tracked).toBe(20);
    created[24]?.listeners.get('close')?.();
    expect(notifier.tracked).toBe(19);
  });

  it('says so where the OS shows no notifications', () => {
    const { notifier, created } = setup(false);
    expect(() => notifier.show({ title: 'x', body: '' })).toThrow(
      expect.objectContaining({ code: 'unavailable' }),
    );
    expect(created).toHaveLength(0);
  });
});
