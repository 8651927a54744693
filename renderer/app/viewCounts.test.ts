import { describe, expect, it } from 'vitest';
import type { ListRow } from '../data';
import { viewCounts, viewPredicate } from './ticketRows';

const rows = [
  { id: '1', phase: 'open', assigneeId: '' },
  { id: '2', phase: 'open', assigneeId: 'me' },
  { id: '3', phase: 'open', assigneeId: 'other' },
  { id: '4', phase: 'done', assigneeId: 'me' },
] as ListRow[];

describe('saved view membership', () => {
  it('counts every view from the same rows the predicates select', () => {
    const counts = viewCounts(rows, 'me');
    expect(counts).toEqual({ open: 3, mine: 1, unassigned: 1, all: 4, done: 1 });
    for (const view of ['open', 'mine', 'unassigned', 'all', 'done'] as const) {
      expect(rows.filter(viewPredicate(view, 'me')).length).toBe(counts[view]);
    }
  });
});
