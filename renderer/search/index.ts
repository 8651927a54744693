export type { SearchDocType, SearchHighlight, SearchHit, SearchQuery } from '../../shared/search';
export { SEARCH_DOC_TYPES } from '../../shared/search';
export {
  useSearchIndex,
  startSearchIndex,
  currentSearchController,
  type SearchIndexHandle,
} from './useSearchIndex';
export { SearchController, type SearchControllerOptions, type SearchStats } from './controller';
