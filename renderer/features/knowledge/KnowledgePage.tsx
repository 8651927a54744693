import { useEffect, useMemo, useState } from 'react';
import {
  Anchor,
  Badge,
  Button,
  Center,
  Group,
  Loader,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { isStale } from '../../../shared/domain/articles';
import { flushArticleViews } from '../../data/articleUse';
import { useDb } from '../../app/database';
import { useDirectory } from '../../app/people';
import { navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { formatRelative } from '../../lib/format';
import { ArticleStateBadge } from './ArticleStateBadge';
import { ARTICLE_FILTERS, categoriesOf, matchesFilter, type ArticleFilter } from './articleList';
import { useArticles } from './hooks';

export function KnowledgePage() {
  const db = useDb();
  const session = useSession();
  const articles = useArticles();
  const directory = useDirectory();
  const [filter, setFilter] = useState<ArticleFilter>('published');
  const [category, setCategory] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [now] = useState(() => Date.now());
  const categories = useMemo(() => categoriesOf(articles), [articles]);

  // Views counted on earlier days are recorded when the knowledge base is opened.
  useEffect(() => {
    flushArticleViews(db, session).catch((error: unknown) =>
      console.warn('Recording article views failed', error),
    );
  }, [db, session]);

  const counts = useMemo(() => {
    const out = new Map<ArticleFilter, number>();
    for (const f of ARTICLE_FILTERS)
      out.set(f.value, (articles ?? []).filter((a) => matchesFilter(a, f.value, now)).length);
    return out;
  }, [articles, now]);

  const shown = useMemo(() => {
    const needle = text.trim().toLowerCase();
    return (articles ?? []).filter(
      (a) =>
        matchesFilter(a, filter, now) &&
        (!category || a.category === category) &&
        (needle === '' || a.title.toLowerCase().includes(needle)),
    );
  }, [articles, filter, category, text, now]);

  return (
    <Stack maw={1280} data-testid="knowledge-page">
      <Group justify="space-between">
        <Title order={2}>Knowledge base</Title>
        <Button onClick={() => navigate('/knowledge/new')}>New article</Button>
      </Group>
      <Group align="flex-end" gap="sm">
        <SegmentedControl
          aria-label="Article state"
          value={filter}
          onChange={(v) => setFilter(v as ArticleFilter)}
          data={ARTICLE_FILTERS.map((f) => ({
            value: f.value,
            label: `${f.label} (${counts.get(f.value) ?? 0})`,
          }))}
        />
        <Select
          aria-label="Category"
          placeholder="Any category"
          data={categories}
          value={category}
          onChange={setCategory}
          clearable
          searchable
          w={220}
        />
        <TextInput
          aria-label="Filter by title"
          placeholder="Filter by title"
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          w={260}
        />
      </Group>
      {articles === null ? (
        <Center py="xl">
          <Loader aria-label="Loading articles" />
        </Center>
      ) : (
        <Paper withBorder>
          <Table highlightOnHover verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Title</Table.Th>
                <Table.Th>Category</Table.Th>
                <Table.Th>State</Table.Th>
                <Table.Th>Version</Table.Th>
                <Table.Th>Owner</Table.Th>
                <Table.Th>Review due</Table.Th>
                <Table.Th>Updated</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((a) => (
                <Table.Tr key={a.id} data-testid="article-row">
                  <Table.Td>
                    <Anchor href={`#/knowledge/${a.id}`} className="plain-text" data-testid="article-title">
                      {a.title}
                    </Anchor>
                  </Table.Td>
                  <Table.Td className="plain-text">{a.category}</Table.Td>
                  <Table.Td>
                    <ArticleStateBadge state={a.state} />
                  </Table.Td>
                  <Table.Td>v{a.version}</Table.Td>
                  <Table.Td>{directory.name(a.ownerId)}</Table.Td>
                  <Table.Td>
                    {a.reviewDueAt ? (
                      <Group gap={4} wrap="nowrap">
                        <Text size="sm">{new Date(a.reviewDueAt).toLocaleDateString()}</Text>
                        {isStale(a, now) && (
                          <Badge color="orange" size="xs" data-testid="stale-badge">
                            Stale
                          </Badge>
                        )}
                      </Group>
                    ) : (
                      <Text size="sm" c="dimmed">
                        —
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{formatRelative(a.updatedAt, now)}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {shown.length === 0 && (
            <Text c="dimmed" p="md" data-testid="no-articles">
              No articles match
              {filter === 'all'
                ? ''
                : ` "${ARTICLE_FILTERS.find((f) => f.value === filter)?.label ?? filter}"`}
              .
            </Text>
          )}
        </Paper>
      )}
    </Stack>
  );
}
