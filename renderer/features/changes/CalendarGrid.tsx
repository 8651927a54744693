import type { CSSProperties } from 'react';
import type { TicketDoc, TicketStatus } from '../../../shared/domain/model';
import { STATUS_LABELS } from '../../../shared/domain/labels';
import {
  describeConflict,
  layoutChanges,
  layoutDays,
  type BlackoutWindow,
  type CalendarDay,
  type CalendarView,
  type Conflict,
} from '../../../shared/domain/changeCalendar';
import { navigate } from '../../app/router';
import { formatTime } from './datetime';

const STATUS_COLOR: Partial<Record<TicketStatus, string>> = {
  new: 'blue',
  assess: 'cyan',
  authorize: 'violet',
  scheduled: 'indigo',
  implement: 'teal',
  review: 'lime',
  closed: 'gray',
  cancelled: 'gray',
};

const WEEKDAY_FORMAT = new Intl.DateTimeFormat(undefined, { weekday: 'short' });
const FULL_DATE_FORMAT = new Intl.DateTimeFormat(undefined, { dateStyle: 'full' });

export interface CalendarGridProps {
  view: CalendarView;
  weeks: CalendarDay[][];
  changes: TicketDoc[];
  blackouts: BlackoutWindow[];
  conflicts: Map<string, Conflict[]>;
  ciName: (id: string) => string;
  today: string;
}

/** Weeks of day cells: blackout shading and names, then each change whose window covers the day. */
export function CalendarGrid({
  view,
  weeks,
  changes,
  blackouts,
  conflicts,
  ciName,
  today,
}: CalendarGridProps) {
  const days = weeks.flat();
  const placedChanges = layoutChanges(changes, days);
  const placedBlackouts = layoutDays(blackouts, days, (b) => b);
  // The conflict text is written once per change (its first day on screen); later days show the border.
  const explained = new Set<string>();

  return (
    <div
      className={view === 'week' ? 'chg-grid chg-week' : 'chg-grid'}
      role="group"
      aria-label="Change calendar"
      data-testid="calendar-grid"
    >
      {(weeks[0] ?? []).map((d) => (
        <div key={d.key} className="chg-weekday" aria-hidden="true">
          {WEEKDAY_FORMAT.format(d.start)}
        </div>
      ))}
      {days.map((day, i) => {
        const dayBlackouts = placedBlackouts[i] ?? [];
        return (
          <div
            key={day.key}
            className="chg-day"
            role="group"
            aria-label={FULL_DATE_FORMAT.format(day.start)}
            data-testid="calendar-day"
            data-day={day.key}
            data-in-month={day.inMonth}
            data-today={day.key === today}
            data-blackout={dayBlackouts.length > 0}
          >
            <span className="chg-date">{day.date}</span>
            {dayBlackouts.map(({ item }) => (
              <span key={item.id} className="chg-blackout" data-testid="calendar-blackout" title={item.name}>
                Blackout: {item.name}
              </span>
            ))}
            {(placedChanges[i] ?? []).map(({ item, continuesBefore, continuesAfter }) => {
              const found = conflicts.get(item.id) ?? [];
              const explain = found.length > 0 && !explained.has(item.id);
              if (explain) explained.add(item.id);
              const style = {
                '--chg-status': `var(--mantine-color-${STATUS_COLOR[item.status] ?? 'gray'}-6)`,
              } as CSSProperties;
              const from = continuesBefore ? '' : formatTime(item.plannedStart ?? 0);
              const to = continuesAfter ? '' : formatTime(item.plannedEnd ?? 0);
              return (
                <button
                  key={item.id}
                  type="button"
                  className="chg-block"
                  style={style}
                  data-testid="calendar-change"
                  data-number={item.number}
                  data-status={item.status}
                  data-done={item.status === 'closed' || item.status === 'cancelled'}
                  data-conflict={found.length > 0}
                  data-continues-before={continuesBefore}
                  data-continues-after={continuesAfter}
                  title={`${item.number} ${item.title} (${STATUS_LABELS[item.status]})`}
                  onClick={() => navigate(`/tickets/${item.id}`)}
                >
                  <span className="chg-number">{item.number}</span>{' '}
                  <span>
                    {from || '…'}–{to || '…'}
                  </span>
                  <span className="chg-title">{item.title}</span>
                  {view === 'week' && <span>{STATUS_LABELS[item.status]}</span>}
                  {explain && (
                    <span className="chg-conflict-text" data-testid="calendar-conflict">
                      {found.map((c) => describeConflict(c, ciName)).join(' ')}
                    </span>
                  )}
                </button>
              );
            })}
          </div>
        );
      })}
    </div>
  );
}
