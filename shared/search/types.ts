export const SEARCH_DOC_TYPES = ['ticket', 'ci', 'article', 'person'] as const;
export type SearchDocType = (typeof SEARCH_DOC_TYPES)[number];

export interface SearchQuery {
  text: string;
  types?: SearchDocType[];
  statuses?: string[];
  /** Inclusive bounds on `updatedAt` (epoch ms). */
  from?: number;
  to?: number;
  limit?: number;
  /**
   * `all` (default): every word must match (the last one as a prefix), falling back to the
   * best partial matches when nothing holds them all. `any`: rank by how much of the text
   * matches, for "similar to this" lists.
   */
  match?: 'all' | 'any';
  /** Documents never returned (the record being edited, for instance). */
  excludeIds?: string[];
}

export interface SearchHighlight {
  field: string;
  text: string;
  /** Half-open [start, end) character ranges of `text` that matched. */
  ranges: [number, number][];
}

export interface SearchHit {
  type: SearchDocType;
  id: string;
  title: string;
  subtitle: string;
  score: number;
  highlights: SearchHighlight[];
  status?: string;
  updatedAt?: number;
}

/** What the index needs of one document, whatever its collection. */
export interface SearchSource {
  type: SearchDocType;
  id: string;
  /** Storage write time of this version: a change is applied only over an older version. */
  lwt: number;
  title: string;
  subtitle: string;
  /** Numbers, serials, asset tags, addresses: an exact match ranks first. */
  idents: string[];
  /** Category, tags, class: weighted between title and body. */
  keywords: string;
  body: string;
  status: string;
  updatedAt: number;
}

export const TYPE_CODES: Record<SearchDocType, number> = { ticket: 0, ci: 1, article: 2, person: 3 };
