/** Filters of the knowledge base list. */
import { isStale } from '../../../shared/domain/articles';
import type { ArticleDoc } from '../../../shared/domain/model';

export const ARTICLE_FILTERS = [
  { value: 'all', label: 'All' },
  { value: 'published', label: 'Published' },
  { value: 'review', label: 'In review' },
  { value: 'draft', label: 'Drafts' },
  { value: 'retired', label: 'Retired' },
  { value: 'stale', label: 'Stale' },
] as const;
export type ArticleFilter = (typeof ARTICLE_FILTERS)[number]['value'];

export function matchesFilter(article: ArticleDoc, filter: ArticleFilter, now: number): boolean {
  if (filter === 'all') return true;
  if (filter === 'stale') return isStale(article, now);
  return article.state === filter;
}

/** Categories in use, for filters and suggestions. */
export function categoriesOf(articles: readonly { category: string }[] | null): string[] {
  return [...new Set((articles ?? []).map((a) => a.category).filter((c) => c !== ''))].sort();
}
