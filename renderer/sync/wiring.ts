/**
 * Builds a sync engine for one replica and one team database: the wire codec (routing and
 * safety checks from shared/sync), the data-module hooks (rejected changes, quarantine, merge
 * notices, attachments) and the session check.
 */
import { newId } from '../../shared/domain/ids';
import { compileSchemaCheck } from '../../shared/sync/docCheck';
import type { MergeNotice } from '../../shared/sync/merge';
import { fromWire, toWire, type SchemaChecks } from '../../shared/sync/wire';
import {
  collectionSchema,
  cryptoRandom,
  recordQuarantine,
  recordRejection,
  setConflictHooks,
  SYNCED_COLLECTIONS,
  type BlobStore,
  type OutpostDatabase,
} from '../data';
import { attachmentForPush, downloadMissingBlobs } from './attachments';
import { authBackend } from './auth';
import { SyncEngine, type WireCodec } from './engine';
import type { ChangeRow } from './feed';
import type { SyncUser } from './store';

type Doc = Record<string, unknown> & { id: string; _deleted?: boolean };

export interface EngineTarget {
  db: OutpostDatabase;
  serverUrl: string;
  database: string;
  user: SyncUser;
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
  retryTime?: number;
  /** Session check on a 401; defaults to the sign-in backend's renew. */
  renewSession?: () => Promise<boolean>;
  /** Where attachment content lives; defaults to the app's store (tests pass their own). */
  blobs?: BlobStore;
}

export function createEngine(target: EngineTarget): SyncEngine {
  const { db } = target;
  const quarantine = (docId: string, collection: string, reason: string, raw: unknown) =>
    recordQuarantine(db, { docId, collection, reason, excerpt: safeExcerpt(raw), now: Date.now() }).catch(
      (err: unknown) => console.warn('Could not record a quarantined document', err),
    );
  const codec = buildCodec(quarantine);
  const engine = new SyncEngine({
    db,
    serverUrl: target.serverUrl,
    database: target.database,
    codec,
    fetch: target.fetch,
    retryTime: target.retryTime,
    hooks: {
      onRejected: (rejection) =>
        recordRejection(db, {
          collection: rejection.collection as never,
          docId: rejection.docId,
          status: rejection.status,
          reason: rejection.reason,
          title: titleOf(rejection.doc),
          doc: rejection.doc,
          base: rejection.base,
          now: Date.now(),
        }),
      onQuarantined: (docId, reason) => quarantine(docId, '', reason, { _id: docId }),
      attachmentsFor: async (doc) =>
        (await attachmentForPush(doc as never, target.blobs)) as Record<string, unknown> | null,
      fetchMissingContent: async (request) => {
        const { failed } = await downloadMissingBlobs(db, (path) => request(path), { blobs: target.blobs });
        // Each failure is retried on the next pass; the panel shows the file as not here yet.
        for (const { id, reason } of failed) console.warn(`Attachment ${id} not downloaded: ${reason}`);
      },
      renewSession:
        target.renewSession ??
        (async () => {
          const outcome = await authBackend().renew(target.serverUrl);
          // A network failure is not a verdict on the session: keep it and retry later.
          return outcome.ok || outcome.reason !== 'credentials';
        }),
    },
  });
  setConflictHooks(db, {
    takeRefused: (docId) => engine.refused.delete(docId),
    onNotices: (collection, doc, notices) => void writeMergeNotice(db, target.user, collection, doc, notices),
  });
  return engine;
}

export function buildCodec(
  quarantine: (docId: string, collection: string, reason: string, raw: unknown) => void,
): WireCodec {
  const checks = Object.fromEntries(
    SYNCED_COLLECTIONS.map((name) => [name, compileSchemaCheck(collectionSchema(name))]),
  ) as SchemaChecks;
  const fromServer = (raw: Record<string, unknown>) => {
    const result = fromWire(raw, checks);
    if (result.kind === 'doc') return { doc: { ...result.doc, _deleted: result.deleted } as Doc };
    return { problem: result.kind === 'quarantine' ? result.reason : result.reason };
  };
  return {
    collections: SYNCED_COLLECTIONS,
    toWire: (doc) => toWire(stripDeleted(doc) as Doc, doc._deleted === true) as Record<string, unknown>,
    fromServer,
    route: (row: ChangeRow) => {
      const raw = row.doc ?? { _id: row.id, _deleted: row.deleted === true };
      const result = fromWire(raw, checks);
      if (result.kind === 'doc') {
        return {
          collection: result.collection,
          doc: { ...result.doc, _deleted: result.deleted },
          rev: result.rev,
        };
      }
      if (result.kind === 'quarantine') quarantine(String(row.id), result.collection, result.reason, raw);
      return null;
    },
  };
}

function stripDeleted(doc: Doc): Record<string, unknown> {
  const { _deleted: _ignored, ...rest } = doc;
  return rest;
}

function titleOf(doc: Doc): string {
  const parts = [doc.number, doc.title ?? doc.name ?? doc.key].filter((p) => typeof p === 'string' && p);
  return parts.length > 0 ? parts.join(' ') : doc.id;
}

/** A short, printable excerpt of a document for the report (never interpreted as HTML). */
function safeExcerpt(raw: unknown): string {
  try {
    return JSON.stringify(raw, null, 1)?.slice(0, 2_000) ?? String(raw);
  } catch {
    return Object.prototype.toString.call(raw);
  }
}

const NOTICE_FIELDS_MAX = 6;

async function writeMergeNotice(
  db: OutpostDatabase,
  user: SyncUser,
  collection: string,
  doc: Record<string, unknown>,
  notices: MergeNotice[],
): Promise<void> {
  const now = Date.now();
  const actor = user.personId || String(doc.updatedBy ?? '');
  const fields = notices.map((n) => n.field);
  const body =
    fields[0] === '_deleted'
      ? 'Deleted on one device and edited on another: the edited version was kept.'
      : `Changed on two devices while apart: ${fields.slice(0, NOTICE_FIELDS_MAX).join(', ')}. The server's values were kept; the values set aside can be restored.`;
  try {
    await db.activities.insert({
      id: newId('act', now, cryptoRandom),
      type: 'activity',
      parentId: String(doc.id),
      kind: 'merge',
      body,
      minutes: 0,
      changes: notices.map((n) => ({ field: n.field, from: n.setAside, to: n.kept })),
      createdAt: now,
      createdBy: actor,
      updatedAt: now,
      updatedBy: actor,
    });
  } catch (err) {
    // The merge itself stands; losing the notice must not undo it.
    console.warn(`Could not record the merge notice for ${collection} ${String(doc.id)}`, err);
  }
}
