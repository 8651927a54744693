/** What a server process tells its supervisor over the IPC channel. */
export type ChildMessage =
  /** Accepting connections on `port` (the real one when 0 was asked for). */
  | { type: 'listening'; port: number }
  /** Could not start (port taken, unreadable data folder…); the process exits next. */
  | { type: 'failed'; message: string };

/** What the supervisor asks of a server process. */
export type SupervisorMessage = { type: 'shutdown' };

export function isChildMessage(value: unknown): value is ChildMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as { type?: unknown; port?: unknown; message?: unknown };
  if (message.type === 'listening') return typeof message.port === 'number';
  return message.type === 'failed' && typeof message.message === 'string';
}
