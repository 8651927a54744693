import { useMemo, useState } from 'react';
import { Button, Group, Paper, Text, Tooltip } from '@mantine/core';
import { selectionRefusal } from '../../../shared/domain/problems';
import type { ListRow } from '../../data';
import { CreateProblemModal } from './CreateProblemModal';

/** Actions on the ticked rows of the ticket list. */
export function BulkBar({
  checkedIds,
  rows,
  onDone,
}: {
  checkedIds: ReadonlySet<string>;
  rows: readonly ListRow[];
  onDone: () => void;
}) {
  const [creating, setCreating] = useState(false);
  const byId = useMemo(() => new Map(rows.map((r) => [r.id, r])), [rows]);
  // In the order the rows were ticked: the first one names the problem.
  const selected = useMemo(
    () => [...checkedIds].flatMap((id) => (byId.has(id) ? [byId.get(id) as ListRow] : [])),
    [checkedIds, byId],
  );
  const refusal =
    selected.length < checkedIds.size
      ? 'A ticked ticket is no longer in the list.'
      : selectionRefusal(selected, (id) => byId.get(id)?.number);

  const create = (
    <Button
      size="xs"
      data-disabled={refusal ? true : undefined}
      aria-disabled={refusal ? true : undefined}
      onClick={(e) => {
        if (refusal) e.preventDefault();
        else setCreating(true);
      }}
    >
      Create problem
    </Button>
  );

  return (
    <Paper withBorder p="xs" data-testid="bulk-bar">
      <Group justify="space-between">
        <Text size="sm" fw={600} data-testid="bulk-count">
          {checkedIds.size} selected
        </Text>
        <Group gap="xs">
          {refusal ? (
            <Tooltip label={refusal} multiline maw={320} withArrow>
              {create}
            </Tooltip>
          ) : (
            create
          )}
          <Button size="xs" variant="default" onClick={onDone}>
            Clear selection
          </Button>
        </Group>
      </Group>
      {creating && (
        <CreateProblemModal
          ids={selected.map((r) => r.id)}
          problemNumber={(id) => byId.get(id)?.number}
          onClose={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            onDone();
          }}
        />
      )}
    </Paper>
  );
}
