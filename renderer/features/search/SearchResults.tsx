import { useEffect, useRef } from 'react';
import { Badge, Group, Paper, Stack, Text, UnstyledButton } from '@mantine/core';
import type { SearchHit } from '../../search';
import { Highlighted, highlightOf } from './Highlighted';
import { TYPE_LABELS } from './links';

interface Props {
  hits: SearchHit[];
  active: number;
  onActive: (index: number) => void;
  onOpen: (hit: SearchHit) => void;
  /** Show the "nothing found" line (a query was typed and the index is ready). */
  empty: boolean;
  query: string;
}

const TYPE_COLORS = { ticket: 'blue', ci: 'grape', article: 'teal', person: 'orange' } as const;

/** Ranked hits, best first; ↑/↓ in the search box move the selection, Enter opens it. */
export function SearchResults({ hits, active, onActive, onOpen, empty, query }: Props) {
  const listRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    listRef.current?.querySelector('[aria-selected="true"]')?.scrollIntoView?.({ block: 'nearest' });
  }, [active]);

  if (hits.length === 0) {
    return empty ? (
      <Text c="dimmed" size="sm" data-testid="search-empty">
        Nothing on this device matches “{query.trim()}”.
      </Text>
    ) : null;
  }
  return (
    <Stack gap={4} role="listbox" id="search-results" aria-label="Search results" ref={listRef}>
      {hits.map((hit, i) => {
        const title = highlightOf(hit.highlights, 'title');
        const body = highlightOf(hit.highlights, 'body');
        const idents = hit.highlights.filter((h) => h.field === 'ident');
        return (
          <UnstyledButton
            key={hit.id}
            id={`search-hit-${hit.id}`}
            role="option"
            aria-selected={i === active}
            data-testid="search-hit"
            data-type={hit.type}
            data-id={hit.id}
            onMouseEnter={() => onActive(i)}
            onClick={() => onOpen(hit)}
          >
            <Paper
              p="xs"
              withBorder
              style={{
                background: i === active ? 'var(--mantine-primary-color-light)' : undefined,
              }}
            >
              <Group gap="xs" wrap="nowrap" align="flex-start">
                <Badge
                  size="xs"
                  variant="light"
                  color={TYPE_COLORS[hit.type]}
                  style={{ flexShrink: 0 }}
                  mt={3}
                >
                  {TYPE_LABELS[hit.type]}
                </Badge>
                <Stack gap={2} style={{ minWidth: 0 }}>
                  <Text size="sm" fw={500} data-testid="search-hit-title">
                    <Highlighted text={hit.title} ranges={title?.ranges ?? []} />
                  </Text>
                  <Text size="xs" c="dimmed">
                    {idents.length > 0
                      ? idents.map((ident, k) => (
                          <span key={k}>
                            <Highlighted text={ident.text} ranges={ident.ranges} />
                            {' · '}
                          </span>
                        ))
                      : null}
                    {hit.subtitle}
                  </Text>
                  {body && (
                    <Text size="xs" c="dimmed" lineClamp={2}>
                      <Highlighted text={body.text} ranges={body.ranges} />
                    </Text>
                  )}
                </Stack>
              </Group>
            </Paper>
          </UnstyledButton>
        );
      })}
    </Stack>
  );
}
