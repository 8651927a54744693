import { useMemo, useState } from 'react';
import {
  Anchor,
  Badge,
  Button,
  Center,
  Grid,
  Group,
  Loader,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { exportRows } from '../../../shared/domain/ciColumns';
import { toCsv } from '../../../shared/domain/csv';
import { CI_CLASS_LABELS, CI_STATE_LABELS, labelOf } from '../../../shared/domain/labels';
import { CI_CLASSES, CI_STATES, type CiClass, type CiState } from '../../../shared/domain/model';
import { useClassDefinitions, useCmdb, useCmdbRoles } from '../../app/cis';
import { useDirectory } from '../../app/people';
import { navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { ClassSettingsModal } from './ClassSettingsModal';
import { NewCiModal } from './CiModals';
import { exportFileName } from './download';
import { saveTextFile } from '../../lib/saveFile';
import { NO_FILTERS, countByClass, filterCis, type CiFilters } from './filterCis';

const PAGE = 100;
/** Filters survive a visit to a CI page and back. */
let remembered: CiFilters = NO_FILTERS;

export function CmdbPage() {
  const cmdb = useCmdb();
  const directory = useDirectory();
  const session = useSession();
  const roles = useCmdbRoles(session.userId);
  const { definitions } = useClassDefinitions();
  const [filters, setFiltersState] = useState<CiFilters>(remembered);
  const [shown, setShown] = useState(PAGE);
  const [creating, setCreating] = useState(false);
  const [editingClasses, setEditingClasses] = useState(false);
  const setFilters = (next: Partial<CiFilters>) => {
    remembered = { ...filters, ...next };
    setFiltersState(remembered);
    setShown(PAGE);
  };
  const { version } = cmdb;
  // `version` stands for the CMDB maps' content (they change in place).
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const matching = useMemo(() => filterCis(cmdb.cis.values(), filters), [version, filters]);
  const byClass = useMemo(() => countByClass(matching), [matching]);

  const exportCsv = () => {
    const rows = exportRows(matching, definitions, { nameOf: (id) => directory.name(id, '') });
    // The desktop shell's save dialog, or a download in a browser.
    saveTextFile({ name: exportFileName(), mimeType: 'text/csv', content: toCsv(rows, { bom: true }) }).catch(
      (error: unknown) => console.warn('Outpost: could not save the CMDB export', error),
    );
  };

  return (
    <Stack gap="md" maw={1280} data-testid="cmdb-page">
      <Group justify="space-between">
        <Title order={2}>Configuration items</Title>
        <Group gap="xs">
          {roles.canAdmin && (
            <Button variant="subtle" onClick={() => setEditingClasses(true)}>
              Class attributes
            </Button>
          )}
          <Button variant="default" component="a" href="#/cmdb/import" disabled={!roles.canEdit}>
            Import CSV
          </Button>
          <Button variant="default" onClick={exportCsv} disabled={!cmdb.ready || matching.length === 0}>
            Export CSV
          </Button>
          <Button onClick={() => setCreating(true)} disabled={!roles.canEdit}>
            New CI
          </Button>
        </Group>
      </Group>
      {!roles.canEdit && (
        <Text size="sm" c="dimmed">
          Requesters can look at configuration items but not change them.
        </Text>
      )}
      <Grid>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <TextInput
            label="Search"
            aria-label="Search configuration items"
            placeholder="Name, tag, serial, attribute…"
            value={filters.text}
            onChange={(e) => setFilters({ text: e.currentTarget.value })}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4, md: 8 / 3 }}>
          <Select
            label="Class"
            clearable
            data={CI_CLASSES.map((c) => ({ value: c, label: CI_CLASS_LABELS[c] }))}
            value={filters.ciClass || null}
            onChange={(v) => setFilters({ ciClass: (v ?? '') as CiClass | '' })}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4, md: 8 / 3 }}>
          <Select
            label="State"
            clearable
            data={CI_STATES.map((s) => ({ value: s, label: CI_STATE_LABELS[s] }))}
            value={filters.state || null}
            onChange={(v) => setFilters({ state: (v ?? '') as CiState | '' })}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4, md: 8 / 3 }}>
          <Select
            label="Location"
            clearable
            searchable
            data={directory.locations.map((l) => ({ value: l.id, label: l.name }))}
            value={filters.locationId || null}
            onChange={(v) => setFilters({ locationId: v ?? '' })}
          />
        </Grid.Col>
      </Grid>
      {!cmdb.ready ? (
        <Center py="xl">
          {cmdb.error ? (
            <Text c="red">{cmdb.error}</Text>
          ) : (
            <Loader aria-label="Loading configuration items" />
          )}
        </Center>
      ) : (
        <>
          <Group gap="xs">
            <Text fw={600} data-testid="ci-count">
              {matching.length === 1 ? '1 item' : `${matching.length.toLocaleString()} items`}
            </Text>
            {CI_CLASSES.filter((c) => byClass.has(c)).map((c) => (
              <Badge
                key={c}
                variant={filters.ciClass === c ? 'filled' : 'light'}
                style={{ cursor: 'pointer' }}
                onClick={() => setFilters({ ciClass: filters.ciClass === c ? '' : c })}
              >
                {CI_CLASS_LABELS[c]}: {byClass.get(c)}
              </Badge>
            ))}
          </Group>
          <Table.ScrollContainer minWidth={760}>
            <Table striped highlightOnHover verticalSpacing={6} aria-label="Configuration items">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Class</Table.Th>
                  <Table.Th>Asset tag</Table.Th>
                  <Table.Th>State</Table.Th>
                  <Table.Th>Location</Table.Th>
                  <Table.Th>Owner</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {matching.slice(0, shown).map((ci) => (
                  <Table.Tr key={ci.id} data-testid="ci-row" data-id={ci.id}>
                    <Table.Td>
                      <Anchor href={`#/cmdb/${ci.id}`} className="plain-text" data-testid="ci-name">
                        {ci.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{labelOf(CI_CLASS_LABELS, ci.ciClass)}</Table.Td>
                    <Table.Td>{ci.assetTag || '—'}</Table.Td>
                    <Table.Td>{labelOf(CI_STATE_LABELS, ci.state)}</Table.Td>
                    <Table.Td>{directory.name(ci.locationId)}</Table.Td>
                    <Table.Td>{directory.name(ci.ownerId)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {matching.length === 0 && (
            <Text c="dimmed" data-testid="cmdb-empty">
              {cmdb.cis.size === 0
                ? 'No configuration items yet. Create one or import a CSV file.'
                : 'No item matches these filters.'}
            </Text>
          )}
          {matching.length > shown && (
            <Button
              variant="default"
              onClick={() => setShown(shown + PAGE)}
              style={{ alignSelf: 'flex-start' }}
            >
              Show {Math.min(PAGE, matching.length - shown)} more of{' '}
              {(matching.length - shown).toLocaleString()}
            </Button>
          )}
        </>
      )}
      {creating && (
        <NewCiModal
          definitions={definitions}
          onClose={() => setCreating(false)}
          onCreated={(ci) => {
            setCreating(false);
            navigate(`/cmdb/${ci.id}`);
          }}
        />
      )}
      {editingClasses && <ClassSettingsModal onClose={() => setEditingClasses(false)} />}
    </Stack>
  );
}
