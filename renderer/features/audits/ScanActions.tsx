import { useState } from 'react';
import { Anchor, Button, Group, SegmentedControl, Text } from '@mantine/core';
import type { DraftState } from '../../../shared/domain/auditApply';
import type { AuditDoc, CiDoc } from '../../../shared/domain/model';
import { createDraftCi, moveCiTo } from '../../data/audits';
import { useDb } from '../../app/database';
import { useSession } from '../../app/session';
import { describeWriteError } from '../../lib/errors';

/** "Move it here": offered for an asset found somewhere else than recorded. */
export function MoveAction({
  ci,
  locationId,
  placeName,
  auditName,
}: {
  ci: CiDoc | undefined;
  locationId: string;
  placeName: string;
  auditName: string;
}) {
  const db = useDb();
  const session = useSession();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!ci) return null;
  if (ci.locationId === locationId) {
    return (
      <Text size="xs" c="green" data-testid="moved">
        Recorded at {placeName}
      </Text>
    );
  }
  const move = async () => {
    setBusy(true);
    try {
      const result = await moveCiTo(
        db,
        ci.id,
        locationId,
        session,
        `Found at ${placeName} during audit "${auditName}".`,
      );
      setError(result.ok ? null : Object.values(result.errors).join(' '));
    } catch (err) {
      setError(describeWriteError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Group gap="xs">
      <Button size="compact-xs" variant="light" loading={busy} onClick={() => void move()}>
        Move to {placeName}
      </Button>
      {error && (
        <Text size="xs" c="red" role="alert">
          {error}
        </Text>
      )}
    </Group>
  );
}

/** "Create a draft CI": offered for a tag no CI carries, right where it was scanned. */
export function DraftAction({
  audit,
  tag,
  locationId,
  existing,
}: {
  audit: AuditDoc;
  tag: string;
  locationId: string;
  existing: CiDoc | undefined;
}) {
  const db = useDb();
  const session = useSession();
  const [state, setState] = useState<DraftState>('in_stock');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (existing) {
    return (
      <Text size="xs" data-testid="draft-created">
        Recorded as{' '}
        <Anchor href={`#/cmdb/${existing.id}`} size="xs">
          {existing.name}
        </Anchor>
      </Text>
    );
  }
  const create = async () => {
    setBusy(true);
    try {
      const result = await createDraftCi(db, audit, tag, state, locationId, session);
      setError(result.ok ? null : Object.values(result.errors).join(' '));
    } catch (err) {
      setError(describeWriteError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Group gap="xs">
      <SegmentedControl
        size="xs"
        aria-label={`State of the draft CI for ${tag}`}
        value={state}
        onChange={(v) => setState(v as DraftState)}
        data={[
          { value: 'in_stock', label: 'In stock here' },
          { value: 'ordered', label: 'On order' },
        ]}
      />
      <Button size="compact-xs" variant="light" loading={busy} onClick={() => void create()}>
        Create draft CI
      </Button>
      {error && (
        <Text size="xs" c="red" role="alert">
          {error}
        </Text>
      )}
    </Group>
  );
}
