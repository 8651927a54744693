import { useState } from 'react';
import { Anchor, Badge, Button, Group, Paper, Progress, Stack, Table, Text } from '@mantine/core';
import type { TicketDoc, TicketStatus } from '../../../shared/domain/model';
import { STATUS_LABELS } from '../../../shared/domain/labels';
import {
  blockedTasks,
  isLateTask,
  percent,
  progressSummary,
  projectProgress,
} from '../../../shared/domain/project';
import { useDirectory } from '../../app/people';
import { StatusBadge } from '../tickets/badges';
import { AddTaskModal } from './AddTaskModal';
import { ProjectDatesForm } from './ProjectDatesForm';
import { formatEstimate, formatShortDate } from './planInputs';
import { inCreationOrder, useNow, useProjectTasks } from './useProjectTasks';

/** A project's tasks with their roll-up, and the way to add more. */
export function ProjectTasksPanel({ project }: { project: TicketDoc }) {
  const loaded = useProjectTasks(project.id);
  const directory = useDirectory();
  const now = useNow();
  const [adding, setAdding] = useState(false);
  const tasks = inCreationOrder(loaded ?? []);
  const numbers = new Map(tasks.map((t) => [t.id, t.number]));
  const blocked = blockedTasks(tasks);
  const progress = projectProgress(tasks);
  const statusCounts = Object.entries(progress.byStatus) as [TicketStatus, number][];

  return (
    <Paper withBorder p="md" data-testid="project-panel">
      <Group justify="space-between" mb="sm">
        <Text size="xs" fw={700} c="dimmed">
          TASKS
        </Text>
        <Group gap="sm">
          <Anchor href={`#/projects/${project.id}/timeline`} size="sm">
            Timeline
          </Anchor>
          <Button size="xs" onClick={() => setAdding(true)}>
            Add task
          </Button>
        </Group>
      </Group>
      <ProjectDatesForm
        key={JSON.stringify([project.plannedStart, project.plannedEnd, project.dueAt])}
        project={project}
      />
      <Stack gap={6} my="sm">
        <Progress value={percent(progress.workShare)} aria-label="Project progress" size="lg" />
        <Group justify="space-between">
          <Text size="sm" data-testid="project-progress">
            {progressSummary(progress)}
          </Text>
          <Group gap={4}>
            {statusCounts.map(([status, count]) => (
              <Badge key={status} variant="light" color="gray" size="sm">
                {count} {STATUS_LABELS[status]}
              </Badge>
            ))}
            {progress.cancelled > 0 && (
              <Badge variant="outline" color="gray" size="sm">
                {progress.cancelled} cancelled
              </Badge>
            )}
          </Group>
        </Group>
      </Stack>
      {loaded !== null && tasks.length === 0 ? (
        <Text c="dimmed" fs="italic" size="sm">
          No tasks yet. Add the work this project consists of.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped verticalSpacing={6} aria-label="Project tasks">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Number</Table.Th>
                <Table.Th>Title</Table.Th>
                <Table.Th>Assignee</Table.Th>
                <Table.Th>Due</Table.Th>
                <Table.Th>Estimate</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Depends on</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tasks.map((task) => {
                const blockers = blocked.get(task.id) ?? [];
                const late = isLateTask(task, now);
                return (
                  <Table.Tr key={task.id} data-testid="task-row" data-number={task.number}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Anchor href={`#/tickets/${task.id}`} size="sm">
                        {task.number}
                      </Anchor>
                    </Table.Td>
                    <Table.Td miw={120}>{task.title}</Table.Td>
                    <Table.Td>{directory.name(task.assigneeId)}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatShortDate(task.dueAt, now)}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {formatEstimate(task.estimateMinutes)}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        <StatusBadge status={task.status} />
                        {blockers.length > 0 && (
                          <Badge color="orange" size="sm" title={`Blocked by ${blockers.join(', ')}`}>
                            Blocked
                          </Badge>
                        )}
                        {late && (
                          <Badge color="red" size="sm" title="The due date has passed">
                            Late
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {(task.dependsOn ?? []).length === 0
                        ? '—'
                        : (task.dependsOn ?? []).map((id) => (
                            <div key={id}>{numbers.get(id) ?? 'removed task'}</div>
                          ))}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {adding && <AddTaskModal project={project} tasks={tasks} onClose={() => setAdding(false)} />}
    </Paper>
  );
}
