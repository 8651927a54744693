import { useState } from 'react';
import { Anchor, Badge, Button, Group, Paper, Select, Stack, Text } from '@mantine/core';
import { CHANGE_TYPES, type ChangeType, type TicketDoc } from '../../../shared/domain/model';
import { CHANGE_TYPE_LABELS } from '../../../shared/domain/labels';
import { riskLevel, riskScore, validateRiskAnswers } from '../../../shared/domain/risk';
import { observeTicket, updateTicket } from '../../data/tickets';
import { useDb } from '../../app/database';
import { useObservable } from '../../app/hooks';
import { ciLabel, useCis } from '../../app/cis';
import { useSession } from '../../app/session';
import { describeWriteError } from '../../lib/errors';
import { CabPanel } from './CabPanel';
import { ChangePlan } from './ChangePlan';
import { ConflictList } from './ConflictList';
import { RiskBadge } from './RiskBadge';
import { RiskModal } from './RiskModal';

function Label({ children }: { children: string }) {
  return (
    <Text size="xs" fw={700} c="dimmed">
      {children.toUpperCase()}
    </Text>
  );
}

function ReleaseLink({ id }: { id: string }) {
  const db = useDb();
  const release = useObservable<TicketDoc | null>(() => observeTicket(db, id), null, [db, id]);
  return (
    <Text size="sm" data-testid="change-release">
      Part of release{' '}
      <Anchor size="sm" href={`#/tickets/${id}`}>
        {release ? `${release.number} ${release.title}` : id}
      </Anchor>
    </Text>
  );
}

/** A change's own fields on its page: type, risk, plans, window, items, conflicts and the CAB. */
export function ChangePanel({ ticket }: { ticket: TicketDoc }) {
  const db = useDb();
  const session = useSession();
  const cis = useCis(ticket.ciIds);
  const [assessing, setAssessing] = useState(false);
  const [typeError, setTypeError] = useState<string | undefined>();
  const readOnly = ticket.status === 'closed' || ticket.status === 'cancelled';
  const answers = validateRiskAnswers(ticket.riskAnswers ?? {});

  const setType = async (changeType: ChangeType) => {
    // The type moves the risk floor (emergency changes are at least high), so re-rate the answers.
    const risk = answers.ok ? { risk: riskLevel(answers.answers, changeType) } : {};
    try {
      const result = await updateTicket(db, ticket.id, { process: { changeType, ...risk } }, session);
      setTypeError(result.ok ? undefined : Object.values(result.errors).join(' '));
    } catch (error) {
      setTypeError(describeWriteError(error));
    }
  };

  return (
    <Stack gap="md" data-testid="change-panel">
      <Paper withBorder p="md">
        <Stack gap="sm">
          <Group align="flex-start" gap="xl">
            <Stack gap={4}>
              <Label>Change type</Label>
              <Select
                aria-label="Change type"
                size="xs"
                w={220}
                placeholder="Choose a type"
                data={CHANGE_TYPES.map((t) => ({ value: t, label: CHANGE_TYPE_LABELS[t] }))}
                value={ticket.changeType ?? null}
                onChange={(v) => v && void setType(v as ChangeType)}
                allowDeselect={false}
                disabled={readOnly}
                error={typeError}
              />
            </Stack>
            <Stack gap={4}>
              <Label>Risk</Label>
              <Group gap="xs">
                {ticket.risk ? (
                  <RiskBadge risk={ticket.risk} />
                ) : (
                  <Badge variant="default" data-testid="risk-level">
                    Not assessed
                  </Badge>
                )}
                {answers.ok && (
                  <Text size="xs" c="dimmed">
                    score {riskScore(answers.answers)}
                  </Text>
                )}
                {!readOnly && (
                  <Button size="xs" variant="default" onClick={() => setAssessing(true)}>
                    {ticket.risk ? 'Reassess risk' : 'Assess risk'}
                  </Button>
                )}
              </Group>
            </Stack>
          </Group>
          {ticket.parentId && <ReleaseLink id={ticket.parentId} />}
          <Stack gap={4}>
            <Label>Affected configuration items</Label>
            {cis.length > 0 ? (
              <Group gap={6} data-testid="change-cis">
                {cis.map((ci) => (
                  <Badge key={ci.id} variant="outline" tt="none">
                    {ciLabel(ci)}
                  </Badge>
                ))}
              </Group>
            ) : (
              <Text size="sm" c="dimmed">
                None yet: add the items this change touches with Edit.
              </Text>
            )}
          </Stack>
        </Stack>
      </Paper>
      <ChangePlan ticket={ticket} readOnly={readOnly} />
      <ConflictList ticket={ticket} />
      <CabPanel ticket={ticket} />
      {assessing && <RiskModal ticket={ticket} onClose={() => setAssessing(false)} />}
    </Stack>
  );
}
