import { useState } from 'react';
import { Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import type { TicketDoc } from '../../../shared/domain/model';
import type { FieldErrors } from '../../../shared/domain/validation';
import { createTask } from '../../data/projects';
import { useDb } from '../../app/database';
import { useDirectory } from '../../app/people';
import { useSession } from '../../app/session';
import { useSubmit } from '../../lib/useSubmit';
import { PlanFields, taskChoices } from './PlanFields';
import { planFormOf, readPlanForm, type PlanForm } from './planInputs';

/** "Add task": what the task is, who does it, and how it fits the plan. */
export function AddTaskModal({
  project,
  tasks,
  onClose,
}: {
  project: TicketDoc;
  tasks: readonly TicketDoc[];
  onClose: () => void;
}) {
  const db = useDb();
  const session = useSession();
  const directory = useDirectory();
  const [title, setTitle] = useState('');
  const [assigneeId, setAssigneeId] = useState('');
  const [plan, setPlan] = useState<PlanForm>(() => planFormOf());
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  const { errors: saveErrors, saving, submit } = useSubmit();
  const errors = { ...saveErrors, ...localErrors };

  const save = () => {
    const parsed = readPlanForm(plan);
    setLocalErrors(parsed.ok ? {} : parsed.errors);
    if (!parsed.ok) return;
    void submit(() => createTask(db, project.id, { title, assigneeId, ...parsed.plan }, session), onClose);
  };
  const shown = Object.keys(errors).length > 0;

  return (
    <Modal opened onClose={onClose} title={`Add a task to ${project.number}`} size="lg">
      <form
        noValidate
        aria-label="Add task"
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <Stack gap="sm">
          <TextInput
            label="Title"
            withAsterisk
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={errors.title}
            data-autofocus
          />
          <Select
            label="Assignee"
            searchable
            clearable
            data={directory.users.map((u) => ({ value: u.id, label: u.name }))}
            value={assigneeId || null}
            onChange={(v) => setAssigneeId(v ?? '')}
            error={errors.assigneeId}
          />
          <PlanFields
            value={plan}
            onChange={setPlan}
            errors={errors}
            dependencyChoices={taskChoices(tasks)}
          />
          {shown && (
            <Text c="red" size="sm" role="alert">
              {errors.form ?? 'Please correct the highlighted fields. Nothing has been saved.'}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={saving}>
              Create task
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
