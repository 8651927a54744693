/**
 * One `_changes` feed shared by every collection.
 *
 * Each collection's pull handler asks for "the page of changes after sequence S". All
 * collections walk the same chain of sequences, so a page fetched for one is served from memory
 * to the others: one set of requests per page, not one per collection.
 *
 * A page is the change list with the bodies inline, or, while this device's own writes may come
 * back, in two steps: the change list (ids and revisions only), then the bodies of the other
 * revisions with `_bulk_get` (a deletion arrives with the body it was stored with). Our own
 * writes are not downloaded again: their bodies are still in memory from the push.
 *
 * Live updates come from one long-poll request that only says "something changed"; the
 * collections then read the new page through the same cache.
 */
import type { CouchClient } from './couch';

export type Seq = string | number;

export interface ChangeRow {
  id: string;
  seq: Seq;
  deleted?: boolean;
  changes?: { rev: string }[];
  doc?: Record<string, unknown>;
}

interface ChangesResponse {
  results: ChangeRow[];
  last_seq: Seq;
  pending?: number;
}

interface BulkGetResponse {
  results: { id: string; docs: ({ ok: Record<string, unknown> } | { error: { reason?: string } })[] }[];
}

/** A change after routing: the collection it belongs to and the RxDB document. */
export interface RoutedChange {
  collection: string;
  doc: Record<string, unknown> & { _deleted: boolean };
  /** Server revision of this state (kept for the push side). */
  rev: string;
}

export interface ChangesPage {
  rows: ChangeRow[];
  lastSeq: Seq;
  /** Changes still waiting after this page, when the server says so. */
  pending: number | null;
  routed: RoutedChange[];
}

export interface ChangesFeedOptions {
  pageSize?: number;
  maxCachedPages?: number;
  /** Turns a row with its body into a routed change, or null (skipped or quarantined). */
  route: (row: ChangeRow) => RoutedChange | null;
  /** The body of a revision this device wrote itself (no download needed), else null. */
  sentBody?: (id: string, rev: string) => Record<string, unknown> | null;
  /**
   * True while own writes may come back: pages are then read in two steps to skip their
   * bodies. Otherwise (a first pull, a quiet device) bodies come inline in the change list.
   */
  expectsOwnWrites?: () => boolean;
  /** A page came from the server (not from the cache): progress accounting. */
  onPage?: (page: ChangesPage) => void;
}

const LONGPOLL_TIMEOUT_MS = 25_000;

export interface LiveHandlers {
  onChange: () => void;
  onError: (err: unknown) => void;
  /** The feed moved on to this sequence. */
  onSeq?: (seq: Seq) => void;
  retryDelay: (attempt: number) => number;
}

export class ChangesFeed {
  private readonly pages = new Map<string, Promise<ChangesPage>>();
  private readonly pageSize: number;
  private readonly maxCachedPages: number;
  private liveAbort: AbortController | null = null;

  constructor(
    private readonly client: CouchClient,
    private readonly options: ChangesFeedOptions,
  ) {
    this.pageSize = options.pageSize ?? 1000;
    this.maxCachedPages = options.maxCachedPages ?? 12;
  }

  /** The changes after `since`, routed; from memory when another collection asked already. */
  page(since: Seq): Promise<ChangesPage> {
    const key = String(since);
    const cached = this.pages.get(key);
    if (cached) return cached;
    const inline = !this.options.expectsOwnWrites?.();
    const query =
      `_changes?style=main_only&limit=${this.pageSize}&since=${encodeURIComponent(key)}` +
      (inline ? '&include_docs=true' : '');
    const loading = this.client
      .json<ChangesResponse>(query)
      .then((res) => this.complete(res))
      .catch((err: unknown) => {
        this.pages.delete(key);
        throw err;
      });
    this.remember(key, loading);
    // A full page means more is waiting: ask for the next one now, so the server reads it
    // while this device writes the current one (the two CPUs overlap instead of taking turns).
    void loading.then(
      (page) => {
        if (page.rows.length >= this.pageSize && !this.pages.has(String(page.lastSeq))) {
          this.page(page.lastSeq).catch(() => undefined);
        }
      },
      () => undefined,
    );
    return loading;
  }

  /** Forgets "nothing new" answers: the next read asks the server again. */
  invalidateTail(): void {
    for (const [key, page] of this.pages) {
      void page.then(
        (p) => {
          if (p.rows.length === 0 && this.pages.get(key) === page) this.pages.delete(key);
        },
        () => undefined,
      );
    }
  }

  /**
   * Long-polls for changes after `since` until stopped; each answer with changes invalidates
   * the "nothing new" pages and calls `onChange`. Failures go to `onError`, and the loop waits
   * `retryDelay(attempt)` (or until stopped) before trying again.
   */
  startLive(since: Seq, handlers: LiveHandlers): void {
    this.stopLive();
    const abort = new AbortController();
    this.liveAbort = abort;
    void this.liveLoop(since, abort.signal, handlers);
  }

  stopLive(): void {
    this.liveAbort?.abort();
    this.liveAbort = null;
  }

  private async liveLoop(start: Seq, signal: AbortSignal, handlers: LiveHandlers): Promise<void> {
    let since = start;
    let attempt = 0;
    while (!signal.aborted) {
      try {
        const query =
          `_changes?feed=longpoll&style=main_only&limit=${this.pageSize}` +
          `&timeout=${LONGPOLL_TIMEOUT_MS}&since=${encodeURIComponent(String(since))}`;
        const res = await this.client.json<ChangesResponse>(query, { lane: 'live', signal });
        attempt = 0;
        since = res.last_seq;
        handlers.onSeq?.(since);
        if (res.results.length > 0) {
          this.invalidateTail();
          handlers.onChange();
        }
      } catch (err) {
        if (signal.aborted) return;
        handlers.onError(err);
        attempt += 1;
        await waitOrAbort(handlers.retryDelay(attempt), signal);
      }
    }
  }

  /** Fetches the bodies a page needs, routes them, and reports the page. */
  private async complete(res: ChangesResponse): Promise<ChangesPage> {
    if (!res || !Array.isArray(res.results)) throw new Error('The server sent a malformed changes feed.');
    const wanted = res.results.filter((row) => !row.id.startsWith('_design/'));
    const bodies = new Map<string, Record<string, unknown>>();
    const missing: ChangeRow[] = [];
    for (const row of wanted) {
      const rev = row.changes?.[0]?.rev;
      const sent = rev ? (this.options.sentBody?.(row.id, rev) ?? null) : null;
      if (sent) bodies.set(row.id, sent);
      else if (row.doc) bodies.set(row.id, row.doc);
      else missing.push(row);
    }
    for (const [id, body] of await this.fetchBodies(missing)) bodies.set(id, body);
    const routed: RoutedChange[] = [];
    for (const row of wanted) {
      // No body: that revision was replaced (and compacted) meanwhile; the feed lists the newer
      // one further on, so nothing is lost by moving past it.
      const doc = bodies.get(row.id);
      const change = doc ? this.options.route({ ...row, doc }) : null;
      if (change) routed.push(change);
    }
    const page: ChangesPage = {
      rows: res.results,
      lastSeq: res.last_seq,
      pending: typeof res.pending === 'number' ? res.pending : null,
      routed,
    };
    this.options.onPage?.(page);
    return page;
  }

  /** Exact revisions in one `_bulk_get` (deleted ones with the body they were stored with). */
  private async fetchBodies(rows: ChangeRow[]): Promise<Map<string, Record<string, unknown>>> {
    const bodies = new Map<string, Record<string, unknown>>();
    const wanted = rows.flatMap((row) => {
      const rev = row.changes?.[0]?.rev;
      return rev ? [{ id: row.id, rev }] : [];
    });
    if (wanted.length === 0) return bodies;
    const res = await this.client.json<BulkGetResponse>('_bulk_get', { body: { docs: wanted } });
    for (const result of res.results ?? []) {
      const first = result.docs?.[0];
      if (first && 'ok' in first) bodies.set(result.id, first.ok);
    }
    return bodies;
  }

  private remember(key: string, page: Promise<ChangesPage>): void {
    this.pages.delete(key);
    this.pages.set(key, page);
    while (this.pages.size > this.maxCachedPages) {
      const oldest = this.pages.keys().next().value;
      if (oldest === undefined) break;
      this.pages.delete(oldest);
    }
  }
}

/** Resolves after `ms` or as soon as `signal` aborts (a retry back-off, not a test wait). */
function waitOrAbort(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
