/**
 * `npm run provision -- --url <server> --db <name> [--demo] [--user name:role[:personId]]…`
 * Admin credentials: OUTPOST_ADMIN_USER (default admin) and OUTPOST_ADMIN_PASSWORD, else a
 * prompt. User passwords: OUTPOST_PASSWORD_<USER>, else a prompt on a terminal (empty answer:
 * generate), else generated for new accounts and left alone for existing ones. Generated
 * passwords are printed once.
 */
import { parseProvisionArgs, passwordVariable, PROVISION_USAGE, UsageError, type UserSpec } from '../options';
import { canPrompt, promptSecret } from './prompt';
import { printUsers } from './report';
import { provisionTeam } from './team';
import type { ProvisionUser } from './users';

async function adminPassword(name: string): Promise<string> {
  const fromEnv = process.env.OUTPOST_ADMIN_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!canPrompt()) throw new UsageError('Set OUTPOST_ADMIN_PASSWORD (no terminal to ask on).');
  return promptSecret(`Password of server admin "${name}": `);
}

async function userPassword(spec: UserSpec): Promise<string | undefined> {
  const fromEnv = process.env[passwordVariable(spec.name)];
  if (fromEnv) return fromEnv;
  if (!canPrompt()) return undefined;
  const answer = await promptSecret(`Password for ${spec.name} (empty: keep the current one or generate): `);
  return answer === '' ? undefined : answer;
}

async function main(): Promise<void> {
  const options = parseProvisionArgs(process.argv.slice(2));
  if (options.help) {
    console.info(PROVISION_USAGE);
    return;
  }
  const adminName = process.env.OUTPOST_ADMIN_USER || 'admin';
  const admin = { name: adminName, password: await adminPassword(adminName) };
  const users: ProvisionUser[] = [];
  for (const spec of options.users) {
    users.push({
      name: spec.name,
      role: spec.role,
      personId: spec.personId,
      password: await userPassword(spec),
    });
  }
  const result = await provisionTeam({ url: options.url, admin, db: options.db, users, demo: options.demo });
  console.info(`Team database "${result.db}" on ${options.url}:`);
  console.info(`  database: ${result.createdDatabase ? 'created' : 'already there'}; security set`);
  console.info(`  write rules (_design/outpost): ${result.designDocument}`);
  if (result.demo) {
    console.info(`  demo documents: ${result.demo.written} written, ${result.demo.existing} already there`);
  }
  if (result.users.length > 0) {
    console.info('Accounts (a generated password is shown only now):');
    printUsers(result.users);
  }
}

main().catch((error: unknown) => {
  const usage = error instanceof UsageError;
  console.error(usage ? `${error.message}\n\n${PROVISION_USAGE}` : (error as Error).message);
  process.exit(usage ? 2 : 1);
});
