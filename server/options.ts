/**
 * Command-line flags of `npm run server` and `npm run provision`. Secrets never come from the
 * command line (any local user can read another's argv): admin and user passwords come from
 * environment variables or a prompt, and a flag that looks like a password is refused.
 */
import { parseArgs } from 'node:util';
import { splitOriginList, normalizeOrigin } from './cors';
import { ROLES, type Role } from '../shared/domain/model';

export type Env = Readonly<Record<string, string | undefined>>;

export class UsageError extends Error {
  override name = 'UsageError';
}

const SECRET_FLAG = /^--?[^=]*(pass|secret|token)/i;

function rejectSecretFlags(argv: readonly string[]): void {
  const flag = argv.find((arg) => SECRET_FLAG.test(arg));
  if (flag) {
    throw new UsageError(
      `${flag.split('=')[0]}: passwords are never taken from the command line, where other users can ` +
        'read them. Use OUTPOST_ADMIN_PASSWORD (and OUTPOST_PASSWORD_<USER>) or answer the prompt.',
    );
  }
}

/** Runs node's parseArgs after the secret check, reporting its errors as usage errors. */
function parseFlags<T>(argv: readonly string[], parse: (args: string[]) => T): T {
  rejectSecretFlags(argv);
  try {
    return parse([...argv]);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function parsePort(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new UsageError(`--port must be 0-65535, got "${value}".`);
  return port;
}

export interface ServerCliOptions {
  port: number;
  host: string;
  dataDir: string;
  corsOrigins: string[];
  /** On the first start of the data folder, load the demo team and create demo accounts. */
  provisionDemo: boolean;
  demoDb: string;
  adminUser: string | undefined;
  adminPassword: string | undefined;
  help: boolean;
}

export const SERVER_USAGE = `Usage: npm run server -- [options]
  --port <n>            port to listen on (default 5984; 0 = any free port)
  --host <address>      address to listen on (default 127.0.0.1)
  --data <folder>       data folder (default .outpost-server)
  --cors-origin <o>     also allow this browser origin (repeatable; also OUTPOST_CORS_ORIGINS)
  --provision-demo      on the first start of the data folder, load the demo team into
                        --demo-db and create one demo account per role
  --demo-db <name>      demo team database (default outpost)
Environment: OUTPOST_ADMIN_USER (default admin) and OUTPOST_ADMIN_PASSWORD name the server
admin created on the first start; without a password one is generated and shown once.`;

export function parseServerArgs(argv: readonly string[], env: Env): ServerCliOptions {
  const values = parseFlags(argv, (args) =>
    parseArgs({
      args,
      strict: true,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        data: { type: 'string' },
        'cors-origin': { type: 'string', multiple: true },
        'provision-demo': { type: 'boolean' },
        'demo-db': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }),
  ).values;
  const corsOrigins = [...splitOriginList(env.OUTPOST_CORS_ORIGINS), ...(values['cors-origin'] ?? [])];
  for (const origin of corsOrigins) {
    const checked = normalizeOrigin(origin);
    if (checked instanceof Error) throw new UsageError(checked.message);
  }
  const host = values.host ?? '127.0.0.1';
  if (host.trim() === '') throw new UsageError('--host must not be empty.');
  return {
    port: parsePort(values.port, 5984),
    host,
    dataDir: values.data ?? '.outpost-server',
    corsOrigins,
    provisionDemo: values['provision-demo'] === true,
    demoDb: values['demo-db'] ?? 'outpost',
    adminUser: env.OUTPOST_ADMIN_USER || undefined,
    adminPassword: env.OUTPOST_ADMIN_PASSWORD || undefined,
    help: values.help === true,
  };
}

export interface UserSpec {
  name: string;
  role: Role;
  personId: string | undefined;
}

export interface ProvisionCliOptions {
  url: string;
  db: string;
  demo: boolean;
  users: UserSpec[];
  help: boolean;
}

export const PROVISION_USAGE = `Usage: npm run provision -- --url <server> --db <name> [--demo] [--user name:role[:personId]]…
  roles: ${ROLES.join(', ')}
Environment: OUTPOST_ADMIN_USER (default admin) and OUTPOST_ADMIN_PASSWORD (else prompted);
OUTPOST_PASSWORD_<USER> for each user (USER upper-cased, other characters as _), else prompted
on a terminal, else kept for an existing account and generated (shown once) for a new one.`;

export function parseUserSpec(spec: string): UserSpec {
  const [name = '', role = '', personId, ...extra] = spec.split(':');
  if (!name || !role || extra.length > 0 || personId === '') {
    throw new UsageError(`--user "${spec}": expected name:role or name:role:personId.`);
  }
  if (!(ROLES as readonly string[]).includes(role)) {
    throw new UsageError(`--user "${spec}": "${role}" is not a role (${ROLES.join(', ')}).`);
  }
  return { name, role: role as Role, personId };
}

export function parseProvisionArgs(argv: readonly string[]): ProvisionCliOptions {
  const values = parseFlags(argv, (args) =>
    parseArgs({
      args,
      strict: true,
      options: {
        url: { type: 'string' },
        db: { type: 'string' },
        demo: { type: 'boolean' },
        user: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
    }),
  ).values;
  const help = values.help === true;
  if (!help && (!values.url || !values.db)) throw new UsageError('--url and --db are required.');
  return {
    url: values.url ?? '',
    db: values.db ?? '',
    demo: values.demo === true,
    users: (values.user ?? []).map(parseUserSpec),
    help,
  };
}

/** The environment variable holding a user's password: OUTPOST_PASSWORD_<NAME>. */
export function passwordVariable(name: string): string {
  return `OUTPOST_PASSWORD_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}
