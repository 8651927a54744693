// The one IPC contract between the renderer and the main process.
// The main process registers exactly these channels and the preload exposes exactly these
// functions, so a channel exists in all three places or in none. Pure TypeScript: this file is
// compiled into the preload bundle, the main bundle and the renderer alike.

/** Every failure crosses the bridge as data; a handler never answers `null` for "it failed". */
export type IpcError = { code: string; message: string };
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/** Error codes the main process uses; the renderer may branch on these. */
export const IPC_ERROR_CODES = [
  'untrusted_sender',
  'invalid_argument',
  'no_secure_storage',
  'url_not_allowed',
  'storage_error',
  /** The desktop shell was started without this capability. */
  'unavailable',
  'internal',
] as const;
export type IpcErrorCode = (typeof IPC_ERROR_CODES)[number];

export type AppInfo = {
  version: string;
  /** Node's platform name of the host OS ('linux', 'win32', 'darwin'). */
  platform: string;
  /** True whenever the answer comes from the desktop shell (the browser build has no IPC). */
  electron: boolean;
};

export type CredentialsInput = { serverUrl: string; username: string; password: string };

export type CredentialsStatus = {
  /** False when the OS offers no real secret store: credentials:set will then refuse. */
  secureStorage: boolean;
  /** Normalised server URLs that have stored credentials (never the secrets). */
  servers: string[];
};

/** Sign-in to a sync server; the main process posts it to `<serverUrl>/_session`. */
export type SessionLoginInput = { serverUrl: string; name: string; password: string };

/** Why a session could not be opened: the renderer shows `message` and may branch on `reason`. */
export type SessionFailureReason = 'credentials' | 'network' | 'server';

/**
 * The outcome of session:login and session:renew. A refused password is an expected answer, so
 * it travels as a value (`signedIn: false`), not as an IPC failure.
 */
export type SessionOutcome =
  | { signedIn: true; name: string; roles: string[] }
  | { signedIn: false; reason: SessionFailureReason; message: string };

export type SaveFileRequest = { suggestedName: string; mimeType: string; content: string };
export type SaveFileResult = { canceled: false; path: string } | { canceled: true };

/** Phantom carrier: the value is empty at runtime, the type holds arguments and result. */
export type ChannelSpec<Args extends readonly unknown[], Result> = {
  readonly __args?: Args;
  readonly __result?: Result;
};
function channel<Args extends readonly unknown[], Result>(): ChannelSpec<Args, Result> {
  return Object.freeze({});
}

/**
 * Channel name -> [arguments, result]. Names are `namespace:method`.
 * credentials:get answers `null` when nothing is stored: that is a value, not a failure.
 * The password goes in through credentials:set or session:login and never comes back out to the
 * renderer. session:* open, renew and close the sync server session: the main process keeps the
 * credentials and hands the session cookie to the window's cookie store, never to page script.
 */
export const IPC_CONTRACT = Object.freeze({
  'app:getInfo': channel<[], AppInfo>(),
  'credentials:get': channel<[serverUrl: string], { username: string } | null>(),
  'credentials:set': channel<[input: CredentialsInput], void>(),
  'credentials:clear': channel<[serverUrl: string], void>(),
  'credentials:status': channel<[], CredentialsStatus>(),
  'session:login': channel<[input: SessionLoginInput], SessionOutcome>(),
  'session:renew': channel<[serverUrl: string], SessionOutcome>(),
  'session:logout': channel<[serverUrl: string], void>(),
  'shell:openExternal': channel<[url: string], void>(),
  'export:saveFile': channel<[request: SaveFileRequest], SaveFileResult>(),
});

type Contract = typeof IPC_CONTRACT;
export type IpcChannel = keyof Contract;
export type IpcArgs<C extends IpcChannel> = Contract[C] extends ChannelSpec<infer A, unknown> ? A : never;
export type IpcValue<C extends IpcChannel> =
  Contract[C] extends ChannelSpec<readonly unknown[], infer R> ? R : never;

/** Runtime list of channel names, in contract order. */
export const IPC_CHANNELS: readonly IpcChannel[] = Object.freeze(Object.keys(IPC_CONTRACT) as IpcChannel[]);

/** What the preload exposes as `window.outpost`. Absent in the browser build. */
export type OutpostApi = {
  readonly [C in IpcChannel]: (...args: IpcArgs<C>) => Promise<IpcResult<IpcValue<C>>>;
} & { readonly isDesktop: true };
