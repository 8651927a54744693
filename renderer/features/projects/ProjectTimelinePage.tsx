import { Anchor, Badge, Button, Center, Group, Loader, Stack, Text, Title } from '@mantine/core';
import type { TicketDoc } from '../../../shared/domain/model';
import {
  DAY_MS,
  timelineLayout,
  type TimelineBar,
  type TimelineLayout,
} from '../../../shared/domain/project';
import { observeTicket } from '../../data';
import { useDb } from '../../app/database';
import { useObservable } from '../../app/hooks';
import { navigate } from '../../app/router';
import { formatDate } from './planInputs';
import { useNow, useProjectTasks } from './useProjectTasks';
import './timeline.css';

const LOADING = Symbol('loading');
/** Tick labels beyond this many would overlap; every n-th is labelled instead. */
const MAX_LABELS = 16;

const SOURCE_LABELS: Record<TimelineBar['source'], string> = {
  planned: 'planned dates',
  due: 'due date and estimate',
  dependencies: 'after its dependencies',
  project: 'unscheduled, from the project start',
};

function pct(share: number): string {
  return `${(share * 100).toFixed(3)}%`;
}

function tickLabel(ms: number, layout: TimelineLayout): string {
  // Labelled from midday, so a daylight-saving shift never shows the neighbouring date.
  const date = new Date(ms + DAY_MS / 2);
  return layout.scale === 'day'
    ? date.toLocaleDateString(undefined, { weekday: 'short', day: 'numeric' })
    : date.toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
}

/** A Gantt-like view of a project's tasks: one row per task on a day or week scale. */
export function ProjectTimelinePage({ id }: { id: string }) {
  const db = useDb();
  const project = useObservable<TicketDoc | null | typeof LOADING>(() => observeTicket(db, id), LOADING, [
    db,
    id,
  ]);
  const tasks = useProjectTasks(id);
  const now = useNow();

  if (project === LOADING || tasks === null) {
    return (
      <Center py="xl">
        <Loader aria-label="Loading timeline" />
      </Center>
    );
  }
  if (!project || project.kind !== 'project') {
    return (
      <Stack align="flex-start" p="xl">
        <Title order={3}>Project not found</Title>
        <Text c="dimmed">It may have been deleted on another device, or the link is wrong.</Text>
        <Button onClick={() => navigate('/tickets')}>Back to tickets</Button>
      </Stack>
    );
  }

  const layout = timelineLayout(tasks, {
    now,
    projectStart: project.plannedStart || project.createdAt,
    utcOffsetMinutes: -new Date(now).getTimezoneOffset(),
  });
  const every = Math.ceil(layout.ticks.length / MAX_LABELS);

  return (
    <Stack gap="md" maw={1400}>
      <Stack gap={4}>
        <Group gap="xs">
          <Anchor href={`#/tickets/${project.id}`} size="sm">
            Back to {project.number}
          </Anchor>
        </Group>
        <Title order={2}>{project.number} timeline</Title>
        <Text c="dimmed" className="plain-text">
          {project.title}
        </Text>
      </Stack>
      <Group gap="xs">
        <Badge variant="light">{layout.scale === 'day' ? 'Days' : 'Weeks'}</Badge>
        <Text size="sm" c="dimmed">
          {formatDate(layout.start)} – {formatDate(layout.end - 1)}
        </Text>
        <Badge color="blue">Planned</Badge>
        <Badge color="red">Late</Badge>
        <Badge color="gray" variant="light">
          Done
        </Badge>
        <Text size="sm" c="dimmed">
          Red line: today
        </Text>
      </Group>
      {layout.bars.length === 0 ? (
        <Text c="dimmed" fs="italic">
          This project has no tasks yet; add them on the project page.
        </Text>
      ) : (
        <div className="gantt" role="table" aria-label={`${project.number} timeline`}>
          <div className="gantt-row" role="row">
            <div className="gantt-label gantt-head" role="columnheader">
              Task
            </div>
            <div className="gantt-track gantt-head" role="columnheader" aria-label="Dates">
              {layout.ticks.map((tick, i) => (
                <div
                  key={tick}
                  className="gantt-tick"
                  style={{ left: pct((tick - layout.start) / (layout.end - layout.start)) }}
                >
                  {i % every === 0 && <span className="gantt-tick-label">{tickLabel(tick, layout)}</span>}
                </div>
              ))}
            </div>
          </div>
          {layout.bars.map((bar) => (
            <TimelineRow key={bar.id} bar={bar} layout={layout} />
          ))}
        </div>
      )}
    </Stack>
  );
}

function TimelineRow({ bar, layout }: { bar: TimelineBar; layout: TimelineLayout }) {
  const span = layout.end - layout.start;
  const endShare = bar.offset + bar.width;
  const state = bar.cancelled ? 'cancelled' : bar.done ? 'done' : bar.late ? 'late' : 'open';
  const description = `${bar.number}: ${formatDate(bar.start)} – ${formatDate(bar.end)} (${SOURCE_LABELS[bar.source]}), ${state}`;
  // Near the right edge the "after" label goes in front of the bar instead of behind it.
  const afterStyle =
    endShare > 0.75 ? { right: pct(1 - bar.offset), paddingRight: 6 } : { left: pct(endShare) };
  return (
    <div className="gantt-row" role="row" data-testid="timeline-row">
      <div className="gantt-label" role="rowheader">
        <Anchor href={`#/tickets/${bar.id}`} size="sm">
          {bar.number}
        </Anchor>{' '}
        <span className="plain-text">{bar.title}</span>
      </div>
      <div className="gantt-track" role="cell">
        {layout.ticks.map((tick) => (
          <div key={tick} className="gantt-tick" style={{ left: pct((tick - layout.start) / span) }} />
        ))}
        {layout.today !== null && (
          <div className="gantt-today" style={{ left: pct(layout.today) }} data-testid="timeline-today" />
        )}
        <div
          className="gantt-bar"
          data-testid="timeline-bar"
          data-number={bar.number}
          data-late={bar.late}
          data-done={bar.done}
          data-cancelled={bar.cancelled}
          style={{ left: pct(bar.offset), width: pct(bar.width) }}
          title={description}
          aria-label={description}
          role="img"
        />
        {bar.after.length > 0 && (
          <span className="gantt-after" style={afterStyle}>
            after {bar.after.join(', ')}
          </span>
        )}
      </div>
    </div>
  );
}
