import { useEffect, useState } from 'react';
import { Button, Grid, Group, MultiSelect, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import type { BlackoutWindow } from '../../../shared/domain/changeCalendar';
import { FORM_ERROR_KEY } from '../../../shared/domain/validation';
import { newBlackoutId, observeBlackouts, saveBlackouts } from '../../data/changes';
import { useDb } from '../../app/database';
import { useObservable } from '../../app/hooks';
import { useCiChoices } from '../../app/cis';
import { useSession } from '../../app/session';
import { useSubmit } from '../../lib/useSubmit';
import { fromLocalInput, toLocalInput } from './datetime';

interface Row {
  id: string;
  name: string;
  start: string;
  end: string;
  ciIds: string[];
}

const toRow = (w: BlackoutWindow): Row => ({
  id: w.id,
  name: w.name,
  start: toLocalInput(w.start),
  end: toLocalInput(w.end),
  ciIds: w.ciIds,
});

/** Periods when no change may run (year-end, a launch), for everything or for some items. */
export function BlackoutEditor() {
  const db = useDb();
  const session = useSession();
  const ciChoices = useCiChoices();
  const stored = useObservable<BlackoutWindow[] | null>(() => observeBlackouts(db), null, [db]);
  const [rows, setRows] = useState<Row[] | null>(null);
  const [saved, setSaved] = useState(false);
  const { errors, saving, submit } = useSubmit();
  useEffect(() => {
    if (stored) setRows(stored.map(toRow));
  }, [stored]);
  if (!rows) return null;

  const update = (next: Row[]) => {
    setSaved(false);
    setRows(next);
  };
  const setRow = (i: number, patch: Partial<Row>) =>
    update(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const save = () =>
    submit(
      () =>
        saveBlackouts(
          db,
          rows.map((r) => ({ ...r, start: fromLocalInput(r.start), end: fromLocalInput(r.end) })),
          session,
        ),
      () => setSaved(true),
    );

  return (
    <form
      aria-label="Blackout windows"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Stack gap="sm">
        <Title order={4}>Blackout windows</Title>
        <Text size="sm" c="dimmed">
          Changes planned in a blackout window are flagged as conflicts. Without items, a window applies to
          every change.
        </Text>
        {rows.length === 0 && (
          <Text size="sm" c="dimmed" fs="italic">
            No blackout windows.
          </Text>
        )}
        {rows.map((row, i) => (
          <Paper key={row.id} withBorder p="sm" data-testid="blackout-row">
            <Grid align="flex-start">
              <Grid.Col span={{ base: 12, md: 3 }}>
                <TextInput
                  label="Name"
                  value={row.name}
                  onChange={(e) => setRow(i, { name: e.currentTarget.value })}
                  error={errors[`${i}.name`]}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 6, md: 2 }}>
                <TextInput
                  type="datetime-local"
                  label="Start"
                  value={row.start}
                  onChange={(e) => setRow(i, { start: e.currentTarget.value })}
                  error={errors[`${i}.start`]}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 6, md: 2 }}>
                <TextInput
                  type="datetime-local"
                  label="End"
                  value={row.end}
                  onChange={(e) => setRow(i, { end: e.currentTarget.value })}
                  error={errors[`${i}.end`]}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 4 }}>
                <MultiSelect
                  label="Items"
                  placeholder={row.ciIds.length ? undefined : 'Every item'}
                  searchable
                  clearable
                  limit={50}
                  data={ciChoices}
                  value={row.ciIds}
                  onChange={(v) => setRow(i, { ciIds: v })}
                  error={errors[`${i}.ciIds`]}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 1 }}>
                <Button
                  mt={{ base: 0, md: 24 }}
                  variant="subtle"
                  color="red"
                  aria-label={`Remove ${row.name || 'blackout window'}`}
                  onClick={() => update(rows.filter((_, j) => j !== i))}
                >
                  Remove
                </Button>
              </Grid.Col>
            </Grid>
          </Paper>
        ))}
        <Group>
          <Button
            variant="default"
            onClick={() =>
              update([...rows, { id: newBlackoutId(), name: '', start: '', end: '', ciIds: [] }])
            }
          >
            Add blackout window
          </Button>
          <Button type="submit" loading={saving}>
            Save blackout windows
          </Button>
          {(errors[FORM_ERROR_KEY] || errors.windows) && (
            <Text size="sm" c="red" role="alert">
              {errors[FORM_ERROR_KEY] ?? errors.windows}
            </Text>
          )}
          {!errors[FORM_ERROR_KEY] && Object.keys(errors).length > 0 && (
            <Text size="sm" c="red" role="alert">
              Please correct the highlighted fields. Nothing has been saved.
            </Text>
          )}
          {saved && (
            <Text size="sm" c="teal" role="status">
              Saved.
            </Text>
          )}
        </Group>
      </Stack>
    </form>
  );
}
