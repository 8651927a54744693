// The OS's view of the network, passed to the window. Chromium already fires online/offline in
// the page when an interface goes up or down; what it does not say is "the computer just woke
// up" or "the screen was unlocked", after which a long-poll may be a dead connection and the
// sync engine's back-off may be minutes long. Those moments send the current state again so
// the engine reconnects at once.
import type { NetworkSignal } from '../shared/ipc/contract';

export type PowerEvents = {
  on(event: 'resume' | 'unlock-screen', listener: () => void): unknown;
  removeListener(event: 'resume' | 'unlock-screen', listener: () => void): unknown;
};

export type NetworkWatcherDeps = {
  /** Electron's net.isOnline(). */
  isOnline: () => boolean;
  powerMonitor: PowerEvents;
  send: (signal: NetworkSignal) => void;
  /** How often the OS state is read (net has no change event in the main process). */
  intervalMs?: number;
  setInterval?: (callback: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
};

export function watchNetwork(deps: NetworkWatcherDeps): { stop: () => void } {
  const every = deps.setInterval ?? ((callback, ms) => setInterval(callback, ms));
  const clear = deps.clearInterval ?? ((handle) => clearInterval(handle as ReturnType<typeof setInterval>));
  let online = deps.isOnline();

  const poll = (): void => {
    const now = deps.isOnline();
    if (now === online) return;
    online = now;
    deps.send({ online, reason: 'change' });
  };
  const wake = (reason: 'resume' | 'unlock') => (): void => {
    online = deps.isOnline();
    deps.send({ online, reason });
  };
  const onResume = wake('resume');
  const onUnlock = wake('unlock');

  const timer = every(poll, deps.intervalMs ?? 5_000);
  deps.powerMonitor.on('resume', onResume);
  deps.powerMonitor.on('unlock-screen', onUnlock);
  return {
    stop() {
      clear(timer);
      deps.powerMonitor.removeListener('resume', onResume);
      deps.powerMonitor.removeListener('unlock-screen', onUnlock);
    },
  };
}
