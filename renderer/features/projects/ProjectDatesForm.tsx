import { useState } from 'react';
import { Button, Grid, Text, TextInput } from '@mantine/core';
import type { TicketDoc } from '../../../shared/domain/model';
import type { ProcessPatch } from '../../../shared/domain/process';
import type { FieldErrors } from '../../../shared/domain/validation';
import { updateTicket } from '../../data';
import { useDb } from '../../app/database';
import { useSession } from '../../app/session';
import { useSubmit } from '../../lib/useSubmit';
import { parseDateInput, toDateInput } from './planInputs';

/** The project's own dates: its planned start (where unscheduled tasks begin), end and due date. */
export function ProjectDatesForm({ project }: { project: TicketDoc }) {
  const db = useDb();
  const session = useSession();
  const [start, setStart] = useState(toDateInput(project.plannedStart));
  const [end, setEnd] = useState(toDateInput(project.plannedEnd));
  const [due, setDue] = useState(toDateInput(project.dueAt));
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  const { errors: saveErrors, saving, submit } = useSubmit();
  const errors = { ...saveErrors, ...localErrors };
  const locked = project.status === 'closed' || project.status === 'cancelled';

  const save = () => {
    const parsed = {
      plannedStart: parseDateInput(start, 'start'),
      plannedEnd: parseDateInput(end, 'end'),
      dueAt: parseDateInput(due, 'end'),
    };
    const local: FieldErrors = {};
    const process: ProcessPatch = {};
    for (const [key, result] of Object.entries(parsed) as [keyof typeof parsed, (typeof parsed)['dueAt']][]) {
      if (!result.ok) local[key] = result.error;
      else if (result.value !== (project[key] ?? 0)) process[key] = result.value;
    }
    const s = parsed.plannedStart.ok ? parsed.plannedStart.value : 0;
    const e = parsed.plannedEnd.ok ? parsed.plannedEnd.value : 0;
    if (s > 0 && e > 0 && e <= s) local.plannedEnd = 'The end must be after the start.';
    setLocalErrors(local);
    if (Object.keys(local).length > 0) return;
    void submit(
      () => updateTicket(db, project.id, { process }, session),
      () => undefined,
    );
  };

  return (
    <form
      noValidate
      aria-label="Project dates"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <Grid align="flex-end">
        <Grid.Col span={{ base: 12, sm: 3 }}>
          <TextInput
            type="date"
            label="Planned start"
            size="xs"
            value={start}
            onChange={(e) => setStart(e.currentTarget.value)}
            error={errors.plannedStart}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 3 }}>
          <TextInput
            type="date"
            label="Planned end"
            size="xs"
            value={end}
            onChange={(e) => setEnd(e.currentTarget.value)}
            error={errors.plannedEnd}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 3 }}>
          <TextInput
            type="date"
            label="Due date"
            size="xs"
            value={due}
            onChange={(e) => setDue(e.currentTarget.value)}
            error={errors.dueAt}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 3 }}>
          <Button type="submit" size="xs" variant="default" loading={saving} disabled={locked} fullWidth>
            Save dates
          </Button>
        </Grid.Col>
      </Grid>
      {errors.form && (
        <Text c="red" size="sm" role="alert" mt="xs">
          {errors.form}
        </Text>
      )}
    </form>
  );
}
