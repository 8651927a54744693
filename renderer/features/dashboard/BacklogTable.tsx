import type { ReactNode } from 'react';
import { Anchor, Paper, Table, Text } from '@mantine/core';
import { AGE_BUCKETS, type Dashboard, type DrillKey } from '../../../shared/domain/kpi/model';
import { AGE_LABELS } from '../../../shared/domain/kpi/report';
import { priorityLabel } from '../../../shared/domain/labels';
import { PRIORITIES } from '../../../shared/domain/priority';
import { formatCount, type Drill } from './format';

/** A count that opens its tickets; zero has none to show. */
function CountCell({
  count,
  label,
  drillKey,
  drill,
  testId,
  strong,
}: {
  count: number;
  label: string;
  drillKey: DrillKey;
  drill: Drill;
  testId?: string;
  strong?: boolean;
}): ReactNode {
  const text = formatCount(count);
  return (
    <Table.Td ta="right" fw={strong ? 700 : undefined}>
      {count === 0 ? (
        <Text span c="dimmed" size="sm" data-testid={testId}>
          {text}
        </Text>
      ) : (
        <Anchor
          component="button"
          type="button"
          size="sm"
          fw={strong ? 700 : undefined}
          aria-label={`${label}: ${text} open. Show them`}
          onClick={() => drill(drillKey)}
          data-testid={testId}
        >
          {text}
        </Anchor>
      )}
    </Table.Td>
  );
}

/** Open tickets by priority and age, with row and column totals. */
export function BacklogTable({ d, drill }: { d: Dashboard; drill: Drill }) {
  const { matrix } = d.backlog;
  const columnTotals = AGE_BUCKETS.map((_, i) => matrix.reduce((sum, row) => sum + (row[i] ?? 0), 0));
  return (
    <Paper
      withBorder
      p="sm"
      className="dash-table"
      component="section"
      aria-label="Backlog by priority and age"
    >
      <Text size="sm" fw={600} mb={4}>
        Backlog by priority and age
      </Text>
      <Table.ScrollContainer minWidth={560}>
        <Table
          aria-label="Backlog by priority and age"
          striped
          withRowBorders={false}
          data-testid="backlog-matrix"
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Priority</Table.Th>
              {AGE_BUCKETS.map((b) => (
                <Table.Th key={b} ta="right">
                  {AGE_LABELS[b]}
                </Table.Th>
              ))}
              <Table.Th ta="right">Total</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {PRIORITIES.map((p) => {
              const row = matrix[p - 1] ?? [];
              const total = row.reduce((a, b) => a + b, 0);
              const name = priorityLabel(p);
              return (
                <Table.Tr key={p} data-testid={`backlog-row-p${p}`}>
                  <Table.Th scope="row" fw={500}>
                    {name}
                  </Table.Th>
                  {AGE_BUCKETS.map((b, i) => (
                    <CountCell
                      key={b}
                      count={row[i] ?? 0}
                      label={`${name}, ${AGE_LABELS[b]}`}
                      drillKey={`backlog.p${p}.age.${b}`}
                      drill={drill}
                    />
                  ))}
                  <CountCell
                    count={total}
                    label={`${name}, all ages`}
                    drillKey={`backlog.p${p}`}
                    drill={drill}
                    testId={`backlog-p${p}-total`}
                    strong
                  />
                </Table.Tr>
              );
            })}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th scope="row">Total</Table.Th>
              {AGE_BUCKETS.map((b, i) => (
                <CountCell
                  key={b}
                  count={columnTotals[i] ?? 0}
                  label={`All priorities, ${AGE_LABELS[b]}`}
                  drillKey={`backlog.age.${b}`}
                  drill={drill}
                  strong
                />
              ))}
              <CountCell
                count={d.backlog.total}
                label="All open tickets"
                drillKey="backlog"
                drill={drill}
                testId="backlog-total"
                strong
              />
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
