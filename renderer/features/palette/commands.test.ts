import { describe, expect, it, vi } from 'vitest';
import type { ListRow } from '../../data';
import type { SearchHit } from '../../search';
import { rankCommands, searchCommands, type Command } from './commands';
import { listRowFrom } from '../../data/testRows';

function row(id: string, number: string, title: string): ListRow {
  return { ...listRowFrom(id, 0), number, title };
}

const actions: Command[] = [
  { id: 'new', label: 'New ticket', run: () => undefined },
  { id: 'theme', label: 'Switch to dark theme', run: () => undefined },
];
const rows = [
  row('a', 'INC-AAAA-0001', 'Printer jams on tray 2'),
  row('b', 'INC-AAAA-0010', 'VPN drops every ten minutes'),
  row('c', 'REQ-AAAA-0001', 'New laptop for a starter'),
];

describe('rankCommands', () => {
  it('lists the actions when nothing is typed', () => {
    expect(rankCommands('  ', actions, rows, () => undefined).map((c) => c.id)).toEqual(['new', 'theme']);
  });

  it('puts matching actions first, then tickets whose titles hold every word', () => {
    const ids = rankCommands('new', actions, rows, () => undefined).map((c) => c.id);
    expect(ids).toEqual(['new', 'c']);
    expect(rankCommands('vpn ten', actions, rows, () => undefined).map((c) => c.id)).toEqual(['b']);
  });

  it('ranks an exact ticket number above partial number matches', () => {
    const ids = rankCommands('inc-aaaa-0010', actions, rows, () => undefined).map((c) => c.id);
    expect(ids[0]).toBe('b');
    expect(rankCommands('INC-AAAA-00', actions, rows, () => undefined).map((c) => c.id)).toEqual(['a', 'b']);
  });

  it('opens the ticket it names', () => {
    const open = vi.fn();
    rankCommands('printer', actions, rows, open)[0]?.run();
    expect(open).toHaveBeenCalledWith('a');
  });

  it('caps ticket results at twenty', () => {
    const many = Array.from({ length: 50 }, (_, i) => row(`t${i}`, `INC-AAAA-${1000 + i}`, 'Disk full'));
    expect(rankCommands('disk', actions, many, () => undefined)).toHaveLength(20);
  });
});

describe('searchCommands', () => {
  const hit = (type: SearchHit['type'], id: string, title: string): SearchHit => ({
    type,
    id,
    title,
    subtitle: `${type} ${id}`,
    score: 1,
    highlights: [{ field: 'title', text: title, ranges: [[0, 3]] }],
  });

  it('lists matching actions before the hits, keeping the index ranking and highlights', () => {
    const hits = [hit('ci', 'c1', 'New laptop stock'), hit('ticket', 't1', 'New hire needs access')];
    const open = vi.fn();
    const found = searchCommands('new', actions, hits, open);
    expect(found.map((c) => c.id)).toEqual(['new', 'ci:c1', 'ticket:t1']);
    expect(found[1]).toMatchObject({
      label: 'New laptop stock',
      ranges: [[0, 3]],
      hint: 'item',
      detail: 'ci c1',
    });
    found[2]?.run();
    expect(open).toHaveBeenCalledWith(hits[1]);
  });

  it('shows the actions alone when nothing is typed', () => {
    expect(searchCommands(' ', actions, [hit('ticket', 't1', 'x')], () => undefined)).toEqual(actions);
  });
});
