/**
 * The HTTP application: CORS for the app's origins, then the CouchDB API, then a last-resort
 * error handler so one failing request answers 4xx/5xx instead of taking the process down.
 */
import express, { type ErrorRequestHandler, type Express } from 'express';
import { corsMiddleware } from './cors';
import { accessLog, createPouchApp } from './pouch';

export interface ServerAppOptions {
  dataDir: string;
  /** Exact origins allowed to call the server from a browser (see cors.ts). */
  corsOrigins: ReadonlySet<string>;
  log: (line: string) => void;
}

function errorHandler(log: (line: string) => void): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    const status = Number(
      (error as { status?: unknown }).status ?? (error as { statusCode?: unknown }).statusCode,
    );
    const clientError = Number.isInteger(status) && status >= 400 && status < 500;
    const message = error instanceof Error ? error.message : String(error);
    // The path only: query strings may carry values the operator should not find in logs.
    log(`${req.method} ${req.path} failed: ${message}`);
    if (res.headersSent) return next(error);
    res
      .status(clientError ? status : 500)
      .json(
        clientError
          ? { error: 'bad_request', reason: message }
          : { error: 'internal_error', reason: 'The server could not complete this request.' },
      );
  };
}

export function createServerApp(options: ServerAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  const pouch = createPouchApp(options.dataDir);
  app.use(accessLog(pouch));
  app.use(corsMiddleware(options.corsOrigins));
  app.use(pouch);
  app.use(errorHandler(options.log));
  return app;
}
