import { useMemo, useState } from 'react';
import { Button, Group, Paper, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import type { ActivityDoc, TicketDoc } from '../../../shared/domain/model';
import { observeActivities } from '../../data';
import { recordSurvey, SURVEY_COMMENT_MAX } from '../../data/process';
import { useDb } from '../../app/database';
import { useObservable } from '../../app/hooks';
import { useDirectory } from '../../app/people';
import { useSession } from '../../app/session';
import { useSubmit } from '../../lib/useSubmit';

const SCORE_LABELS: Record<number, string> = {
  1: 'Very dissatisfied',
  2: 'Dissatisfied',
  3: 'Neutral',
  4: 'Satisfied',
  5: 'Very satisfied',
};
const STAFF_ROLES = ['agent', 'manager', 'admin'];

/**
 * Customer satisfaction on a resolved or closed ticket: the answers recorded so far, and a form
 * for the requester, or for staff writing down an answer given by phone or at the desk.
 */
export function SurveyPanel({ ticket }: { ticket: TicketDoc }) {
  const done = ticket.status === 'resolved' || ticket.status === 'closed';
  if (!done) return null;
  return <SurveyBody ticket={ticket} />;
}

function SurveyBody({ ticket }: { ticket: TicketDoc }) {
  const db = useDb();
  const directory = useDirectory();
  const session = useSession();
  const timeline = useObservable<ActivityDoc[]>(() => observeActivities(db, ticket.id), [], [db, ticket.id]);
  const answers = useMemo(() => timeline.filter((a) => a.kind === 'survey'), [timeline]);
  const me = directory.byId.get(session.userId);
  const isRequester = session.userId !== '' && session.userId === ticket.requesterId;
  const isStaff = me?.roles.some((r) => STAFF_ROLES.includes(r)) ?? false;
  const answeredMyself = isRequester && answers.some((a) => a.createdBy === session.userId);
  const canRecord = (isRequester && !answeredMyself) || (!isRequester && isStaff);

  return (
    <Paper withBorder p="md" data-testid="survey-panel" component="section" aria-label="Satisfaction survey">
      <Stack gap="sm">
        <Title order={4}>Satisfaction</Title>
        {answers.length === 0 ? (
          <Text size="sm" c="dimmed">
            No answer recorded yet.
          </Text>
        ) : (
          <Stack gap="xs">
            {answers.map((a) => (
              <Answer
                key={a.id}
                answer={a}
                requesterId={ticket.requesterId}
                name={(id) => directory.name(id, 'someone')}
              />
            ))}
          </Stack>
        )}
        {canRecord && (
          <SurveyForm
            onBehalf={!isRequester}
            requesterName={directory.name(ticket.requesterId, 'the requester')}
            onRecord={(score, comment) => recordSurvey(db, ticket.id, score, comment, session)}
          />
        )}
      </Stack>
    </Paper>
  );
}

function Stars({ score }: { score: number }) {
  return (
    <Text span c="yellow.7" aria-hidden>
      {'★'.repeat(score)}
      <Text span c="dimmed">
        {'☆'.repeat(Math.max(0, 5 - score))}
      </Text>
    </Text>
  );
}

function Answer(props: { answer: ActivityDoc; requesterId: string; name: (id: string) => string }) {
  const { answer: a, requesterId } = props;
  const score = typeof a.score === 'number' && a.score >= 1 && a.score <= 5 ? a.score : 0;
  const byRequester = a.createdBy === requesterId;
  return (
    <Paper withBorder p="sm" data-testid="survey-answer" data-score={score}>
      <Group justify="space-between" gap="xs">
        <Group gap="xs">
          <Stars score={score} />
          <Text size="sm" fw={700} data-testid="survey-score">
            {score}/5
          </Text>
          <Text size="sm">{SCORE_LABELS[score] ?? ''}</Text>
        </Group>
        <Text size="xs" c="dimmed">
          {new Date(a.createdAt).toLocaleString()}
        </Text>
      </Group>
      {a.body && (
        <Text size="sm" className="plain-text" mt={4} data-testid="survey-comment">
          {a.body}
        </Text>
      )}
      <Text size="xs" c="dimmed" mt={4} data-testid="survey-author">
        {byRequester
          ? `Answered by ${props.name(a.createdBy)}`
          : `Recorded by ${props.name(a.createdBy)} for the requester`}
      </Text>
    </Paper>
  );
}

function SurveyForm(props: {
  onBehalf: boolean;
  requesterName: string;
  onRecord: (score: number, comment: string) => ReturnType<typeof recordSurvey>;
}) {
  const [score, setScore] = useState<string>('');
  const [comment, setComment] = useState('');
  const { errors, saving, submit } = useSubmit();
  const save = () =>
    submit(
      () => props.onRecord(score === '' ? 0 : Number(score), comment),
      () => {
        setScore('');
        setComment('');
      },
    );
  return (
    <form
      aria-label="Record a satisfaction answer"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Stack gap="xs">
        <Radio.Group
          label={
            props.onBehalf
              ? `How satisfied is ${props.requesterName}? (answer given by phone or in person)`
              : 'How satisfied are you with how this was handled?'
          }
          value={score}
          onChange={setScore}
          error={errors.score}
        >
          <Group mt={4} gap="md">
            {[1, 2, 3, 4, 5].map((n) => (
              <Radio key={n} value={String(n)} label={`${n} – ${SCORE_LABELS[n]}`} />
            ))}
          </Group>
        </Radio.Group>
        <Textarea
          label="Comment"
          autosize
          minRows={2}
          maxRows={6}
          maxLength={SURVEY_COMMENT_MAX}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
          error={errors.comment}
        />
        {errors.form && (
          <Text c="red" size="sm" role="alert">
            {errors.form}
          </Text>
        )}
        <Group>
          <Button type="submit" loading={saving}>
            {props.onBehalf ? 'Record answer for the requester' : 'Send my answer'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
