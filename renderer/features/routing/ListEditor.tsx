import { Fragment, type ReactNode } from 'react';
import { Button, Text } from '@mantine/core';
import type { FieldErrors } from '../../../shared/domain/validation';
import { SaveBar, Section, move, useDraft, useSave, type SaveOutcome } from './parts';

/** What one entry's card gets from the list: its value, place, errors and the edits it may make. */
export interface EntryCard<T> {
  entry: T;
  index: number;
  count: number;
  errors: FieldErrors;
  onChange: (next: T) => void;
  onMove: (to: number) => void;
  onRemove: () => void;
}

/**
 * An ordered list of entries saved as one team setting (assignment rules, escalation rules,
 * templates): a draft that follows the saved value until edited, a card per entry, add, save
 * and discard. Each editor only says what an entry looks like and how the list is saved.
 */
export function ListEditor<T extends { id: string }>(props: {
  title: string;
  testId: string;
  description: ReactNode;
  emptyText: string;
  addLabel: string;
  saveLabel: string;
  saved: readonly T[];
  create: () => T;
  save: (draft: T[]) => Promise<SaveOutcome>;
  renderCard: (card: EntryCard<T>) => ReactNode;
}) {
  const { draft, setDraft, dirty, reset, markSaved } = useDraft(props.saved);
  const save = useSave(markSaved);
  return (
    <Section title={props.title} testId={props.testId} description={props.description}>
      {draft.length === 0 && <Text size="sm">{props.emptyText}</Text>}
      {draft.map((entry, i) => (
        <Fragment key={entry.id}>
          {props.renderCard({
            entry,
            index: i,
            count: draft.length,
            errors: save.errors,
            onChange: (next) => setDraft(draft.map((e, j) => (j === i ? next : e))),
            onMove: (to) => setDraft(move(draft, i, to)),
            onRemove: () => setDraft(draft.filter((_, j) => j !== i)),
          })}
        </Fragment>
      ))}
      <SaveBar
        label={props.saveLabel}
        saving={save.saving}
        dirty={dirty}
        message={save.message}
        onSave={() => void save.run(() => props.save(draft))}
        onDiscard={() => {
          reset();
          save.clear();
        }}
        extra={
          <Button variant="default" onClick={() => setDraft([...draft, props.create()])}>
            {props.addLabel}
          </Button>
        }
      />
    </Section>
  );
}
