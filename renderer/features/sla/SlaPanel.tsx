import { useEffect, useState } from 'react';
import { Badge, Group, Paper, Select, Stack, Text } from '@mantine/core';
import type { TicketDoc } from '../../../shared/domain/model';
import { PROCESS_FIELDS } from '../../../shared/domain/process';
import { clockToShow, policyFor, type ClockState } from '../../../shared/domain/sla';
import { updateTicket } from '../../data';
import { useDb } from '../../app/database';
import { useSession } from '../../app/session';
import { requestSlaClock, useSlaClocks } from '../../app/slaClocks';
import { describeWriteError } from '../../lib/errors';
import { STATUS_COLORS, formatInstant, formatSlaDuration, formatTarget } from './format';
import { SlaBadge } from './SlaBadge';
import { useSlaConfig } from './useSlaConfig';

/** Select value for "no policy chosen by hand" (Mantine options need a non-empty value). */
const AUTOMATIC = 'automatic';

const STATUS_WORDS: Record<ClockState['status'], string> = {
  running: 'Running',
  warning: 'Due soon',
  breached: 'Breached',
  paused: 'Paused',
  met: 'Met',
};

function when(clock: ClockState): string {
  if (clock.breachedAt !== null) {
    const late = clock.metAt === null ? '' : ` · done ${formatInstant(clock.metAt)}`;
    return `Breached at ${formatInstant(clock.breachedAt)}${late}`;
  }
  if (clock.metAt !== null) return `Met at ${formatInstant(clock.metAt)}`;
  if (clock.dueAt !== null) return `Due ${formatInstant(clock.dueAt)}`;
  return 'Paused: no due time until work resumes';
}

function ClockRow({ name, clock }: { name: 'response' | 'resolution'; clock: ClockState }) {
  return (
    <Stack gap={2} data-testid={`sla-${name}`}>
      <Group justify="space-between" gap="xs">
        <Text size="sm" fw={600}>
          {name === 'response' ? 'Response' : 'Resolution'}
        </Text>
        <Badge
          size="xs"
          variant="light"
          color={STATUS_COLORS[clock.status]}
          data-testid="sla-clock-status"
          data-sla-status={clock.status}
        >
          {STATUS_WORDS[clock.status]}
        </Badge>
      </Group>
      <Text size="xs" c="dimmed">
        Target {formatTarget(clock.targetMs)} · elapsed {formatSlaDuration(clock.elapsedMs)} of working time
      </Text>
      <Text size="xs" data-testid={`sla-${name}-when`}>
        {when(clock)}
      </Text>
    </Stack>
  );
}

/** The ticket page's SLA box: the policy, both clocks, and a hand-picked policy if wanted. */
export function SlaPanel({ ticket }: { ticket: TicketDoc }) {
  const db = useDb();
  const session = useSession();
  const config = useSlaConfig();
  const clocks = useSlaClocks();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void requestSlaClock(db, ticket.id);
  }, [db, ticket.id]);

  const choosable = PROCESS_FIELDS[ticket.kind].includes('slaPolicyId');
  const policy = config ? policyFor(ticket, config.policies) : undefined;
  if (!config || (!policy && !choosable)) return null;
  const clock = clocks.byId.get(ticket.id);
  // A hand-picked policy deleted from the settings no longer applies: show what does.
  const picked = config.policies.some((p) => p.id === ticket.slaPolicyId) ? ticket.slaPolicyId : AUTOMATIC;

  const choose = async (value: string | null) => {
    const slaPolicyId = !value || value === AUTOMATIC ? '' : value;
    try {
      const result = await updateTicket(db, ticket.id, { process: { slaPolicyId } }, session);
      setError(result.ok ? null : Object.values(result.errors).join(' '));
    } catch (err) {
      setError(describeWriteError(err));
    }
  };

  return (
    <Paper withBorder p="md" data-testid="sla-panel">
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Text size="xs" fw={700} c="dimmed">
            SERVICE LEVEL
          </Text>
          {clock && <SlaBadge shown={clockToShow(clock.state)} now={clocks.now} />}
        </Group>
        <Text size="sm" data-testid="sla-policy-name">
          {policy ? policy.name : 'No SLA policy applies to this ticket.'}
        </Text>
        {policy && !clock && (
          <Text size="xs" c="dimmed">
            Computing the clocks…
          </Text>
        )}
        {policy && clock && (
          <>
            <ClockRow name="response" clock={clock.state.response} />
            <ClockRow name="resolution" clock={clock.state.resolution} />
            {ticket.status === 'pending' && (
              <Text size="xs" c="yellow.8" data-testid="sla-paused-note">
                Paused while pending: the resolution clock does not count time spent waiting.
              </Text>
            )}
          </>
        )}
        {choosable && (
          <Select
            label="SLA policy"
            size="xs"
            allowDeselect={false}
            value={picked}
            data={[
              { value: AUTOMATIC, label: 'Automatic (by priority)' },
              ...config.policies.map((p) => ({ value: p.id, label: p.name })),
            ]}
            onChange={(v) => void choose(v)}
            error={error}
            description="Changing the policy keeps the elapsed and paused time: the clocks are recounted from this ticket's history against the new targets."
          />
        )}
      </Stack>
    </Paper>
  );
}
