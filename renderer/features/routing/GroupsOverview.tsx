import { useMemo } from 'react';
import { Table, Text } from '@mantine/core';
import { useDirectory } from '../../app/people';
import { Section } from './parts';

/** Assignment groups and who is in them; read-only here (people documents are admin-only). */
export function GroupsOverview() {
  const directory = useDirectory();
  const rows = useMemo(
    () =>
      [...directory.groups]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((g) => ({
          group: g,
          members: directory.users
            .filter((u) => u.groupIds.includes(g.id))
            .map((u) => u.name)
            .sort((a, b) => a.localeCompare(b)),
        })),
    [directory],
  );
  return (
    <Section
      title="Assignment groups"
      testId="routing-groups"
      description="Tickets are routed to these groups. Membership is managed by admins in the people directory; every device receives it with the next sync."
    >
      {rows.length === 0 ? (
        <Text size="sm">No groups yet.</Text>
      ) : (
        <Table withTableBorder aria-label="Assignment groups">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Group</Table.Th>
              <Table.Th>Members</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map(({ group, members }) => (
              <Table.Tr key={group.id}>
                <Table.Td>{group.name}</Table.Td>
                <Table.Td>
                  {members.length > 0 ? members.join(', ') : <Text c="dimmed">No members</Text>}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Section>
  );
}
