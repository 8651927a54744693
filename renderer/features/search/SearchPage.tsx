import { useEffect, useMemo, useRef, useState } from 'react';
import { Grid, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { navigate } from '../../app/router';
import { SEARCH_DOC_TYPES, useSearchIndex, type SearchDocType, type SearchHit } from '../../search';
import { SearchFilters } from './SearchFilters';
import { SearchResults } from './SearchResults';
import { Suggestions } from './Suggestions';
import { dateRange, type DatePreset } from './filters';
import { hitPath } from './links';

const LIMIT = 100;

/** `#/search?q=…`: everything on this device (tickets, CIs, articles, people) as you type. */
export function SearchPage({ query }: { query: string }) {
  const { ready, error, search } = useSearchIndex();
  const [text, setText] = useState(query);
  const [routeQuery, setRouteQuery] = useState(query);
  if (query !== routeQuery) {
    // Arrived with another query (from the palette, a link): it replaces what was typed.
    setRouteQuery(query);
    setText(query);
  }
  const [types, setTypes] = useState<SearchDocType[]>([]);
  const [statuses, setStatuses] = useState<string[]>([]);
  const [preset, setPreset] = useState<DatePreset>('any');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [active, setActive] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);

  const range = useMemo(() => dateRange(preset, from, to, Date.now()), [preset, from, to]);
  const { hits, ms } = useMemo(() => {
    const t0 = performance.now();
    const found: SearchHit[] = search({
      text,
      types: types.length > 0 ? types : undefined,
      statuses: statuses.length > 0 ? statuses : undefined,
      from: range.from,
      to: range.to,
      limit: LIMIT,
    });
    return { hits: found, ms: performance.now() - t0 };
  }, [search, text, types, statuses, range]);

  // Keep the address in step with the box without a history entry per keystroke.
  useEffect(() => {
    const hash = text ? `#/search?q=${encodeURIComponent(text)}` : '#/search';
    if (window.location.hash !== hash) window.history.replaceState(null, '', hash);
  }, [text]);

  const current = hits[Math.min(active, hits.length - 1)];
  const open = (hit: SearchHit | undefined) => hit && navigate(hitPath(hit));

  return (
    <Stack gap="md" data-testid="search-page">
      <Group justify="space-between" align="baseline">
        <Title order={2}>Search</Title>
        <Text size="xs" c="dimmed" data-testid="search-status">
          {error
            ? `The search index could not be loaded: ${error}`
            : !ready
              ? 'Preparing the search index…'
              : text.trim()
                ? `${hits.length === LIMIT ? `${LIMIT}+` : hits.length} results in ${ms.toFixed(1)} ms`
                : 'Tickets, configuration items, articles and people on this device'}
        </Text>
      </Group>
      <TextInput
        ref={inputRef}
        data-autofocus
        autoFocus
        aria-label="Search everything"
        placeholder="Words, a ticket number, a serial number or an asset tag"
        value={text}
        onChange={(e) => {
          setText(e.currentTarget.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setActive((a) => Math.min(hits.length - 1, a + 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(0, a - 1));
          } else if (e.key === 'Enter') {
            e.preventDefault();
            open(current);
          }
        }}
        aria-controls="search-results"
        aria-activedescendant={current ? `search-hit-${current.id}` : undefined}
      />
      <SearchFilters
        types={types}
        onTypes={(next) => {
          setTypes(next);
          setActive(0);
        }}
        statuses={statuses}
        onStatuses={(next) => {
          setStatuses(next);
          setActive(0);
        }}
        preset={preset}
        onPreset={setPreset}
        from={from}
        to={to}
        onFrom={setFrom}
        onTo={setTo}
        errors={range.errors}
        allTypes={SEARCH_DOC_TYPES}
      />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <SearchResults
            hits={hits}
            active={Math.min(active, hits.length - 1)}
            onActive={setActive}
            onOpen={open}
            empty={ready && text.trim() !== ''}
            query={text}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          {current && (
            <Stack gap={4} data-testid="search-related">
              <Text size="sm" fw={600}>
                Related to “{current.title}”
              </Text>
              <Suggestions
                title={current.title}
                description={current.highlights.find((h) => h.field === 'body')?.text ?? ''}
                kind=""
                excludeIds={[current.id]}
              />
            </Stack>
          )}
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
