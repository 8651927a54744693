/** Where things live: files inside a data folder, and this package's own entry points. */
import { fileURLToPath } from 'node:url';

/** express-pouchdb's configuration (admins as hashes, auth secret) inside the data folder. */
export const CONFIG_FILE = 'config.json';
export const LOG_FILE = 'log.txt';

/** The repository root: the working directory a spawned server process resolves `tsx` from. */
export const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CHILD_ENTRY = fileURLToPath(new URL('./child.ts', import.meta.url));
