import type { ListRow } from '../../data';
import type { SearchHit } from '../../search';

export interface Command {
  id: string;
  label: string;
  hint?: string;
  /** A second line (a search hit's number, class or address). */
  detail?: string;
  /** Matched ranges of `label`, rendered as marks. */
  ranges?: [number, number][];
  run: () => void;
}

const MAX_TICKETS = 20;
const HIT_HINTS: Record<SearchHit['type'], string> = {
  ticket: 'ticket',
  ci: 'item',
  article: 'article',
  person: 'person',
};

function matchingActions(q: string, actions: Command[]): Command[] {
  const words = q.split(/\s+/);
  return actions.filter((a) => words.every((w) => a.label.toLowerCase().includes(w)));
}

/**
 * Actions whose label holds every typed word first, then the search index's hits (tickets, CIs,
 * articles, people) in its ranking, with the matched words of each title.
 */
export function searchCommands(
  query: string,
  actions: Command[],
  hits: SearchHit[],
  open: (hit: SearchHit) => void,
): Command[] {
  const q = query.trim().toLowerCase();
  if (!q) return actions;
  const found = hits.slice(0, MAX_TICKETS).map((hit): Command => ({
    id: `${hit.type}:${hit.id}`,
    label: hit.title,
    ranges: hit.highlights.find((h) => h.field === 'title')?.ranges ?? [],
    detail: hit.subtitle,
    hint: HIT_HINTS[hit.type],
    run: () => open(hit),
  }));
  return [...matchingActions(q, actions), ...found];
}

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
  const matchedActions = matchingActions(q, actions);
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
