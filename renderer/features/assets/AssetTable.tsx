import { Anchor, Button, Checkbox, Group, Table, Text } from '@mantine/core';
import { warrantyDaysLeft } from '../../../shared/domain/assetViews';
import { CI_CLASS_LABELS, labelOf } from '../../../shared/domain/labels';
import type { CiDoc } from '../../../shared/domain/model';
import type { Directory } from '../../app/people';
import { AssetStateBadge, AuditFlags } from './AssetPanel';
import { formatDay } from './dates';

/** Rows drawn at most: beyond that the filters are the way in. */
export const ROW_LIMIT = 300;

function warrantyText(ci: CiDoc, now: number): string {
  const days = warrantyDaysLeft(ci, now);
  if (days === null) return '—';
  const when = formatDay(ci.warrantyEnd);
  if (days < 0) return `${when} (ended)`;
  return `${when} (${days} d)`;
}

export function AssetTable({
  rows,
  directory,
  now,
  selected,
  onToggle,
  onToggleAll,
  onChangeState,
}: {
  rows: readonly CiDoc[];
  directory: Directory;
  now: number;
  selected: ReadonlySet<string>;
  onToggle: (id: string) => void;
  onToggleAll: (ids: string[], on: boolean) => void;
  onChangeState: (ci: CiDoc) => void;
}) {
  const shown = rows.slice(0, ROW_LIMIT);
  const allOn = shown.length > 0 && shown.every((ci) => selected.has(ci.id));
  if (rows.length === 0) {
    return (
      <Text c="dimmed" data-testid="assets-empty">
        No asset matches.
      </Text>
    );
  }
  return (
    <>
      <Table striped highlightOnHover aria-label="Assets" data-testid="asset-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={32}>
              <Checkbox
                aria-label="Select all shown"
                checked={allOn}
                indeterminate={!allOn && shown.some((ci) => selected.has(ci.id))}
                onChange={(e) =>
                  onToggleAll(
                    shown.map((ci) => ci.id),
                    e.currentTarget.checked,
                  )
                }
              />
            </Table.Th>
            <Table.Th>Tag</Table.Th>
            <Table.Th>Name</Table.Th>
            <Table.Th>Class</Table.Th>
            <Table.Th>State</Table.Th>
            <Table.Th>Location</Table.Th>
            <Table.Th>Assignee</Table.Th>
            <Table.Th>Warranty</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {shown.map((ci) => (
            <Table.Tr key={ci.id} data-testid="asset-row" data-tag={ci.assetTag} data-id={ci.id}>
              <Table.Td>
                <Checkbox
                  aria-label={`Select ${ci.assetTag}`}
                  checked={selected.has(ci.id)}
                  onChange={() => onToggle(ci.id)}
                />
              </Table.Td>
              <Table.Td>
                <Text size="sm" ff="monospace">
                  {ci.assetTag}
                </Text>
              </Table.Td>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <Anchor href={`#/cmdb/${ci.id}`} size="sm">
                    {ci.name}
                  </Anchor>
                  <AuditFlags ci={ci} />
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{labelOf(CI_CLASS_LABELS, ci.ciClass)}</Text>
              </Table.Td>
              <Table.Td>
                <AssetStateBadge state={ci.state} />
              </Table.Td>
              <Table.Td>
                <Text size="sm" data-testid="asset-location">
                  {directory.name(ci.locationId)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{directory.name(ci.assigneeId ?? '')}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{warrantyText(ci, now)}</Text>
              </Table.Td>
              <Table.Td>
                <Button
                  size="compact-xs"
                  variant="subtle"
                  onClick={() => onChangeState(ci)}
                  aria-label={`Change state of ${ci.assetTag}`}
                >
                  Change state
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {rows.length > ROW_LIMIT && (
        <Text size="xs" c="dimmed">
          Showing {ROW_LIMIT} of {rows.length}: narrow the filters to see the rest.
        </Text>
      )}
    </>
  );
}
