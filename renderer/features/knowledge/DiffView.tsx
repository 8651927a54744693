import { useMemo } from 'react';
import { Group, Paper, SimpleGrid, Table, Text } from '@mantine/core';
import { diffLines, diffStats, sideBySide, type SideCell } from '../../../shared/domain/diff';

export type DiffMode = 'unified' | 'split';

const MARK = { add: '+', remove: '-', same: ' ' } as const;

/** Line diff of two texts, unified or side by side; text is always shown as text. */
export function DiffView({ before, after, mode }: { before: string; after: string; mode: DiffMode }) {
  const lines = useMemo(() => diffLines(before, after), [before, after]);
  const stats = diffStats(lines);
  const rows = useMemo(() => (mode === 'split' ? sideBySide(lines) : []), [lines, mode]);
  return (
    <Paper withBorder p="xs" className="kb-diff" data-testid="diff">
      <Group gap="md" mb={6}>
        <Text size="sm" c="green" data-testid="diff-added">
          +{stats.added} added
        </Text>
        <Text size="sm" c="red" data-testid="diff-removed">
          −{stats.removed} removed
        </Text>
        {stats.added + stats.removed === 0 && (
          <Text size="sm" c="dimmed">
            The two texts are the same.
          </Text>
        )}
      </Group>
      {mode === 'unified' ? (
        <Table withRowBorders={false} verticalSpacing={0} horizontalSpacing={6}>
          <Table.Tbody>
            {lines.map((l, i) => (
              <Table.Tr key={i} data-op={l.op} data-testid="diff-line">
                <Table.Td c="dimmed" w={40} ta="right">
                  {l.oldNo ?? ''}
                </Table.Td>
                <Table.Td c="dimmed" w={40} ta="right">
                  {l.newNo ?? ''}
                </Table.Td>
                <Table.Td w={14}>{MARK[l.op]}</Table.Td>
                <Table.Td data-testid="diff-text">{l.text}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : (
        <SimpleGrid cols={2} spacing={4}>
          {rows.map((row, i) => (
            <SplitCells key={i} left={row.left} right={row.right} />
          ))}
        </SimpleGrid>
      )}
    </Paper>
  );
}

function SplitCells({ left, right }: { left: SideCell | null; right: SideCell | null }) {
  return (
    <>
      <Cell cell={left} />
      <Cell cell={right} />
    </>
  );
}

function Cell({ cell }: { cell: SideCell | null }) {
  if (!cell) return <div data-op="none" />;
  return (
    <div data-op={cell.op} data-testid="diff-line">
      <Text span c="dimmed" size="xs" mr={6}>
        {cell.no}
      </Text>
      <span data-testid="diff-text">{cell.text}</span>
    </div>
  );
}
