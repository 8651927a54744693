import { describe, expect, it } from 'vitest';
import type { ClockState, ClockStatus } from '../../shared/domain/sla';
import { DEFAULT_SLA_POLICIES } from '../../shared/domain/sla';
import type { ListRow } from '../data';
import { VIEWS } from '../data/views';
import type { SlaClock, SlaClocksState } from './slaClocks';
import { viewCounts, viewPredicate } from './ticketRows';

const rows = [
  { id: '1', phase: 'open', assigneeId: '' },
  { id: '2', phase: 'open', assigneeId: 'me' },
  { id: '3', phase: 'open', assigneeId: 'other' },
  { id: '4', phase: 'done', assigneeId: 'me' },
  { id: '5', phase: 'open', assigneeId: 'me' },
  { id: '6', phase: 'open', assigneeId: '' },
] as ListRow[];

const clock = (status: ClockStatus, dueAt: number | null = null): ClockState => ({
  status,
  elapsedMs: 0,
  targetMs: 60_000,
  dueAt,
  breachedAt: status === 'breached' ? dueAt : null,
  metAt: null,
});
const sla = (response: ClockState, resolution: ClockState): SlaClock => ({
  policy: DEFAULT_SLA_POLICIES[0]!,
  state: { response, resolution },
});

const clocks: SlaClocksState = {
  ready: true,
  now: 0,
  byId: new Map([
    ['1', sla(clock('met'), clock('warning', 10))], // breaching soon
    ['2', sla(clock('breached', 5), clock('running', 20))], // a missed response stays missed
    ['3', sla(clock('met'), clock('paused'))],
    ['4', sla(clock('met'), clock('breached', 5))], // done: not in the open "Breached" view
    ['5', sla(clock('warning', 3), clock('running', 50))], // breaching soon
  ]),
};

describe('saved view membership', () => {
  it('counts every view from the same rows the predicates select', () => {
    const counts = viewCounts(rows, 'me', clocks);
    expect(counts).toEqual({
      open: 5,
      mine: 2,
      unassigned: 2,
      breachingSoon: 2,
      breached: 1,
      all: 6,
      done: 1,
    });
    for (const { id } of VIEWS) {
      expect(rows.filter(viewPredicate(id, 'me', clocks)).length, id).toBe(counts[id]);
    }
  });

  it('puts tickets in the SLA views by the clock their badge shows', () => {
    expect(rows.filter(viewPredicate('breachingSoon', 'me', clocks)).map((r) => r.id)).toEqual(['1', '5']);
    expect(rows.filter(viewPredicate('breached', 'me', clocks)).map((r) => r.id)).toEqual(['2']);
  });

  it('has nothing in the SLA views before the clocks are known', () => {
    const none: SlaClocksState = { ready: false, now: 0, byId: new Map() };
    expect(viewCounts(rows, 'me', none)).toMatchObject({ breachingSoon: 0, breached: 0, open: 5 });
  });
});
