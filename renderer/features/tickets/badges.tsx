import { Badge } from '@mantine/core';
import type { Priority, TicketStatus } from '../../../shared/domain/model';
import { PRIORITY_LABELS, STATUS_LABELS } from '../../../shared/domain/labels';

const PRIORITY_COLORS: Record<Priority, string> = {
  1: 'red',
  2: 'orange',
  3: 'yellow',
  4: 'blue',
  5: 'gray',
};
const STATUS_COLORS: Record<TicketStatus, string> = {
  new: 'blue',
  assigned: 'indigo',
  in_progress: 'teal',
  pending: 'yellow',
  resolved: 'green',
  closed: 'gray',
  reopened: 'red',
  assess: 'cyan',
  authorize: 'violet',
  scheduled: 'indigo',
  implement: 'teal',
  review: 'lime',
  cancelled: 'gray',
};

export function PriorityBadge({ priority }: { priority: Priority }) {
  return (
    <Badge
      color={PRIORITY_COLORS[priority]}
      variant="filled"
      size="sm"
      title={`P${priority} ${PRIORITY_LABELS[priority]}`}
    >
      P{priority}
    </Badge>
  );
}

export function StatusBadge({ status }: { status: TicketStatus }) {
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" size="sm">
      {STATUS_LABELS[status]}
    </Badge>
  );
}
