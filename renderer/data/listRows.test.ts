import { describe, expect, it } from 'vitest';
import { TICKET_STATUSES, type Priority, type TicketKind } from '../../shared/domain/model';
import { countByStatus, filterAndSortRows, toListRow, type ListRow, type RowSort } from './listRows';
import { fixtureTicket } from './testDb';

const rows: ListRow[] = Array.from({ length: 200 }, (_, i) =>
  toListRow(
    fixtureTicket(i, {
      title:
        ['VPN drops hourly', 'Printer jam', 'vpn token expired', 'New laptop', 'Zebra label printer'][
          i % 5
        ] ?? '',
      createdAt: 1_600_000_000_000 + ((i * 7919) % 200) * 1000,
    }),
  ),
);

/** Obvious (slow) reference implementation to compare against. */
function reference(all: ListRow[], pred: (r: ListRow) => boolean, sort: RowSort): ListRow[] {
  const key = (r: ListRow): number | string =>
    sort.field === 'title'
      ? r.title.toLowerCase()
      : sort.field === 'status'
        ? TICKET_STATUSES.indexOf(r.status)
        : r[sort.field];
  return all.filter(pred).sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka !== kb) return (ka < kb ? -1 : 1) * (sort.dir === 'asc' ? 1 : -1);
    if (a.sortDesc !== b.sortDesc) return a.sortDesc - b.sortDesc;
    return a.id < b.id ? -1 : 1;
  });
}

describe('filterAndSortRows', () => {
  it('with no filters returns every row, newest first for updatedAt desc', () => {
    const out = filterAndSortRows(rows, {}, { field: 'updatedAt', dir: 'desc' });
    expect(out).toHaveLength(rows.length);
    expect(out).toEqual(reference(rows, () => true, { field: 'updatedAt', dir: 'desc' }));
  });

  it('treats empty lists and null as "no filter" and "" as unassigned', () => {
    const sort: RowSort = { field: 'number', dir: 'asc' };
    expect(
      filterAndSortRows(rows, { kinds: [], statuses: [], assigneeId: null, groupId: null }, sort),
    ).toHaveLength(200);
    const unassigned = filterAndSortRows(rows, { assigneeId: '' }, sort);
    expect(unassigned.length).toBeGreaterThan(0);
    expect(unassigned.every((r) => r.assigneeId === '')).toBe(true);
  });

  it('combines filters with AND and matches every word of the text in number or title', () => {
    const kinds: TicketKind[] = ['incident', 'problem'];
    const priorities: Priority[] = [1, 2, 3];
    const filters = { kinds, priorities, groupId: 'per_group1', text: ' VPN  drops ' };
    const sort: RowSort = { field: 'priority', dir: 'asc' };
    const out = filterAndSortRows(rows, filters, sort);
    const expected = reference(
      rows,
      (r) =>
        kinds.includes(r.kind) &&
        priorities.includes(r.priority) &&
        r.groupId === 'per_group1' &&
        `${r.number} ${r.title}`.toLowerCase().includes('vpn') &&
        `${r.number} ${r.title}`.toLowerCase().includes('drops'),
      sort,
    );
    expect(out.length).toBeGreaterThan(0);
    expect(out).toEqual(expected);
    expect(filterAndSortRows(rows, { text: 'inc-test-0007' }, sort).map((r) => r.id)).toEqual(['tkt_000006']);
  });

  it.each([
    ['updatedAt', 'asc'],
    ['createdAt', 'desc'],
    ['priority', 'desc'],
    ['number', 'desc'],
    ['title', 'asc'],
    ['status', 'asc'],
    ['status', 'desc'],
  ] as const)('sorts by %s %s with a total, stable order', (field, dir) => {
    const sort: RowSort = { field, dir };
    const statuses = ['new', 'pending', 'closed'] as const;
    const out = filterAndSortRows(rows, { statuses: [...statuses] }, sort);
    expect(out).toEqual(reference(rows, (r) => (statuses as readonly string[]).includes(r.status), sort));
    // Same input in another order gives the same output.
    expect(filterAndSortRows([...rows].reverse(), { statuses: [...statuses] }, sort)).toEqual(out);
  });

  it('does not mutate its input', () => {
    const copy = [...rows];
    filterAndSortRows(rows, { text: 'printer' }, { field: 'title', dir: 'desc' });
    expect(rows).toEqual(copy);
  });
});

describe('countByStatus', () => {
  it('counts every status, zero included', () => {
    const counts = countByStatus(rows.slice(0, 10));
    expect(Object.keys(counts).sort()).toEqual([...TICKET_STATUSES].sort());
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(10);
  });
});
