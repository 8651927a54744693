import { describe, expect, it, vi } from 'vitest';
import type { ListRow } from '../../data';
import { rankCommands, type Command } from './commands';
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
