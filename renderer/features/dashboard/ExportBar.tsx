import { useState } from 'react';
import { Button, Group, Text } from '@mantine/core';
import type { Dashboard, PeriodPreset } from '../../../shared/domain/kpi/model';
import type { Directory } from '../../app/people';
import { exportDashboard, reportMeta, type ExportFormat } from './exports';

/** Export and print; the outcome of the last export stays on screen. */
export function ExportBar({
  d,
  preset,
  directory,
}: {
  d: Dashboard | null;
  preset: PeriodPreset;
  directory: Directory;
}) {
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  const run = async (format: ExportFormat) => {
    if (!d) return;
    setBusy(format);
    setMessage(null);
    try {
      const text = await exportDashboard(d, reportMeta(d, preset, directory, Date.now()), format);
      setMessage({ text, error: false });
    } catch (error) {
      setMessage({
        text: `Could not export: ${error instanceof Error ? error.message : String(error)}`,
        error: true,
      });
    } finally {
      setBusy(null);
    }
  };

  return (
    <Group gap="xs" className="dash-no-print">
      <Button variant="default" onClick={() => void run('csv')} loading={busy === 'csv'} disabled={!d}>
        Export CSV
      </Button>
      <Button variant="default" onClick={() => void run('pdf')} loading={busy === 'pdf'} disabled={!d}>
        Export PDF
      </Button>
      <Button variant="default" onClick={() => window.print()} disabled={!d}>
        Print
      </Button>
      {message && (
        <Text
          size="sm"
          c={message.error ? 'red' : 'dimmed'}
          role={message.error ? 'alert' : 'status'}
          data-testid="dashboard-export-message"
        >
          {message.text}
        </Text>
      )}
    </Group>
  );
}
