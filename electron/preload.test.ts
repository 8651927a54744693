import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS, SHELL_EVENT_NAMES } from '../shared/ipc/contract';

const electron = vi.hoisted(() => {
  const listeners = new Map<string, Set<(event: unknown, payload: unknown) => void>>();
  return {
    listeners,
    contextBridge: { exposeInMainWorld: vi.fn() },
    ipcRenderer: {
      invoke: vi.fn(async (channel: string, ...args: unknown[]) => ({ ok: true, value: { channel, args } })),
      on: vi.fn((channel: string, listener: (event: unknown, payload: unknown) => void) => {
        if (!listeners.has(channel)) listeners.set(channel, new Set());
        listeners.get(channel)?.add(listener);
      }),
      removeListener: vi.fn((channel: string, listener: (event: unknown, payload: unknown) => void) => {
        listeners.get(channel)?.delete(listener);
      }),
    },
  };
});
vi.mock('electron', () => electron);

const emit = (channel: string, payload: unknown) => {
  for (const listener of electron.listeners.get(channel) ?? [])
    listener({ sender: 'ipc internals' }, payload);
};

describe('preload', () => {
  beforeEach(() => {
    vi.resetModules();
    vi.clearAllMocks();
    electron.listeners.clear();
  });

  async function exposed(): Promise<Record<string, unknown>> {
    await import('./preload');
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    const [name, api] = electron.contextBridge.exposeInMainWorld.mock.calls[0] ?? [];
    expect(name).toBe('outpost');
    return api as Record<string, unknown>;
  }

  it('exposes exactly the contract channels, showNotification, on and isDesktop, and not ipcRenderer', async () => {
    const api = await exposed();
    expect(Object.keys(api).sort()).toEqual([...IPC_CHANNELS, 'isDesktop', 'on', 'showNotification'].sort());
    expect(api.isDesktop).toBe(true);
    expect(Object.isFrozen(api)).toBe(true);
    for (const channel of IPC_CHANNELS) expect(typeof api[channel], channel).toBe('function');
    expect(Object.values(api)).not.toContain(electron.ipcRenderer);
    expect(Object.values(api)).not.toContain(electron.ipcRenderer.invoke);
    expect(Object.values(api)).not.toContain(electron.ipcRenderer.on);
  });

  it('forwards each function to ipcRenderer.invoke on its own channel', async () => {
    const api = await exposed();
    for (const channel of IPC_CHANNELS) {
      const call = api[channel] as (...args: unknown[]) => Promise<unknown>;
      await expect(call('a', 1)).resolves.toEqual({ ok: true, value: { channel, args: ['a', 1] } });
    }
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledTimes(IPC_CHANNELS.length);
  });

  it('shows notifications through notify:show, from an object or a title and body', async () => {
    const api = await exposed();
    const show = api.showNotification as (...args: unknown[]) => Promise<unknown>;
    await show('INC-1 assigned to you', 'Printer on fire');
    await show({ title: 'SLA warning', body: 'INC-2 is due in 15 minutes', route: '/tickets/tkt_2' });
    expect(electron.ipcRenderer.invoke.mock.calls).toEqual([
      ['notify:show', { title: 'INC-1 assigned to you', body: 'Printer on fire' }],
      ['notify:show', { title: 'SLA warning', body: 'INC-2 is due in 15 minutes', route: '/tickets/tkt_2' }],
    ]);
  });

  it('lets the page listen to the contract events only, with the payload alone', async () => {
    const api = await exposed();
    const on = api.on as (event: string, listener: (payload: unknown) => void) => () => void;
    expect(SHELL_EVENT_NAMES).toContain('menu:command');
    const received: unknown[] = [];
    const stop = on('menu:command', (payload) => received.push(payload));
    emit('menu:command', 'new-ticket');
    stop();
    emit('menu:command', 'palette');
    expect(received).toEqual(['new-ticket']);
    expect(() => on('session:login', () => undefined)).toThrow(/Unknown desktop event/);
    expect(() => on('__proto__', () => undefined)).toThrow(/Unknown desktop event/);
    expect(() => on('os:network', 'not a function' as never)).toThrow(/function/);
    expect(electron.ipcRenderer.on).toHaveBeenCalledTimes(1);
  });
});
