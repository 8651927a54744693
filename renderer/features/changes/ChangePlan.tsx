import { useState } from 'react';
import { Button, Grid, Group, Paper, Stack, Text, TextInput, Textarea } from '@mantine/core';
import type { TicketDoc } from '../../../shared/domain/model';
import type { FieldErrors } from '../../../shared/domain/validation';
import { FORM_ERROR_KEY } from '../../../shared/domain/validation';
import { updateTicket } from '../../data/tickets';
import { useDb } from '../../app/database';
import { useSession } from '../../app/session';
import { useSubmit } from '../../lib/useSubmit';
import { formatWindow, fromLocalInput, toLocalInput } from './datetime';

interface Draft {
  implementationPlan: string;
  backoutPlan: string;
  testPlan: string;
  start: string;
  end: string;
}

const PLANS = [
  { key: 'implementationPlan', label: 'Implementation plan' },
  { key: 'backoutPlan', label: 'Back-out plan' },
  { key: 'testPlan', label: 'Test plan' },
] as const;

function draftOf(ticket: TicketDoc): Draft {
  return {
    implementationPlan: ticket.implementationPlan ?? '',
    backoutPlan: ticket.backoutPlan ?? '',
    testPlan: ticket.testPlan ?? '',
    start: toLocalInput(ticket.plannedStart),
    end: toLocalInput(ticket.plannedEnd),
  };
}

/** Window fields as the model stores them, or the errors of a half-filled or bad window. */
function parseWindow(
  draft: Draft,
): { ok: true; start: number; end: number } | { ok: false; errors: FieldErrors } {
  const start = draft.start.trim() === '' ? 0 : fromLocalInput(draft.start);
  const end = draft.end.trim() === '' ? 0 : fromLocalInput(draft.end);
  const errors: FieldErrors = {};
  if (start === null) errors.plannedStart = 'Enter a valid date and time.';
  if (end === null) errors.plannedEnd = 'Enter a valid date and time.';
  if (start === 0 && end) errors.plannedStart = 'Enter the start too.';
  if (end === 0 && start) errors.plannedEnd = 'Enter the end too.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, start: start ?? 0, end: end ?? 0 };
}

/** Implementation, back-out and test plans and the planned window: shown as text, edited in place. */
export function ChangePlan({ ticket, readOnly }: { ticket: TicketDoc; readOnly: boolean }) {
  const db = useDb();
  const session = useSession();
  const [draft, setDraft] = useState<Draft | null>(null);
  const { errors, saving, submit } = useSubmit();

  const save = (value: Draft) =>
    submit(
      async () => {
        const window = parseWindow(value);
        if (!window.ok) return window;
        const process = {
          implementationPlan: value.implementationPlan,
          backoutPlan: value.backoutPlan,
          testPlan: value.testPlan,
          plannedStart: window.start,
          plannedEnd: window.end,
        };
        return updateTicket(db, ticket.id, { process }, session);
      },
      () => setDraft(null),
    );

  if (draft) {
    const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
    return (
      <Paper withBorder p="md">
        <form
          aria-label="Change plan"
          onSubmit={(e) => {
            e.preventDefault();
            void save(draft);
          }}
        >
          <Stack gap="sm">
            {PLANS.map(({ key, label }) => (
              <Textarea
                key={key}
                label={label}
                autosize
                minRows={3}
                maxRows={14}
                value={draft[key]}
                onChange={(e) => set({ [key]: e.currentTarget.value })}
                error={errors[key]}
              />
            ))}
            <Grid>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <TextInput
                  type="datetime-local"
                  label="Planned start"
                  value={draft.start}
                  onChange={(e) => set({ start: e.currentTarget.value })}
                  error={errors.plannedStart}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <TextInput
                  type="datetime-local"
                  label="Planned end"
                  value={draft.end}
                  onChange={(e) => set({ end: e.currentTarget.value })}
                  error={errors.plannedEnd}
                />
              </Grid.Col>
            </Grid>
            {errors[FORM_ERROR_KEY] && (
              <Text c="red" size="sm" role="alert">
                {errors[FORM_ERROR_KEY]}
              </Text>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setDraft(null)}>
                Cancel
              </Button>
              <Button type="submit" loading={saving}>
                Save plan
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    );
  }

  return (
    <Paper withBorder p="md" data-testid="change-plan">
      <Stack gap="sm">
        <Group justify="space-between">
          <Text size="xs" fw={700} c="dimmed">
            PLAN
          </Text>
          {!readOnly && (
            <Button size="xs" variant="default" onClick={() => setDraft(draftOf(ticket))}>
              Edit plan
            </Button>
          )}
        </Group>
        <Stack gap={2}>
          <Text size="sm" fw={600}>
            Planned window
          </Text>
          <Text size="sm" data-testid="change-window" c={ticket.plannedStart ? undefined : 'dimmed'}>
            {formatWindow(ticket.plannedStart, ticket.plannedEnd)}
          </Text>
        </Stack>
        {PLANS.map(({ key, label }) => (
          <Stack gap={2} key={key}>
            <Text size="sm" fw={600}>
              {label}
            </Text>
            {ticket[key] ? (
              <Text size="sm" className="plain-text" data-testid={`change-${key}`}>
                {ticket[key]}
              </Text>
            ) : (
              <Text size="sm" c="dimmed" fs="italic">
                Not written yet.
              </Text>
            )}
          </Stack>
        ))}
      </Stack>
    </Paper>
  );
}
