/**
 * The team database over CouchDB's HTTP API, as the sync engine needs it.
 *
 * Two lanes, never more (ARCHITECTURE "Sync"): `live` carries the one long-poll `_changes`
 * request; `work` carries everything else one request at a time, whatever number of collections
 * are replicating. Browsers allow six connections per host: the rest stay free for the UI.
 *
 * Credentials are never handled here: requests send the session cookie (`credentials:
 * 'include'`) that the sign-in set, in the browser or, on the desktop, in the main process.
 */

export class CouchError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly reason: string,
  ) {
    super(`${status} ${error}: ${reason}`);
    this.name = 'CouchError';
  }
}

/** The server could not be reached at all (network down, server stopped, DNS, CORS). */
export class OfflineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OfflineError';
  }
}

/** The server no longer accepts our session: sync pauses until the user signs in again. */
export function isAuthError(err: unknown): boolean {
  return err instanceof CouchError && err.status === 401;
}

export type Lane = 'live' | 'work';

export interface RequestOptions {
  method?: string;
  body?: unknown;
  lane?: Lane;
  signal?: AbortSignal;
  /** Accept a non-2xx answer instead of throwing (the caller reads the status). */
  allowStatus?: number[];
}

type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface CouchClientOptions {
  /** Server base URL, e.g. http://127.0.0.1:5984 */
  serverUrl: string;
  database: string;
  fetch?: FetchLike;
  /** Called on every answer (true) and every network failure (false). */
  onReachability?: (reachable: boolean, err?: unknown) => void;
}

export class CouchClient {
  readonly dbUrl: string;
  private readonly fetchImpl: FetchLike;
  /** Tail of the work lane: each request starts when the previous one settled. */
  private workTail: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: CouchClientOptions) {
    const base = options.serverUrl.replace(/\/+$/, '');
    this.dbUrl = `${base}/${encodeURIComponent(options.database)}`;
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  /** JSON request relative to the database URL ('' is the database itself). */
  async json<T>(path: string, options: RequestOptions = {}): Promise<T> {
    const response = await this.request(path, options);
    return (await response.json()) as T;
  }

  /** Raw request relative to the database URL, on the chosen lane. */
  request(path: string, options: RequestOptions = {}): Promise<Response> {
    if (options.lane === 'live') return this.send(path, options);
    const run = this.workTail.then(
      () => this.send(path, options),
      () => this.send(path, options),
    );
    // The lane continues whether this request succeeds or not.
    this.workTail = run.catch(() => undefined);
    return run;
  }

  private async send(path: string, options: RequestOptions): Promise<Response> {
    const url = path ? `${this.dbUrl}/${path}` : this.dbUrl;
    const headers: Record<string, string> = { Accept: 'application/json' };
    let body: BodyInit | undefined;
    if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        method: options.method ?? (body ? 'POST' : 'GET'),
        headers,
        body,
        credentials: 'include',
        cache: 'no-store',
        signal: options.signal,
      });
    } catch (err) {
      if (options.signal?.aborted) throw err;
      this.options.onReachability?.(false, err);
      throw new OfflineError(`Cannot reach ${this.options.serverUrl}`);
    }
    this.options.onReachability?.(true);
    if (response.ok || options.allowStatus?.includes(response.status)) return response;
    throw await toCouchError(response);
  }
}

async function toCouchError(response: Response): Promise<CouchError> {
  let error = 'http_error';
  let reason = response.statusText || 'Request failed';
  try {
    const body = (await response.json()) as { error?: unknown; reason?: unknown };
    if (typeof body.error === 'string') error = body.error;
    if (typeof body.reason === 'string') reason = body.reason;
  } catch {
    // Not JSON (a proxy page, an empty body): keep the status text.
  }
  // PouchDB Server answers 401 where CouchDB answers 403 for a signed-in non-member; only a
  // 401 without a session is an authentication problem, and the engine re-checks the session
  // before prompting, so the difference never reaches the user.
  return new CouchError(response.status, error, reason);
}
