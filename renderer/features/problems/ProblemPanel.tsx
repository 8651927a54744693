import { Badge, Divider, Group, Paper, Stack, Text } from '@mantine/core';
import type { TicketDoc } from '../../../shared/domain/model';
import { LinkedRecords } from './LinkedRecords';
import { ProblemFields } from './ProblemFields';

/** The problem page's main column: analysis (root cause, workaround, known error) and links. */
export function ProblemPanel({ ticket }: { ticket: TicketDoc }) {
  return (
    <Paper withBorder p="md" data-testid="problem-panel">
      <Stack gap="md">
        <Group gap="xs">
          <Text size="xs" fw={700} c="dimmed">
            PROBLEM ANALYSIS
          </Text>
          {ticket.knownError && (
            <Badge color="orange" variant="filled" size="sm" data-testid="known-error-badge">
              Known error
            </Badge>
          )}
        </Group>
        {/* Keyed by ticket so an unsaved draft never carries over to another problem. */}
        <ProblemFields key={ticket.id} ticket={ticket} />
        <Divider />
        <LinkedRecords problem={ticket} />
      </Stack>
    </Paper>
  );
}
