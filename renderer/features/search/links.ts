import type { SearchDocType, SearchHit } from '../../search';

export const TYPE_LABELS: Record<SearchDocType, string> = {
  ticket: 'Ticket',
  ci: 'Configuration item',
  article: 'Article',
  person: 'Person',
};

export const TYPE_PLURALS: Record<SearchDocType, string> = {
  ticket: 'Tickets',
  ci: 'Configuration items',
  article: 'Articles',
  person: 'People',
};

/**
 * Where a hit leads. Tickets and articles have pages; configuration items and people have none,
 * so they lead to a search for their name: the item or person first, then the tickets naming them.
 */
export function hitPath(hit: Pick<SearchHit, 'type' | 'id' | 'title'>): string {
  switch (hit.type) {
    case 'ticket':
      return `/tickets/${hit.id}`;
    case 'article':
      return `/knowledge/${hit.id}`;
    case 'ci':
    case 'person':
      return `/search?q=${encodeURIComponent(hit.title)}`;
  }
}
