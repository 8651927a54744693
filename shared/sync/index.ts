/** Pure sync logic shared by every layer: wire format, safety checks on pulled documents, merge. */
export {
  DEFAULT_HOSTILE_LIMITS,
  compileSchemaCheck,
  inspectHostile,
  isWellFormedText,
  type DocCheck,
  type HostileLimits,
} from './docCheck';
export {
  SYNC_TYPES,
  fromWire,
  routeOf,
  toWire,
  type AttachmentStub,
  type ReplicaDoc,
  type SchemaChecks,
  type SyncCollection,
  type SyncRoute,
  type SyncType,
  type WireDoc,
  type WireResult,
} from './wire';
export {
  jsonEqual,
  mergeOptionsFor,
  threeWayMerge,
  type MergeInput,
  type MergeNotice,
  type MergeOptions,
  type MergeResult,
  type MergeSide,
} from './merge';
