import { useCallback, useEffect, useState } from 'react';
import { Button, FileButton, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { BackupFileInfo } from '../../../shared/ipc/contract';
import { useDb } from '../../app/database';
import type { RestorePlan } from '../../data/backup';
import { desktopApi } from '../../lib/desktop';
import { backUpToDataFolder, downloadBackup, readBackupFile } from './actions';
import { describeBackupError, describeSummary } from './describe';
import { RestoreModal } from './RestoreModal';
import { formatBytes } from './storageGuard';
import { setReplicaGuard, useReplicaGuard } from './store';

type Outcome = { tone: 'ok' | 'error'; text: string } | null;

/** Settings → "Backup & restore": back up the whole replica on demand, restore from a file. */
export function BackupSection() {
  const db = useDb();
  const api = desktopApi();
  const requestedAt = useReplicaGuard((s) => s.backupRequestedAt);
  const lastAuto = useReplicaGuard((s) => s.lastAutoBackup);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [backups, setBackups] = useState<BackupFileInfo[]>([]);
  const [plan, setPlan] = useState<RestorePlan | null>(null);
  const [restoreError, setRestoreError] = useState<string | null>(null);

  const refreshList = useCallback(async () => {
    if (!api) return;
    const listed = await api['backup:list']();
    if (listed.ok) setBackups(listed.value);
  }, [api]);

  useEffect(() => {
    void refreshList();
  }, [refreshList, lastAuto]);

  const backUpNow = useCallback(async () => {
    setBusy(true);
    setOutcome(null);
    try {
      if (api) {
        const saved = await backUpToDataFolder(api, db, { kind: 'manual', scope: 'full' });
        setOutcome({
          tone: 'ok',
          text: `Saved ${saved.name} (${formatBytes(saved.bytes)}): ${describeSummary(saved.summary)}.`,
        });
        await refreshList();
      } else {
        const summary = await downloadBackup(db);
        setOutcome({ tone: 'ok', text: `Backup file downloaded: ${describeSummary(summary)}.` });
      }
    } catch (error) {
      setOutcome({ tone: 'error', text: describeBackupError(error) });
    } finally {
      setBusy(false);
    }
  }, [api, db, refreshList]);

  const saveCopy = async () => {
    setBusy(true);
    setOutcome(null);
    try {
      const summary = await downloadBackup(db);
      setOutcome({ tone: 'ok', text: `Backup file saved: ${describeSummary(summary)}.` });
    } catch (error) {
      setOutcome({ tone: 'error', text: describeBackupError(error) });
    } finally {
      setBusy(false);
    }
  };

  // The native menu's "Back up the replica now" lands here.
  useEffect(() => {
    if (requestedAt === null) return;
    setReplicaGuard({ backupRequestedAt: null });
    void backUpNow();
  }, [requestedAt, backUpNow]);

  const pickRestoreFile = async (file: File | null) => {
    if (!file) return;
    setRestoreError(null);
    const read = await readBackupFile(file);
    if (read.ok) setPlan(read.plan);
    else setRestoreError(read.message);
  };

  return (
    <Paper withBorder p="md" component="section" aria-label="Backup and restore">
      <Stack gap="sm">
        <Title order={4}>Backup &amp; restore</Title>
        <Text size="sm" c="dimmed">
          {api
            ? 'Outpost backs up changes that are not on the sync server yet to its data folder every 10 minutes and keeps the newest 10. Back up the whole replica (every record and attachment) whenever you like.'
            : 'In the browser, a backup is a file you download. It holds every record and attachment of this device’s replica.'}
        </Text>
        <Group gap="xs">
          <Button size="xs" onClick={() => void backUpNow()} loading={busy} data-testid="backup-now">
            {api ? 'Back up now' : 'Download a backup'}
          </Button>
          {api && (
            <>
              <Button size="xs" variant="default" onClick={() => void saveCopy()} disabled={busy}>
                Save a backup file…
              </Button>
              <Button size="xs" variant="default" onClick={() => void api['backup:reveal']()}>
                Show backups folder
              </Button>
            </>
          )}
          <FileButton
            onChange={(file) => void pickRestoreFile(file)}
            accept=".jsonl,.json,application/x-ndjson,application/json"
          >
            {(props) => (
              <Button {...props} size="xs" variant="default" data-testid="restore-pick">
                Restore from a file…
              </Button>
            )}
          </FileButton>
        </Group>
        {outcome && (
          <Text
            size="sm"
            c={outcome.tone === 'ok' ? 'teal' : 'red'}
            role={outcome.tone === 'ok' ? undefined : 'alert'}
            data-testid="backup-result"
          >
            {outcome.text}
          </Text>
        )}
        {restoreError && (
          <Text size="sm" c="red" role="alert" data-testid="restore-error">
            {restoreError}
          </Text>
        )}
        {api && backups.length > 0 && (
          <Table withRowBorders={false} verticalSpacing={2} fz="sm" aria-label="Backups in the data folder">
            <Table.Tbody>
              {backups.slice(0, 8).map((backup) => (
                <Table.Tr key={backup.name}>
                  <Table.Td>{new Date(backup.createdAt).toLocaleString()}</Table.Td>
                  <Table.Td>
                    {backup.kind === 'auto' ? 'Automatic (unsynced changes)' : 'Whole replica'}
                  </Table.Td>
                  <Table.Td>{formatBytes(backup.bytes)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      {plan && <RestoreModal plan={plan} onClose={() => setPlan(null)} />}
    </Paper>
  );
}
