import { useMemo, useState } from 'react';
import { Anchor, Center, Group, Loader, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import type { TicketDoc } from '../../../shared/domain/model';
import { matchWords, rankKnownErrors } from '../../../shared/domain/problems';
import { useTicketRows } from '../../app/ticketRows';
import { StatusBadge } from '../tickets/badges';
import { plural, useKnownErrors } from './shared';

/**
 * Known errors to search while on the phone: typed words are ranked like an incident title
 * (see rankKnownErrors); a typed number finds its problem directly.
 */
function filterKnownErrors(list: readonly TicketDoc[], query: string): TicketDoc[] {
  const q = query.trim();
  if (q === '') return list.slice();
  const byNumber = list.filter((p) => p.number.toLowerCase().includes(q.toLowerCase()));
  if (matchWords(q).length === 0) return byNumber;
  const ranked = rankKnownErrors({ title: q }, list, { limit: list.length, minScore: 0 }).map(
    (m) => m.problem,
  );
  return [...byNumber, ...ranked.filter((p) => !byNumber.includes(p))];
}

export function KnownErrorsPage() {
  const knownErrors = useKnownErrors();
  const { rows, ready } = useTicketRows();
  const [query, setQuery] = useState('');
  const linkedCounts = useMemo(() => {
    const counts = new Map<string, number>();
    for (const row of rows) if (row.parentId) counts.set(row.parentId, (counts.get(row.parentId) ?? 0) + 1);
    return counts;
  }, [rows]);
  const shown = useMemo(() => filterKnownErrors(knownErrors ?? [], query), [knownErrors, query]);

  return (
    <Stack gap="md" maw={960}>
      <Title order={2}>Known errors</Title>
      <TextInput
        aria-label="Search known errors"
        placeholder="Describe the symptom or type a problem number"
        value={query}
        onChange={(e) => setQuery(e.currentTarget.value)}
      />
      {knownErrors === null ? (
        <Center py="xl">
          <Loader aria-label="Loading known errors" />
        </Center>
      ) : shown.length === 0 ? (
        <Text c="dimmed" data-testid="known-errors-empty">
          {knownErrors.length === 0
            ? 'No known errors yet. Flag a problem as a known error on its page once its cause or a workaround is known.'
            : 'No known error matches this search.'}
        </Text>
      ) : (
        shown.map((problem) => (
          <Paper key={problem.id} withBorder p="md" data-testid="known-error" data-number={problem.number}>
            <Stack gap={6}>
              <Group justify="space-between" wrap="nowrap">
                <Group gap="xs" wrap="nowrap">
                  <Anchor href={`#/tickets/${problem.id}`} fw={600}>
                    {problem.number}
                  </Anchor>
                  <Text fw={600}>{problem.title}</Text>
                </Group>
                <StatusBadge status={problem.status} />
              </Group>
              <Text size="xs" fw={700} c="dimmed">
                WORKAROUND
              </Text>
              <Text
                size="sm"
                className="plain-text"
                c={problem.workaround?.trim() ? undefined : 'dimmed'}
                data-testid="known-error-workaround"
              >
                {problem.workaround?.trim() ? problem.workaround : 'No workaround recorded yet.'}
              </Text>
              <Text size="xs" c="dimmed" data-testid="known-error-linked">
                {ready
                  ? `${plural(linkedCounts.get(problem.id) ?? 0, 'linked record')}`
                  : 'Counting linked records…'}
              </Text>
            </Stack>
          </Paper>
        ))
      )}
    </Stack>
  );
}
