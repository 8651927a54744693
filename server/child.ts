/**
 * One server process, started by the supervisor (supervisor.ts) with non-secret flags only:
 *   node --import tsx server/child.ts --port N --host H --data DIR [--cors-origin O]…
 * It refuses to start without a server admin in the data folder (never an admin party),
 * reports `listening` or `failed` over IPC, and exits when asked, on SIGTERM, or when its
 * supervisor goes away. Ctrl+C in a terminal reaches the whole process group: the supervisor
 * handles it, so this process ignores SIGINT and waits to be told.
 */
import type { Server } from 'node:http';
import { parseArgs } from 'node:util';
import { adminNames, readServerConfig } from './adminConfig';
import { createServerApp } from './app';
import { allowedOrigins } from './cors';
import type { ChildMessage } from './messages';
import { CONFIG_FILE } from './paths';

function log(line: string): void {
  console.error(`[outpost-server ${process.pid}] ${line}`);
}

function send(message: ChildMessage): void {
  process.send?.(message);
}

/** Reports a start-up failure, then exits once the report has left (IPC sends are async). */
function exitWithFailure(message: string): void {
  log(message);
  const report: ChildMessage = { type: 'failed', message };
  if (process.send) process.send(report, () => process.exit(1));
  else process.exit(1);
}

function readOptions() {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      'cors-origin': { type: 'string', multiple: true },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`Invalid --port "${values.port}".`);
  if (!values.host || !values.data) throw new Error('--host and --data are required.');
  return {
    port,
    host: values.host,
    dataDir: values.data,
    origins: allowedOrigins(values['cors-origin'] ?? []),
  };
}

function shutdownOn(server: Server): void {
  let closing = false;
  const shutdown = () => {
    if (closing) return;
    closing = true;
    server.close(() => process.exit(0));
    // Long-polling _changes requests would otherwise hold the close open.
    server.closeAllConnections();
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', () => undefined);
  process.on('disconnect', shutdown);
  process.on('message', (message: unknown) => {
    if ((message as { type?: unknown }).type === 'shutdown') shutdown();
  });
}

function start(): void {
  const options = readOptions();
  if (adminNames(readServerConfig(options.dataDir)).length === 0) {
    throw new Error(
      `No server admin in ${options.dataDir}/${CONFIG_FILE}: start the server with npm run server.`,
    );
  }
  // A failed request must not take every other client down with it. A rejection nobody
  // handled belongs to one request; a thrown exception may have left shared state half-done,
  // so the process exits and the supervisor starts a clean one.
  process.on('unhandledRejection', (reason) => log(`Unhandled rejection: ${String(reason)}`));
  process.on('uncaughtException', (error) => {
    log(`Uncaught exception, restarting: ${error.stack ?? error.message}`);
    process.exit(1);
  });
  const app = createServerApp({ dataDir: options.dataDir, corsOrigins: options.origins, log });
  const server = app.listen(options.port, options.host);
  server.on('error', (error) =>
    exitWithFailure(`Cannot listen on ${options.host}:${options.port}: ${error.message}`),
  );
  server.on('listening', () => {
    const address = server.address();
    send({ type: 'listening', port: typeof address === 'object' && address ? address.port : options.port });
  });
  shutdownOn(server);
}

try {
  start();
} catch (error) {
  exitWithFailure(error instanceof Error ? error.message : String(error));
}
