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
