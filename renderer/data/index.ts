/**
 * Public API of the data layer. The UI imports from here only; schemas, storage queries and
 * test helpers stay internal.
 */
export {
  closeQuietly,
  createOutpostDatabase,
  setConflictHooks,
  type CreateOutpostDatabaseOptions,
  type OutpostCollections,
  type OutpostDatabase,
} from './database';
export { appendOnlyConflictHandler, createConflictHandlers } from './conflicts';
export { COLLECTION_NAMES, type CollectionName, type OutpostDocTypes } from './schemas';
export { DEVICE_DOC_ID, getDeviceId, nextTicketNumber, type DeviceState } from './device';
export {
  createTicket,
  deleteTicket,
  findTicketByNumber,
  observeTicket,
  updateTicket,
  type CreateTicketResult,
  type DeleteTicketResult,
  type Session,
  type UpdateTicketResult,
  type WriteOptions,
} from './tickets';
export {
  ACTIVITY_BODY_MAX,
  WORKLOG_MINUTES_MAX,
  addActivity,
  observeActivities,
  validateActivityEntry,
  type ActivityEntry,
  type AddActivityResult,
  type EntryKind,
} from './activities';
export { observePeople } from './people';
export { observeCiChoices, observeCisByIds } from './cis';
export {
  PRIORITY_MATRIX_KEY,
  findSetting,
  observeSettings,
  readPriorityMatrix,
  saveSetting,
  type SaveSettingResult,
} from './settings';
export {
  BY_PRIORITY_VIEW,
  VIEWS,
  VIEW_BY_ID,
  VIEW_IDS,
  groupView,
  kindView,
  priorityView,
  isClockView,
  queryViewPage,
  viewQuery,
  type TicketView,
  type ViewContext,
  type ViewId,
} from './views';
export {
  countByStatus,
  filterAndSortRows,
  toListRow,
  type ListRow,
  type RowFilters,
  type RowSort,
  type RowSortField,
} from './listRows';
export { loadListRows, loadListRowsAt } from './rowsLoader';
export {
  checkpointOf,
  laterCheckpoint,
  restoreRows,
  saveRowsSnapshot,
  type RowsCheckpoint,
} from './rowsSnapshot';
export {
  BulkInsertError,
  DEMO_DEVICE_ID,
  bulkLoadTickets,
  seedDemoIfEmpty,
  type BulkLoadOptions,
  type BulkLoadResult,
  type SeedOptions,
  type SeedResult,
} from './seed';
export {
  discardSyncIssue,
  observeSyncIssues,
  recordQuarantine,
  recordRejection,
  retryRejected,
  type QuarantineRecord,
  type RejectionRecord,
  type RetryResult,
} from './syncIssues';
export type { SyncIssueDoc, SyncIssueKind } from './schemas';
export {
  BLOB_DB_NAME,
  createBlobStore,
  defaultBlobStore,
  isQuotaError,
  type BlobStore,
  type BlobStoreOptions,
} from './blobs';
export {
  CONTENT_TYPE_MAX,
  FILE_MAX_BYTES,
  FILE_NAME_MAX,
  UNKNOWN_CONTENT_TYPE,
  attachFile,
  describeFileWriteError,
  fileNameError,
  hasFileBlob,
  normalizeContentType,
  observeFileBlobChanges,
  observeFiles,
  readFileBlob,
  validateAttachment,
  type AttachFileInput,
  type AttachFileResult,
  type FileSession,
} from './files';
export type { ConflictHooks } from './conflictHooks';
export { cryptoRandom } from './random';
export { SYNCED_COLLECTIONS, collectionSchema } from './schemas';
