import { useMemo, useState } from 'react';
import { Button, Center, Group, Loader, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import {
  conflictsByChange,
  hasWindow,
  isActiveChange,
  shiftAnchor,
  viewWeeks,
  type CalendarView,
  type Conflict,
} from '../../../shared/domain/changeCalendar';
import { CalendarGrid } from './CalendarGrid';
import { useConflictCiNames, useConflictContext } from './useChangeData';
import './calendar.css';

const MONTH_FORMAT = new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric' });
const DAY_FORMAT = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
const NO_CONFLICTS = new Map<string, Conflict[]>();

function todayKey(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Every planned change by day (month or week), with clashes and blackout windows marked. */
export function ChangeCalendarPage() {
  const context = useConflictContext();
  const [view, setView] = useState<CalendarView>('month');
  const [anchor, setAnchor] = useState(() => Date.now());
  const weeks = useMemo(() => viewWeeks(view, anchor), [view, anchor]);
  const conflicts = useMemo(
    () => (context ? conflictsByChange(context.changes, context.relations, context.blackouts) : NO_CONFLICTS),
    [context],
  );
  const allConflicts = useMemo(() => [...conflicts.values()].flat(), [conflicts]);
  const ciName = useConflictCiNames(allConflicts);
  const unplanned = context ? context.changes.filter((c) => isActiveChange(c) && !hasWindow(c)).length : 0;

  const first = weeks[0]?.[0];
  const last = weeks.at(-1)?.at(-1);
  const period =
    view === 'month'
      ? MONTH_FORMAT.format(anchor)
      : first && last
        ? `${DAY_FORMAT.format(first.start)} – ${DAY_FORMAT.format(last.start)}`
        : '';

  return (
    <Stack gap="md" maw={1400} data-testid="change-calendar">
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Title order={2}>Change calendar</Title>
          <Text size="sm" c="dimmed" data-testid="calendar-period">
            {period}
          </Text>
        </Stack>
        <Group gap="xs">
          <SegmentedControl
            aria-label="Calendar view"
            value={view}
            onChange={(v) => setView(v as CalendarView)}
            data={[
              { value: 'month', label: 'Month' },
              { value: 'week', label: 'Week' },
            ]}
          />
          <Button variant="default" onClick={() => setAnchor(shiftAnchor(anchor, view, -1))}>
            Previous
          </Button>
          <Button variant="default" onClick={() => setAnchor(Date.now())}>
            Today
          </Button>
          <Button variant="default" onClick={() => setAnchor(shiftAnchor(anchor, view, 1))}>
            Next
          </Button>
        </Group>
      </Group>
      {context ? (
        <>
          <CalendarGrid
            view={view}
            weeks={weeks}
            changes={context.changes}
            blackouts={context.blackouts}
            conflicts={conflicts}
            ciName={ciName}
            today={todayKey()}
          />
          <Text size="xs" c="dimmed">
            Red borders mark changes that clash with another change or a blackout window; shaded days are
            blackout windows.
            {unplanned > 0 &&
              ` ${unplanned} open change${unplanned === 1 ? ' has' : 's have'} no planned window yet.`}
          </Text>
        </>
      ) : (
        <Center py="xl">
          <Loader aria-label="Loading changes" />
        </Center>
      )}
    </Stack>
  );
}
