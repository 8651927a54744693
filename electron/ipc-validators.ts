// One argument validator per IPC channel. Anything arriving over IPC is untrusted input, so every
// argument is checked for type, shape and size before a handler runs; a channel without a
// validator here is a type error.
import {
  BACKUP_KINDS,
  type CredentialsInput,
  type IpcArgs,
  type IpcChannel,
  type NotificationRequest,
  type OpenFileRequest,
  type SaveFileRequest,
  type SessionLoginInput,
} from '../shared/ipc/contract';
import {
  args,
  bytes,
  displayText,
  httpUrl,
  IpcFailure,
  obj,
  oneOf,
  optional,
  str,
  type Validator,
} from './validate';

// The largest export we accept in one call (CSV of every ticket stays well below this).
const MAX_EXPORT_CHARS = 64 * 1024 * 1024;
/** Attachments are at most 25 MB (renderer/data/files.ts); a little headroom, no more. */
export const MAX_OPEN_FILE_BYTES = 32 * 1024 * 1024;
/** Backups arrive in chunks of a few megabytes; one chunk may not be larger than this. */
export const MAX_BACKUP_CHUNK_CHARS = 16 * 1024 * 1024;

const FORBIDDEN_NAME_CHARS = ['/', '\\', ':', '*', '?', '"', '<', '>', '|'];

/** A bare file name: the user picks the folder in the dialog, the renderer never does. */
export const fileName: Validator<string> = (value, label) => {
  const name = str({ min: 1, max: 255 })(value, label);
  if (
    name === '.' ||
    name === '..' ||
    [...name].some((ch) => FORBIDDEN_NAME_CHARS.includes(ch) || ch.charCodeAt(0) < 32)
  ) {
    throw new IpcFailure('invalid_argument', `${label} must be a plain file name`);
  }
  return name;
};

const serverUrl = httpUrl();
// CouchDB user names are bounded by its own document id rules; passwords by what anyone types.
const userName = str({ min: 1, max: 256 });
const password = str({ min: 1, max: 4096 });
const mimeType = str({ min: 3, max: 255, pattern: /^[\w.+-]+\/[\w.+-]+$/ });
/** An app path such as /tickets/tkt_01… (the hash route a clicked notification opens). */
const appRoute = str({ min: 1, max: 200, pattern: /^\/[A-Za-z0-9_\-/]*$/ });
const backupId = str({ min: 32, max: 32, pattern: /^[0-9a-f]{32}$/ });

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
  'credentials:setFallback': args<['session' | 'disk']>(oneOf(['session', 'disk'] as const)),
  'notify:show': args<[NotificationRequest]>(
    obj<NotificationRequest>({
      title: displayText({ min: 1, max: 120 }),
      body: displayText({ max: 500, multiline: true }),
      route: optional(appRoute),
    }),
  ),
  'file:openWithSystem': args<[OpenFileRequest]>(
    obj<OpenFileRequest>({
      // Any name an attachment may have: viewerFileName() builds the name on disk from it.
      name: str({ min: 1, max: 255 }),
      contentType: mimeType,
      data: bytes({ min: 1, max: MAX_OPEN_FILE_BYTES }),
    }),
  ),
  'storage:diskSpace': args<[]>(),
  'backup:begin': args<[(typeof BACKUP_KINDS)[number]]>(oneOf(BACKUP_KINDS)),
  'backup:append': args<[string, string]>(backupId, str({ min: 1, max: MAX_BACKUP_CHUNK_CHARS })),
  'backup:commit': args<[string]>(backupId),
  'backup:abort': args<[string]>(backupId),
  'backup:list': args<[]>(),
  'backup:reveal': args<[]>(),
};
