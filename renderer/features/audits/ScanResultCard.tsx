import { Alert, Group, Paper, Stack, Text } from '@mantine/core';
import type { ScanResolution } from '../../../shared/domain/audits';
import { SCAN_RESULT_LABELS } from '../../../shared/domain/labels';
import type { AuditDoc, CiDoc, ScanResult } from '../../../shared/domain/model';
import { useDirectory } from '../../app/people';
import { DraftAction, MoveAction } from './ScanActions';
import type { ScanSource } from './ScanPanel';

export type ShownScan =
  | {
      kind: 'scan';
      seq: number;
      resolution: ScanResolution;
      locationId: string;
      source: ScanSource;
      name: string;
    }
  | { kind: 'error'; message: string; source: ScanSource };

export const RESULT_COLORS: Record<ScanResult, string> = {
  found: 'green',
  wrong_location: 'orange',
  unknown: 'red',
  duplicate: 'gray',
};

const SOURCE_LABEL: Record<ScanSource, string> = { scanner: 'scanner', typed: 'typed', camera: 'camera' };

/** The last scan's result, shown the moment it is read, with what can be done about it. */
export function ScanResultCard({
  shown,
  audit,
  ciById,
  tagIndex,
}: {
  shown: ShownScan;
  audit: AuditDoc;
  ciById: Map<string, CiDoc>;
  tagIndex: Map<string, CiDoc>;
}) {
  const directory = useDirectory();
  if (shown.kind === 'error') {
    return (
      <Alert color="red" variant="light" role="alert" data-testid="scan-error">
        {shown.message}
      </Alert>
    );
  }
  const { resolution, locationId } = shown;
  const result = resolution.result;
  const ci = ciById.get(resolution.ciId);
  const draft = result === 'unknown' ? tagIndex.get(resolution.tag) : undefined;
  return (
    <Paper
      withBorder
      p="sm"
      bg={`var(--mantine-color-${RESULT_COLORS[result]}-light)`}
      role="status"
      aria-live="polite"
      data-testid="scan-result"
      data-result={result}
      data-seq={shown.seq}
    >
      <Stack gap={4}>
        <Group justify="space-between">
          <Text fw={700} size="lg" data-testid="scan-result-label">
            {SCAN_RESULT_LABELS[result]}
          </Text>
          <Text size="xs" c="dimmed">
            #{shown.seq} · {SOURCE_LABEL[shown.source]}
          </Text>
        </Group>
        <Text size="sm">
          <Text span ff="monospace" fw={600} data-testid="scan-result-tag">
            {resolution.tag}
          </Text>
          {shown.name ? ` · ${shown.name}` : ''}
        </Text>
        {result === 'wrong_location' && (
          <>
            <Text size="sm">
              Recorded at {directory.name(resolution.ciLocationId, 'no location')}, found at{' '}
              {directory.name(locationId)}.
            </Text>
            <MoveAction
              ci={ci}
              locationId={locationId}
              placeName={directory.name(locationId)}
              auditName={audit.name}
            />
          </>
        )}
        {result === 'unknown' && (
          <>
            <Text size="sm">No CI carries this tag.</Text>
            <DraftAction audit={audit} tag={resolution.tag} locationId={locationId} existing={draft} />
          </>
        )}
        {result === 'duplicate' && <Text size="sm">Already scanned in this campaign.</Text>}
      </Stack>
    </Paper>
  );
}
