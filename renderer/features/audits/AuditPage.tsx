import { useState } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Center,
  Group,
  Loader,
  Paper,
  Progress,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { auditScope, progressOf } from '../../../shared/domain/audits';
import {
  AUDIT_STATE_LABELS,
  CI_CLASS_LABELS,
  SCAN_RESULT_LABELS,
  labelOf,
} from '../../../shared/domain/labels';
import type { AuditDoc } from '../../../shared/domain/model';
import { closeAudit, startAudit } from '../../data/audits';
import { useDb } from '../../app/database';
import { useDirectory, type Directory } from '../../app/people';
import { useSession } from '../../app/session';
import { describeWriteError } from '../../lib/errors';
import { LabelsButton } from '../assets/LabelsButton';
import { ReportPanel } from './ReportPanel';
import { ScanPanel } from './ScanPanel';
import { RESULT_COLORS } from './ScanResultCard';
import { useAuditData, useCanAudit, type AuditData } from './useAuditData';

export const AUDIT_STATE_COLORS: Record<AuditDoc['state'], string> = {
  draft: 'gray',
  running: 'blue',
  closed: 'green',
};

export function scopeText(audit: AuditDoc, directory: Directory): string {
  const scope = auditScope(audit);
  const parts = [
    scope.locationId ? directory.name(scope.locationId) : 'every location',
    scope.ciClass ? labelOf(CI_CLASS_LABELS, scope.ciClass) : 'every class',
  ];
  if (scope.ownerId) parts.push(`owned by ${directory.name(scope.ownerId)}`);
  return parts.join(' · ');
}

function Actions({ audit }: { audit: AuditDoc }) {
  const db = useDb();
  const session = useSession();
  const canAudit = useCanAudit();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (action: typeof startAudit) => {
    setBusy(true);
    try {
      const result = await action(db, audit.id, session);
      setError(result.ok ? null : Object.values(result.errors).join(' '));
    } catch (err) {
      setError(describeWriteError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap={4} align="flex-end">
      <Group gap="xs">
        {audit.state === 'draft' && (
          <Button onClick={() => void run(startAudit)} loading={busy} disabled={!canAudit}>
            Start campaign
          </Button>
        )}
        {audit.state === 'running' && (
          <Button color="gray" onClick={() => void run(closeAudit)} loading={busy} disabled={!canAudit}>
            Close campaign
          </Button>
        )}
      </Group>
      {error && (
        <Text size="sm" c="red" role="alert">
          {error}
        </Text>
      )}
    </Stack>
  );
}

function ProgressPanel({ data }: { data: AuditData }) {
  const p = progressOf(data.report);
  const share = p.expected === 0 ? 0 : (p.scanned / p.expected) * 100;
  return (
    <Paper withBorder p="md" component="section" aria-label="Progress">
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={700} data-testid="audit-progress" data-scanned={p.scanned} data-expected={p.expected}>
            {p.scanned} of {p.expected} expected assets scanned
          </Text>
          <Group gap={6}>
            <Badge color="green" variant="light">{`Found ${p.found}`}</Badge>
            <Badge color="orange" variant="light">{`Wrong location ${p.wrongLocation}`}</Badge>
            <Badge color="red" variant="light">{`Unknown ${p.unknown}`}</Badge>
            <Badge color="gray" variant="light">{`Duplicates ${p.duplicate}`}</Badge>
          </Group>
        </Group>
        <Progress value={share} aria-label="Share of expected assets scanned" />
      </Stack>
    </Paper>
  );
}

function RecentScans({ data, directory }: { data: AuditData; directory: Directory }) {
  const recent = data.scans.slice(-15).reverse();
  if (recent.length === 0) return null;
  return (
    <Paper withBorder p="md" component="section" aria-label="Recent scans">
      <Text fw={700} mb="xs">
        Recent scans ({data.scans.length})
      </Text>
      <Table verticalSpacing={2} withRowBorders={false}>
        <Table.Tbody>
          {recent.map((scan) => {
            const verdict = data.report.verdicts.get(scan.id) ?? 'duplicate';
            return (
              <Table.Tr key={scan.id} data-testid="recent-scan" data-tag={scan.tag} data-result={verdict}>
                <Table.Td>
                  <Text size="xs" c="dimmed">
                    {new Date(scan.createdAt).toLocaleTimeString()}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {scan.tag}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge size="sm" variant="light" color={RESULT_COLORS[verdict]}>
                    {SCAN_RESULT_LABELS[verdict]}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="xs">{directory.name(scan.createdBy)}</Text>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

/** Rows drawn until "Show all": the page redraws after every scan. */
const EXPECTED_ROWS = 50;

function ExpectedList({ audit, scannedIds }: { audit: AuditDoc; scannedIds: Set<string> }) {
  const expected = audit.expected ?? [];
  const [showAll, setShowAll] = useState(false);
  const shown = showAll ? expected : expected.slice(0, EXPECTED_ROWS);
  return (
    <Paper withBorder p="md" component="section" aria-label="Expected assets">
      <Group justify="space-between" mb="xs">
        <Text fw={700}>Expected assets ({expected.length})</Text>
        <LabelsButton
          items={expected.map((e) => ({ tag: e.assetTag, name: e.name }))}
          fileName={`labels-${audit.name}`}
        />
      </Group>
      {expected.length === 0 ? (
        <Text size="sm" c="dimmed">
          {audit.state === 'draft'
            ? 'The expected assets are taken when the campaign starts.'
            : 'No asset was in scope.'}
        </Text>
      ) : (
        <Table verticalSpacing={2} withRowBorders={false}>
          <Table.Tbody>
            {shown.map((item) => (
              <Table.Tr
                key={item.ciId}
                data-testid="expected-item"
                data-tag={item.assetTag}
                data-scanned={scannedIds.has(item.ciId)}
              >
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {item.assetTag}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Anchor href={`#/cmdb/${item.ciId}`} size="sm">
                    {item.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  {scannedIds.has(item.ciId) && (
                    <Badge size="sm" color="green" variant="light">
                      Scanned
                    </Badge>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {shown.length < expected.length && (
        <Button size="compact-xs" variant="subtle" onClick={() => setShowAll(true)}>
          Show all {expected.length}
        </Button>
      )}
    </Paper>
  );
}

/** One campaign: start it, scan (several auditors at once, offline), close, reconcile, apply. */
export function AuditPage({ id }: { id: string }) {
  const data = useAuditData(id);
  const directory = useDirectory();
  const canAudit = useCanAudit();
  const { audit } = data;
  if (audit === undefined) {
    return (
      <Center py="xl">
        <Loader aria-label="Loading campaign" />
      </Center>
    );
  }
  if (audit === null) {
    return (
      <Stack>
        <Title order={2}>Campaign not found</Title>
        <Anchor href="#/audits">Back to audit campaigns</Anchor>
      </Stack>
    );
  }
  const scannedIds = new Set(
    [...data.report.found, ...data.report.wrongLocation].filter((i) => i.expected).map((i) => i.ciId),
  );
  return (
    <Stack gap="md" maw={1100}>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Anchor href="#/audits" size="sm">
            Audit campaigns
          </Anchor>
          <Group gap="xs">
            <Title order={2} data-testid="audit-name">
              {audit.name}
            </Title>
            <Badge color={AUDIT_STATE_COLORS[audit.state]} data-testid="audit-state">
              {AUDIT_STATE_LABELS[audit.state]}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed" data-testid="audit-scope">
            {scopeText(audit, directory)}
          </Text>
        </Stack>
        <Actions audit={audit} />
      </Group>
      {!canAudit && (
        <Alert color="yellow" variant="light">
          Requesters cannot take part in audits: act as a technician or above to scan.
        </Alert>
      )}
      {audit.state !== 'draft' && <ProgressPanel data={data} />}
      {audit.state === 'running' && (
        <ScanPanel
          audit={audit}
          scans={data.scans}
          tagIndex={data.tagIndex}
          ciById={data.ciById}
          enabled={canAudit && data.assets !== null}
        />
      )}
      {audit.state !== 'draft' && (
        <ReportPanel audit={audit} report={data.report} ciById={data.ciById} tagIndex={data.tagIndex} />
      )}
      <RecentScans data={data} directory={directory} />
      <ExpectedList audit={audit} scannedIds={scannedIds} />
    </Stack>
  );
}
