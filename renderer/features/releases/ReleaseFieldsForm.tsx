import { useState } from 'react';
import { Button, Grid, Select, Text, TextInput } from '@mantine/core';
import { RELEASE_STAGES, type ReleaseStage, type TicketDoc } from '../../../shared/domain/model';
import { RELEASE_STAGE_LABELS } from '../../../shared/domain/labels';
import type { ProcessPatch } from '../../../shared/domain/process';
import type { FieldErrors } from '../../../shared/domain/validation';
import { updateTicket } from '../../data';
import { useDb } from '../../app/database';
import { useSession } from '../../app/session';
import { useSubmit } from '../../lib/useSubmit';
import { parseDateInput, toDateInput } from '../projects/planInputs';

const STAGE_OPTIONS = RELEASE_STAGES.map((s) => ({ value: s, label: RELEASE_STAGE_LABELS[s] }));

/** Version, target date and stage of a release. */
export function ReleaseFieldsForm({
  release,
  saved,
  onSaved,
}: {
  release: TicketDoc;
  /** Whether the values shown are the ones just saved here (the form is remounted on save). */
  saved: boolean;
  onSaved: (stored: TicketDoc) => void;
}) {
  const db = useDb();
  const session = useSession();
  const [version, setVersion] = useState(release.version ?? '');
  const [target, setTarget] = useState(toDateInput(release.targetDate));
  const [stage, setStage] = useState<ReleaseStage | ''>(release.stage ?? '');
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  const { errors: saveErrors, saving, submit } = useSubmit();
  const errors = { ...saveErrors, ...localErrors };
  const locked = release.status === 'closed' || release.status === 'cancelled';

  const save = () => {
    const targetDate = parseDateInput(target, 'start');
    setLocalErrors(targetDate.ok ? {} : { targetDate: targetDate.error });
    if (!targetDate.ok) return;
    // Only what differs: an empty field where nothing was stored is no change worth a timeline entry.
    const process: ProcessPatch = {};
    if (version.trim() !== (release.version ?? '')) process.version = version.trim();
    if (targetDate.value !== (release.targetDate ?? 0)) process.targetDate = targetDate.value;
    if (stage !== (release.stage ?? '')) process.stage = stage;
    void submit(
      () => updateTicket(db, release.id, { process }, session),
      (result) => onSaved(result.ticket),
    );
  };

  return (
    <form
      noValidate
      aria-label="Release details"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <Grid align="flex-end">
        <Grid.Col span={{ base: 12, sm: 3 }}>
          <TextInput
            label="Version"
            placeholder="e.g. 2025.3"
            value={version}
            onChange={(e) => setVersion(e.currentTarget.value)}
            error={errors.version}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 3 }}>
          <TextInput
            type="date"
            label="Target date"
            value={target}
            onChange={(e) => setTarget(e.currentTarget.value)}
            error={errors.targetDate}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 3 }}>
          <Select
            label="Stage"
            placeholder="Not started"
            clearable
            data={STAGE_OPTIONS}
            value={stage || null}
            onChange={(v) => setStage((v ?? '') as ReleaseStage | '')}
            error={errors.stage}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 3 }}>
          <Button type="submit" variant="default" loading={saving} disabled={locked} fullWidth>
            Save
          </Button>
        </Grid.Col>
      </Grid>
      {errors.form && (
        <Text c="red" size="sm" role="alert" mt="xs">
          {errors.form}
        </Text>
      )}
      {saved && Object.keys(errors).length === 0 && (
        <Text c="dimmed" size="sm" mt="xs" role="status">
          Saved.
        </Text>
      )}
    </form>
  );
}
