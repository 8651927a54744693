import { useState } from 'react';
import { Alert, Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import {
  allowedAssetTransitions,
  DISPOSAL_METHOD_LABELS,
  DISPOSAL_METHODS,
  STATE_FIELDS,
} from '../../../shared/domain/assets';
import { CI_STATE_LABELS, labelOf } from '../../../shared/domain/labels';
import type { CiDoc, CiState } from '../../../shared/domain/model';
import { changeAssetState } from '../../data/assets';
import { useDb } from '../../app/database';
import { useDirectory } from '../../app/people';
import { useSession } from '../../app/session';
import { useSubmit } from '../../lib/useSubmit';
import { dayFromInput } from './dates';

/** Asks for the new lifecycle state, then exactly the fields that state requires. */
export function StateChangeModal({ ci, onClose }: { ci: CiDoc; onClose: () => void }) {
  const db = useDb();
  const session = useSession();
  const directory = useDirectory();
  const targets = allowedAssetTransitions(ci.state);
  const [to, setTo] = useState<CiState | ''>(targets.length === 1 ? (targets[0] ?? '') : '');
  const [locationId, setLocationId] = useState(ci.locationId);
  const [assigneeId, setAssigneeId] = useState('');
  const [disposalDay, setDisposalDay] = useState('');
  const [disposalMethod, setDisposalMethod] = useState('');
  const { errors, saving, submit } = useSubmit();
  const fields = to ? STATE_FIELDS[to] : [];
  const clearsAssignee = (to === 'in_stock' || to === 'retired') && (ci.assigneeId ?? '') !== '';

  const save = () => {
    if (!to)
      return submit(
        async () => ({ ok: false as const, errors: { state: 'Choose the new state.' } }),
        onClose,
      );
    return submit(
      () =>
        changeAssetState(
          db,
          ci.id,
          {
            to,
            locationId,
            assigneeId,
            disposalDate: disposalDay.trim() === '' ? 0 : (dayFromInput(disposalDay) ?? -1),
            disposalMethod,
          },
          session,
        ),
      onClose,
    );
  };

  return (
    <Modal opened onClose={onClose} title={`Change state of ${ci.name}`}>
      <form
        aria-label="Change lifecycle state"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Stack gap="sm">
          <Text size="sm">
            Now: <strong>{labelOf(CI_STATE_LABELS, ci.state)}</strong>
          </Text>
          {targets.length === 0 ? (
            <Text size="sm" c="dimmed">
              A {labelOf(CI_STATE_LABELS, ci.state).toLowerCase()} asset stays as it is.
            </Text>
          ) : (
            <Select
              label="New state"
              data={targets.map((s) => ({ value: s, label: CI_STATE_LABELS[s] }))}
              value={to || null}
              onChange={(v) => setTo((v ?? '') as CiState | '')}
              error={errors.state}
              allowDeselect={false}
            />
          )}
          {fields.includes('locationId') && (
            <Select
              label="Location"
              searchable
              data={directory.locations.map((l) => ({ value: l.id, label: l.name }))}
              value={locationId || null}
              onChange={(v) => setLocationId(v ?? '')}
              error={errors.locationId}
            />
          )}
          {fields.includes('assigneeId') && (
            <Select
              label="Assignee"
              searchable
              placeholder="Who has the asset"
              data={directory.users.map((u) => ({ value: u.id, label: u.name }))}
              value={assigneeId || null}
              onChange={(v) => setAssigneeId(v ?? '')}
              error={errors.assigneeId}
            />
          )}
          {fields.includes('disposalDate') && (
            <TextInput
              label="Disposal date"
              type="date"
              value={disposalDay}
              onChange={(e) => setDisposalDay(e.currentTarget.value)}
              error={errors.disposalDate}
            />
          )}
          {fields.includes('disposalMethod') && (
            <Select
              label="Disposal method"
              data={DISPOSAL_METHODS.map((m) => ({ value: m, label: DISPOSAL_METHOD_LABELS[m] }))}
              value={disposalMethod || null}
              onChange={(v) => setDisposalMethod(v ?? '')}
              error={errors.disposalMethod}
            />
          )}
          {clearsAssignee && (
            <Text size="xs" c="dimmed">
              {directory.name(ci.assigneeId ?? '')} hands the asset back: it will have no assignee.
            </Text>
          )}
          {errors.form && (
            <Alert color="red" variant="light" role="alert">
              {errors.form}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={saving} disabled={targets.length === 0}>
              Change state
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
