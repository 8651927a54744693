/**
 * `npm run server`: the Outpost sync server, supervised. A plain Node script starts it with
 *   node --import tsx server/cli.ts --port 5984 --data .outpost-server [--provision-demo]
 * (cwd: the repository root) and waits for the line
 *   Outpost sync server listening on http://127.0.0.1:5984
 * on stdout. Anything shown once (a generated admin password, demo accounts) is printed before
 * that line. SIGINT and SIGTERM stop the server process and then this one.
 */
import { parseServerArgs, SERVER_USAGE, UsageError } from './options';
import { READY_LINE_PREFIX, startSupervisedServer, type SupervisedServer } from './supervisor';

async function provisionDemo(server: SupervisedServer, db: string): Promise<void> {
  const admin = server.initialAdmin;
  if (!admin) return;
  // Loaded only when asked for: the demo generator is not needed to serve.
  const { provisionTeam } = await import('./provision/team');
  const { printUsers } = await import('./provision/report');
  try {
    const result = await provisionTeam({ url: server.url, admin, db, demo: true });
    console.info(
      `Demo team loaded into "${db}": ${result.demo?.written ?? 0} documents. Demo accounts (passwords shown once):`,
    );
    printUsers(result.users);
  } catch (error) {
    console.error(
      `Loading the demo team failed: ${(error as Error).message}\n` +
        `The server runs without it; retry with: npm run provision -- --url ${server.url} --db ${db} --demo`,
    );
  }
}

async function main(): Promise<void> {
  const options = parseServerArgs(process.argv.slice(2), process.env);
  if (options.help) {
    console.info(SERVER_USAGE);
    return;
  }
  const server = await startSupervisedServer({
    port: options.port,
    host: options.host,
    dataDir: options.dataDir,
    corsOrigins: options.corsOrigins,
    adminUser: options.adminUser,
    adminPassword: options.adminPassword,
  });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.error(`${signal}: stopping the sync server…`);
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`Stopping failed: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  const admin = server.initialAdmin;
  if (admin?.generated) {
    console.info(
      `Created the server admin "${admin.name}" with password ${admin.password}\n` +
        '(shown only now: the data folder keeps only a hash of it).',
    );
  } else if (admin) {
    console.info(`Created the server admin "${admin.name}" with the password from OUTPOST_ADMIN_PASSWORD.`);
  }
  if (options.provisionDemo) await provisionDemo(server, options.demoDb);

  console.info(`${READY_LINE_PREFIX}${server.url}`);
}

main().catch((error: unknown) => {
  console.error(
    error instanceof UsageError ? `${error.message}\n\n${SERVER_USAGE}` : `${(error as Error).message}`,
  );
  process.exit(error instanceof UsageError ? 2 : 1);
});
