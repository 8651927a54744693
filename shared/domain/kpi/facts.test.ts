import { describe, expect, it } from 'vitest';
import { ticketFacts } from './facts';
import { HOUR, MINUTE, at, factsContext, scenario } from './fixtures';

const NOW = at(13, 12);

function factsOf(id: string, now = NOW) {
  const { tickets, activities } = scenario();
  const ticket = tickets.find((t) => t.id === id);
  if (!ticket) throw new Error(id);
  return ticketFacts(
    ticket,
    activities.filter((a) => a.parentId === id),
    factsContext(now),
  );
}

describe('ticketFacts (hand-worked)', () => {
  it('A: Pending time and nights are left out of the working time', () => {
    const f = factsOf('a');
    // Mon 10:00-12:00 running (2 h), Pending until Tue 12:00, then 12:00-15:00 (3 h).
    expect(f.done).toEqual([{ at: at(3, 15), workMs: 5 * HOUR, endedAt: null }]);
    // The agent's comment at 10:30 came before the move out of New at 11:00.
    expect(f.respondedAt).toBe(at(2, 10, 30));
    expect(f.responseWorkMs).toBe(30 * MINUTE);
    // P3 runs round the clock: 30 min of 2 h, 5 h of 24 h. Neither clock can breach.
    expect(f.sla).toEqual({ responseBreachAt: null, resolutionBreachAt: null });
    expect(f.survey).toEqual({ at: at(5, 9), score: 3 });
    expect(f.singleTouch).toBe(false);
  });

  it('B: a reopened ticket keeps both spells and its latest survey', () => {
    const f = factsOf('b');
    expect(f.done).toEqual([
      { at: at(2, 11), workMs: 2 * HOUR, endedAt: at(4, 9) },
      // 2 h before it was resolved, 1.5 h after reopening; the resolved days do not count.
      { at: at(4, 10, 30), workMs: 3.5 * HOUR, endedAt: null },
    ]);
    expect(f.respondedAt).toBe(at(2, 9, 10));
    expect(f.responseWorkMs).toBe(10 * MINUTE);
    expect(f.survey).toEqual({ at: at(4, 12), score: 5 });
    // The first assignment is not a hand-over.
    expect(f.singleTouch).toBe(true);
  });

  it('C: business-hours deadlines; the requester talking is not a response', () => {
    const f = factsOf('c');
    expect(f.done).toEqual([]);
    expect(f.respondedAt).toBeNull();
    expect(f.responseWorkMs).toBeNull();
    // Response 4 business hours from Fri 16:00: Fri 16-17, Mon 09-12. Resolution 24 business
    // hours: Fri 1 h + Mon 8 h + Tue 8 h + Wed 09-16 (7 h).
    expect(f.sla).toEqual({ responseBreachAt: at(9, 12), resolutionBreachAt: at(11, 16) });
    expect(f.singleTouch).toBe(false);
  });

  it('C: before the deadlines the same instants are the projected breaches', () => {
    const f = factsOf('c', at(6, 17));
    expect(f.sla).toEqual({ responseBreachAt: at(9, 12), resolutionBreachAt: at(11, 16) });
  });

  it('D and E: a problem and a change count working days to their end', () => {
    const d = factsOf('d');
    expect(d.done).toEqual([{ at: at(5, 17), workMs: 32 * HOUR, endedAt: null }]);
    expect(d.responseWorkMs).toBe(32 * HOUR);
    const e = factsOf('e');
    // Mon 8 h + Tue 8 h + Wed 09-12.
    expect(e.done).toEqual([{ at: at(4, 12), workMs: 19 * HOUR, endedAt: null }]);
    expect(e.sla).toBeNull();
  });

  it('G: a record without status history uses its resolved stamp', () => {
    const f = factsOf('g');
    // Fri 30 Oct 16-17, Mon 2 Nov all day, Tue 3 Nov 09-10.
    expect(f.done).toEqual([{ at: at(3, 10), workMs: 10 * HOUR, endedAt: null }]);
    expect(f.respondedAt).toBe(at(3, 10));
    // P3 round the clock: 2 h and 24 h after Fri 30 Oct 16:00.
    expect(f.sla).toEqual({ responseBreachAt: at(30, 18, 0, 10), resolutionBreachAt: at(31, 16, 0, 10) });
    expect(f.singleTouch).toBe(true);
  });

  it('ignores entries after now and out-of-range survey scores', () => {
    const { tickets, activities } = scenario();
    const a = tickets.find((t) => t.id === 'a');
    if (!a) throw new Error('a');
    const list = activities.filter((x) => x.parentId === 'a');
    const early = ticketFacts(a, list, factsContext(at(3, 0)));
    expect(early.done).toEqual([]);
    expect(early.survey).toBeNull();
    const bad = list.map((x) => (x.kind === 'survey' ? { ...x, score: 9 } : x));
    expect(ticketFacts(a, bad, factsContext(NOW)).survey).toBeNull();
  });
});
