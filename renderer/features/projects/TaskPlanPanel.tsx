import { useState } from 'react';
import { of } from 'rxjs';
import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import type { TicketDoc } from '../../../shared/domain/model';
import { isLateTask, isOpenTask, openDependenciesOf } from '../../../shared/domain/project';
import type { FieldErrors } from '../../../shared/domain/validation';
import { observeTicket } from '../../data';
import { updateTaskPlan } from '../../data/projects';
import { useDb } from '../../app/database';
import { useObservable } from '../../app/hooks';
import { useSession } from '../../app/session';
import { useSubmit } from '../../lib/useSubmit';
import { PlanFields, taskChoices } from './PlanFields';
import { planFormOf, readPlanForm, type PlanForm } from './planInputs';
import { inCreationOrder, useNow, useProjectTasks } from './useProjectTasks';

/** A task's project, what blocks it, and its plan. */
export function TaskPlanPanel({ task }: { task: TicketDoc }) {
  const db = useDb();
  const projectId = task.parentId ?? '';
  const project = useObservable<TicketDoc | null>(
    () => (projectId ? observeTicket(db, projectId) : of(null)),
    null,
    [db, projectId],
  );
  const siblings = inCreationOrder(useProjectTasks(projectId) ?? []);
  const now = useNow();
  const blockers = isOpenTask(task) ? openDependenciesOf(task, new Map(siblings.map((t) => [t.id, t]))) : [];
  // Reset the form when the stored plan changes (saved here or arriving from another device).
  const planKey = JSON.stringify([
    task.dueAt,
    task.estimateMinutes,
    task.plannedStart,
    task.plannedEnd,
    task.dependsOn,
  ]);

  return (
    <Paper withBorder p="md" data-testid="task-plan">
      <Stack gap="sm">
        <Group justify="space-between">
          <Text size="xs" fw={700} c="dimmed">
            PLAN
          </Text>
          {projectId !== '' && (
            <Text size="sm" data-testid="task-project">
              Part of project{' '}
              <Anchor href={`#/tickets/${projectId}`} size="sm">
                {project?.number ?? '…'}
              </Anchor>
              {project && (
                <Text span size="sm" c="dimmed" className="plain-text">
                  {' '}
                  {project.title}
                </Text>
              )}
            </Text>
          )}
        </Group>
        {projectId === '' && (
          <Text size="sm" c="dimmed">
            This task belongs to no project.
          </Text>
        )}
        {blockers.length > 0 && (
          <Alert color="orange" title={`Blocked by ${blockers.join(', ')}`} data-testid="task-blocked">
            This task cannot start until {blockers.length === 1 ? 'that task is' : 'those tasks are'} done.
          </Alert>
        )}
        {isLateTask(task, now) && (
          <Badge color="red" data-testid="task-late">
            Late: the due date has passed
          </Badge>
        )}
        <PlanEditor key={planKey} task={task} siblings={siblings} />
      </Stack>
    </Paper>
  );
}

function PlanEditor({ task, siblings }: { task: TicketDoc; siblings: readonly TicketDoc[] }) {
  const db = useDb();
  const session = useSession();
  const [plan, setPlan] = useState<PlanForm>(() => planFormOf(task));
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  const { errors: saveErrors, saving, submit } = useSubmit();
  const errors = { ...saveErrors, ...localErrors };
  const locked = task.status === 'closed' || task.status === 'cancelled';

  const save = () => {
    const parsed = readPlanForm(plan);
    setLocalErrors(parsed.ok ? {} : parsed.errors);
    if (!parsed.ok) return;
    void submit(
      () => updateTaskPlan(db, task.id, parsed.plan, session),
      () => undefined,
    );
  };

  return (
    <form
      noValidate
      aria-label="Task plan"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <Stack gap="sm">
        <PlanFields
          value={plan}
          onChange={setPlan}
          errors={errors}
          dependencyChoices={taskChoices(siblings, task.id)}
        />
        {errors.form && (
          <Text c="red" size="sm" role="alert">
            {errors.form}
          </Text>
        )}
        <Group justify="flex-end">
          <Button type="submit" variant="default" loading={saving} disabled={locked}>
            Save plan
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
