import type { ListRow } from '../../data';

export interface Command {
  id: string;
  label: string;
  hint?: string;
  run: () => void;
}

const MAX_TICKETS = 20;

/**
 * Actions first when they match, then tickets: an exact number wins, then titles containing
 * every typed word. Runs over the in-memory projection, so it stays instant at 100k tickets.
 */
export function rankCommands(
  query: string,
  actions: Command[],
  rows: ListRow[],
  open: (id: string) => void,
): Command[] {
  const q = query.trim().toLowerCase();
  if (!q) return actions;
  const words = q.split(/\s+/);
  const matchedActions = actions.filter((a) => words.every((w) => a.label.toLowerCase().includes(w)));
  const exact: ListRow[] = [];
  const partial: ListRow[] = [];
  for (const row of rows) {
    const number = row.number.toLowerCase();
    if (number === q) exact.push(row);
    else if (partial.length < MAX_TICKETS) {
      const title = row.title.toLowerCase();
      if (number.includes(q) || words.every((w) => title.includes(w))) partial.push(row);
    }
  }
  const tickets = [...exact, ...partial].slice(0, MAX_TICKETS).map((row): Command => ({
    id: row.id,
    label: `${row.number} · ${row.title}`,
    hint: 'ticket',
    run: () => open(row.id),
  }));
  return [...matchedActions, ...tickets];
}
