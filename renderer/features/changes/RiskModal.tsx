import { useState } from 'react';
import { Badge, Button, Group, Modal, Radio, Stack, Text } from '@mantine/core';
import type { TicketDoc } from '../../../shared/domain/model';
import { RISK_LEVEL_LABELS } from '../../../shared/domain/labels';
import { RISK_QUESTIONS, assessRisk, riskLevel, validateRiskAnswers } from '../../../shared/domain/risk';
import { FORM_ERROR_KEY } from '../../../shared/domain/validation';
import { updateTicket } from '../../data/tickets';
import { useDb } from '../../app/database';
import { useSession } from '../../app/session';
import { useSubmit } from '../../lib/useSubmit';
import { RiskBadge } from './RiskBadge';

/** The risk questionnaire; saving stores the answers and the level they give. */
export function RiskModal({ ticket, onClose }: { ticket: TicketDoc; onClose: () => void }) {
  const db = useDb();
  const session = useSession();
  const [answers, setAnswers] = useState<Record<string, number>>(() => ({ ...(ticket.riskAnswers ?? {}) }));
  const { errors, saving, submit } = useSubmit();
  const changeType = ticket.changeType ?? '';
  const preview = validateRiskAnswers(answers);

  const save = () =>
    submit(async () => {
      const assessed = assessRisk(answers, changeType);
      if (!assessed.ok) return { ok: false as const, errors: assessed.errors };
      return updateTicket(
        db,
        ticket.id,
        { process: { riskAnswers: assessed.answers, risk: assessed.risk } },
        session,
      );
    }, onClose);

  const otherErrors = Object.entries(errors).filter(
    ([key]) => key !== FORM_ERROR_KEY && !RISK_QUESTIONS.some((q) => q.id === key),
  );

  return (
    <Modal opened onClose={onClose} title="Risk assessment" size="lg">
      <form
        aria-label="Risk assessment"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Stack gap="md">
          {RISK_QUESTIONS.map((q) => (
            <Radio.Group
              key={q.id}
              label={q.text}
              value={answers[q.id] === undefined ? null : String(answers[q.id])}
              onChange={(v) => setAnswers({ ...answers, [q.id]: Number(v) })}
              error={errors[q.id]}
            >
              <Stack gap={4} mt={4}>
                {q.options.map((o) => (
                  <Radio key={o.score} value={String(o.score)} label={o.label} />
                ))}
              </Stack>
            </Radio.Group>
          ))}
          <Group gap="xs" data-testid="risk-preview">
            <Text size="sm">Risk with these answers:</Text>
            {preview.ok ? (
              <RiskBadge risk={riskLevel(preview.answers, changeType)} />
            ) : (
              <Badge variant="default">Answer every question</Badge>
            )}
            {changeType === 'emergency' && (
              <Text size="xs" c="dimmed">
                Emergency changes are at least {RISK_LEVEL_LABELS.high.toLowerCase()} risk.
              </Text>
            )}
          </Group>
          {(errors[FORM_ERROR_KEY] || otherErrors.length > 0) && (
            <Text c="red" size="sm" role="alert">
              {[errors[FORM_ERROR_KEY], ...otherErrors.map(([, message]) => message)]
                .filter(Boolean)
                .join(' ')}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={saving}>
              Save risk assessment
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
