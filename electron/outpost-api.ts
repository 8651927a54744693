// Builds the object the preload exposes as window.outpost. Kept apart from preload.ts so the
// preload entry has no exports of its own and tests can build the API without contextBridge.
import {
  IPC_CHANNELS,
  SHELL_EVENT_NAMES,
  type NotificationRequest,
  type OutpostApi,
  type ShellEventName,
} from '../shared/ipc/contract';

export type Invoke = (channel: string, ...args: unknown[]) => Promise<unknown>;

/** ipcRenderer's listener slice; the event object it passes first never reaches page code. */
export type EventSource = {
  on(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
};

const SHELL_EVENT_SET: ReadonlySet<string> = new Set(SHELL_EVENT_NAMES);

export function buildOutpostApi(invoke: Invoke, events: EventSource): OutpostApi {
  const api: Record<string, unknown> = { isDesktop: true };
  for (const channel of IPC_CHANNELS) {
    api[channel] = (...args: unknown[]) => invoke(channel, ...args);
  }
  api.showNotification = (first: string | NotificationRequest, body?: string) =>
    invoke('notify:show', typeof first === 'string' ? { title: first, body: body ?? '' } : first);
  api.on = (event: ShellEventName, listener: (payload: unknown) => void) => {
    // Only the contract's event names: page code cannot listen on arbitrary IPC channels.
    if (!SHELL_EVENT_SET.has(event)) throw new Error(`Unknown desktop event: ${String(event)}`);
    if (typeof listener !== 'function') throw new Error('A desktop event listener must be a function');
    const forward = (_event: unknown, payload: unknown) => listener(payload);
    events.on(event, forward);
    return () => void events.removeListener(event, forward);
  };
  // The loop builds exactly the keys of OutpostApi; TypeScript cannot follow a loop.
  return Object.freeze(api) as OutpostApi;
}
