import { Fragment, useState } from 'react';
import { Anchor, Badge, Button, Center, Grid, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { CI_CLASS_LABELS, CI_STATE_LABELS, labelOf } from '../../../shared/domain/labels';
import type { CiDoc } from '../../../shared/domain/model';
import { observeCi } from '../../data/cis';
import { useClassDefinitions, useCmdb, useCmdbGraph, useCmdbRoles, usePeopleInfo } from '../../app/cis';
import { useDb } from '../../app/database';
import { useObservable } from '../../app/hooks';
import { navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { AssetPanel } from '../assets/AssetPanel';
import { AttributesPanel, IdentityPanel } from './CiDetails';
import { CiGraph } from './CiGraph';
import { CiHistory } from './CiHistory';
import { EditCiModal } from './CiModals';
import { ImpactPanel } from './ImpactPanel';
import { LinkedTickets } from './LinkedTickets';
import { RelationshipEditor } from './RelationshipEditor';
import { classColor } from './classColors';

const LOADING = Symbol('loading');

export function CiPage({ id }: { id: string }) {
  const db = useDb();
  const ci = useObservable<CiDoc | null | typeof LOADING>(() => observeCi(db, id), LOADING, [db, id]);
  const cmdb = useCmdb();
  const graph = useCmdbGraph(cmdb);
  const people = usePeopleInfo();
  const session = useSession();
  const roles = useCmdbRoles(session.userId);
  const { definitions } = useClassDefinitions();
  const [editing, setEditing] = useState(false);
  useHotkeys([
    ['e', () => ci && ci !== LOADING && roles.canEdit && setEditing(true)],
    ['Escape', () => !editing && navigate('/cmdb')],
  ]);

  if (ci === LOADING) {
    return (
      <Center py="xl">
        <Loader aria-label="Loading configuration item" />
      </Center>
    );
  }
  if (!ci) {
    return (
      <Stack align="flex-start" p="xl">
        <Title order={3}>Configuration item not found</Title>
        <Text c="dimmed">It may have been deleted on another device, or the link is wrong.</Text>
        <Button onClick={() => navigate('/cmdb')}>Back to the CMDB</Button>
      </Stack>
    );
  }
  const defs = definitions[ci.ciClass] ?? [];

  return (
    <Stack gap="md" maw={1280} data-testid="ci-page">
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Group gap="xs">
            <Anchor size="sm" href="#/cmdb">
              CMDB
            </Anchor>
            <Text size="sm" c="dimmed">
              /
            </Text>
            <Badge variant="light" color={classColor(ci.ciClass)} data-testid="ci-class">
              {labelOf(CI_CLASS_LABELS, ci.ciClass)}
            </Badge>
            <Badge variant="outline">{labelOf(CI_STATE_LABELS, ci.state)}</Badge>
            {ci.assetTag && (
              <Text size="sm" fw={600}>
                {ci.assetTag}
              </Text>
            )}
          </Group>
          <Title order={2} className="plain-text" data-testid="ci-heading">
            {ci.name}
          </Title>
        </Stack>
        {roles.canEdit && (
          <Button variant="default" onClick={() => setEditing(true)} title="Edit (e)">
            Edit
          </Button>
        )}
      </Group>
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="md">
            <AttributesPanel ci={ci} defs={defs} />
            {!cmdb.ready ? (
              <Center py="md">
                <Loader size="sm" aria-label="Loading relationships" />
              </Center>
            ) : (
              // Keyed: depth choices and half-filled forms belong to one CI, not the next.
              <Fragment key={ci.id}>
                <ImpactPanel
                  rootId={ci.id}
                  rootName={ci.name}
                  graph={graph}
                  people={people}
                  links={cmdb.links}
                  linksReady={cmdb.linksReady}
                />
                <RelationshipEditor
                  ci={ci}
                  graph={graph}
                  cis={cmdb.cis}
                  canEdit={roles.canEdit}
                  canDelete={roles.canEdit}
                />
                <CiGraph graph={graph} rootId={ci.id} />
              </Fragment>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            <AssetPanel ci={ci} />
            <IdentityPanel ci={ci} />
            {cmdb.ready && <LinkedTickets ciId={ci.id} links={cmdb.links} ready={cmdb.linksReady} />}
            <CiHistory ciId={ci.id} defs={defs} />
          </Stack>
        </Grid.Col>
      </Grid>
      {editing && <EditCiModal ci={ci} definitions={definitions} onClose={() => setEditing(false)} />}
    </Stack>
  );
}
