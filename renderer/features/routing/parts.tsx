/** Pieces the routing editors share: draft state, the save bar, list-entry controls, options. */
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ActionIcon, Button, Group, Paper, Stack, Text, Title, Tooltip } from '@mantine/core';
import { TICKET_KINDS, type Level } from '../../../shared/domain/model';
import { KIND_LABELS, priorityLabel } from '../../../shared/domain/labels';
import { PRIORITIES } from '../../../shared/domain/priority';
import { categoryLabel, categoryPaths } from '../../../shared/domain/categories';
import type { FieldErrors } from '../../../shared/domain/validation';
import { describeWriteError } from '../../lib/errors';

export const KIND_OPTIONS = TICKET_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }));
export const PRIORITY_OPTIONS = PRIORITIES.map((p) => ({ value: String(p), label: priorityLabel(p) }));
export const LEVEL_OPTIONS: { value: string; label: string }[] = [
  { value: '1', label: '1 – High' },
  { value: '2', label: '2 – Medium' },
  { value: '3', label: '3 – Low' },
];
export const toLevel = (v: string | null, fallback: Level): Level =>
  v === '1' || v === '2' || v === '3' ? (Number(v) as Level) : fallback;

/** Category picker options: every node of the tree, shown as "Hardware › Laptop". */
export function useCategoryOptions(categories: readonly string[], extra: readonly string[] = []) {
  const key = JSON.stringify([categories, extra]);
  return useMemo(
    () => {
      const paths = categoryPaths([...categories, ...extra.filter((c) => c !== '')]);
      return paths.map((p) => ({ value: p, label: categoryLabel(p) }));
    },
    // `key` stands for the lists' content.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key],
  );
}

/** A new id for a list entry; stable across devices once saved. */
export function newEntryId(): string {
  return crypto.randomUUID();
}

/**
 * An editable copy of a saved list. It follows the saved value (another device may change it)
 * until the user edits, and again once saved or discarded.
 */
export function useDraft<T>(saved: readonly T[]) {
  const savedKey = JSON.stringify(saved);
  const [draft, setDraftState] = useState<T[]>(() => [...saved]);
  const [dirty, setDirty] = useState(false);
  const savedRef = useRef(saved);
  savedRef.current = saved;
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;
  // Only a new saved value replaces the draft: after a save the draft already shows it.
  useEffect(() => {
    if (!dirtyRef.current) setDraftState([...savedRef.current]);
  }, [savedKey]);
  const setDraft = useCallback((next: T[]) => {
    setDraftState(next);
    setDirty(true);
  }, []);
  const reset = useCallback(() => {
    setDraftState([...savedRef.current]);
    setDirty(false);
  }, []);
  const markSaved = useCallback(() => setDirty(false), []);
  return { draft, setDraft, dirty, reset, markSaved };
}

export function move<T>(list: readonly T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length) return [...list];
  const next = [...list];
  const [item] = next.splice(from, 1);
  if (item !== undefined) next.splice(to, 0, item);
  return next;
}

export type SaveOutcome = { ok: true } | { ok: false; errors: FieldErrors };

/** Runs a save; field errors stay with the editor, the outcome line goes in the save bar. */
export function useSave(onSaved: () => void) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const run = async (action: () => Promise<SaveOutcome>) => {
    setSaving(true);
    try {
      const result = await action();
      if (result.ok) {
        setErrors({});
        setMessage({ ok: true, text: 'Saved.' });
        onSaved();
      } else {
        setErrors(result.errors);
        setMessage({
          ok: false,
          text: result.errors.form ?? 'Please correct the highlighted fields. Nothing has been saved.',
        });
      }
    } catch (error) {
      setMessage({ ok: false, text: describeWriteError(error) });
    } finally {
      setSaving(false);
    }
  };
  const clear = () => {
    setErrors({});
    setMessage(null);
  };
  return { errors, message, saving, run, clear };
}

export function Section(props: {
  title: string;
  description: ReactNode;
  testId: string;
  children: ReactNode;
}) {
  return (
    <Paper withBorder p="md" data-testid={props.testId}>
      <Stack gap="sm">
        <Title order={4}>{props.title}</Title>
        <Text size="sm" c="dimmed">
          {props.description}
        </Text>
        {props.children}
      </Stack>
    </Paper>
  );
}

export function SaveBar(props: {
  label: string;
  saving: boolean;
  dirty: boolean;
  message: { ok: boolean; text: string } | null;
  onSave: () => void;
  onDiscard: () => void;
  extra?: ReactNode;
}) {
  return (
    <Group>
      {props.extra}
      <Button onClick={props.onSave} loading={props.saving}>
        {props.label}
      </Button>
      {props.dirty && (
        <Button variant="default" onClick={props.onDiscard}>
          Discard changes
        </Button>
      )}
      {props.message && (
        <Text size="sm" c={props.message.ok ? 'teal' : 'red'} role={props.message.ok ? 'status' : 'alert'}>
          {props.message.text}
        </Text>
      )}
    </Group>
  );
}

/** Up, down and remove for one entry of an ordered list; `name` makes the labels unique. */
export function EntryControls(props: {
  name: string;
  index: number;
  count: number;
  onMove: (to: number) => void;
  onRemove: () => void;
}) {
  const { name, index, count } = props;
  return (
    <Group gap={4}>
      <Tooltip label="Move up">
        <ActionIcon
          variant="default"
          aria-label={`Move ${name} up`}
          disabled={index === 0}
          onClick={() => props.onMove(index - 1)}
        >
          ↑
        </ActionIcon>
      </Tooltip>
      <Tooltip label="Move down">
        <ActionIcon
          variant="default"
          aria-label={`Move ${name} down`}
          disabled={index === count - 1}
          onClick={() => props.onMove(index + 1)}
        >
          ↓
        </ActionIcon>
      </Tooltip>
      <Tooltip label="Remove">
        <ActionIcon variant="default" color="red" aria-label={`Remove ${name}`} onClick={props.onRemove}>
          ✕
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}
