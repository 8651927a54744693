import { Anchor, Paper, Table, Text } from '@mantine/core';
import type { Dashboard } from '../../../shared/domain/kpi/model';
import { formatRate, readableDate, shareOf } from '../../../shared/domain/kpi/report';
import { formatCount } from './format';

/** Audit campaigns closed in the period with what each found. */
export function AuditTable({ d }: { d: Dashboard }) {
  const { list } = d.audits;
  return (
    <Paper withBorder p="sm" className="dash-table" component="section" aria-label="Closed audits">
      <Text size="sm" fw={600} mb={4}>
        Audits closed in the period
      </Text>
      {list.length === 0 ? (
        <Text size="sm" c="dimmed">
          No audit campaign closed in the period.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={480}>
          <Table
            aria-label="Audits closed in the period"
            striped
            withRowBorders={false}
            data-testid="audit-table"
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Audit</Table.Th>
                <Table.Th>Closed</Table.Th>
                <Table.Th ta="right">Expected</Table.Th>
                <Table.Th ta="right">Found</Table.Th>
                <Table.Th ta="right">Found rate</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>
                    <Anchor href={`#/audits/${a.id}`} size="sm">
                      {a.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{readableDate(a.closedAt, d.query.timeZone)}</Table.Td>
                  <Table.Td ta="right">{formatCount(a.expected)}</Table.Td>
                  <Table.Td ta="right">{formatCount(a.found)}</Table.Td>
                  <Table.Td ta="right">{formatRate(shareOf(a.found, a.expected))}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
