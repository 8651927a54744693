/**
 * The CouchDB-compatible part of the server: PouchDB on LevelDB files inside the data folder,
 * served by express-pouchdb with the parts a sync server does not need switched off, and the
 * access rules of `guards.ts` and `protection.ts` wired in where express-pouchdb has already
 * identified the user.
 */
import { join } from 'node:path';
import type { RequestHandler } from 'express';
import expressPouchDB, { type ExpressPouchDBApp } from 'express-pouchdb';
import PouchDB from 'pouchdb-core';
import leveldbAdapter from 'pouchdb-adapter-leveldb';
import mapReduce from 'pouchdb-mapreduce';
import replication from 'pouchdb-replication';
import { accessGuard } from './guards';
import { CONFIG_FILE, LOG_FILE } from './paths';
import { installAdminOnlyDefault, protectDatabase } from './protection';

/**
 * Parts of express-pouchdb left out. Each either runs code from documents inside this process
 * (express-pouchdb evaluates show/list/update/rewrite functions and temporary views with plain
 * `eval`), acts on behalf of the server toward other hosts (replication), serves an admin UI,
 * would grant admin rights to a test header (special-test-auth), or can write request headers,
 * Authorization included, to the log (http-log at debug level; `accessLog` replaces it).
 */
const EXCLUDED_PARTS = [
  'routes/http-log',
  'routes/fauxton',
  'routes/replicate',
  'replicator',
  'routes/active-tasks',
  'routes/special-test-auth',
  'routes/vhosts',
  'routes/rewrite',
  'routes/temp-views',
  'routes/show',
  'routes/list',
  'routes/update',
];

interface RouterLayer {
  name: string;
}

/**
 * Puts `guard` right after express-pouchdb's session middleware (which follows cookie-parser
 * and sets `req.couchSession`). Fails at start-up, never silently, if that layout changed.
 */
function insertAfterSession(app: ExpressPouchDBApp, guard: RequestHandler): void {
  const stack = (app as unknown as { _router?: { stack: RouterLayer[] } })._router?.stack;
  const cookieIndex = stack?.findIndex((layer) => layer.name === 'cookieParser') ?? -1;
  const session = stack?.[cookieIndex + 1];
  if (!stack || cookieIndex < 0 || !session || session.name !== '<anonymous>') {
    throw new Error('express-pouchdb changed its middleware layout; the access guard cannot be placed.');
  }
  app.use(guard);
  const guardLayer = stack.pop();
  if (!guardLayer) throw new Error('The access guard could not be registered.');
  stack.splice(cookieIndex + 2, 0, guardLayer);
}

/** One line per request in the data folder's log: address, method, path, status. Never headers,
 * never the query string. */
export function accessLog(app: ExpressPouchDBApp): RequestHandler {
  return (req, res, next) => {
    res.on('finish', () => app.couchLogger.info(`${req.ip} - - ${req.method} ${req.path} ${res.statusCode}`));
    next();
  };
}

/** The express-pouchdb app serving every database under `dataDir`. */
export function createPouchApp(dataDir: string): ExpressPouchDBApp {
  const LocalPouchDB = PouchDB.plugin(leveldbAdapter)
    .plugin(mapReduce)
    // pouchdb-security expects db.replicate to exist when it installs its checks.
    .plugin(replication)
    .defaults({ prefix: `${dataDir}/`, adapter: 'leveldb' });
  installAdminOnlyDefault();
  const app = expressPouchDB(LocalPouchDB, {
    configPath: join(dataDir, CONFIG_FILE),
    logPath: join(dataDir, LOG_FILE),
    overrideMode: { exclude: EXCLUDED_PARTS },
  });
  insertAfterSession(app, accessGuard());
  app.dbWrapper.registerWrapper((_name, db, next) => {
    protectDatabase(db);
    return next();
  });
  return app;
}
