import { useMemo, useState } from 'react';
import { Anchor, Button, Group, Select, Stack, Table, Text } from '@mantine/core';
import type { TicketDoc } from '../../../shared/domain/model';
import { exclusionError, type ReleaseReadiness } from '../../../shared/domain/release';
import { CHANGE_FIELD, excludeChange, includeChange } from '../../data/releases';
import { useDb } from '../../app/database';
import { useSession } from '../../app/session';
import { useTicketRows } from '../../app/ticketRows';
import { useSubmit } from '../../lib/useSubmit';
import { StatusBadge } from '../tickets/badges';

const STATE_COLORS = { ready: 'green', waiting: 'orange', blocked: 'red', dropped: 'dimmed' } as const;

/** The changes a release collects, with why each is or is not ready; add and remove them. */
export function IncludedChanges({
  release,
  readiness,
  loading,
}: {
  release: TicketDoc;
  readiness: ReleaseReadiness;
  loading: boolean;
}) {
  const db = useDb();
  const session = useSession();
  const removal = useSubmit();
  const finished = release.status === 'resolved' || release.status === 'closed';

  return (
    <Stack gap="sm">
      <Text size="sm" fw={600}>
        Included changes
      </Text>
      {!loading && readiness.changes.length === 0 ? (
        <Text c="dimmed" fs="italic" size="sm">
          No changes yet. Add the changes this release delivers.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing={6} aria-label="Included changes">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Number</Table.Th>
                <Table.Th>Title</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Readiness</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {readiness.changes.map((change) => {
                const blocked = exclusionError(release, {
                  ...change,
                  kind: 'change',
                  parentId: release.id,
                });
                return (
                  <Table.Tr key={change.id} data-testid="release-change" data-number={change.number}>
                    <Table.Td>
                      <Anchor href={`#/tickets/${change.id}`} size="sm">
                        {change.number}
                      </Anchor>
                    </Table.Td>
                    <Table.Td className="plain-text">{change.title}</Table.Td>
                    <Table.Td>
                      <StatusBadge status={change.status} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c={STATE_COLORS[change.state]} data-testid="change-readiness">
                        {change.reason}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        disabled={blocked !== null}
                        title={blocked ?? `Take ${change.number} out of this release`}
                        aria-label={`Remove ${change.number}`}
                        onClick={() =>
                          void removal.submit(
                            () => excludeChange(db, release.id, change.id, session),
                            () => undefined,
                          )
                        }
                      >
                        Remove
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {removal.errors.form && (
        <Text c="red" size="sm" role="alert">
          {removal.errors.form}
        </Text>
      )}
      {!finished && <AddChange release={release} />}
    </Stack>
  );
}

function AddChange({ release }: { release: TicketDoc }) {
  const db = useDb();
  const session = useSession();
  const { rows } = useTicketRows();
  const [changeId, setChangeId] = useState<string | null>(null);
  const { errors, saving, submit } = useSubmit();
  // Open changes that belong to no release yet.
  const options = useMemo(
    () =>
      rows
        .filter((r) => r.kind === 'change' && r.phase === 'open' && r.parentId === '')
        .sort((a, b) => b.updatedAt - a.updatedAt)
        .map((r) => ({ value: r.id, label: `${r.number} ${r.title}` })),
    [rows],
  );

  return (
    <form
      noValidate
      aria-label="Add change"
      onSubmit={(e) => {
        e.preventDefault();
        void submit(
          () => includeChange(db, release.id, changeId ?? '', session),
          () => setChangeId(null),
        );
      }}
    >
      <Group align="flex-start" gap="xs">
        <Select
          aria-label="Change to add"
          placeholder="Search open changes by number or title"
          searchable
          clearable
          limit={50}
          data={options}
          value={changeId}
          onChange={setChangeId}
          error={errors[CHANGE_FIELD] ?? errors.form ?? Object.values(errors)[0]}
          nothingFoundMessage="No open change outside a release matches"
          style={{ flex: 1 }}
        />
        <Button type="submit" loading={saving} variant="default">
          Add change
        </Button>
      </Group>
    </form>
  );
}
