import { useState } from 'react';
import { Button, Group, NumberInput, Paper, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { addActivity } from '../../data';
import { useDb } from '../../app/database';
import { useUi } from '../../state/ui';
import { useSubmit } from '../../lib/useSubmit';

type EntryKind = 'comment' | 'note' | 'worklog';

/** Adds a public comment, an internal note or a work log entry (with time spent). */
export function Composer({ ticketId }: { ticketId: string }) {
  const db = useDb();
  const userId = useUi((s) => s.userId);
  const [kind, setKind] = useState<EntryKind>('comment');
  const [body, setBody] = useState('');
  const [minutes, setMinutes] = useState<number | string>(30);
  const { errors, saving, submit } = useSubmit();

  const save = () =>
    submit(
      () =>
        addActivity(
          db,
          ticketId,
          { kind, body, minutes: kind === 'worklog' ? Number(minutes) : 0 },
          { userId },
        ),
      () => setBody(''),
    );

  return (
    <Paper withBorder p="md">
      <form
        aria-label="Add to timeline"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Stack gap="xs">
          <SegmentedControl
            value={kind}
            onChange={(v) => setKind(v as EntryKind)}
            data={[
              { value: 'comment', label: 'Public comment' },
              { value: 'note', label: 'Internal note' },
              { value: 'worklog', label: 'Work log' },
            ]}
            w="fit-content"
          />
          <Textarea
            aria-label="Entry text"
            placeholder={
              kind === 'note'
                ? 'Only agents and technicians see internal notes'
                : kind === 'worklog'
                  ? 'What did you do?'
                  : 'Reply visible to the requester'
            }
            autosize
            minRows={2}
            maxRows={10}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void save();
            }}
            error={errors.body}
          />
          {errors.form && (
            <Text c="red" size="sm" role="alert">
              {errors.form}
            </Text>
          )}
          <Group justify="space-between">
            {kind === 'worklog' ? (
              <NumberInput
                label="Time spent (minutes)"
                min={1}
                max={1440}
                step={5}
                value={minutes}
                onChange={setMinutes}
                error={errors.minutes}
                w={200}
              />
            ) : (
              <span />
            )}
            <Button type="submit" loading={saving}>
              {kind === 'comment' ? 'Add comment' : kind === 'note' ? 'Add note' : 'Log work'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
