import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  conflictsByChange,
  daysCovered,
  dependencyReach,
  describeConflict,
  findConflicts,
  layoutChanges,
  monthGrid,
  overlaps,
  parseBlackouts,
  shiftAnchor,
  validateBlackouts,
  viewWeeks,
  weekDays,
  type BlackoutInput,
  type BlackoutWindow,
  type CalendarChange,
  type Relation,
} from './changeCalendar';
import type { RelationType, TicketStatus } from './model';

const HOUR = 3_600_000;
const T = new Date(2026, 2, 10, 9).getTime(); // 10 March 2026, 09:00 local

function change(id: string, ciIds: string[], start: number, end: number, status: TicketStatus = 'assess') {
  return {
    id,
    number: `CHG-TEST-${id}`,
    title: `Change ${id}`,
    status,
    ciIds,
    plannedStart: start,
    plannedEnd: end,
  } satisfies CalendarChange;
}

const rel = (fromId: string, relType: RelationType, toId: string): Relation => ({ fromId, toId, relType });
const blackout = (over: Partial<BlackoutWindow> = {}): BlackoutWindow => ({
  id: 'b1',
  name: 'Quarter close',
  start: T,
  end: T + 24 * HOUR,
  ciIds: [],
  ...over,
});

describe('overlaps', () => {
  it('treats windows as half-open: touching ends do not overlap', () => {
    expect(overlaps(0, 10, 10, 20)).toBe(false);
    expect(overlaps(10, 20, 0, 10)).toBe(false);
    expect(overlaps(0, 11, 10, 20)).toBe(true);
    expect(overlaps(0, 30, 10, 20)).toBe(true);
  });

  it('is symmetric', () => {
    fc.assert(
      fc.property(fc.nat(100), fc.nat(100), fc.nat(100), fc.nat(100), (a, b, c, d) => {
        return overlaps(a, a + b + 1, c, c + d + 1) === overlaps(c, c + d + 1, a, a + b + 1);
      }),
    );
  });
});

describe('findConflicts: same item', () => {
  const mine = change('a', ['ci_db'], T, T + 2 * HOUR);

  it('reports an overlapping change on the same item', () => {
    const other = change('b', ['ci_db', 'ci_x'], T + HOUR, T + 3 * HOUR);
    expect(findConflicts(mine, [mine, other], [], [])).toEqual([
      { kind: 'same_ci', changeId: 'b', changeNumber: 'CHG-TEST-b', changeTitle: 'Change b', ciId: 'ci_db' },
    ]);
  });

  it('ignores touching windows, other items and the change itself', () => {
    const touching = change('b', ['ci_db'], T + 2 * HOUR, T + 3 * HOUR);
    const before = change('c', ['ci_db'], T - HOUR, T);
    const elsewhere = change('d', ['ci_other'], T, T + 2 * HOUR);
    expect(findConflicts(mine, [mine, touching, before, elsewhere], [], [])).toEqual([]);
  });

  it('ignores closed and cancelled changes, and conflicts nothing when itself closed', () => {
    const closed = change('b', ['ci_db'], T, T + HOUR, 'closed');
    const cancelled = change('c', ['ci_db'], T, T + HOUR, 'cancelled');
    const open = change('d', ['ci_db'], T, T + HOUR, 'scheduled');
    expect(findConflicts(mine, [closed, cancelled], [], [])).toEqual([]);
    expect(findConflicts({ ...mine, status: 'cancelled' }, [open], [], [blackout()])).toEqual([]);
  });

  it('needs complete windows on both sides', () => {
    const noEnd = change('b', ['ci_db'], T, 0);
    const noWindow = { ...change('c', ['ci_db'], 0, 0), plannedStart: undefined, plannedEnd: undefined };
    const backwards = change('d', ['ci_db'], T + HOUR, T);
    expect(findConflicts(mine, [noEnd, noWindow, backwards], [], [])).toEqual([]);
    expect(findConflicts(noWindow, [mine], [], [blackout()])).toEqual([]);
  });
});

describe('findConflicts: related items', () => {
  // web app runs on the web server, depends on the database, which runs on the SQL server.
  const relations = [
    rel('ci_app', 'runs_on', 'ci_web'),
    rel('ci_app', 'depends_on', 'ci_db'),
    rel('ci_db', 'runs_on', 'ci_sql'),
    rel('ci_sql', 'hosted_on', 'ci_esx'),
    rel('ci_esx', 'hosted_on', 'ci_rack'),
    rel('ci_app', 'used_by', 'ci_team'),
  ];

  it('reports a change on an item that depends on this change’s item', () => {
    const mine = change('a', ['ci_sql'], T, T + HOUR);
    const other = change('b', ['ci_app'], T, T + HOUR);
    const [conflict] = findConflicts(mine, [other], relations, []);
    expect(conflict).toMatchObject({
      kind: 'related_ci',
      ciId: 'ci_sql',
      otherCiId: 'ci_app',
      direction: 'dependent',
    });
  });

  it('reports the reverse: a change on an item this change’s item depends on', () => {
    const mine = change('a', ['ci_app'], T, T + HOUR);
    const other = change('b', ['ci_esx'], T, T + HOUR);
    const [conflict] = findConflicts(mine, [other], relations, []);
    expect(conflict).toMatchObject({
      kind: 'related_ci',
      ciId: 'ci_app',
      otherCiId: 'ci_esx',
      direction: 'dependency',
    });
  });

  it('stops after the dependency depth and ignores other relation types', () => {
    const mine = change('a', ['ci_app'], T, T + HOUR);
    const far = change('b', ['ci_rack'], T, T + HOUR); // four hops away
    const user = change('c', ['ci_team'], T, T + HOUR);
    expect(findConflicts(mine, [far, user], relations, [])).toEqual([]);
    expect(findConflicts(mine, [far], relations, [], 4)).toHaveLength(1);
  });

  it('needs the windows to overlap', () => {
    const mine = change('a', ['ci_sql'], T, T + HOUR);
    const later = change('b', ['ci_app'], T + HOUR, T + 2 * HOUR);
    expect(findConflicts(mine, [later], relations, [])).toEqual([]);
  });

  it('survives cycles and self-references in the relations', () => {
    const cyclic = [
      rel('x', 'depends_on', 'y'),
      rel('y', 'depends_on', 'z'),
      rel('z', 'depends_on', 'x'),
      rel('x', 'runs_on', 'x'),
    ];
    const reach = dependencyReach(['x'], cyclic, 10);
    expect([...reach.keys()].sort()).toEqual(['y', 'z']);
    const mine = change('a', ['x'], T, T + HOUR);
    expect(findConflicts(mine, [change('b', ['z'], T, T + HOUR)], cyclic, [])).toHaveLength(1);
  });

  it('terminates on any relation graph and never reports the change’s own items as related', () => {
    const ids = ['a', 'b', 'c', 'd', 'e'];
    const edge = fc.record({
      fromId: fc.constantFrom(...ids),
      toId: fc.constantFrom(...ids),
      relType: fc.constantFrom<RelationType>('depends_on', 'runs_on', 'hosted_on', 'used_by'),
    });
    fc.assert(
      fc.property(fc.array(edge, { maxLength: 30 }), fc.subarray(ids, { minLength: 1 }), (edges, own) => {
        const reach = dependencyReach(own, edges, 5);
        return own.every((id) => !reach.has(id)) && [...reach.values()].every((r) => own.includes(r.ciId));
      }),
    );
  });
});

describe('findConflicts: blackout windows', () => {
  const mine = change('a', ['ci_db'], T, T + 2 * HOUR);

  it('reports a blackout covering everything', () => {
    expect(findConflicts(mine, [], [], [blackout()])).toEqual([
      { kind: 'blackout', blackoutId: 'b1', blackoutName: 'Quarter close', ciId: null },
    ]);
  });

  it('reports a scoped blackout only for the items it protects', () => {
    expect(findConflicts(mine, [], [], [blackout({ ciIds: ['ci_db', 'ci_x'] })])).toEqual([
      { kind: 'blackout', blackoutId: 'b1', blackoutName: 'Quarter close', ciId: 'ci_db' },
    ]);
    expect(findConflicts(mine, [], [], [blackout({ ciIds: ['ci_x'] })])).toEqual([]);
  });

  it('ignores a blackout that only touches the window', () => {
    expect(findConflicts(mine, [], [], [blackout({ start: T + 2 * HOUR, end: T + 5 * HOUR })])).toEqual([]);
    expect(findConflicts(mine, [], [], [blackout({ start: T - HOUR, end: T })])).toEqual([]);
  });
});

describe('conflictsByChange and describeConflict', () => {
  it('finds a clash from both sides', () => {
    const a = change('a', ['ci_db'], T, T + 2 * HOUR);
    const b = change('b', ['ci_db'], T + HOUR, T + 3 * HOUR);
    const c = change('c', ['ci_db'], T + 5 * HOUR, T + 6 * HOUR);
    const map = conflictsByChange([a, b, c], [], []);
    expect([...map.keys()].sort()).toEqual(['a', 'b']);
    expect(map.get('b')?.[0]).toMatchObject({ changeId: 'a' });
  });

  it('says what clashes with what', () => {
    const name = (id: string) => id.toUpperCase();
    const about = { changeId: 'b', changeNumber: 'CHG-1', changeTitle: 'Patch' };
    expect(describeConflict({ kind: 'same_ci', ...about, ciId: 'db' }, name)).toBe(
      'Overlaps CHG-1 (Patch) on DB.',
    );
    expect(
      describeConflict(
        { kind: 'related_ci', ...about, ciId: 'db', otherCiId: 'app', direction: 'dependent' },
        name,
      ),
    ).toBe('Overlaps CHG-1 (Patch): APP depends on DB.');
    expect(
      describeConflict(
        { kind: 'related_ci', ...about, ciId: 'app', otherCiId: 'db', direction: 'dependency' },
        name,
      ),
    ).toBe('Overlaps CHG-1 (Patch): APP depends on DB.');
    expect(
      describeConflict({ kind: 'blackout', blackoutId: 'x', blackoutName: 'Freeze', ciId: null }, name),
    ).toBe('Falls in the blackout window "Freeze".');
    expect(
      describeConflict({ kind: 'blackout', blackoutId: 'x', blackoutName: 'Freeze', ciId: 'db' }, name),
    ).toBe('Falls in the blackout window "Freeze" for DB.');
  });
});

describe('blackout windows', () => {
  const input = (over: Partial<BlackoutInput> = {}): BlackoutInput => ({
    id: 'b1',
    name: ' Year-end freeze ',
    start: T,
    end: T + HOUR,
    ciIds: [],
    ...over,
  });

  it('accepts valid windows, trimmed', () => {
    expect(validateBlackouts([input()])).toEqual({
      ok: true,
      windows: [{ id: 'b1', name: 'Year-end freeze', start: T, end: T + HOUR, ciIds: [] }],
    });
  });

  it('names each bad field by row', () => {
    const result = validateBlackouts([input(), input({ id: 'b2', name: '', start: null, end: T - 1 })]);
    expect(result).toEqual({
      ok: false,
      errors: { '1.name': expect.any(String), '1.start': expect.any(String) },
    });
    const backwards = validateBlackouts([input({ end: T })]);
    expect(backwards).toMatchObject({ ok: false, errors: { '0.end': 'The end must be after the start.' } });
    expect(validateBlackouts([input(), input()])).toMatchObject({
      ok: false,
      errors: { '1.name': expect.any(String) },
    });
  });

  it('reads stored values leniently, dropping malformed windows', () => {
    const good = { id: 'b1', name: 'Freeze', start: T, end: T + HOUR, ciIds: ['ci_1'] };
    expect(parseBlackouts({ windows: [good, { ...good, id: 'b2', end: 'soon' }, null, 7] })).toEqual([good]);
    expect(parseBlackouts(null)).toEqual([]);
    expect(parseBlackouts({ windows: 'all' })).toEqual([]);
  });
});

describe('calendar layout', () => {
  it('builds whole Monday-first weeks around a month', () => {
    const weeks = monthGrid(2026, 1); // February 2026 starts on a Sunday
    expect(weeks.every((w) => w.length === 7)).toBe(true);
    expect(weeks[0]![0]!.key).toBe('2026-01-26');
    expect(weeks[0]![6]!).toMatchObject({ key: '2026-02-01', inMonth: true, weekday: 0 });
    expect(weeks.flat().filter((d) => d.inMonth)).toHaveLength(28);
    expect(weeks.at(-1)!.at(-1)!.key).toBe('2026-03-01');
  });

  it('gives every day of any month exactly once, in order, whole days end to end', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1990, max: 2100 }), fc.integer({ min: 0, max: 11 }), (year, month) => {
        const days = monthGrid(year, month).flat();
        const inMonth = days.filter((d) => d.inMonth);
        return (
          inMonth.length === new Date(year, month + 1, 0).getDate() &&
          inMonth.every((d, i) => d.date === i + 1 && d.month === month) &&
          days.every((d, i) => i === 0 || days[i - 1]!.end === d.start) &&
          days.every((d) => d.weekday === (days.indexOf(d) + 1) % 7)
        );
      }),
    );
  });

  it('shows the week holding a date, and steps by month or week', () => {
    const week = weekDays(T);
    expect(week.map((d) => d.key)).toEqual([
      '2026-03-09',
      '2026-03-10',
      '2026-03-11',
      '2026-03-12',
      '2026-03-13',
      '2026-03-14',
      '2026-03-15',
    ]);
    expect(viewWeeks('week', T)).toEqual([week]);
    expect(new Date(shiftAnchor(new Date(2026, 0, 31).getTime(), 'month', 1)).getMonth()).toBe(1);
    expect(weekDays(shiftAnchor(T, 'week', -1))[0]!.key).toBe('2026-03-02');
  });

  it('places a change on every day its window covers, marking continuations', () => {
    const days = weekDays(T);
    const overnight = change(
      'a',
      [],
      new Date(2026, 2, 10, 22).getTime(),
      new Date(2026, 2, 12, 2).getTime(),
    );
    const placed = layoutChanges([overnight], days);
    expect(placed.map((p) => p.length)).toEqual([0, 1, 1, 1, 0, 0, 0]);
    expect(placed[1]![0]).toMatchObject({ continuesBefore: false, continuesAfter: true });
    expect(placed[2]![0]).toMatchObject({ continuesBefore: true, continuesAfter: true });
    expect(placed[3]![0]).toMatchObject({ continuesBefore: true, continuesAfter: false });
  });

  it('does not spill a window ending at midnight into the next day, and skips changes without one', () => {
    const days = weekDays(T);
    const untilMidnight = change(
      'a',
      [],
      new Date(2026, 2, 10, 20).getTime(),
      new Date(2026, 2, 11).getTime(),
    );
    expect(daysCovered(untilMidnight, days)).toEqual(['2026-03-10']);
    expect(daysCovered(change('b', [], 0, 0), days)).toEqual([]);
  });

  it('orders a day’s changes by start', () => {
    const days = weekDays(T);
    const late = change('late', [], T + 3 * HOUR, T + 4 * HOUR);
    const early = change('early', [], T, T + HOUR);
    expect(layoutChanges([late, early], days)[1]!.map((p) => p.item.id)).toEqual(['early', 'late']);
  });
});
