export * from './types';
export { SearchEngine, DEFAULT_FREEZE_AT, type EngineChanges, type RestoreInput } from './engine';
export type { SegmentData, TextColumn } from './segment';
export { parseQuery } from './query';
export { articleSource, ciSource, personSource, ticketSource, markdownText } from './sources';
export { normalize, stem } from './analyze';
export { SegmentBuilder } from './builder';
