import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../shared/ipc/contract';

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: {
    invoke: vi.fn(async (channel: string, ...args: unknown[]) => ({ ok: true, value: { channel, args } })),
  },
}));
vi.mock('electron', () => electron);

describe('preload', () => {
  beforeEach(() => {
    vi.resetModules();
    electron.contextBridge.exposeInMainWorld.mockClear();
    electron.ipcRenderer.invoke.mockClear();
  });

  async function exposed(): Promise<Record<string, unknown>> {
    await import('./preload');
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    const [name, api] = electron.contextBridge.exposeInMainWorld.mock.calls[0] ?? [];
    expect(name).toBe('outpost');
    return api as Record<string, unknown>;
  }

  it('exposes exactly the contract channels plus isDesktop, and not ipcRenderer', async () => {
    const api = await exposed();
    expect(Object.keys(api).sort()).toEqual([...IPC_CHANNELS, 'isDesktop'].sort());
    expect(api.isDesktop).toBe(true);
    for (const channel of IPC_CHANNELS) expect(typeof api[channel], channel).toBe('function');
    expect(Object.values(api)).not.toContain(electron.ipcRenderer);
    expect(Object.values(api)).not.toContain(electron.ipcRenderer.invoke);
  });

  it('forwards each function to ipcRenderer.invoke on its own channel', async () => {
    const api = await exposed();
    for (const channel of IPC_CHANNELS) {
      const call = api[channel] as (...args: unknown[]) => Promise<unknown>;
      await expect(call('a', 1)).resolves.toEqual({ ok: true, value: { channel, args: ['a', 1] } });
    }
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledTimes(IPC_CHANNELS.length);
  });
});
