// Main-process side of the IPC contract: one handler per channel, all registered through one
// wrapper that checks the sender, validates arguments and turns every failure into data.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import {
  IPC_CHANNELS,
  type CredentialsInput,
  type IpcArgs,
  type IpcChannel,
  type IpcError,
  type IpcResult,
  type IpcValue,
  type SaveFileRequest,
  type SessionLoginInput,
} from '../shared/ipc/contract';
import type { CredentialStore } from './credentials';
import type { SessionAuth } from './session-auth';
import { isAllowedExternalUrl, isAppUrl, type AppUrlOptions } from './security';
import { args, httpUrl, IpcFailure, obj, str, type Validator } from './validate';

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
   * `unavailable` instead of pretending to sign in.
   */
  sessionAuth?: SessionAuth;
};

// The largest export we accept in one call (CSV of every ticket stays well below this).
const MAX_EXPORT_CHARS = 64 * 1024 * 1024;

/** A bare file name: the user picks the folder in the dialog, the renderer never does. */
const fileName: Validator<string> = (value, label) => {
  const name = str({ min: 1, max: 200 })(value, label);
  const forbidden = ['/', '\\', ':', '*', '?', '"', '<', '>', '|'];
  if (
    name === '.' ||
    name === '..' ||
    [...name].some((ch) => forbidden.includes(ch) || ch.charCodeAt(0) < 32)
  ) {
    throw new IpcFailure('invalid_argument', `${label} must be a plain file name`);
  }
  return name;
};

const serverUrl = httpUrl();

// CouchDB user names are bounded by its own document id rules; passwords by what anyone types.
const userName = str({ min: 1, max: 256 });
const password = str({ min: 1, max: 4096 });

/** One validator per channel; a channel missing here is a type error. */
export const argValidators: { [C in IpcChannel]: (raw: readonly unknown[]) => IpcArgs<C> } = {
  'app:getInfo': args<[]>(),
  'credentials:get': args<[string]>(serverUrl),
  'credentials:set': args<[CredentialsInput]>(
    obj<CredentialsInput>({
      serverUrl,
      username: userName,
      password,
    }),
  ),
  'credentials:clear': args<[string]>(serverUrl),
  'credentials:status': args<[]>(),
  'session:login': args<[SessionLoginInput]>(obj<SessionLoginInput>({ serverUrl, name: userName, password })),
  'session:renew': args<[string]>(serverUrl),
  'session:logout': args<[string]>(serverUrl),
  'shell:openExternal': args<[string]>(str({ min: 1, max: 2048 })),
  'export:saveFile': args<[SaveFileRequest]>(
    obj<SaveFileRequest>({
      suggestedName: fileName,
      mimeType: str({ min: 3, max: 100, pattern: /^[\w.+-]+\/[\w.+-]+$/ }),
      content: str({ max: MAX_EXPORT_CHARS }),
    }),
  ),
};

function sessionAuthOf(deps: IpcDeps): SessionAuth {
  if (!deps.sessionAuth) throw new IpcFailure('unavailable', 'Signing in to a sync server is not available.');
  return deps.sessionAuth;
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
