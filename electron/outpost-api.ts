// Builds the object the preload exposes as window.outpost. Kept apart from preload.ts so the
// preload entry has no exports of its own and tests can build the API without contextBridge.
import { IPC_CHANNELS, type OutpostApi } from '../shared/ipc/contract';

export type Invoke = (channel: string, ...args: unknown[]) => Promise<unknown>;

export function buildOutpostApi(invoke: Invoke): OutpostApi {
  const api: Record<string, unknown> = { isDesktop: true };
  for (const channel of IPC_CHANNELS) {
    api[channel] = (...args: unknown[]) => invoke(channel, ...args);
  }
  // The loop builds exactly the keys of OutpostApi; TypeScript cannot follow a loop.
  return Object.freeze(api) as OutpostApi;
}
