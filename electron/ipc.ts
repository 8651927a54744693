// Main-process side of the IPC contract: one handler per channel, all registered through one
// wrapper that checks the sender, validates arguments and turns every failure into data.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import {
  IPC_CHANNELS,
  type CredentialFallback,
  type CredentialsStatus,
  type DiskSpace,
  type IpcArgs,
  type IpcChannel,
  type IpcError,
  type IpcResult,
  type IpcValue,
  type NotificationRequest,
  type OpenFileRequest,
} from '../shared/ipc/contract';
import type { BackupStore } from './backups';
import type { CredentialStore } from './credentials';
import { argValidators } from './ipc-validators';
import type { SessionAuth } from './session-auth';
import { isAllowedExternalUrl, isAppUrl, type AppUrlOptions } from './security';
import { IpcFailure } from './validate';

export { argValidators };

/** The parts of an invoke event the handlers use; tests pass plain objects. */
export type IpcEvent = Pick<IpcMainInvokeEvent, 'senderFrame' | 'sender'>;

export type IpcHandlers = {
  [C in IpcChannel]: (event: IpcEvent, ...args: IpcArgs<C>) => Promise<IpcValue<C>>;
};

export type IpcDeps = {
  appVersion: string;
  platform: string;
  urlOptions: AppUrlOptions;
  externalHosts: readonly string[];
  credentials: Pick<CredentialStore, 'get' | 'set' | 'clear' | 'status'>;
  openExternal: (url: string) => Promise<void>;
  /** Native save dialog; resolves null when the user cancels. */
  chooseSavePath: (event: IpcEvent, suggestedName: string, mimeType: string) => Promise<string | null>;
  writeTextFile: (filePath: string, content: string) => Promise<void>;
  /**
   * Sync-server sessions (session-auth.ts). Without it the session:* channels answer
   * `unavailable` instead of pretending to sign in. The same holds for every optional
   * capability below: a shell started without it says so instead of pretending.
   */
  sessionAuth?: SessionAuth;
  setCredentialFallback?: (choice: Exclude<CredentialFallback, 'ask'>) => Promise<CredentialsStatus>;
  notify?: (request: NotificationRequest) => void;
  openWithSystem?: (request: OpenFileRequest) => Promise<void>;
  diskSpace?: () => Promise<DiskSpace>;
  backups?: Pick<BackupStore, 'begin' | 'append' | 'commit' | 'abort' | 'list'>;
  revealBackups?: () => Promise<void>;
};

function sessionAuthOf(deps: IpcDeps): SessionAuth {
  return need(deps.sessionAuth, 'Signing in to a sync server');
}

function need<T>(capability: T | undefined, what: string): T {
  if (capability === undefined) throw new IpcFailure('unavailable', `${what} is not available.`);
  return capability;
}

export function createHandlers(deps: IpcDeps): IpcHandlers {
  return {
    'app:getInfo': async () => ({ version: deps.appVersion, platform: deps.platform, electron: true }),
    'credentials:get': (_event, url) => deps.credentials.get(url),
    'credentials:set': (_event, input) =>
      deps.credentials.set(input.serverUrl, input.username, input.password),
    'credentials:clear': (_event, url) => deps.credentials.clear(url),
    'credentials:status': () => deps.credentials.status(),
    'session:login': (_event, input) => sessionAuthOf(deps).login(input),
    'session:renew': (_event, url) => sessionAuthOf(deps).renew(url),
    'session:logout': (_event, url) => sessionAuthOf(deps).logout(url),
    'shell:openExternal': async (_event, url) => {
      if (!isAllowedExternalUrl(url, deps.externalHosts)) {
        throw new IpcFailure('url_not_allowed', 'Only https links to allowed hosts can be opened.');
      }
      await deps.openExternal(url);
    },
    'export:saveFile': async (event, request) => {
      const target = await deps.chooseSavePath(event, request.suggestedName, request.mimeType);
      if (target === null) return { canceled: true };
      await deps.writeTextFile(target, request.content);
      return { canceled: false, path: target };
    },
    'credentials:setFallback': (_event, choice) =>
      need(deps.setCredentialFallback, 'Choosing how passwords are kept')(choice),
    'notify:show': async (_event, request) => need(deps.notify, 'Notifications')(request),
    'file:openWithSystem': (_event, request) => need(deps.openWithSystem, 'Opening files')(request),
    'storage:diskSpace': () => need(deps.diskSpace, 'Reading the free disk space')(),
    'backup:begin': (_event, kind) => need(deps.backups, 'Backups').begin(kind),
    'backup:append': (_event, id, chunk) => need(deps.backups, 'Backups').append(id, chunk),
    'backup:commit': (_event, id) => need(deps.backups, 'Backups').commit(id),
    'backup:abort': (_event, id) => need(deps.backups, 'Backups').abort(id),
    'backup:list': () => need(deps.backups, 'Backups').list(),
    'backup:reveal': () => need(deps.revealBackups, 'Showing the backups folder')(),
  };
}

export function toIpcError(error: unknown): IpcError {
  if (error instanceof IpcFailure) return { code: error.code, message: error.message };
  // Unexpected errors may carry file paths or library internals: the renderer gets a generic
  // message, the details go to the main-process log.
  return { code: 'internal', message: 'The desktop shell could not complete the request.' };
}

type AnyHandler = (event: IpcEvent, ...args: readonly unknown[]) => Promise<unknown>;

/**
 * The single gate every channel goes through. Never logs arguments: they may hold passwords.
 */
export function wrapHandler<C extends IpcChannel>(
  channel: C,
  handler: IpcHandlers[C],
  validate: (raw: readonly unknown[]) => IpcArgs<C>,
  urlOptions: AppUrlOptions,
): (event: IpcEvent, ...raw: unknown[]) => Promise<IpcResult<IpcValue<C>>> {
  return async (event, ...raw) => {
    try {
      const senderUrl = event.senderFrame?.url ?? '';
      if (!isAppUrl(senderUrl, urlOptions)) {
        throw new IpcFailure('untrusted_sender', `${channel} is only available to the Outpost app.`);
      }
      const value = await (handler as AnyHandler)(event, ...validate(raw));
      return { ok: true, value: value as IpcValue<C> };
    } catch (error) {
      const ipcError = toIpcError(error);
      if (ipcError.code === 'internal') console.error(`[ipc] ${channel} failed`, error);
      else if (ipcError.code === 'untrusted_sender')
        console.warn(`[ipc] ${channel} refused for an untrusted sender`);
      return { ok: false, error: ipcError };
    }
  };
}

/** Registers every contract channel; returns a function that removes them again. */
export function registerIpcHandlers(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  deps: IpcDeps,
): () => void {
  const handlers = createHandlers(deps);
  for (const channel of IPC_CHANNELS) {
    ipcMain.handle(channel, wrapHandler(channel, handlers[channel], argValidators[channel], deps.urlOptions));
  }
  return () => {
    for (const channel of IPC_CHANNELS) ipcMain.removeHandler(channel);
  };
}
