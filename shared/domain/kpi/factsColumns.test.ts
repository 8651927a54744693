import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TICKET_KINDS, TICKET_STATUSES } from '../model';
import { ticketFacts } from './facts';
import { decodeFacts, encodeFacts } from './factsColumns';
import { at, factsContext, scenario } from './fixtures';
import type { TicketFacts } from './model';

const instant = fc.integer({ min: 0, max: 4_000_000_000_000 });
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });

const factsArb: fc.Arbitrary<TicketFacts> = fc.record({
  id: fc.string({ minLength: 1 }),
  number: fc.string(),
  kind: fc.constantFrom(...TICKET_KINDS),
  priority: fc.constantFrom(1, 2, 3, 4, 5),
  groupId: fc.constantFrom('', 'g1', 'g2'),
  assigneeId: fc.constantFrom('', 'u1', 'g1'),
  category: fc.string(),
  status: fc.constantFrom(...TICKET_STATUSES),
  resolutionCode: fc.constantFrom('', 'fixed', 'rolled_back'),
  createdAt: instant,
  done: fc.array(fc.record({ at: instant, workMs: fc.nat(), endedAt: maybe(instant) }), { maxLength: 3 }),
  respondedAt: maybe(instant),
  responseWorkMs: maybe(fc.nat()),
  sla: maybe(fc.record({ responseBreachAt: maybe(instant), resolutionBreachAt: maybe(instant) })),
  survey: maybe(fc.record({ at: instant, score: fc.constantFrom(1, 2, 3, 4, 5) })),
  singleTouch: fc.boolean(),
});

describe('facts in columns', () => {
  it('come back exactly as they went in', () => {
    fc.assert(
      fc.property(fc.array(factsArb, { maxLength: 30 }), (facts) => {
        expect(decodeFacts(encodeFacts(facts))).toEqual(facts);
      }),
    );
  });

  it('keep the hand-worked desk and store each short text once', () => {
    const { tickets, activities } = scenario();
    const facts = tickets.map((t) =>
      ticketFacts(
        t,
        activities.filter((a) => a.parentId === t.id),
        factsContext(at(13, 12)),
      ),
    );
    const columns = encodeFacts(facts);
    expect(decodeFacts(columns)).toEqual(facts);
    expect(new Set(columns.dict).size).toBe(columns.dict.length);
    expect(columns.doneCount).toEqual(facts.map((f) => f.done.length));
  });

  it('refuse columns of different lengths or a missing part', () => {
    const columns = encodeFacts([
      {
        id: 'a',
        number: 'A',
        kind: 'incident',
        priority: 3,
        groupId: 'g',
        assigneeId: '',
        category: '',
        status: 'resolved',
        resolutionCode: 'fixed',
        createdAt: 1,
        done: [{ at: 2, workMs: 1, endedAt: null }],
        respondedAt: null,
        responseWorkMs: null,
        sla: null,
        survey: null,
        singleTouch: true,
      },
    ]);
    expect(decodeFacts({ ...columns, priority: [] })).toBeNull();
    expect(decodeFacts({ ...columns, doneAt: [] })).toBeNull();
    const { id: _id, ...withoutIds } = columns;
    expect(decodeFacts(withoutIds)).toBeNull();
    expect(decodeFacts(null)).toBeNull();
    expect(decodeFacts([])).toBeNull();
  });
});
