/**
 * Ticket facts in columns, for storing: one array per field instead of one object per ticket,
 * and the few distinct groups, people, categories, kinds and statuses written once in a
 * dictionary. At 100,000 tickets this is a fraction of the size of the objects, and cloning a
 * handful of long arrays into IndexedDB is far cheaper than cloning 400,000 small objects.
 */
import type { Priority, TicketKind, TicketStatus } from '../model';
import type { DoneSpell, TicketFacts } from './model';

export interface FactColumns {
  /** Every distinct short text, referred to by position. */
  dict: string[];
  id: string[];
  number: string[];
  /** Dictionary positions. */
  kind: number[];
  groupId: number[];
  assigneeId: number[];
  category: number[];
  status: number[];
  resolutionCode: number[];
  priority: number[];
  createdAt: number[];
  respondedAt: (number | null)[];
  responseWorkMs: (number | null)[];
  /** 0 = no SLA policy, 1 = under one. */
  hasSla: number[];
  responseBreachAt: (number | null)[];
  resolutionBreachAt: (number | null)[];
  surveyAt: (number | null)[];
  surveyScore: (number | null)[];
  singleTouch: number[];
  /** How many spells each ticket has; their fields follow in order in the three flat arrays. */
  doneCount: number[];
  doneAt: number[];
  doneWorkMs: number[];
  doneEndedAt: (number | null)[];
}

const PER_TICKET = [
  'id',
  'number',
  'kind',
  'groupId',
  'assigneeId',
  'category',
  'status',
  'resolutionCode',
  'priority',
  'createdAt',
  'respondedAt',
  'responseWorkMs',
  'hasSla',
  'responseBreachAt',
  'resolutionBreachAt',
  'surveyAt',
  'surveyScore',
  'singleTouch',
  'doneCount',
] as const satisfies readonly (keyof FactColumns)[];

export function encodeFacts(facts: Iterable<TicketFacts>): FactColumns {
  const dict: string[] = [];
  const positions = new Map<string, number>();
  const code = (text: string): number => {
    let at = positions.get(text);
    if (at === undefined) {
      at = dict.length;
      dict.push(text);
      positions.set(text, at);
    }
    return at;
  };
  const c = {
    dict,
    ...Object.fromEntries(PER_TICKET.map((name) => [name, []])),
    doneAt: [],
    doneWorkMs: [],
    doneEndedAt: [],
  } as unknown as FactColumns;
  for (const f of facts) {
    c.id.push(f.id);
    c.number.push(f.number);
    c.kind.push(code(f.kind));
    c.groupId.push(code(f.groupId));
    c.assigneeId.push(code(f.assigneeId));
    c.category.push(code(f.category));
    c.status.push(code(f.status));
    c.resolutionCode.push(code(f.resolutionCode));
    c.priority.push(f.priority);
    c.createdAt.push(f.createdAt);
    c.respondedAt.push(f.respondedAt);
    c.responseWorkMs.push(f.responseWorkMs);
    c.hasSla.push(f.sla ? 1 : 0);
    c.responseBreachAt.push(f.sla?.responseBreachAt ?? null);
    c.resolutionBreachAt.push(f.sla?.resolutionBreachAt ?? null);
    c.surveyAt.push(f.survey?.at ?? null);
    c.surveyScore.push(f.survey?.score ?? null);
    c.singleTouch.push(f.singleTouch ? 1 : 0);
    c.doneCount.push(f.done.length);
    for (const spell of f.done) {
      c.doneAt.push(spell.at);
      c.doneWorkMs.push(spell.workMs);
      c.doneEndedAt.push(spell.endedAt);
    }
  }
  return c;
}

const isArray = (value: unknown): value is unknown[] => Array.isArray(value);

/** The facts back, or null when the columns are not what encodeFacts writes. */
export function decodeFacts(value: unknown): TicketFacts[] | null {
  if (typeof value !== 'object' || value === null) return null;
  const c = value as Partial<Record<keyof FactColumns, unknown>>;
  if (!isArray(c.dict) || !isArray(c.id)) return null;
  const length = c.id.length;
  if (!PER_TICKET.every((name) => isArray(c[name]) && c[name].length === length)) return null;
  const cols = value as FactColumns;
  const spells = cols.doneCount.reduce((sum, n) => sum + n, 0);
  if (![cols.doneAt, cols.doneWorkMs, cols.doneEndedAt].every((a) => isArray(a) && a.length === spells)) {
    return null;
  }
  const text = (at: number | undefined): string => cols.dict[at ?? -1] ?? '';
  const facts: TicketFacts[] = new Array<TicketFacts>(length);
  let next = 0;
  for (let i = 0; i < length; i++) {
    const done: DoneSpell[] = [];
    for (let k = 0; k < (cols.doneCount[i] ?? 0); k++, next++) {
      done.push({
        at: cols.doneAt[next] ?? 0,
        workMs: cols.doneWorkMs[next] ?? 0,
        endedAt: cols.doneEndedAt[next] ?? null,
      });
    }
    const surveyAt = cols.surveyAt[i] ?? null;
    const surveyScore = cols.surveyScore[i] ?? null;
    facts[i] = {
      id: cols.id[i] ?? '',
      number: cols.number[i] ?? '',
      kind: text(cols.kind[i]) as TicketKind,
      groupId: text(cols.groupId[i]),
      assigneeId: text(cols.assigneeId[i]),
      category: text(cols.category[i]),
      status: text(cols.status[i]) as TicketStatus,
      resolutionCode: text(cols.resolutionCode[i]),
      priority: (cols.priority[i] ?? 3) as Priority,
      createdAt: cols.createdAt[i] ?? 0,
      done,
      respondedAt: cols.respondedAt[i] ?? null,
      responseWorkMs: cols.responseWorkMs[i] ?? null,
      sla:
        cols.hasSla[i] === 1
          ? {
              responseBreachAt: cols.responseBreachAt[i] ?? null,
              resolutionBreachAt: cols.resolutionBreachAt[i] ?? null,
            }
          : null,
      survey: surveyAt !== null && surveyScore !== null ? { at: surveyAt, score: surveyScore } : null,
      singleTouch: cols.singleTouch[i] === 1,
    };
  }
  return facts;
}
