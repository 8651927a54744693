/**
 * A ticket list as CSV: what the list shows, with names instead of ids and ISO dates, so a
 * spreadsheet sorts and filters it. Cells go through csv.ts, which escapes formula starts.
 */
import { toCsv } from './csv';
import { KIND_LABELS, STATUS_LABELS, priorityLabel } from './labels';
import type { Priority, TicketKind, TicketStatus } from './model';

export interface TicketCsvRow {
  number: string;
  title: string;
  kind: TicketKind;
  status: TicketStatus;
  priority: Priority;
  groupId: string;
  assigneeId: string;
  category: string;
  createdAt: number;
  updatedAt: number;
}

export const TICKET_CSV_HEADER = [
  'Number',
  'Title',
  'Kind',
  'Status',
  'Priority',
  'Group',
  'Assignee',
  'Category',
  'Created (UTC)',
  'Updated (UTC)',
] as const;

const iso = (t: number): string => (t > 0 ? new Date(t).toISOString() : '');

export function ticketRowsCsv(rows: readonly TicketCsvRow[], nameOf: (id: string) => string): string {
  return toCsv(
    [
      TICKET_CSV_HEADER,
      ...rows.map((r) => [
        r.number,
        r.title,
        KIND_LABELS[r.kind] ?? r.kind,
        STATUS_LABELS[r.status] ?? r.status,
        priorityLabel(r.priority),
        r.groupId ? nameOf(r.groupId) : '',
        r.assigneeId ? nameOf(r.assigneeId) : '',
        r.category,
        iso(r.createdAt),
        iso(r.updatedAt),
      ]),
    ],
    { bom: true },
  );
}
