import { useEffect, useState } from 'react';
import { Button, Group, List, Loader, Modal, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import type { Level, TicketDoc } from '../../../shared/domain/model';
import { problemDraft, type ProblemDraft } from '../../../shared/domain/problems';
import { createProblemFromIncidents, loadTickets, type LinkFailure } from '../../data/problems';
import { useDb } from '../../app/database';
import { navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { useSubmit } from '../../lib/useSubmit';
import { LEVEL_OPTIONS } from './shared';

type Loaded = { state: 'loading' } | { state: 'refused'; error: string } | { state: 'ready' };

/** Raises a problem from the ticked records, links them, then opens the new problem. */
export function CreateProblemModal({
  ids,
  problemNumber,
  onClose,
  onCreated,
}: {
  ids: readonly string[];
  problemNumber: (id: string) => string | undefined;
  onClose: () => void;
  onCreated: () => void;
}) {
  const db = useDb();
  const session = useSession();
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [draft, setDraft] = useState<ProblemDraft | null>(null);
  const [partial, setPartial] = useState<{ problem: TicketDoc; failed: LinkFailure[] } | null>(null);
  const { errors, saving, submit } = useSubmit();

  useEffect(() => {
    let live = true;
    loadTickets(db, ids).then(
      (records) => {
        if (!live) return;
        const result =
          records.length < ids.length
            ? ({ ok: false, error: 'A selected ticket no longer exists.' } as const)
            : problemDraft(records, problemNumber);
        if (result.ok) {
          setLoaded({ state: 'ready' });
          setDraft(result.draft);
        } else setLoaded({ state: 'refused', error: result.error });
      },
      (error: unknown) => live && setLoaded({ state: 'refused', error: String(error) }),
    );
    return () => {
      live = false;
    };
    // The ids are fixed for the modal's lifetime.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [db]);

  const open = (problem: TicketDoc) => {
    onCreated();
    navigate(`/tickets/${problem.id}`);
  };
  const save = () => {
    if (!draft) return;
    void submit(
      () => createProblemFromIncidents(db, ids, draft, session),
      (result) => {
        if (result.failed.length === 0) open(result.problem);
        else setPartial({ problem: result.problem, failed: result.failed });
      },
    );
  };
  const set = <K extends keyof ProblemDraft>(key: K, value: ProblemDraft[K]) =>
    setDraft((prev) => (prev ? { ...prev, [key]: value } : prev));

  return (
    <Modal opened onClose={onClose} title="Create problem" size="lg">
      {loaded.state === 'loading' && <Loader aria-label="Loading the selection" />}
      {loaded.state === 'refused' && (
        <Text c="red" size="sm" role="alert">
          {loaded.error}
        </Text>
      )}
      {partial && (
        <Stack gap="sm" data-testid="problem-partial">
          <Text size="sm">
            {partial.problem.number} was created, but these records could not be linked to it:
          </Text>
          <List size="sm">
            {partial.failed.map((f) => (
              <List.Item key={f.id}>
                {f.number}: {f.reason}
              </List.Item>
            ))}
          </List>
          <Group justify="flex-end">
            <Button onClick={() => open(partial.problem)}>Open {partial.problem.number}</Button>
          </Group>
        </Stack>
      )}
      {draft && !partial && (
        <form
          aria-label="Create problem"
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
        >
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              {ids.length} {ids.length === 1 ? 'record' : 'records'} will be linked to the new problem.
            </Text>
            <TextInput
              label="Title"
              value={draft.title}
              onChange={(e) => set('title', e.currentTarget.value)}
              error={errors.title}
              data-autofocus
            />
            <Textarea
              label="Description"
              autosize
              minRows={3}
              maxRows={12}
              value={draft.description}
              onChange={(e) => set('description', e.currentTarget.value)}
              error={errors.description}
            />
            <Group grow>
              <Select
                label="Impact"
                data={LEVEL_OPTIONS}
                value={String(draft.impact)}
                onChange={(v) => v && set('impact', Number(v) as Level)}
                error={errors.impact}
                allowDeselect={false}
              />
              <Select
                label="Urgency"
                data={LEVEL_OPTIONS}
                value={String(draft.urgency)}
                onChange={(v) => v && set('urgency', Number(v) as Level)}
                error={errors.urgency}
                allowDeselect={false}
              />
            </Group>
            {(errors.form || errors.requesterId) && (
              <Text c="red" size="sm" role="alert">
                {errors.form ?? errors.requesterId}
              </Text>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" loading={saving}>
                Create problem
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
