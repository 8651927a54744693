// The PouchDB Server packages ship no type declarations. These cover exactly what the embedded
// server uses; everything else stays `unknown` so a mistaken call fails type-checking.

declare module 'pouchdb-core' {
  interface PouchDBStatic {
    plugin(plugin: unknown): PouchDBStatic;
    defaults(options: { prefix?: string; adapter?: string }): PouchDBStatic;
  }
  const PouchDB: PouchDBStatic;
  export default PouchDB;
}

declare module 'pouchdb-adapter-leveldb' {
  const plugin: unknown;
  export default plugin;
}

declare module 'pouchdb-mapreduce' {
  const plugin: unknown;
  export default plugin;
}

declare module 'pouchdb-replication' {
  const plugin: unknown;
  export default plugin;
}

declare module 'express-pouchdb' {
  import type { Express } from 'express';

  export interface ExpressPouchDBOptions {
    /** Where the server keeps its CouchDB-style configuration (admins, auth secret). */
    configPath?: string;
    logPath?: string;
    mode?: 'fullCouchDB' | 'minimumForPouchDB' | 'custom';
    overrideMode?: { include?: string[]; exclude?: string[] };
  }

  export interface DatabaseWrapper {
    registerWrapper(wrapper: (name: string, db: unknown, next: () => Promise<void>) => unknown): void;
  }

  export interface ExpressPouchDBApp extends Express {
    dbWrapper: DatabaseWrapper;
    /** Writes to log.txt in the data folder. */
    couchLogger: { info(message: string): void };
  }

  function expressPouchDB(PouchDB: unknown, options?: ExpressPouchDBOptions): ExpressPouchDBApp;
  export default expressPouchDB;
}

declare module 'pouchdb-security' {
  const Security: {
    /** Reads the stored security object of the database it is called on. */
    getSecurity(this: unknown, callback?: unknown): Promise<unknown>;
  };
  export default Security;
}

declare module 'pouchdb-wrappers' {
  /** What a wrapped method was called with (only the fields the server reads). */
  export interface WrapperArgs {
    options: { userCtx?: { name: string | null; roles: string[] } };
    doc?: { _id?: unknown };
    docs?: { _id?: unknown }[];
    docId?: unknown;
  }
  export type Handler = (original: () => Promise<unknown>, args: WrapperArgs) => Promise<unknown>;
  const wrappers: { installWrapperMethods(db: unknown, handlers: Record<string, Handler>): void };
  export default wrappers;
}
