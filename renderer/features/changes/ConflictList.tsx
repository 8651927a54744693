import { useMemo } from 'react';
import { Alert, Anchor, List, Text } from '@mantine/core';
import type { TicketDoc } from '../../../shared/domain/model';
import {
  describeConflict,
  findConflicts,
  hasWindow,
  isActiveChange,
} from '../../../shared/domain/changeCalendar';
import { navigate } from '../../app/router';
import { useConflictCiNames, useConflictContext } from './useChangeData';

/** Clashes of this change's window with other changes and blackout windows, before anyone approves. */
export function ConflictList({ ticket }: { ticket: TicketDoc }) {
  const context = useConflictContext();
  const conflicts = useMemo(
    () => (context ? findConflicts(ticket, context.changes, context.relations, context.blackouts) : []),
    [context, ticket],
  );
  const ciName = useConflictCiNames(conflicts);

  if (!isActiveChange(ticket) || !context) return null;
  if (!hasWindow(ticket)) {
    return (
      <Text size="sm" c="dimmed" data-testid="change-conflicts-none">
        Plan a window to check it against other changes and blackout windows.
      </Text>
    );
  }
  if (conflicts.length === 0) {
    return (
      <Text size="sm" c="teal" data-testid="change-conflicts-none">
        No conflicts with other changes or blackout windows.
      </Text>
    );
  }
  return (
    <Alert
      color="red"
      variant="light"
      title={
        conflicts.length === 1
          ? '1 conflict in the planned window'
          : `${conflicts.length} conflicts in the planned window`
      }
      data-testid="change-conflicts"
    >
      <List size="sm" spacing={4}>
        {conflicts.map((c, i) => (
          <List.Item key={i} data-testid="change-conflict">
            {describeConflict(c, ciName)}{' '}
            {c.kind !== 'blackout' && (
              <Anchor size="sm" onClick={() => navigate(`/tickets/${c.changeId}`)}>
                Open {c.changeNumber}
              </Anchor>
            )}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
