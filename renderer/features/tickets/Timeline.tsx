import { useMemo } from 'react';
import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import type { ActivityDoc, ActivityKind, FieldChange } from '../../../shared/domain/model';
import { observeActivities } from '../../data';
import { useDb } from '../../app/database';
import { useObservable } from '../../app/hooks';
import { useDirectory, type Directory } from '../../app/people';
import { formatMinutes } from '../../lib/format';
import { describeValue, FIELD_LABELS, type TicketNumberOf } from './fieldDisplay';
import { VOTE_LABELS } from '../../../shared/domain/labels';
import { useTicketRows } from '../../app/ticketRows';
import { MergeChanges } from '../sync/MergeChanges';

const KIND_STYLE: Record<ActivityKind, { label: string; color: string }> = {
  created: { label: 'Created', color: 'blue' },
  comment: { label: 'Comment', color: 'teal' },
  note: { label: 'Internal note', color: 'yellow' },
  worklog: { label: 'Work log', color: 'grape' },
  change: { label: 'Changed', color: 'gray' },
  merge: { label: 'Merge notice', color: 'orange' },
  vote: { label: 'CAB vote', color: 'violet' },
  survey: { label: 'Satisfaction survey', color: 'pink' },
  escalation: { label: 'Escalation', color: 'red' },
  version: { label: 'Published version', color: 'green' },
  feedback: { label: 'Reader feedback', color: 'cyan' },
  views: { label: 'Views', color: 'gray' },
  scan: { label: 'Audit scan', color: 'lime' },
};

/** Everything that happened to a ticket, oldest first; text is always rendered as text. */
export function Timeline({ ticketId }: { ticketId: string }) {
  const db = useDb();
  const directory = useDirectory();
  const loaded = useObservable<ActivityDoc[] | null>(() => observeActivities(db, ticketId), null, [
    db,
    ticketId,
  ]);
  const activities = loaded ?? [];
  const { rows } = useTicketRows();
  // Built on first use: most timelines hold no references to other tickets.
  const numberOf: TicketNumberOf = useMemo(() => {
    let byId: Map<string, string> | null = null;
    return (id) => {
      byId ??= new Map(rows.map((r) => [r.id, r.number]));
      return byId.get(id);
    };
  }, [rows]);
  const logged = activities.reduce((sum, a) => sum + (a.kind === 'worklog' ? a.minutes : 0), 0);
  return (
    <Stack gap="xs" aria-label="Timeline" data-testid="timeline" data-loaded={loaded !== null}>
      <Text size="xs" fw={700} c="dimmed">
        TIMELINE ({loaded ? activities.length : '…'})
        {logged > 0 && (
          <Text span inherit data-testid="time-logged">
            {' '}
            · {formatMinutes(logged)} LOGGED
          </Text>
        )}
      </Text>
      {activities.map((a) => (
        <Paper
          key={a.id}
          withBorder
          p="sm"
          data-testid="activity"
          data-kind={a.kind}
          bg={a.kind === 'note' ? 'var(--mantine-color-yellow-light)' : undefined}
        >
          <Group justify="space-between" mb={a.body || a.changes.length ? 4 : 0}>
            <Group gap="xs">
              <Badge color={KIND_STYLE[a.kind].color} variant="light" size="sm">
                {KIND_STYLE[a.kind].label}
              </Badge>
              <Text size="sm" fw={600}>
                {directory.name(a.createdBy, 'someone')}
              </Text>
              {a.kind === 'worklog' && (
                <Badge variant="outline" size="sm" data-testid="worklog-minutes">
                  {formatMinutes(a.minutes)}
                </Badge>
              )}
            </Group>
            <Text size="xs" c="dimmed">
              {new Date(a.createdAt).toLocaleString()}
            </Text>
          </Group>
          {a.body && (
            <Text size="sm" className="plain-text" data-testid="activity-body">
              {a.body}
            </Text>
          )}
          {a.kind === 'vote' && a.vote && (
            <Badge color={a.vote === 'approve' ? 'green' : 'red'} variant="light" data-testid="activity-vote">
              {VOTE_LABELS[a.vote]}
            </Badge>
          )}
          {a.kind === 'survey' && a.score !== undefined && (
            <Text size="sm" data-testid="activity-score">
              Satisfaction: {a.score}/5
            </Text>
          )}
          {(a.kind === 'change' || a.kind === 'escalation') && (
            <ChangeList changes={a.changes} directory={directory} numberOf={numberOf} />
          )}
          {a.kind === 'merge' && (
            <MergeChanges ticketId={ticketId} changes={a.changes} directory={directory} />
          )}
        </Paper>
      ))}
    </Stack>
  );
}

function ChangeList({
  changes,
  directory,
  numberOf,
}: {
  changes: FieldChange[];
  directory: Directory;
  numberOf: TicketNumberOf;
}) {
  return (
    <Stack gap={2}>
      {/* An escalation records which rule fired as a marker field; the entry's text names it. */}
      {changes
        .filter((c) => c.field !== 'escalationRule')
        .map((c, i) => (
          <Text key={`${c.field}-${i}`} size="sm" data-testid="field-change">
            <Text span fw={600}>
              {FIELD_LABELS[c.field] ?? c.field}
            </Text>
            :{' '}
            <Text span td="line-through" c="dimmed">
              {describeValue(c.field, c.from, directory, numberOf)}
            </Text>{' '}
            → <Text span>{describeValue(c.field, c.to, directory, numberOf)}</Text>
          </Text>
        ))}
    </Stack>
  );
}
