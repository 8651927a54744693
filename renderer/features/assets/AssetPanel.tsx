import { useState } from 'react';
import { Badge, Button, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { DRAFT_FLAG, MISSING_SINCE } from '../../../shared/domain/auditApply';
import { DISPOSAL_METHOD_LABELS, formatCost } from '../../../shared/domain/assets';
import { CI_STATE_LABELS, labelOf } from '../../../shared/domain/labels';
import type { CiDoc, CiState } from '../../../shared/domain/model';
import { useDirectory } from '../../app/people';
import { formatDay } from './dates';
import { LabelsButton } from './LabelsButton';
import { StateChangeModal } from './StateChangeModal';

export const STATE_COLORS: Record<CiState, string> = {
  ordered: 'grape',
  in_stock: 'blue',
  deployed: 'green',
  maintenance: 'yellow',
  retired: 'gray',
  disposed: 'dark',
};

export function AssetStateBadge({ state }: { state: CiState }) {
  return (
    <Badge color={STATE_COLORS[state] ?? 'gray'} variant="light" data-testid="asset-state">
      {labelOf(CI_STATE_LABELS, state)}
    </Badge>
  );
}

/** Badges for what audits found out about the record: missing, or created as a draft. */
export function AuditFlags({ ci }: { ci: CiDoc }) {
  const missing = ci.attributes[MISSING_SINCE];
  return (
    <>
      {missing !== undefined && (
        <Badge color="red" variant="light" data-testid="asset-missing">
          Missing since {String(missing)}
        </Badge>
      )}
      {ci.attributes[DRAFT_FLAG] === true && (
        <Badge color="orange" variant="light" data-testid="asset-draft">
          Draft
        </Badge>
      )}
    </>
  );
}

function Field({ label, value }: { label: string; value: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" fw={700} c="dimmed">
        {label.toUpperCase()}
      </Text>
      <Text size="sm">{value}</Text>
    </Stack>
  );
}

/** The asset side of a CI: lifecycle state with its "Change state" action, and the asset fields. */
export function AssetPanel({ ci }: { ci: CiDoc }) {
  const directory = useDirectory();
  const [changing, setChanging] = useState(false);
  const method = ci.disposalMethod ?? '';
  return (
    <Paper withBorder p="md" aria-label="Asset lifecycle" component="section" data-testid="asset-panel">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="xs">
            <Text fw={700}>Asset</Text>
            <AssetStateBadge state={ci.state} />
            <AuditFlags ci={ci} />
          </Group>
          <Button size="xs" onClick={() => setChanging(true)}>
            Change state
          </Button>
        </Group>
        <SimpleGrid cols={{ base: 2, md: 3 }} spacing="sm">
          <Field label="Asset tag" value={ci.assetTag || '—'} />
          <Field label="Location" value={directory.name(ci.locationId)} />
          <Field label="Assignee" value={directory.name(ci.assigneeId ?? '')} />
          <Field label="Model" value={[ci.vendor, ci.model].filter(Boolean).join(' ') || '—'} />
          <Field label="Cost" value={ci.cost !== undefined ? formatCost(ci.cost) : '—'} />
          <Field label="Purchased" value={formatDay(ci.purchaseDate)} />
          <Field label="Warranty ends" value={formatDay(ci.warrantyEnd)} />
          {ci.state === 'disposed' && (
            <>
              <Field label="Disposed" value={formatDay(ci.disposalDate)} />
              <Field
                label="Disposal method"
                value={
                  Object.hasOwn(DISPOSAL_METHOD_LABELS, method)
                    ? DISPOSAL_METHOD_LABELS[method as keyof typeof DISPOSAL_METHOD_LABELS]
                    : method || '—'
                }
              />
            </>
          )}
        </SimpleGrid>
        {ci.assetTag && (
          <LabelsButton items={[{ tag: ci.assetTag, name: ci.name }]} fileName={`label-${ci.assetTag}`}>
            Print label (PDF)
          </LabelsButton>
        )}
      </Stack>
      {changing && <StateChangeModal ci={ci} onClose={() => setChanging(false)} />}
    </Paper>
  );
}
