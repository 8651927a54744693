import { useMemo, useState } from 'react';
import { Alert, Anchor, Button, Group, Select, Stack, Table, Text } from '@mantine/core';
import type { TicketDoc } from '../../../shared/domain/model';
import { canLinkToProblem, isOpenLinked, resolveLinkedRefusal } from '../../../shared/domain/problems';
import { KIND_LABELS } from '../../../shared/domain/labels';
import type { ListRow } from '../../data';
import { linkToProblem, unlinkFromProblem } from '../../data/problems';
import { useDb } from '../../app/database';
import { useSession } from '../../app/session';
import { useTicketRows } from '../../app/ticketRows';
import { describeWriteError } from '../../lib/errors';
import { StatusBadge } from '../tickets/badges';
import { ResolveLinkedModal } from './ResolveLinkedModal';
import { plural } from './shared';

const OPTION_LIMIT = 20;

/** Incidents and requests linked to a problem, with linking, unlinking and bulk resolution. */
export function LinkedRecords({ problem }: { problem: TicketDoc }) {
  const db = useDb();
  const session = useSession();
  const { rows, ready } = useTicketRows();
  const [search, setSearch] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [resolving, setResolving] = useState(false);

  const linked = useMemo(
    () => rows.filter((r) => r.parentId === problem.id).sort((a, b) => a.number.localeCompare(b.number)),
    [rows, problem.id],
  );
  const options = useMemo(() => linkOptions(rows, search), [rows, search]);
  const open = linked.filter((r) => isOpenLinked(r, problem.id));
  const done = problem.status === 'resolved' || problem.status === 'closed';
  const refusal = resolveLinkedRefusal(problem);
  const noun = open.every((r) => r.kind === 'incident') ? 'incident' : 'record';
  const locked = problem.status === 'closed' || problem.status === 'cancelled';

  const act = async (action: () => Promise<{ ok: boolean; errors?: Record<string, string | undefined> }>) => {
    setBusy(true);
    setError(null);
    try {
      const result = await action();
      if (!result.ok) setError(Object.values(result.errors ?? {}).join(' ') || 'The change was refused.');
    } catch (e) {
      setError(describeWriteError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="sm" data-testid="linked-records">
      <Text size="xs" fw={700} c="dimmed">
        LINKED INCIDENTS AND REQUESTS
      </Text>
      {done && open.length > 0 && (
        <Alert
          color="yellow"
          title={`${plural(open.length, `linked ${noun}`)} ${open.length === 1 ? 'is' : 'are'} still open`}
          data-testid="open-linked-alert"
        >
          {refusal ? (
            <Text size="sm">{refusal}</Text>
          ) : (
            <Group justify="space-between">
              <Text size="sm">They can be resolved with this problem's fix.</Text>
              <Button size="xs" onClick={() => setResolving(true)}>
                Resolve linked {noun}s
              </Button>
            </Group>
          )}
        </Alert>
      )}
      {!ready ? (
        <Text size="sm" c="dimmed">
          Loading…
        </Text>
      ) : linked.length === 0 ? (
        <Text size="sm" c="dimmed" fs="italic">
          No incidents or requests are linked yet.
        </Text>
      ) : (
        <Table striped withTableBorder verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Number</Table.Th>
              <Table.Th>Title</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {linked.map((row) => (
              <Table.Tr key={row.id} data-testid="linked-record" data-number={row.number}>
                <Table.Td>
                  <Anchor href={`#/tickets/${row.id}`} size="sm">
                    {row.number}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{row.title}</Text>
                </Table.Td>
                <Table.Td data-testid="linked-status">
                  <StatusBadge status={row.status} />
                </Table.Td>
                <Table.Td>
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="red"
                    aria-label={`Unlink ${row.number}`}
                    disabled={busy || row.status === 'closed'}
                    onClick={() => void act(() => unlinkFromProblem(db, row.id, session))}
                  >
                    Unlink
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {!locked && (
        <Select
          label="Link incident"
          placeholder="Search open incidents and requests by number or title"
          searchable
          searchValue={search}
          onSearchChange={setSearch}
          value={null}
          data={options}
          // The options are already filtered (and capped) from the whole list.
          filter={({ options: all }) => all}
          nothingFoundMessage={search.trim() ? 'No open incident or request matches' : 'Type to search'}
          disabled={busy || !ready}
          onChange={(id) => {
            if (!id) return;
            setSearch('');
            void act(() => linkToProblem(db, id, problem.id, session));
          }}
        />
      )}
      {error && (
        <Text c="red" size="sm" role="alert">
          {error}
        </Text>
      )}
      {resolving && (
        <ResolveLinkedModal problem={problem} openCount={open.length} onClose={() => setResolving(false)} />
      )}
    </Stack>
  );
}

/** Open incidents and requests not linked to any problem, matching the typed number or title. */
function linkOptions(rows: readonly ListRow[], search: string): { value: string; label: string }[] {
  const query = search.trim().toLowerCase();
  if (!query) return [];
  const out: { value: string; label: string }[] = [];
  for (const row of rows) {
    if (row.phase !== 'open' || row.parentId !== '' || !canLinkToProblem(row.kind)) continue;
    if (!row.number.toLowerCase().includes(query) && !row.title.toLowerCase().includes(query)) continue;
    out.push({ value: row.id, label: `${row.number} · ${KIND_LABELS[row.kind]} · ${row.title}` });
    if (out.length >= OPTION_LIMIT) break;
  }
  return out;
}
