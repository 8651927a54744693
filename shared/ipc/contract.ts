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
  /** The disk (or the folder's volume) has no room left for the write. */
  'disk_full',
  /** A request the shell understood but will not carry out (a file type it will not open). */
  'not_allowed',
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

/**
 * What happens to a sync password where the OS offers no real secret store (Linux without a
 * keyring, where Chromium falls back to `basic_text`, a fixed key): kept in memory until
 * Outpost quits, or written to disk anyway. 'ask' until the user has chosen.
 */
export const CREDENTIAL_FALLBACKS = ['ask', 'session', 'disk'] as const;
export type CredentialFallback = (typeof CREDENTIAL_FALLBACKS)[number];

export type CredentialsStatus = {
  /** False when the OS offers no real secret store: passwords then follow `fallback`. */
  secureStorage: boolean;
  /** safeStorage's backend on Linux (`gnome_libsecret`, `kwallet5`, `basic_text`…), else `os`. */
  backend: string;
  fallback: CredentialFallback;
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

/**
 * An OS notification. `route` (an app path such as `/tickets/tkt_…`) is opened when the user
 * clicks it; the notification text is shown as plain text by the OS.
 */
export type NotificationRequest = { title: string; body: string; route?: string };

/** An attachment handed to the system viewer: its bytes go to a private temporary file. */
export type OpenFileRequest = { name: string; contentType: string; data: Uint8Array };

/** Free and total bytes of the volume holding the app's data folder. */
export type DiskSpace = { freeBytes: number; totalBytes: number };

/** Automatic backups and the ones made on demand are rotated separately. */
export const BACKUP_KINDS = ['auto', 'manual'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];
export type BackupFileInfo = { name: string; kind: BackupKind; createdAt: number; bytes: number };

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
  'credentials:setFallback': channel<[choice: Exclude<CredentialFallback, 'ask'>], CredentialsStatus>(),
  'notify:show': channel<[notification: NotificationRequest], void>(),
  'file:openWithSystem': channel<[request: OpenFileRequest], void>(),
  'storage:diskSpace': channel<[], DiskSpace>(),
  // A backup is written in chunks (a replica can be hundreds of megabytes): begin, append each
  // chunk, then commit (renamed into place and rotated) or abort (removed).
  'backup:begin': channel<[kind: BackupKind], { id: string }>(),
  'backup:append': channel<[id: string, chunk: string], void>(),
  'backup:commit': channel<[id: string], BackupFileInfo>(),
  'backup:abort': channel<[id: string], void>(),
  'backup:list': channel<[], BackupFileInfo[]>(),
  'backup:reveal': channel<[], void>(),
});

type Contract = typeof IPC_CONTRACT;
export type IpcChannel = keyof Contract;
export type IpcArgs<C extends IpcChannel> = Contract[C] extends ChannelSpec<infer A, unknown> ? A : never;
export type IpcValue<C extends IpcChannel> =
  Contract[C] extends ChannelSpec<readonly unknown[], infer R> ? R : never;

/** Runtime list of channel names, in contract order. */
export const IPC_CHANNELS: readonly IpcChannel[] = Object.freeze(Object.keys(IPC_CONTRACT) as IpcChannel[]);

/** Commands of the native application menu, carried out by the renderer. */
export const MENU_COMMANDS = [
  'new-ticket',
  'tickets',
  'search',
  'palette',
  'shortcuts',
  'settings',
  'sync-issues',
  'backup-now',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/** What the OS says about the network; 'resume' and 'unlock' follow sleep or a locked screen. */
export type NetworkSignal = { online: boolean; reason: 'change' | 'resume' | 'unlock' };

function shellEvent<Payload>(): ChannelSpec<[Payload], void> {
  return Object.freeze({});
}

/**
 * Events the main process sends to the window (never the other way: the renderer only invokes
 * the channels above). The preload lets page code listen to these names and no others.
 */
export const SHELL_EVENTS = Object.freeze({
  'menu:command': shellEvent<MenuCommand>(),
  'os:network': shellEvent<NetworkSignal>(),
  /** A clicked notification: the app path to open. */
  'app:navigate': shellEvent<string>(),
  /**
   * The page must be reloaded for a change to apply (a new sync server was added to the
   * content security policy, which a page only reads when it loads).
   */
  'app:reloadRequired': shellEvent<{ reason: string }>(),
});

export type ShellEventName = keyof typeof SHELL_EVENTS;
export type ShellEventPayload<E extends ShellEventName> =
  (typeof SHELL_EVENTS)[E] extends ChannelSpec<[infer P], void> ? P : never;
export const SHELL_EVENT_NAMES: readonly ShellEventName[] = Object.freeze(
  Object.keys(SHELL_EVENTS) as ShellEventName[],
);

/** What the preload exposes as `window.outpost`. Absent in the browser build. */
export type OutpostApi = {
  readonly [C in IpcChannel]: (...args: IpcArgs<C>) => Promise<IpcResult<IpcValue<C>>>;
} & {
  readonly isDesktop: true;
  /** An OS notification: the same as 'notify:show', callable with an object or title and body. */
  readonly showNotification: {
    (notification: NotificationRequest): Promise<IpcResult<void>>;
    (title: string, body: string): Promise<IpcResult<void>>;
  };
  /** Listens to one of SHELL_EVENTS; returns the function that stops listening. */
  readonly on: <E extends ShellEventName>(
    event: E,
    listener: (payload: ShellEventPayload<E>) => void,
  ) => () => void;
};
