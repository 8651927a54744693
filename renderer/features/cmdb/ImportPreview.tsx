import { Badge, Group, Paper, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import type { ImportPlan, RowOutcome } from '../../../shared/domain/ciImport';
import { CI_CLASS_LABELS, labelOf } from '../../../shared/domain/labels';
import type { FileReport } from '../../data/ciImport';

const OUTCOME: Record<RowOutcome, { label: string; color: string }> = {
  new: { label: 'New', color: 'green' },
  updated: { label: 'Updated', color: 'blue' },
  unchanged: { label: 'Unchanged', color: 'gray' },
  error: { label: 'Error', color: 'red' },
};

const DELIMITER_NAMES: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };
const ERRORS_SHOWN = 200;

function Count({
  label,
  value,
  testId,
  color,
}: {
  label: string;
  value: number;
  testId: string;
  color?: string;
}) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl" c={color} data-testid={testId}>
        {value.toLocaleString()}
      </Text>
    </Paper>
  );
}

/** The dry run: counts, what the file looked like, the first rows, and every error by row and field. */
export function ImportPreview({ plan, report }: { plan: ImportPlan; report: FileReport }) {
  const { counts } = plan;
  return (
    <Stack gap="md" data-testid="import-preview">
      <SimpleGrid cols={{ base: 2, sm: 5 }}>
        <Count label="Rows" value={counts.rows} testId="count-rows" />
        <Count label="New" value={counts.new} testId="count-new" color="green" />
        <Count label="Updated" value={counts.updated} testId="count-updated" color="blue" />
        <Count label="Unchanged" value={counts.unchanged} testId="count-unchanged" />
        <Count
          label="Rows with errors"
          value={counts.errors}
          testId="count-errors"
          color={counts.errors > 0 ? 'red' : undefined}
        />
      </SimpleGrid>
      <Text size="sm" c="dimmed">
        Columns separated by {DELIMITER_NAMES[report.delimiter] ?? report.delimiter}.
        {report.invalidBytes > 0 &&
          ` ${report.invalidBytes} byte sequences are not valid UTF-8 (first at byte ${report.invalidOffsets[0]}); they were replaced by �. Save the file as UTF-8 to keep those characters.`}
      </Text>
      {report.issues.length > 0 && (
        <Stack gap={2}>
          {report.issues.slice(0, 20).map((issue, i) => (
            <Text key={i} size="sm" c="orange">
              Row {issue.row}: {issue.message}
            </Text>
          ))}
        </Stack>
      )}
      {plan.errors.length > 0 && (
        <Paper withBorder p="md" data-testid="import-errors">
          <Text size="xs" fw={700} c="red" mb={4}>
            ERRORS ({plan.errors.length})
          </Text>
          <Stack gap={2}>
            {plan.errors.slice(0, ERRORS_SHOWN).map((e, i) => (
              <Text key={i} size="sm" data-testid="import-error" data-row={e.row} className="plain-text">
                <Text span fw={600}>
                  Row {e.row}
                </Text>
                {' · '}
                <Text span fw={600}>
                  {e.field}
                </Text>
                {e.column && e.column !== e.field ? ` (column “${e.column}”)` : ''}: {e.message}
              </Text>
            ))}
            {plan.errors.length > ERRORS_SHOWN && (
              <Text size="sm" c="dimmed">
                and {plan.errors.length - ERRORS_SHOWN} more.
              </Text>
            )}
          </Stack>
        </Paper>
      )}
      {plan.warnings.length > 0 && (
        <Text size="sm" c="orange">
          Rows with replaced characters:{' '}
          {plan.warnings
            .slice(0, 30)
            .map((w) => w.row)
            .join(', ')}
          {plan.warnings.length > 30 ? '…' : ''}
        </Text>
      )}
      <Table.ScrollContainer minWidth={700}>
        <Table striped verticalSpacing={4} aria-label="Import preview">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Row</Table.Th>
              <Table.Th>Result</Table.Th>
              <Table.Th>Asset tag</Table.Th>
              <Table.Th>Name</Table.Th>
              <Table.Th>Class</Table.Th>
              <Table.Th>Details</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {plan.preview.map((row) => (
              <Table.Tr key={row.row} data-testid="preview-row" data-outcome={row.outcome}>
                <Table.Td>{row.row}</Table.Td>
                <Table.Td>
                  <Badge size="sm" color={OUTCOME[row.outcome].color} variant="light">
                    {OUTCOME[row.outcome].label}
                  </Badge>
                </Table.Td>
                <Table.Td>{row.assetTag || '—'}</Table.Td>
                <Table.Td className="plain-text">{row.name || '—'}</Table.Td>
                <Table.Td>{row.ciClass ? labelOf(CI_CLASS_LABELS, row.ciClass) : '—'}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    <Text size="xs" c={row.errors.length > 0 ? 'red' : 'dimmed'} className="plain-text">
                      {row.errors.length > 0
                        ? row.errors.map((e) => `${e.field}: ${e.message}`).join(' ')
                        : row.changes.map((c) => c.field.replace(/^attributes\./, '')).join(', ')}
                    </Text>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
