import { useMemo, useState } from 'react';
import {
  Center,
  Group,
  Loader,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import {
  allAssets,
  assetsAt,
  assetsPerLocation,
  EMPTY_ASSET_FILTER,
  filterAssets,
  unassignedStock,
  WARRANTY_WINDOW_LABELS,
  WARRANTY_WINDOWS,
  warrantyExpiring,
  type AssetFilter,
  type WarrantyWindow,
} from '../../../shared/domain/assetViews';
import { CI_CLASS_LABELS, CI_STATE_LABELS } from '../../../shared/domain/labels';
import { CI_CLASSES, CI_STATES, type CiClass, type CiDoc, type CiState } from '../../../shared/domain/model';
import { observeAssets } from '../../data/assets';
import { useDb } from '../../app/database';
import { useObservable } from '../../app/hooks';
import { useDirectory } from '../../app/people';
import { AssetTable } from './AssetTable';
import { LabelsButton } from './LabelsButton';
import { StateChangeModal } from './StateChangeModal';

type View = 'warranty' | 'location' | 'stock' | 'all';

const VIEWS: { value: View; label: string }[] = [
  { value: 'warranty', label: 'Warranty expiring' },
  { value: 'location', label: 'Per location' },
  { value: 'stock', label: 'Unassigned stock' },
  { value: 'all', label: 'All assets' },
];

/** Asset views over every tagged CI of the replica; each row opens its CI page. */
export function AssetsPage() {
  const db = useDb();
  const directory = useDirectory();
  const assets = useObservable<CiDoc[] | null>(() => observeAssets(db), null, [db]);
  const [now] = useState(() => Date.now());
  const [view, setView] = useState<View>('warranty');
  const [horizon, setHorizon] = useState<WarrantyWindow>('90');
  const [place, setPlace] = useState<string | null>(null);
  const [filter, setFilter] = useState<AssetFilter>(EMPTY_ASSET_FILTER);
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const [changing, setChanging] = useState<CiDoc | null>(null);

  const filtered = useMemo(() => filterAssets(assets ?? [], filter), [assets, filter]);
  const counts = useMemo(() => assetsPerLocation(filtered), [filtered]);
  const shownPlace = place ?? counts[0]?.locationId ?? null;
  const rows = useMemo(() => {
    if (view === 'warranty') return warrantyExpiring(filtered, horizon, now);
    if (view === 'stock') return unassignedStock(filtered);
    if (view === 'location') return shownPlace === null ? [] : assetsAt(filtered, shownPlace);
    return allAssets(filtered);
  }, [view, filtered, horizon, now, shownPlace]);
  const byId = useMemo(() => new Map((assets ?? []).map((ci) => [ci.id, ci])), [assets]);
  const labelItems = [...selected].flatMap((id) => {
    const ci = byId.get(id);
    return ci ? [{ tag: ci.assetTag, name: ci.name }] : [];
  });
  const editing = changing ? (byId.get(changing.id) ?? changing) : null;

  const toggle = (id: string) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const toggleAll = (ids: string[], on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>Assets</Title>
        <LabelsButton items={labelItems} fileName="asset-labels">
          {`Print labels (PDF)${selected.size ? ` · ${selected.size}` : ''}`}
        </LabelsButton>
      </Group>
      <SegmentedControl
        aria-label="Asset view"
        data={VIEWS}
        value={view}
        onChange={(v) => setView(v as View)}
        w="fit-content"
      />
      <Group gap="sm" align="flex-end" role="search" aria-label="Asset filters">
        <TextInput
          label="Search"
          placeholder="Name, tag, serial, model"
          value={filter.text}
          onChange={(e) => setFilter({ ...filter, text: e.currentTarget.value })}
        />
        <Select
          label="Class"
          clearable
          placeholder="Any class"
          data={CI_CLASSES.map((c) => ({ value: c, label: CI_CLASS_LABELS[c] }))}
          value={filter.ciClass || null}
          onChange={(v) => setFilter({ ...filter, ciClass: (v ?? '') as CiClass | '' })}
        />
        <Select
          label="Location"
          clearable
          searchable
          placeholder="Any location"
          data={directory.locations.map((l) => ({ value: l.id, label: l.name }))}
          value={filter.locationId || null}
          onChange={(v) => setFilter({ ...filter, locationId: v ?? '' })}
        />
        <Select
          label="State"
          clearable
          placeholder="Any state"
          data={CI_STATES.map((s) => ({ value: s, label: CI_STATE_LABELS[s] }))}
          value={filter.state || null}
          onChange={(v) => setFilter({ ...filter, state: (v ?? '') as CiState | '' })}
        />
      </Group>
      {view === 'warranty' && (
        <SegmentedControl
          aria-label="Warranty window"
          size="xs"
          w="fit-content"
          data={WARRANTY_WINDOWS.map((w) => ({ value: w, label: WARRANTY_WINDOW_LABELS[w] }))}
          value={horizon}
          onChange={(v) => setHorizon(v as WarrantyWindow)}
        />
      )}
      {view === 'location' && (
        <Paper withBorder p="xs" maw={720}>
          <Table aria-label="Assets per location">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Location</Table.Th>
                <Table.Th>Assets</Table.Th>
                {(['in_stock', 'deployed', 'maintenance', 'retired'] as const).map((s) => (
                  <Table.Th key={s}>{CI_STATE_LABELS[s]}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {counts.map((entry) => (
                <Table.Tr
                  key={entry.locationId || 'none'}
                  data-testid="location-count"
                  bg={entry.locationId === shownPlace ? 'var(--mantine-color-blue-light)' : undefined}
                >
                  <Table.Td>
                    <UnstyledButton
                      onClick={() => setPlace(entry.locationId)}
                      aria-pressed={entry.locationId === shownPlace}
                    >
                      <Text size="sm" fw={600}>
                        {entry.locationId ? directory.name(entry.locationId) : 'No location'}
                      </Text>
                    </UnstyledButton>
                  </Table.Td>
                  <Table.Td>{entry.total}</Table.Td>
                  {(['in_stock', 'deployed', 'maintenance', 'retired'] as const).map((s) => (
                    <Table.Td key={s}>{entry.byState[s] ?? 0}</Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {assets === null ? (
        <Center py="xl">
          <Loader aria-label="Loading assets" />
        </Center>
      ) : (
        <AssetTable
          rows={rows}
          directory={directory}
          now={now}
          selected={selected}
          onToggle={toggle}
          onToggleAll={toggleAll}
          onChangeState={setChanging}
        />
      )}
      {editing && <StateChangeModal key={editing.id} ci={editing} onClose={() => setChanging(null)} />}
    </Stack>
  );
}
