import { useMemo } from 'react';
import { Anchor, Paper, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { KIND_LABELS, labelOf } from '../../../shared/domain/labels';
import { useSearchIndex, type SearchHit } from '../../search';
import { Highlighted, highlightOf } from './Highlighted';
import { hitPath } from './links';

export interface SuggestionsProps {
  title: string;
  description: string;
  /** Ticket kind being written; its name nudges tickets of the same kind up. */
  kind: string;
  /** Records never suggested (the ticket itself, when it exists). */
  excludeIds?: string[];
}

const MIN_CHARS = 3;

/**
 * Published articles and similar past tickets for a ticket being written, from the local
 * index: it works offline and answers within a keystroke's time.
 */
export function Suggestions({ title, description, kind, excludeIds }: SuggestionsProps) {
  const { ready, search } = useSearchIndex();
  const [text] = useDebouncedValue(`${title}\n${description}`.trim(), 200);
  // A key, not the array: callers pass a fresh array on every render.
  const excludeKey = (excludeIds ?? []).join('\n');
  const found = useMemo(() => {
    if (!ready || text.replace(/\W/g, '').length < MIN_CHARS) return null;
    const query = `${text}\n${labelOf(KIND_LABELS, kind)}`;
    return {
      articles: search({ text: query, match: 'any', types: ['article'], statuses: ['published'], limit: 3 }),
      tickets: search({
        text: query,
        match: 'any',
        types: ['ticket'],
        excludeIds: excludeKey ? excludeKey.split('\n') : [],
        limit: 5,
      }),
    };
  }, [ready, text, kind, excludeKey, search]);

  return (
    <Paper withBorder p="sm" data-testid="suggestions" aria-label="Suggestions" role="region">
      <Stack gap="xs">
        {!found ? (
          <Text size="sm" c="dimmed">
            {ready
              ? 'Suggested articles and similar tickets appear here as you type.'
              : 'Preparing the search index…'}
          </Text>
        ) : (
          <>
            <Section
              title="Suggested articles"
              empty="No published article matches yet."
              hits={found.articles}
            />
            <Section title="Similar tickets" empty="No similar ticket found." hits={found.tickets} />
          </>
        )}
      </Stack>
    </Paper>
  );
}

function Section({ title, empty, hits }: { title: string; empty: string; hits: SearchHit[] }) {
  const testId = title === 'Similar tickets' ? 'similar-ticket' : 'suggested-article';
  return (
    <div>
      <Text size="sm" fw={600} mb={4}>
        {title}
      </Text>
      {hits.length === 0 ? (
        <Text size="xs" c="dimmed">
          {empty}
        </Text>
      ) : (
        <Stack gap={6}>
          {hits.map((hit) => {
            const heading = highlightOf(hit.highlights, 'title');
            return (
              <div key={hit.id} data-testid={testId}>
                <Anchor href={`#${hitPath(hit)}`} size="sm" lineClamp={2}>
                  <Highlighted text={hit.title} ranges={heading?.ranges ?? []} />
                </Anchor>
                <Text size="xs" c="dimmed" truncate>
                  {hit.subtitle}
                </Text>
              </div>
            );
          })}
        </Stack>
      )}
    </div>
  );
}
