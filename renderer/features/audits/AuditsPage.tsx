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
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { CI_CLASS_LABELS } from '../../../shared/domain/labels';
import { AUDIT_STATE_LABELS } from '../../../shared/domain/labels';
import { CI_CLASSES, type AuditDoc, type CiClass } from '../../../shared/domain/model';
import { createAudit, observeAudits } from '../../data/audits';
import { useDb } from '../../app/database';
import { useObservable } from '../../app/hooks';
import { useDirectory } from '../../app/people';
import { navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { useSubmit } from '../../lib/useSubmit';
import { AUDIT_STATE_COLORS, scopeText } from './AuditPage';
import { useCanAudit } from './useAuditData';

function NewCampaign() {
  const db = useDb();
  const session = useSession();
  const directory = useDirectory();
  const canAudit = useCanAudit();
  const [name, setName] = useState('');
  const [locationId, setLocationId] = useState('');
  const [ciClass, setCiClass] = useState<CiClass | ''>('');
  const [ownerId, setOwnerId] = useState('');
  const { errors, saving, submit } = useSubmit();
  const owners = [...directory.users, ...directory.groups];
  return (
    <Paper withBorder p="md" component="section" aria-label="New campaign">
      <form
        aria-label="New audit campaign"
        onSubmit={(e) => {
          e.preventDefault();
          void submit(
            () => createAudit(db, { name, scope: { locationId, ciClass, ownerId } }, session),
            (result) => navigate(`/audits/${result.audit.id}`),
          );
        }}
      >
        <Stack gap="sm">
          <Text fw={700}>New campaign</Text>
          <Group align="flex-start" gap="sm" wrap="wrap">
            <TextInput
              label="Name"
              placeholder="e.g. Manchester stock take, March"
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={errors.name}
              w={280}
            />
            <Select
              label="Location"
              clearable
              searchable
              placeholder="Any location"
              data={directory.locations.map((l) => ({ value: l.id, label: l.name }))}
              value={locationId || null}
              onChange={(v) => setLocationId(v ?? '')}
              error={errors.locationId}
            />
            <Select
              label="Class"
              clearable
              placeholder="Any class"
              data={CI_CLASSES.map((c) => ({ value: c, label: CI_CLASS_LABELS[c] }))}
              value={ciClass || null}
              onChange={(v) => setCiClass((v ?? '') as CiClass | '')}
              error={errors.ciClass}
            />
            <Select
              label="Owner"
              clearable
              searchable
              placeholder="Any owner"
              data={owners.map((p) => ({ value: p.id, label: p.name }))}
              value={ownerId || null}
              onChange={(v) => setOwnerId(v ?? '')}
              error={errors.ownerId}
            />
          </Group>
          {errors.form && (
            <Alert color="red" variant="light" role="alert">
              {errors.form}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={saving} disabled={!canAudit}>
              Create campaign
            </Button>
            <Text size="xs" c="dimmed">
              The assets in scope are taken when the campaign starts; scanning works offline.
            </Text>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** Audit campaigns: create one with a scope, then run it on its own page. */
export function AuditsPage() {
  const db = useDb();
  const directory = useDirectory();
  const audits = useObservable<AuditDoc[] | null>(() => observeAudits(db), null, [db]);
  return (
    <Stack gap="md" maw={1100}>
      <Title order={2}>Audit campaigns</Title>
      <NewCampaign />
      {audits === null ? (
        <Center py="xl">
          <Loader aria-label="Loading campaigns" />
        </Center>
      ) : audits.length === 0 ? (
        <Text c="dimmed">No campaign yet.</Text>
      ) : (
        <Table aria-label="Audit campaigns" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Campaign</Table.Th>
              <Table.Th>Scope</Table.Th>
              <Table.Th>State</Table.Th>
              <Table.Th>Expected</Table.Th>
              <Table.Th>Created</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {audits.map((audit) => (
              <Table.Tr key={audit.id} data-testid="audit-row">
                <Table.Td>
                  <Anchor href={`#/audits/${audit.id}`}>{audit.name}</Anchor>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{scopeText(audit, directory)}</Text>
                </Table.Td>
                <Table.Td>
                  <Badge color={AUDIT_STATE_COLORS[audit.state]} variant="light">
                    {AUDIT_STATE_LABELS[audit.state]}
                  </Badge>
                  {(audit.appliedAt ?? 0) > 0 && (
                    <Badge color="green" variant="outline" ml={4}>
                      Applied
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  {audit.state === 'draft' ? '—' : (audit.expected?.length ?? audit.expectedCiIds.length)}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{new Date(audit.createdAt).toLocaleDateString()}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
