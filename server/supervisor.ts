/**
 * Runs the sync server in a child process and keeps it running: if the process dies it is
 * started again on the same port and data folder after a bounded back-off. The supervisor
 * itself never touches the databases, so a crash in request handling cannot take it down.
 *
 * On the first start of a data folder it creates the server admin (see adminConfig.ts) before
 * the server process exists, so there is no moment without one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { ensureServerAdmin, snapshotConfig, type InitialAdmin } from './adminConfig';
import { isChildMessage, type SupervisorMessage } from './messages';
import { CHILD_ENTRY, PACKAGE_ROOT } from './paths';

/** `npm run server` prints this followed by the URL once the server accepts connections. */
export const READY_LINE_PREFIX = 'Outpost sync server listening on ';

export interface SupervisedServerOptions {
  /** Default 5984; 0 picks a free port (kept across restarts). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  dataDir: string;
  /** Origins allowed in addition to the app's own (see cors.ts). */
  corsOrigins?: readonly string[];
  /** Server admin created on the first start of the data folder (default name `admin`). */
  adminUser?: string;
  /** Its password; generated when absent (returned in `initialAdmin`, shown by the caller). */
  adminPassword?: string;
  /** Supervisor events (exits, restarts). Default: stderr. */
  log?: (line: string) => void;
}

export interface SupervisedServer {
  url: string;
  host: string;
  port: number;
  dataDir: string;
  /** Set only when this start created the server admin (first start of the data folder). */
  initialAdmin: InitialAdmin | null;
  childPid(): number | null;
  /** How many times the server process has been started again after dying. */
  restarts(): number;
  /** Resolves when a server process is accepting connections (at once if one is). */
  waitUntilUp(): Promise<void>;
  /** Kills the server process as a crash would; resolves once the supervisor has seen it die. */
  killChild(signal?: NodeJS.Signals): Promise<void>;
  /** Stops the server process and supervision. */
  stop(): Promise<void>;
}

/** Restart delays: quick after a one-off crash, bounded when crashing in a loop. */
const BACKOFF_MS = [250, 500, 1000, 2000, 4000, 8000, 15000];
/** A process that stayed up this long resets the back-off. */
const STABLE_MS = 30_000;
/** How long a stopping server process may take before it is killed. */
const STOP_GRACE_MS = 5_000;

interface Deferred {
  promise: Promise<void>;
  resolve(): void;
}

function deferred(): Deferred {
  let resolvePromise = () => {};
  const promise = new Promise<void>((done) => (resolvePromise = done));
  return { promise, resolve: resolvePromise };
}

/** Environment for the server process: everything but the secrets it does not need. */
function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (/PASSWORD|SECRET|TOKEN/i.test(key)) delete env[key];
  return env;
}

function childArgs(port: number, host: string, dataDir: string, origins: readonly string[]): string[] {
  const args = ['--import', 'tsx', CHILD_ENTRY, '--port', String(port), '--host', host, '--data', dataDir];
  for (const origin of origins) args.push('--cors-origin', origin);
  return args;
}

export async function startSupervisedServer(options: SupervisedServerOptions): Promise<SupervisedServer> {
  const host = options.host ?? '127.0.0.1';
  const dataDir = resolve(options.dataDir);
  const origins = options.corsOrigins ?? [];
  const log = options.log ?? ((line: string) => console.error(line));
  const restoreConfig = snapshotConfig(dataDir);
  const initialAdmin = ensureServerAdmin(dataDir, {
    name: options.adminUser,
    password: options.adminPassword,
  });

  let port = options.port ?? 5984;
  let child: ChildProcess | null = null;
  let up = deferred();
  let isUp = false;
  let stopping = false;
  let restarts = 0;
  let failures = 0;
  let startedAt = 0;
  let restartTimer: NodeJS.Timeout | null = null;
  let exited = deferred();

  const launch = (onFirstOutcome?: (error: Error | null) => void) => {
    const proc = spawn(process.execPath, childArgs(port, host, dataDir, origins), {
      cwd: PACKAGE_ROOT,
      env: childEnv(),
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child = proc;
    exited = deferred();
    startedAt = Date.now();
    let failure = '';
    proc.on('error', (error) => {
      // The process could not be spawned at all: no 'exit' follows.
      if (proc.pid !== undefined) return;
      child = null;
      exited.resolve();
      onFirstOutcome?.(new Error(`Cannot start the sync server process: ${error.message}`));
      onFirstOutcome = undefined;
    });
    proc.on('message', (message: unknown) => {
      if (!isChildMessage(message)) return;
      if (message.type === 'failed') {
        failure = message.message;
        return;
      }
      port = message.port;
      isUp = true;
      up.resolve();
      onFirstOutcome?.(null);
      onFirstOutcome = undefined;
    });
    proc.on('exit', (code, signal) => {
      child = null;
      if (isUp) up = deferred();
      isUp = false;
      exited.resolve();
      if (onFirstOutcome) {
        onFirstOutcome(new Error(failure || `The sync server process exited (${signal ?? `code ${code}`}).`));
        return;
      }
      if (stopping) return;
      if (Date.now() - startedAt >= STABLE_MS) failures = 0;
      const delay = BACKOFF_MS[Math.min(failures, BACKOFF_MS.length - 1)] ?? 15000;
      failures += 1;
      const reason = failure || (signal ? `signal ${signal}` : `exit code ${code}`);
      log(`Sync server process ${proc.pid} stopped (${reason}); starting it again in ${delay} ms.`);
      restartTimer = setTimeout(() => {
        restartTimer = null;
        restarts += 1;
        launch();
      }, delay);
    });
  };

  try {
    await new Promise<void>((done, fail) => launch((error) => (error ? fail(error) : done())));
  } catch (error) {
    // An admin created for a start that failed would keep a password nobody was shown.
    if (initialAdmin) restoreConfig();
    throw error;
  }
  // A supervisor that is exiting must not leave an orphan holding the port and the LevelDB locks.
  const killOnExit = () => child?.kill('SIGKILL');
  process.once('exit', killOnExit);

  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    host,
    port,
    dataDir,
    initialAdmin,
    childPid: () => child?.pid ?? null,
    restarts: () => restarts,
    waitUntilUp: () => up.promise,
    async killChild(signal = 'SIGKILL') {
      const proc = child;
      if (!proc) throw new Error('No sync server process is running.');
      const gone = exited.promise;
      proc.kill(signal);
      await gone;
    },
    async stop() {
      stopping = true;
      process.removeListener('exit', killOnExit);
      if (restartTimer) clearTimeout(restartTimer);
      const proc = child;
      if (!proc) return;
      const gone = exited.promise;
      if (proc.connected) proc.send({ type: 'shutdown' } satisfies SupervisorMessage);
      else proc.kill('SIGTERM');
      const force = setTimeout(() => proc.kill('SIGKILL'), STOP_GRACE_MS);
      await gone;
      clearTimeout(force);
    },
  };
}
