/**
 * Reads plain document data straight from a collection's storage instance, for bulk reads
 * where RxDocuments would be waste (one object and a cache entry per row) or where deleted
 * documents must be seen too (RxQuery always hides them).
 */
import {
  normalizeMangoQuery,
  prepareQuery,
  type MangoQuery,
  type PreparedQuery,
  type RxCollection,
  type RxDocumentData,
} from 'rxdb';

/**
 * Prepares `query` exactly like RxDB would, except that `_deleted` is left to the caller:
 * put `_deleted: { $eq: false | true }` in the selector and `'_deleted'` first in the index.
 */
export function prepareStorageQuery<T>(collection: RxCollection<T>, query: MangoQuery<T>): PreparedQuery<T> {
  const schema = collection.schema.jsonSchema;
  return prepareQuery<T>(schema, normalizeMangoQuery<T>(schema, query));
}

export async function queryStorage<T>(
  collection: RxCollection<T>,
  query: MangoQuery<T>,
): Promise<RxDocumentData<T>[]> {
  const result = await collection.storageInstance.query(prepareStorageQuery(collection, query));
  return result.documents;
}

const QUOTA_NAMES = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED']);

/**
 * True when a failed write ran out of space: the browser's storage quota or the disk itself.
 * The error rarely arrives as the bare DOMException: Dexie maps it to its own
 * `QuotaExceededError` (the original in `inner`), a bulk write reports it among `failures`, and
 * RxDB may carry it in `parameters.error` or as `cause`. All of those are looked through, a few
 * levels deep, by name (a DOMException is not an Error subclass in every runtime).
 */
export function isStorageFullError(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 4) return false;
  const record = error as Record<string, unknown>;
  if (typeof record.name === 'string' && QUOTA_NAMES.has(record.name)) return true;
  const nested: unknown[] = [
    record.inner,
    record.cause,
    (record.parameters as { error?: unknown } | undefined)?.error,
  ];
  if (Array.isArray(record.failures)) nested.push(...record.failures);
  if (record.failuresByPos && typeof record.failuresByPos === 'object') {
    nested.push(...Object.values(record.failuresByPos as object));
  }
  return nested.some((inner) => isStorageFullError(inner, depth + 1));
}
