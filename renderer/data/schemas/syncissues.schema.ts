/**
 * Sync issues: local-only records the sync engine keeps for the user to act on. Never
 * replicated (the engine has no route for type `syncissue`).
 * - `rejected`: a local change the server refused (403/400). The replica went back to the
 *   server's state; `payload` holds the refused state so the user can retry or discard it.
 * - `quarantined`: a document from the server that failed the safety checks; it never entered
 *   a collection. `payload` is a truncated excerpt for the report.
 */
import type { RxJsonSchema } from 'rxdb';
import { enumField, intField, keyField, textField, timeField, typeField } from './common';

export const SYNC_ISSUE_KINDS = ['rejected', 'quarantined'] as const;
export type SyncIssueKind = (typeof SYNC_ISSUE_KINDS)[number];

export interface SyncIssueDoc {
  /** `rej_<docId>` or `qua_<docId>`: one open issue per document and kind. */
  id: string;
  type: 'syncissue';
  issue: SyncIssueKind;
  docId: string;
  /** Collection the document belongs to, '' when it could not be routed. */
  collectionName: string;
  reason: string;
  /** HTTP status of a refusal; 0 for quarantine. */
  status: number;
  /** Short human label (ticket number and title, CI name, …). */
  title: string;
  /** JSON: `{ doc, base }` for rejected (refused state, server state then), an excerpt otherwise. */
  payload: string;
  createdAt: number;
}

export const syncIssuesSchema: RxJsonSchema<SyncIssueDoc> = {
  title: 'syncissues',
  description: 'Local-only list of refused local changes and quarantined server documents',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    // Room for the prefix in front of a 64-character document id.
    id: keyField(80),
    type: typeField('syncissue'),
    issue: enumField(SYNC_ISSUE_KINDS),
    docId: textField(),
    collectionName: textField(),
    reason: textField(),
    status: intField(0, 999),
    title: textField(),
    payload: textField(),
    createdAt: timeField(),
  },
  required: [
    'id',
    'type',
    'issue',
    'docId',
    'collectionName',
    'reason',
    'status',
    'title',
    'payload',
    'createdAt',
  ],
  indexes: [['createdAt']],
  additionalProperties: false,
};
