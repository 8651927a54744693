import { useEffect, useState } from 'react';
import { Button, Group, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import {
  DEFAULT_PRIORITY_MATRIX,
  validatePriorityMatrix,
  type PriorityMatrix,
} from '../../../shared/domain/priority';
import { PRIORITY_LABELS } from '../../../shared/domain/labels';
import { saveSetting } from '../../data';
import { useDb } from '../../app/database';
import { useAppSettings } from '../../app/settings';
import { useUi } from '../../state/ui';
import { describeWriteError } from '../../lib/errors';

const LEVEL_NAMES = ['High', 'Medium', 'Low'];
const OPTIONS = [1, 2, 3, 4, 5].map((p) => ({ value: String(p), label: `P${p} ${PRIORITY_LABELS[p as 1]}` }));

/** Impact (rows) x urgency (columns) gives the priority; stored in settings, shared by the team. */
export function PriorityMatrixEditor() {
  const db = useDb();
  const userId = useUi((s) => s.userId);
  const { matrix } = useAppSettings();
  const [draft, setDraft] = useState<PriorityMatrix>(matrix);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => setDraft(matrix), [matrix]);

  const setCell = (i: number, u: number, p: number) =>
    setDraft(draft.map((row, ri) => (ri === i ? row.map((c, ci) => (ci === u ? p : c)) : row)));

  const save = async (next: PriorityMatrix) => {
    const checked = validatePriorityMatrix(next);
    if (!checked.ok) {
      setMessage({ ok: false, text: checked.error });
      return;
    }
    try {
      const result = await saveSetting(db, 'priorityMatrix', { matrix: checked.matrix }, { userId });
      setMessage(
        result.ok
          ? { ok: true, text: 'Saved. New and edited tickets use this matrix.' }
          : { ok: false, text: result.error },
      );
    } catch (error) {
      setMessage({ ok: false, text: describeWriteError(error) });
    }
  };

  return (
    <Paper withBorder p="md">
      <Stack gap="xs">
        <Title order={4}>Priority matrix</Title>
        <Text size="sm" c="dimmed">
          Priority = impact × urgency. Existing tickets keep their priority until their impact or urgency
          changes.
        </Text>
        <Table withTableBorder withColumnBorders w="fit-content" aria-label="Priority matrix">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Impact \ Urgency</Table.Th>
              {LEVEL_NAMES.map((n, u) => (
                <Table.Th key={n}>
                  {u + 1} – {n}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {draft.map((row, i) => (
              <Table.Tr key={i}>
                <Table.Th>
                  {i + 1} – {LEVEL_NAMES[i]}
                </Table.Th>
                {row.map((p, u) => (
                  <Table.Td key={u}>
                    <Select
                      aria-label={`Priority for impact ${i + 1}, urgency ${u + 1}`}
                      size="xs"
                      w={140}
                      data={OPTIONS}
                      value={String(p)}
                      allowDeselect={false}
                      onChange={(v) => v && setCell(i, u, Number(v))}
                    />
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Group>
          <Button onClick={() => save(draft)}>Save matrix</Button>
          <Button variant="default" onClick={() => save(DEFAULT_PRIORITY_MATRIX)}>
            Restore default
          </Button>
          {message && (
            <Text size="sm" c={message.ok ? 'teal' : 'red'} role="status">
              {message.text}
            </Text>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
