import { useState } from 'react';
import { Alert, Badge, Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { reportRows, toCsv } from '../../../shared/domain/auditApply';
import type { AuditReport, ReportItem } from '../../../shared/domain/audits';
import type { AuditDoc, CiDoc } from '../../../shared/domain/model';
import { applyAudit } from '../../data/audits';
import { useDb } from '../../app/database';
import { useDirectory, type Directory } from '../../app/people';
import { useSession } from '../../app/session';
import { describeWriteError } from '../../lib/errors';
import { describeSave, safeFileName, saveTextFile } from '../../lib/saveFile';
import { DraftAction, MoveAction } from './ScanActions';

type Section = 'found' | 'wrongLocation' | 'unknown' | 'missing';

/** Rows per section until "Show all": a site's report stays quick to redraw after each scan. */
const SECTION_ROWS = 25;

const SECTIONS: { key: Section; title: string; color: string }[] = [
  { key: 'found', title: 'Found', color: 'green' },
  { key: 'wrongLocation', title: 'Wrong location', color: 'orange' },
  { key: 'unknown', title: 'Unknown', color: 'red' },
  { key: 'missing', title: 'Missing', color: 'grape' },
];

function ItemRow({
  section,
  item,
  audit,
  directory,
  ciById,
  tagIndex,
}: {
  section: Section;
  item: ReportItem;
  audit: AuditDoc;
  directory: Directory;
  ciById: Map<string, CiDoc>;
  tagIndex: Map<string, CiDoc>;
}) {
  const running = audit.state === 'running';
  return (
    <Table.Tr data-testid="report-item" data-section={section} data-tag={item.tag}>
      <Table.Td>
        <Text size="sm" ff="monospace">
          {item.tag}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{item.name || '—'}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">
          {section === 'wrongLocation'
            ? `${directory.name(item.recordedLocationId, 'no location')} → ${directory.name(item.foundLocationId)}`
            : section === 'missing'
              ? directory.name(item.recordedLocationId)
              : directory.name(item.foundLocationId)}
        </Text>
      </Table.Td>
      <Table.Td>
        {section === 'wrongLocation' && running && (
          <MoveAction
            ci={ciById.get(item.ciId)}
            locationId={item.foundLocationId}
            placeName={directory.name(item.foundLocationId)}
            auditName={audit.name}
          />
        )}
        {section === 'unknown' && (
          <DraftAction
            audit={audit}
            tag={item.tag}
            locationId={item.foundLocationId}
            existing={tagIndex.get(item.tag)}
          />
        )}
        {section === 'missing' && ciById.get(item.ciId)?.attributes.missingSince !== undefined && (
          <Badge color="red" variant="light" size="sm">
            Marked missing
          </Badge>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/**
 * The reconciliation: found, wrong location, unknown and missing (while running, "missing" is
 * what nobody has scanned yet). Once closed it can be applied to the CMDB and exported as CSV.
 */
export function ReportPanel({
  audit,
  report,
  ciById,
  tagIndex,
}: {
  audit: AuditDoc;
  report: AuditReport;
  ciById: Map<string, CiDoc>;
  tagIndex: Map<string, CiDoc>;
}) {
  const db = useDb();
  const session = useSession();
  const directory = useDirectory();
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const [expanded, setExpanded] = useState<ReadonlySet<Section>>(() => new Set());
  const closed = audit.state === 'closed';
  const applied = (audit.appliedAt ?? 0) > 0;

  const apply = async () => {
    setBusy(true);
    try {
      const result = await applyAudit(db, audit.id, session);
      if (result.ok) {
        const { moved, markedMissing, cleared } = result.summary;
        setMessage({
          text: `Report applied: ${moved} moved, ${markedMissing} marked missing, ${cleared} found again.`,
          error: false,
        });
      } else setMessage({ text: Object.values(result.errors).join(' '), error: true });
    } catch (error) {
      setMessage({ text: describeWriteError(error), error: true });
    } finally {
      setBusy(false);
    }
  };

  const exportCsv = async () => {
    try {
      const csv = toCsv(
        reportRows(report, { location: (id) => directory.name(id), person: (id) => directory.name(id) }),
      );
      const outcome = await saveTextFile({
        name: safeFileName(`audit-${audit.name}`, 'csv'),
        mimeType: 'text/csv',
        content: csv,
      });
      setMessage({ text: describeSave(outcome, 'Report'), error: false });
    } catch (error) {
      setMessage({ text: `The report could not be saved: ${String(error)}`, error: true });
    }
  };

  return (
    <Paper withBorder p="md" component="section" aria-label="Reconciliation report">
      <Stack gap="sm">
        <Group justify="space-between">
          <Text fw={700}>{closed ? 'Reconciliation report' : 'Reconciliation so far'}</Text>
          <Group gap="xs">
            <Button size="xs" variant="default" onClick={() => void exportCsv()}>
              Export CSV
            </Button>
            {closed && !applied && (
              <Button size="xs" onClick={() => void apply()} loading={busy}>
                Apply report
              </Button>
            )}
            {applied && (
              <Badge color="green" variant="light" data-testid="report-applied">
                Applied {new Date(audit.appliedAt ?? 0).toLocaleString()}
              </Badge>
            )}
          </Group>
        </Group>
        {closed && !applied && (
          <Text size="xs" c="dimmed">
            Applying moves each asset found in the wrong place to where it was found, and marks each missing
            asset (attribute "missing since"; its lifecycle state is left as it is). Every change is in the
            asset&apos;s history.
          </Text>
        )}
        {message && (
          <Alert
            color={message.error ? 'red' : 'green'}
            variant="light"
            role={message.error ? 'alert' : 'status'}
            data-testid="report-message"
          >
            {message.text}
          </Alert>
        )}
        {SECTIONS.map(({ key, title, color }) => {
          const all = report[key];
          const items = expanded.has(key) ? all : all.slice(0, SECTION_ROWS);
          return (
            <Stack key={key} gap={4} data-testid={`report-${key}`}>
              <Group gap="xs">
                <Badge color={color} variant="light" data-testid="report-count">
                  {items.length}
                </Badge>
                <Text size="sm" fw={600}>
                  {key === 'missing' && !closed ? 'Not scanned yet' : title}
                </Text>
              </Group>
              {items.length > 0 && (
                <Table withRowBorders={false} verticalSpacing={2} layout="fixed">
                  <colgroup>
                    <col style={{ width: '16%' }} />
                    <col style={{ width: '26%' }} />
                    <col style={{ width: '30%' }} />
                    <col />
                  </colgroup>
                  <Table.Tbody>
                    {items.map((item) => (
                      <ItemRow
                        key={`${key}-${item.ciId || item.tag}`}
                        section={key}
                        item={item}
                        audit={audit}
                        directory={directory}
                        ciById={ciById}
                        tagIndex={tagIndex}
                      />
                    ))}
                  </Table.Tbody>
                </Table>
              )}
              {all.length > items.length && (
                <Button
                  size="compact-xs"
                  variant="subtle"
                  w="fit-content"
                  onClick={() => setExpanded((prev) => new Set(prev).add(key))}
                >
                  Show all {all.length}
                </Button>
              )}
            </Stack>
          );
        })}
      </Stack>
    </Paper>
  );
}
