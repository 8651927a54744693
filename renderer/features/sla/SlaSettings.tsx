import { useEffect, useState } from 'react';
import { Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import {
  newCalendarDraft,
  newPolicyDraft,
  toDraft,
  type CalendarDraft,
  type PolicyDraft,
  type SlaDraft,
} from '../../../shared/domain/slaDraft';
import { DEFAULT_SLA_CONFIG } from '../../../shared/domain/slaSettings';
import { FORM_ERROR_KEY } from '../../../shared/domain/validation';
import { saveSlaSettings } from '../../data/sla';
import { useDb } from '../../app/database';
import { useSession } from '../../app/session';
import { useAppSettings } from '../../app/settings';
import { useSubmit } from '../../lib/useSubmit';
import { CalendarFields } from './CalendarFields';
import { PolicyFields } from './PolicyFields';
import { useSlaConfig } from './useSlaConfig';

const replace = <T,>(list: readonly T[], index: number, item: T): T[] =>
  list.map((old, i) => (i === index ? item : old));
const without = <T,>(list: readonly T[], index: number): T[] => list.filter((_, i) => i !== index);

/** Service settings section: SLA policies and the business calendars their clocks count in. */
export function SlaSettings() {
  const db = useDb();
  const session = useSession();
  const config = useSlaConfig();
  const { categories } = useAppSettings();
  const [draft, setDraft] = useState<SlaDraft | null>(null);
  const [dirty, setDirty] = useState(false);
  const [saved, setSaved] = useState(false);
  const { errors, saving, submit } = useSubmit();

  // Follow the stored settings (they may change on another device) until editing starts.
  useEffect(() => {
    if (config && !dirty) setDraft(toDraft(config));
  }, [config, dirty]);

  if (!draft) {
    return (
      <Paper withBorder p="md">
        <Loader size="sm" aria-label="Loading SLA settings" />
      </Paper>
    );
  }

  const edit = (next: SlaDraft) => {
    setDraft(next);
    setDirty(true);
    setSaved(false);
  };
  const setPolicy = (i: number, p: PolicyDraft) =>
    edit({ ...draft, policies: replace(draft.policies, i, p) });
  const setCalendar = (i: number, c: CalendarDraft) =>
    edit({ ...draft, calendars: replace(draft.calendars, i, c) });
  const save = () =>
    submit(
      () => saveSlaSettings(db, draft, session),
      () => {
        setDirty(false);
        setSaved(true);
      },
    );
  const fieldErrors = Object.keys(errors).filter((k) => k !== FORM_ERROR_KEY).length;

  return (
    <Paper withBorder p="md" data-testid="sla-settings">
      <form
        aria-label="SLA settings"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Stack gap="md">
          <Stack gap={4}>
            <Title order={3}>Service levels</Title>
            <Text size="sm" c="dimmed">
              Each incident, request, question or problem gets the policy that matches it most closely (kinds,
              priorities, categories; empty means any). The response clock runs until the first public reply
              or the first move out of New; the resolution clock pauses while a ticket is pending and stops
              when it is resolved, closed or cancelled. Both count only the working time of the policy's
              calendar; a business day is 8 working hours.
            </Text>
          </Stack>

          <Title order={4}>Policies</Title>
          {draft.policies.length === 0 && (
            <Text size="sm" c="dimmed">
              No policies: tickets have no SLA clocks.
            </Text>
          )}
          {draft.policies.map((policy, i) => (
            <PolicyFields
              key={policy.id}
              index={i}
              policy={policy}
              calendars={draft.calendars}
              categories={categories}
              errors={errors}
              onChange={(p) => setPolicy(i, p)}
              onRemove={() => edit({ ...draft, policies: without(draft.policies, i) })}
            />
          ))}
          <Group>
            <Button
              variant="light"
              onClick={() => edit({ ...draft, policies: [...draft.policies, newPolicyDraft(draft)] })}
            >
              Add policy
            </Button>
          </Group>

          <Title order={4}>Business calendars</Title>
          {draft.calendars.map((calendar, i) => (
            <CalendarFields
              // The id is edited in place; the position keeps the fields mounted while typing.
              key={i}
              index={i}
              calendar={calendar}
              errors={errors}
              onChange={(c) => setCalendar(i, c)}
              onRemove={() => edit({ ...draft, calendars: without(draft.calendars, i) })}
            />
          ))}
          <Group>
            <Button
              variant="light"
              onClick={() => edit({ ...draft, calendars: [...draft.calendars, newCalendarDraft(draft)] })}
            >
              Add calendar
            </Button>
          </Group>

          {(fieldErrors > 0 || errors[FORM_ERROR_KEY]) && (
            <Text c="red" size="sm" role="alert" data-testid="sla-settings-error">
              {errors[FORM_ERROR_KEY] ?? 'Fix the fields marked in red.'} Nothing was saved.
            </Text>
          )}
          {saved && (
            <Text c="teal" size="sm" role="status">
              Saved. Every SLA clock now counts with these settings.
            </Text>
          )}
          <Group>
            <Button type="submit" loading={saving}>
              Save SLA settings
            </Button>
            <Button variant="default" disabled={!dirty} onClick={() => setDirty(false)}>
              Discard changes
            </Button>
            <Button variant="subtle" onClick={() => edit(toDraft(DEFAULT_SLA_CONFIG))}>
              Restore defaults
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
