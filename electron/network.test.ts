import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { NetworkSignal } from '../shared/ipc/contract';
import { watchNetwork } from './network';

vi.mock('electron', () => ({}));

function setup(initial: boolean) {
  let online = initial;
  let tick: (() => void) | null = null;
  const power = new EventEmitter();
  const sent: NetworkSignal[] = [];
  const cleared = vi.fn();
  const watcher = watchNetwork({
    isOnline: () => online,
    powerMonitor: power,
    send: (signal) => sent.push(signal),
    intervalMs: 1000,
    setInterval: (callback) => {
      tick = callback;
      return 'timer';
    },
    clearInterval: cleared,
  });
  return {
    sent,
    power,
    watcher,
    cleared,
    set: (value: boolean) => (online = value),
    tick: () => tick?.(),
  };
}

describe('watchNetwork', () => {
  it('sends a signal only when the OS state changes', () => {
    const net = setup(true);
    net.tick();
    expect(net.sent).toEqual([]);
    net.set(false);
    net.tick();
    net.tick();
    net.set(true);
    net.tick();
    expect(net.sent).toEqual([
      { online: false, reason: 'change' },
      { online: true, reason: 'change' },
    ]);
  });

  it('repeats the current state after sleep and after the screen is unlocked', () => {
    const net = setup(true);
    net.power.emit('resume');
    net.set(false);
    net.power.emit('unlock-screen');
    expect(net.sent).toEqual([
      { online: true, reason: 'resume' },
      { online: false, reason: 'unlock' },
    ]);
    // The poll already knows the new state: no second signal for the same change.
    net.tick();
    expect(net.sent).toHaveLength(2);
  });

  it('stops polling and listening', () => {
    const net = setup(true);
    net.watcher.stop();
    expect(net.cleared).toHaveBeenCalledWith('timer');
    net.power.emit('resume');
    expect(net.sent).toEqual([]);
  });
});
