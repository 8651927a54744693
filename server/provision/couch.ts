/**
 * A small CouchDB HTTP client for provisioning, limited to what Apache CouchDB 3.x and the
 * embedded server both implement. It never reads `/_config`, never assumes integer sequences,
 * and treats 401 and 403 alike (the embedded server answers 401 where CouchDB says 403).
 */

export interface Credentials {
  name: string;
  password: string;
}

/** A refused or failed request, with CouchDB's `error` and `reason`. */
export class CouchError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly reason: string,
    readonly request: string,
  ) {
    super(`${request} answered ${status} ${error}: ${reason}`);
    this.name = 'CouchError';
  }

  get refused(): boolean {
    return this.status === 401 || this.status === 403;
  }
}

export interface CouchResponse<T> {
  status: number;
  body: T;
}

export class CouchClient {
  private readonly base: string;
  private readonly authorization: string;

  constructor(url: string, credentials: Credentials) {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new Error(`The server URL must start with http:// or https:// (got ${url}).`);
    }
    if (parsed.username || parsed.password) {
      throw new Error('Put no credentials in the server URL; they would end up in logs.');
    }
    this.base = parsed.href.replace(/\/+$/, '');
    const token = Buffer.from(`${credentials.name}:${credentials.password}`, 'utf8').toString('base64');
    this.authorization = `Basic ${token}`;
  }

  /** `path` starts with `/` and has every segment already encoded (see `docPath`). */
  async request<T>(
    method: string,
    path: string,
    body?: unknown,
    accept: number[] = [],
  ): Promise<CouchResponse<T>> {
    const label = `${method} ${path}`;
    let response: Response;
    try {
      response = await fetch(this.base + path, {
        method,
        headers: {
          Accept: 'application/json',
          Authorization: this.authorization,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      const cause = (error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message;
      throw new Error(`Cannot reach ${this.base} (${cause}).`);
    }
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      throw new CouchError(response.status, 'bad_response', `not JSON: ${text.slice(0, 120)}`, label);
    }
    if (response.ok || accept.includes(response.status))
      return { status: response.status, body: parsed as T };
    const failure = (parsed ?? {}) as { error?: unknown; reason?: unknown };
    throw new CouchError(
      response.status,
      String(failure.error ?? 'error'),
      String(failure.reason ?? text),
      label,
    );
  }

  async get<T>(path: string): Promise<T> {
    return (await this.request<T>('GET', path)).body;
  }

  /** The document, or null when it does not exist (or was deleted). */
  async getOrNull<T>(path: string): Promise<T | null> {
    const response = await this.request<T>('GET', path, undefined, [404]);
    return response.status === 404 ? null : response.body;
  }

  async put<T>(path: string, body: unknown, accept: number[] = []): Promise<CouchResponse<T>> {
    return this.request<T>('PUT', path, body, accept);
  }

  async post<T>(path: string, body: unknown): Promise<T> {
    return (await this.request<T>('POST', path, body)).body;
  }
}

/** `/db` or `/db/id` with each part encoded; design and local ids keep their slash. */
export function docPath(db: string, id?: string): string {
  const database = `/${encodeURIComponent(db)}`;
  if (id === undefined) return database;
  const special = /^(_design|_local)\/(.+)$/.exec(id);
  const encodedId = special
    ? `${special[1]}/${encodeURIComponent(special[2] ?? '')}`
    : encodeURIComponent(id);
  return `${database}/${encodedId}`;
}
