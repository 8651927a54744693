import { useMemo, useState } from 'react';
import { Button, Group, Paper, SegmentedControl, Select, Stack, Table, Text } from '@mantine/core';
import { articleVersions, versionLabels } from '../../../shared/domain/articleUse';
import type { ActivityDoc, ArticleDoc } from '../../../shared/domain/model';
import { restoreArticleVersion } from '../../data/articles';
import { useDb } from '../../app/database';
import { useDirectory } from '../../app/people';
import { useSession } from '../../app/session';
import { useSubmit } from '../../lib/useSubmit';
import { DiffView, type DiffMode } from './DiffView';

const CURRENT = 'current';

/** Published versions: compare any two (or one with the current text) and restore one. */
export function VersionsTab({
  article,
  activities,
  onRestored,
}: {
  article: ArticleDoc;
  activities: readonly ActivityDoc[];
  onRestored: () => void;
}) {
  const db = useDb();
  const session = useSession();
  const directory = useDirectory();
  const versions = useMemo(() => articleVersions(activities), [activities]);
  const labels = useMemo(() => versionLabels(versions), [versions]);
  const latest = versions[versions.length - 1];
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const [mode, setMode] = useState<DiffMode>('unified');
  const { errors, saving, submit } = useSubmit();

  if (versions.length === 0) {
    return (
      <Text c="dimmed" data-testid="no-versions">
        No version has been published yet. Each publish keeps the published text here.
      </Text>
    );
  }

  const options = [
    ...versions.map((v) => ({ value: v.id, label: `${labels.get(v.id) ?? ''} · ${v.title}` })),
    { value: CURRENT, label: `Current text (${article.state === 'draft' ? 'draft' : 'as stored'})` },
  ];
  // By default the previous version against the latest one (or the latest against the text).
  const fromId =
    from ?? (versions.length > 1 ? (versions[versions.length - 2]?.id ?? null) : (latest?.id ?? null));
  const toId = to ?? (versions.length > 1 ? (latest?.id ?? null) : CURRENT);
  const textOf = (id: string | null) =>
    id === CURRENT ? article.body : (versions.find((v) => v.id === id)?.body ?? '');

  const restore = (versionId: string) =>
    submit(() => restoreArticleVersion(db, article.id, versionId, session), onRestored);

  return (
    <Stack gap="md">
      <Paper withBorder>
        <Table verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Version</Table.Th>
              <Table.Th>Title</Table.Th>
              <Table.Th>Published</Table.Th>
              <Table.Th>By</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {[...versions].reverse().map((v) => (
              <Table.Tr key={v.id} data-testid="version-row">
                <Table.Td fw={600}>{labels.get(v.id)}</Table.Td>
                <Table.Td className="plain-text">{v.title}</Table.Td>
                <Table.Td>{new Date(v.publishedAt).toLocaleString()}</Table.Td>
                <Table.Td>{directory.name(v.publishedBy)}</Table.Td>
                <Table.Td>
                  <Button
                    size="compact-sm"
                    variant="default"
                    loading={saving}
                    onClick={() => void restore(v.id)}
                    aria-label={`Restore ${labels.get(v.id) ?? ''}`}
                  >
                    Restore
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      {errors.form && (
        <Text c="red" size="sm" role="alert">
          {errors.form}
        </Text>
      )}
      <Group align="flex-end" gap="sm">
        <Select
          label="Compare"
          data={options}
          value={fromId}
          onChange={setFrom}
          w={280}
          allowDeselect={false}
        />
        <Select label="with" data={options} value={toId} onChange={setTo} w={280} allowDeselect={false} />
        <SegmentedControl
          aria-label="Diff layout"
          value={mode}
          onChange={(v) => setMode(v as DiffMode)}
          data={[
            { value: 'unified', label: 'Unified' },
            { value: 'split', label: 'Side by side' },
          ]}
        />
      </Group>
      <DiffView before={textOf(fromId)} after={textOf(toId)} mode={mode} />
    </Stack>
  );
}
