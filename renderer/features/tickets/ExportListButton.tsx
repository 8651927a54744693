import { useState } from 'react';
import { Button, Group, Text } from '@mantine/core';
import { ticketRowsCsv } from '../../../shared/domain/ticketCsv';
import type { ListRow } from '../../data';
import { useDirectory } from '../../app/people';
import { describeSave, safeFileName, saveTextFile } from '../../lib/saveFile';

/** Saves the rows a list shows, in its order, as CSV (desktop save dialog or a download). */
export function ExportListButton({
  rows,
  name,
  disabled,
}: {
  rows: readonly ListRow[];
  name: string;
  disabled?: boolean;
}) {
  const directory = useDirectory();
  const [outcome, setOutcome] = useState<string | null>(null);
  const save = async () => {
    setOutcome(null);
    try {
      const result = await saveTextFile({
        name: safeFileName(name, 'csv'),
        mimeType: 'text/csv',
        content: ticketRowsCsv(rows, (id) => directory.name(id, '')),
      });
      setOutcome(describeSave(result, 'The list'));
    } catch (error) {
      setOutcome(`Could not save the list: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  return (
    <Group gap="xs">
      {outcome && (
        <Text size="sm" role="status" c="dimmed">
          {outcome}
        </Text>
      )}
      <Button variant="light" onClick={() => void save()} disabled={disabled || rows.length === 0}>
        Export CSV
      </Button>
    </Group>
  );
}
