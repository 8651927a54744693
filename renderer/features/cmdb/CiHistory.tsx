import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import type { AttributeDef } from '../../../shared/domain/ciClasses';
import { formatCost, formatDay } from '../../../shared/domain/cmdb';
import {
  ACTIVITY_KIND_LABELS,
  CI_CLASS_LABELS,
  CI_STATE_LABELS,
  labelOf,
} from '../../../shared/domain/labels';
import type { ActivityDoc, FieldChange } from '../../../shared/domain/model';
import { observeActivities } from '../../data';
import { useDb } from '../../app/database';
import { useObservable } from '../../app/hooks';
import { useDirectory, type Directory } from '../../app/people';

export const CI_FIELD_LABELS: Record<string, string> = {
  ciClass: 'Class',
  name: 'Name',
  assetTag: 'Asset tag',
  serial: 'Serial number',
  state: 'State',
  locationId: 'Location',
  ownerId: 'Owner',
  model: 'Model',
  vendor: 'Vendor',
  cost: 'Cost',
  purchaseDate: 'Purchase date',
  warrantyEnd: 'Warranty end',
  assigneeId: 'Assigned to',
  disposalDate: 'Disposal date',
  disposalMethod: 'Disposal method',
  relation: 'Relationship',
};

const PEOPLE_FIELDS = new Set(['locationId', 'ownerId', 'assigneeId']);
const DAY_FIELDS = new Set(['purchaseDate', 'warrantyEnd', 'disposalDate']);

function describe(field: string, value: unknown, directory: Directory): string {
  if (value === null || value === undefined || value === '') return '—';
  if (PEOPLE_FIELDS.has(field) && typeof value === 'string') return directory.name(value);
  if (field === 'ciClass' && typeof value === 'string') return labelOf(CI_CLASS_LABELS, value);
  if (field === 'state' && typeof value === 'string') return labelOf(CI_STATE_LABELS, value);
  if (DAY_FIELDS.has(field) && typeof value === 'number') return formatDay(value);
  if (field === 'cost' && typeof value === 'number') return formatCost(value);
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
}

function fieldLabel(field: string, defs: readonly AttributeDef[]): string {
  if (field.startsWith('attributes.')) {
    const key = field.slice('attributes.'.length);
    return defs.find((d) => d.key === key)?.label ?? key;
  }
  return CI_FIELD_LABELS[field] ?? field;
}

function Changes({
  changes,
  defs,
  directory,
}: {
  changes: FieldChange[];
  defs: readonly AttributeDef[];
  directory: Directory;
}) {
  return (
    <Stack gap={2}>
      {changes.map((c, i) => (
        <Text key={`${c.field}-${i}`} size="sm" data-testid="ci-field-change" className="plain-text">
          <Text span fw={600}>
            {fieldLabel(c.field, defs)}
          </Text>
          :{' '}
          <Text span td="line-through" c="dimmed">
            {describe(c.field, c.from, directory)}
          </Text>{' '}
          → <Text span>{describe(c.field, c.to, directory)}</Text>
        </Text>
      ))}
    </Stack>
  );
}

/** Every recorded change of the CI, newest first. */
export function CiHistory({ ciId, defs }: { ciId: string; defs: readonly AttributeDef[] }) {
  const db = useDb();
  const directory = useDirectory();
  const loaded = useObservable<ActivityDoc[] | null>(() => observeActivities(db, ciId), null, [db, ciId]);
  const entries = [...(loaded ?? [])].reverse();
  return (
    <Paper withBorder p="md" data-testid="ci-history" data-loaded={loaded !== null}>
      <Text size="xs" fw={700} c="dimmed" mb="xs">
        HISTORY ({loaded ? entries.length : '…'})
      </Text>
      <Stack gap="xs">
        {entries.map((a) => (
          <Stack key={a.id} gap={2} data-testid="ci-activity" data-kind={a.kind}>
            <Group gap="xs">
              <Badge size="sm" variant="light" color={a.kind === 'created' ? 'blue' : 'gray'}>
                {a.kind === 'change' ? 'Changed' : labelOf(ACTIVITY_KIND_LABELS, a.kind)}
              </Badge>
              <Text size="sm" fw={600}>
                {directory.name(a.createdBy, 'someone')}
              </Text>
              <Text size="xs" c="dimmed">
                {new Date(a.createdAt).toLocaleString()}
              </Text>
            </Group>
            {a.body && (
              <Text size="sm" className="plain-text">
                {a.body}
              </Text>
            )}
            {a.changes.length > 0 && <Changes changes={a.changes} defs={defs} directory={directory} />}
          </Stack>
        ))}
      </Stack>
    </Paper>
  );
}
