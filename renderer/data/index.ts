/**
 * Public API of the data layer. The UI imports from here only; schemas, storage queries and
 * test helpers stay internal.
 */
export {
  closeQuietly,
  createOutpostDatabase,
  type CreateOutpostDatabaseOptions,
  type OutpostCollections,
  type OutpostDatabase,
} from './database';
export { CONFLICT_HANDLERS, appendOnlyConflictHandler, latestWinsConflictHandler } from './conflicts';
export { COLLECTION_NAMES, type CollectionName, type OutpostDocTypes } from './schemas';
export { DEVICE_DOC_ID, getDeviceId, nextTicketNumber, type DeviceState } from './device';
export {
  createTicket,
  findTicketByNumber,
  observeTicket,
  updateTicket,
  type CreateTicketResult,
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
