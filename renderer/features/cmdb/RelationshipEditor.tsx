import { useMemo, useState } from 'react';
import { Anchor, Badge, Button, Grid, Group, Paper, Select, Stack, Text } from '@mantine/core';
import type { CmdbGraph, GraphEdge } from '../../../shared/domain/impact';
import { CI_CLASS_LABELS, labelOf } from '../../../shared/domain/labels';
import type { CiDoc, RelationType } from '../../../shared/domain/model';
import {
  CI_RELATION_TYPES,
  RELATION_PHRASES,
  SYMMETRIC_TYPES,
  relationPhrase,
} from '../../../shared/domain/relations';
import { addRelation, removeRelation } from '../../data/relations';
import { useDb } from '../../app/database';
import { useSession } from '../../app/session';
import { useSubmit } from '../../lib/useSubmit';

/** "depends on" and "is depended on by" are two choices of one type, told apart by direction. */
const DIRECTED_CHOICES = CI_RELATION_TYPES.flatMap((relType) => {
  const out = { value: `${relType}:out`, label: RELATION_PHRASES[relType].outgoing };
  if (SYMMETRIC_TYPES.includes(relType)) return [out];
  return [out, { value: `${relType}:in`, label: RELATION_PHRASES[relType].incoming }];
});

interface Row {
  edge: GraphEdge;
  otherId: string;
  outgoing: boolean;
  phrase: string;
}

export function RelationshipEditor({
  ci,
  graph,
  cis,
  canEdit,
  canDelete,
}: {
  ci: CiDoc;
  graph: CmdbGraph;
  cis: ReadonlyMap<string, CiDoc>;
  canEdit: boolean;
  canDelete: boolean;
}) {
  const db = useDb();
  const session = useSession();
  const [choice, setChoice] = useState<string | null>('depends_on:out');
  const [targetId, setTargetId] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const { errors, saving, submit } = useSubmit();
  const [removeError, setRemoveError] = useState('');

  const rows: Row[] = useMemo(() => {
    const name = (id: string) => cis.get(id)?.name ?? id;
    const out = (graph.out.get(ci.id) ?? []).map((edge) => ({ edge, otherId: edge.toId, outgoing: true }));
    const inn = (graph.in.get(ci.id) ?? []).map((edge) => ({ edge, otherId: edge.fromId, outgoing: false }));
    return [...out, ...inn]
      .filter((r) => cis.has(r.otherId))
      .map((r) => ({ ...r, phrase: relationPhrase(r.edge.relType, r.outgoing) }))
      .sort((a, b) => a.phrase.localeCompare(b.phrase) || name(a.otherId).localeCompare(name(b.otherId)));
  }, [graph, ci.id, cis]);

  // Searching 20,000 items per keystroke is cheap; drawing them is not: show the first 50.
  const targets = useMemo(() => {
    const words = search.toLowerCase().split(/\s+/).filter(Boolean);
    const found: { value: string; label: string }[] = [];
    for (const other of cis.values()) {
      if (other.id === ci.id) continue;
      const label = `${other.name}${other.assetTag ? ` · ${other.assetTag}` : ''} (${labelOf(CI_CLASS_LABELS, other.ciClass)})`;
      if (words.length > 0 && !words.every((w) => label.toLowerCase().includes(w))) continue;
      found.push({ value: other.id, label });
      if (found.length >= 50) break;
    }
    const chosen = targetId ? cis.get(targetId) : undefined;
    if (chosen && !found.some((f) => f.value === chosen.id)) {
      found.unshift({
        value: chosen.id,
        label: `${chosen.name} (${labelOf(CI_CLASS_LABELS, chosen.ciClass)})`,
      });
    }
    return found;
  }, [cis, ci.id, search, targetId]);

  const add = () => {
    const [relType, direction] = (choice ?? '').split(':') as [RelationType, string];
    const other = targetId ?? '';
    const input =
      direction === 'in' ? { fromId: other, toId: ci.id, relType } : { fromId: ci.id, toId: other, relType };
    return submit(
      async () => {
        if (!other) return { ok: false as const, errors: { toId: 'Choose the other item.' } };
        const result = await addRelation(db, input, session);
        // A duplicate or self link is about the chosen item, whichever end it is stored at.
        return result;
      },
      () => {
        setTargetId(null);
        setSearch('');
      },
    );
  };

  const remove = async (edge: GraphEdge) => {
    setRemoveError('');
    const result = await removeRelation(db, edge.id, session);
    if (!result.ok) setRemoveError(result.errors.form ?? 'Could not remove this relationship.');
  };

  return (
    <Paper withBorder p="md" data-testid="relationships">
      <Text size="xs" fw={700} c="dimmed" mb="xs">
        RELATIONSHIPS ({rows.length})
      </Text>
      <Stack gap={6}>
        {rows.length === 0 && (
          <Text size="sm" c="dimmed">
            This item is not related to any other yet.
          </Text>
        )}
        {rows.map((row) => {
          const other = cis.get(row.otherId);
          return (
            <Group key={row.edge.id} justify="space-between" wrap="nowrap" data-testid="relationship">
              <Group gap="xs" wrap="nowrap">
                <Text size="sm" c="dimmed" data-testid="relationship-phrase">
                  {row.phrase}
                </Text>
                <Anchor
                  size="sm"
                  href={`#/cmdb/${row.otherId}`}
                  className="plain-text"
                  data-testid="relationship-target"
                >
                  {other?.name ?? row.otherId}
                </Anchor>
                {other && (
                  <Badge size="xs" variant="light">
                    {labelOf(CI_CLASS_LABELS, other.ciClass)}
                  </Badge>
                )}
              </Group>
              {canDelete && (
                <Button
                  size="compact-xs"
                  variant="subtle"
                  color="red"
                  onClick={() => void remove(row.edge)}
                  aria-label={`Remove ${row.phrase} ${other?.name ?? ''}`}
                >
                  Remove
                </Button>
              )}
            </Group>
          );
        })}
        {removeError && (
          <Text size="sm" c="red" role="alert">
            {removeError}
          </Text>
        )}
      </Stack>
      {canEdit && (
        <form
          aria-label="Add relationship"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          <Grid mt="sm" align="flex-end">
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <Select
                label="This item"
                data={DIRECTED_CHOICES}
                value={choice}
                onChange={setChoice}
                allowDeselect={false}
                error={errors.relType}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <Select
                label="Other item"
                placeholder="Search by name or tag"
                searchable
                clearable
                data={targets}
                value={targetId}
                onChange={setTargetId}
                searchValue={search}
                onSearchChange={setSearch}
                filter={({ options }) => options}
                nothingFoundMessage="No item matches"
                error={errors.toId ?? errors.fromId ?? errors.form}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 2 }}>
              <Button type="submit" loading={saving} fullWidth>
                Add
              </Button>
            </Grid.Col>
          </Grid>
        </form>
      )}
    </Paper>
  );
}
