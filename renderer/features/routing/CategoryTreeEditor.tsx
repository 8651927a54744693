import { useMemo, useState } from 'react';
import { ActionIcon, Button, Group, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import {
  addCategory,
  buildCategoryTree,
  flattenCategoryTree,
  removeCategory,
  renameCategory,
  type FlatCategory,
} from '../../../shared/domain/categories';
import { saveCategories } from '../../data/routing';
import { useDb } from '../../app/database';
import { useRoutingSettings, useSettingsSession } from './hooks';
import { SaveBar, Section, useDraft, useSave } from './parts';

/** The category tree: add, rename (moving the branch along) and remove paths, then save. */
export function CategoryTreeEditor() {
  const db = useDb();
  const session = useSettingsSession();
  const { categories } = useRoutingSettings();
  const { draft, setDraft, dirty, reset, markSaved } = useDraft(categories);
  const save = useSave(markSaved);
  const [newPath, setNewPath] = useState('');
  const [addError, setAddError] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<{ path: string; value: string; error: string | null } | null>(
    null,
  );
  const outline = useMemo(() => flattenCategoryTree(buildCategoryTree(draft)), [draft]);

  const add = () => {
    const result = addCategory(draft, newPath);
    if (!result.ok) {
      setAddError(result.error);
      return;
    }
    setDraft(result.categories);
    setNewPath('');
    setAddError(null);
  };

  const applyRename = () => {
    if (!renaming) return;
    const result = renameCategory(draft, renaming.path, renaming.value);
    if (!result.ok) {
      setRenaming({ ...renaming, error: result.error });
      return;
    }
    setDraft(result.categories);
    setRenaming(null);
  };

  const storedError = Object.entries(save.errors).find(([k]) => k !== 'form');

  return (
    <Section
      title="Categories"
      testId="category-editor"
      description='Write levels with "/", for example Hardware/Laptop. Rules that name a category also match everything below it. Tickets keep the category they were saved with.'
    >
      <Stack gap={2} aria-label="Category tree" role="list">
        {outline.length === 0 && <Text size="sm">No categories yet.</Text>}
        {outline.map((c) =>
          renaming?.path === c.path ? (
            <Group key={c.path} gap="xs" pl={c.depth * 24} align="flex-start" role="listitem">
              <TextInput
                size="xs"
                w={320}
                aria-label={`New path for ${c.path}`}
                value={renaming.value}
                error={renaming.error}
                onChange={(e) => setRenaming({ ...renaming, value: e.currentTarget.value, error: null })}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') applyRename();
                  if (e.key === 'Escape') setRenaming(null);
                }}
                data-autofocus
              />
              <Button size="xs" onClick={applyRename}>
                Rename
              </Button>
              <Button size="xs" variant="default" onClick={() => setRenaming(null)}>
                Cancel
              </Button>
            </Group>
          ) : (
            <CategoryRow
              key={c.path}
              category={c}
              onRename={() => setRenaming({ path: c.path, value: c.path, error: null })}
              onRemove={() => setDraft(removeCategory(draft, c.path))}
            />
          ),
        )}
      </Stack>
      <Group align="flex-start" gap="xs">
        <TextInput
          label="New category"
          placeholder="Hardware/Laptop"
          w={320}
          value={newPath}
          error={addError}
          onChange={(e) => {
            setNewPath(e.currentTarget.value);
            setAddError(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
        />
        <Button mt={25} variant="default" onClick={add}>
          Add category
        </Button>
      </Group>
      {storedError && (
        <Text c="red" size="sm" role="alert">
          {storedError[1]}
        </Text>
      )}
      <SaveBar
        label="Save categories"
        saving={save.saving}
        dirty={dirty}
        message={save.message}
        onSave={() => void save.run(() => saveCategories(db, draft, session))}
        onDiscard={() => {
          reset();
          save.clear();
        }}
      />
    </Section>
  );
}

function CategoryRow(props: { category: FlatCategory; onRename: () => void; onRemove: () => void }) {
  const { category: c } = props;
  return (
    <Group gap="xs" pl={c.depth * 24} role="listitem" data-testid="category-node" data-path={c.path}>
      <Text size="sm" fw={c.depth === 0 ? 600 : 400} c={c.listed ? undefined : 'dimmed'}>
        {c.name}
      </Text>
      {!c.listed && (
        <Text size="xs" c="dimmed">
          (from its sub-categories)
        </Text>
      )}
      <Tooltip label="Rename or move">
        <ActionIcon size="sm" variant="subtle" aria-label={`Rename ${c.path}`} onClick={props.onRename}>
          ✎
        </ActionIcon>
      </Tooltip>
      <Tooltip label={c.hasChildren ? 'Remove with its sub-categories' : 'Remove'}>
        <ActionIcon
          size="sm"
          variant="subtle"
          color="red"
          aria-label={`Remove ${c.path}`}
          onClick={props.onRemove}
        >
          ✕
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}
