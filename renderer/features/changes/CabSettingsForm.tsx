import { useEffect, useMemo, useState } from 'react';
import { Button, Group, MultiSelect, NumberInput, Radio, Stack, Text, Title } from '@mantine/core';
import type { CabRule, CabSettings } from '../../../shared/domain/cab';
import { FORM_ERROR_KEY } from '../../../shared/domain/validation';
import { observeCabSettings, saveCabSettings, sortApproverChoices } from '../../data/changes';
import { useDb } from '../../app/database';
import { useObservable } from '../../app/hooks';
import { useDirectory } from '../../app/people';
import { useSession } from '../../app/session';
import { useSubmit } from '../../lib/useSubmit';

interface Draft {
  kind: CabRule['kind'];
  count: number | string;
  approverIds: string[];
}

function draftOf(settings: CabSettings): Draft {
  return {
    kind: settings.rule.kind,
    count: settings.rule.kind === 'count' ? settings.rule.count : 1,
    approverIds: settings.approverIds,
  };
}

/** How the Change Advisory Board decides, and who sits on it. */
export function CabSettingsForm() {
  const db = useDb();
  const session = useSession();
  const directory = useDirectory();
  const stored = useObservable<CabSettings | null>(() => observeCabSettings(db), null, [db]);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [saved, setSaved] = useState(false);
  const { errors, saving, submit } = useSubmit();
  useEffect(() => {
    if (stored) setDraft(draftOf(stored));
  }, [stored]);
  const people = useMemo(
    () =>
      sortApproverChoices(
        directory.users.filter((u) => u.roles.includes('manager') || u.roles.includes('admin')),
      ).map((u) => ({
        value: u.id,
        label: u.roles.includes('manager') ? `${u.name} (manager)` : u.name,
      })),
    [directory.users],
  );
  if (!draft) return null;

  const set = (patch: Partial<Draft>) => {
    setSaved(false);
    setDraft({ ...draft, ...patch });
  };
  const save = () =>
    submit(
      () => {
        const rule: CabRule =
          draft.kind === 'count' ? { kind: 'count', count: Number(draft.count) } : { kind: draft.kind };
        return saveCabSettings(db, { rule, approverIds: draft.approverIds }, session);
      },
      () => setSaved(true),
    );

  return (
    <form
      aria-label="CAB settings"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Stack gap="sm">
        <Title order={4}>Change Advisory Board</Title>
        <Radio.Group
          label="A normal or emergency change is approved when"
          value={draft.kind}
          onChange={(v) => set({ kind: v as CabRule['kind'] })}
          error={errors.rule}
        >
          <Stack gap={4} mt={4}>
            <Radio value="all" label="every approver approves" />
            <Radio value="majority" label="a majority of the approvers approve" />
            <Radio value="count" label="at least a number of approvers approve" />
          </Stack>
        </Radio.Group>
        {draft.kind === 'count' && (
          <NumberInput
            label="Approvals needed"
            w={200}
            min={1}
            allowDecimal={false}
            value={draft.count}
            onChange={(v) => set({ count: v })}
            error={errors.count}
          />
        )}
        <MultiSelect
          label="Approvers"
          description="Managers and admins. Leave empty to make every manager of the team an approver."
          placeholder={draft.approverIds.length ? undefined : 'Every manager'}
          searchable
          clearable
          data={people}
          value={draft.approverIds}
          onChange={(v) => set({ approverIds: v })}
          error={errors.approverIds}
        />
        <Group>
          <Button type="submit" loading={saving}>
            Save CAB settings
          </Button>
          {errors[FORM_ERROR_KEY] && (
            <Text size="sm" c="red" role="alert">
              {errors[FORM_ERROR_KEY]}
            </Text>
          )}
          {saved && (
            <Text size="sm" c="teal" role="status">
              Saved. Votes on open changes are counted with these settings.
            </Text>
          )}
        </Group>
      </Stack>
    </form>
  );
}
