import { describe, expect, it } from 'vitest';
import { parseCsv, unescapeFormula } from './csv';
import { ticketRowsCsv, type TicketCsvRow } from './ticketCsv';

const row = (patch: Partial<TicketCsvRow>): TicketCsvRow => ({
  number: 'INC-A1-1',
  title: 'Printer jam',
  kind: 'incident',
  status: 'in_progress',
  priority: 2,
  groupId: 'g1',
  assigneeId: '',
  category: 'Printing',
  createdAt: Date.UTC(2026, 10, 2, 9, 30),
  updatedAt: 0,
  ...patch,
});

const names: Record<string, string> = { g1: 'Service Desk', u1: '@admin' };

describe('ticketRowsCsv', () => {
  it('writes names, labels and ISO dates under a header', () => {
    const lines = ticketRowsCsv([row({})], (id) => names[id] ?? id).split('\r\n');
    expect(lines[0]).toBe(
      '\uFEFFNumber,Title,Kind,Status,Priority,Group,Assignee,Category,Created (UTC),Updated (UTC)',
    );
    expect(lines[1]).toBe(
      'INC-A1-1,Printer jam,Incident,In progress,P2 High,Service Desk,,Printing,2026-11-02T09:30:00.000Z,',
    );
    expect(lines[2]).toBe('');
  });

  it('escapes cells a spreadsheet would run and quotes what needs quoting', () => {
    const csv = ticketRowsCsv(
      [row({ title: '=HYPERLINK("http://evil.example","x")', assigneeId: 'u1', category: '-2+3' })],
      (id) => names[id] ?? id,
    );
    const line = csv.split('\r\n')[1];
    expect(line).toBe(
      `INC-A1-1,"'=HYPERLINK(""http://evil.example"",""x"")",Incident,In progress,P2 High,Service Desk,'@admin,'-2+3,2026-11-02T09:30:00.000Z,`,
    );
    const parsed = parseCsv(csv.replace(/^\uFEFF/, '')).records[1]?.fields.map(unescapeFormula);
    expect(parsed?.[1]).toBe('=HYPERLINK("http://evil.example","x")');
    expect(parsed?.[6]).toBe('@admin');
  });
});
