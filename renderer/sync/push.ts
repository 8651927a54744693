/**
 * Push: local changes of one collection to the team database with `_bulk_docs`.
 *
 * RxDB hands each changed document with the server state it was based on (the "assumed master").
 * A write is sent with the server revision only when the server still holds exactly that state;
 * otherwise the current server state goes back to RxDB as a conflict and the collection's
 * three-way merge resolves it. A document the server refuses (validate_doc_update 403, 400) is
 * set aside as a rejected change and the replica returns to the server's state; the rest of the
 * batch continues, so one bad document never stalls the queue.
 */
import type { RxReplicationWriteToMasterRow, WithDeleted } from 'rxdb';
import type { CouchClient } from './couch';
import type { RevisionCache } from './revs';

type Doc = Record<string, unknown> & { id: string; _deleted?: boolean };

/** What the push needs from the rest of the engine (kept narrow for tests). */
export interface PushContext {
  client: CouchClient;
  collection: string;
  isEqual: (a: Doc, b: Doc) => boolean;
  /** RxDB document (with `_deleted`) → server document (no `_rev`). */
  toWire: (doc: Doc) => Record<string, unknown>;
  /** Server document → RxDB document with `_deleted`, or the reason it is unusable. */
  fromServer: (raw: Record<string, unknown>) => { doc: Doc } | { problem: string };
  /** Inline attachments for a document being created, if it has any on this device. */
  attachmentsFor?: (doc: Doc) => Promise<Record<string, unknown> | null>;
  onRejected: (rejection: Rejection) => Promise<void>;
  onQuarantined: (docId: string, reason: string) => Promise<void>;
  /** The server accepted these documents (pending-change accounting). */
  onAcknowledged: (ids: string[]) => void;
  /** Ids the server refused: the conflict handler keeps the server's state for them. */
  refused: Set<string>;
  revs: RevisionCache;
}

export interface Rejection {
  collection: string;
  docId: string;
  status: number;
  reason: string;
  doc: Doc;
  base: Doc | null;
}

interface ServerState {
  rev: string;
  doc: Doc | null;
  /** The stored body failed the safety checks; ours will replace it. */
  broken: boolean;
}

interface AllDocsRow {
  id?: string;
  key?: string;
  error?: string;
  value?: { rev: string; deleted?: boolean };
  doc?: Record<string, unknown> | null;
}

interface BulkResultRow {
  id: string;
  ok?: boolean;
  rev?: string;
  error?: string;
  reason?: string;
}

export async function pushRows<T>(
  ctx: PushContext,
  rows: RxReplicationWriteToMasterRow<T>[],
): Promise<WithDeleted<T>[]> {
  const conflicts: Doc[] = [];
  const byId = new Map(rows.map((row) => [docOf(row.newDocumentState).id, row]));
  // Revisions of the states these edits build on: known for states this device pulled or
  // wrote; the others are asked from the server in one request.
  const known = new Map<string, string>();
  const unknown: string[] = [];
  for (const row of rows) {
    if (!row.assumedMasterState) continue;
    const id = docOf(row.newDocumentState).id;
    const rev = ctx.revs.revisionOf(id, docOf(row.assumedMasterState));
    if (rev) known.set(id, rev);
    else unknown.push(id);
  }
  const server = await fetchServerStates(ctx, unknown);

  const outgoing: Record<string, unknown>[] = [];
  for (const row of rows) {
    const doc = docOf(row.newDocumentState);
    const knownRev = known.get(doc.id);
    const current = knownRev ? { rev: knownRev, doc: null, broken: false } : server.get(doc.id);
    const assumed = row.assumedMasterState ? docOf(row.assumedMasterState) : null;
    if (assumed && current?.doc && !current.broken && !ctx.isEqual(current.doc, assumed)) {
      conflicts.push(current.doc);
      continue;
    }
    const wire = ctx.toWire(doc);
    if (current) wire._rev = current.rev;
    if (current?.broken)
      await ctx.onQuarantined(doc.id, 'The server copy was unreadable; replaced by this device.');
    if (!current && ctx.attachmentsFor && !doc._deleted) {
      const attachments = await ctx.attachmentsFor(doc);
      if (attachments) wire._attachments = attachments;
    }
    outgoing.push(wire);
  }
  if (outgoing.length === 0) return conflicts as WithDeleted<T>[];

  const results = await ctx.client.json<BulkResultRow[]>('_bulk_docs', { body: { docs: outgoing } });
  const sentById = new Map(outgoing.map((wire) => [String(wire._id), wire]));
  const acknowledged: string[] = [];
  const conflicted: string[] = [];
  const refused: BulkResultRow[] = [];
  for (const result of results) {
    if (result.ok || result.rev) {
      acknowledged.push(result.id);
      const row = byId.get(result.id);
      const wire = sentById.get(result.id);
      if (row && wire && result.rev)
        ctx.revs.rememberSent(result.id, result.rev, docOf(row.newDocumentState), wire);
    } else if (result.error === 'conflict') {
      ctx.revs.forget(result.id);
      conflicted.push(result.id);
    } else refused.push(result);
  }
  ctx.onAcknowledged(acknowledged);

  if (conflicted.length > 0) {
    const latest = await fetchServerStates(ctx, conflicted);
    for (const id of conflicted) {
      const state = latest.get(id);
      // Gone between our two requests: the next push cycle sends it again without a revision.
      if (state?.doc && !state.broken) conflicts.push(state.doc);
    }
  }
  // Refused edits of states whose revision we knew: read what the server holds to go back to.
  const missingBase = refused.map((r) => r.id).filter((id) => known.has(id));
  const bases = await fetchServerStates(ctx, missingBase);
  for (const result of refused) {
    const row = byId.get(result.id);
    if (!row) continue;
    const doc = docOf(row.newDocumentState);
    const base = (server.get(result.id) ?? bases.get(result.id))?.doc ?? null;
    await ctx.onRejected({
      collection: ctx.collection,
      docId: result.id,
      status: statusOf(result.error),
      reason: result.reason || result.error || 'Refused by the server',
      doc,
      base,
    });
    // Back to the server's state; a document the server never had is withdrawn locally.
    const fallback: Doc = base ?? { ...doc, _deleted: true };
    ctx.refused.add(result.id);
    conflicts.push(fallback);
    ctx.onAcknowledged([result.id]);
  }
  return conflicts as WithDeleted<T>[];
}

function docOf(state: unknown): Doc {
  return state as Doc;
}

function statusOf(error: string | undefined): number {
  if (error === 'forbidden') return 403;
  if (error === 'unauthorized') return 401;
  if (error === 'bad_request') return 400;
  if (error === 'too_large' || error === 'document_too_large') return 413;
  return 400;
}

/** Current server state of documents: revision and body (tombstones included). */
async function fetchServerStates(ctx: PushContext, ids: string[]): Promise<Map<string, ServerState>> {
  const states = new Map<string, ServerState>();
  if (ids.length === 0) return states;
  const res = await ctx.client.json<{ rows: AllDocsRow[] }>('_all_docs?include_docs=true', {
    body: { keys: ids },
  });
  const tombstones: { id: string; rev: string }[] = [];
  for (const row of res.rows) {
    if (!row.id || !row.value || row.error) continue;
    if (row.value.deleted) {
      tombstones.push({ id: row.id, rev: row.value.rev });
      continue;
    }
    states.set(row.id, toState(ctx, row.value.rev, row.doc ?? null));
  }
  // `_all_docs` leaves out the body of deleted documents; we store deletions with their body.
  for (const { id, rev } of tombstones) {
    const res = await ctx.client.request(`${encodeURIComponent(id)}?rev=${encodeURIComponent(rev)}`, {
      allowStatus: [404],
    });
    const raw = res.status === 404 ? null : ((await res.json()) as Record<string, unknown>);
    states.set(id, toState(ctx, rev, raw));
  }
  return states;
}

function toState(ctx: PushContext, rev: string, raw: Record<string, unknown> | null): ServerState {
  if (!raw) return { rev, doc: null, broken: true };
  const converted = ctx.fromServer(raw);
  if ('problem' in converted) return { rev, doc: null, broken: true };
  return { rev, doc: converted.doc, broken: false };
}
