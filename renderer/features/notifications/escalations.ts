/**
 * Applies escalation rules on an agent's or manager's device. Which rules are due comes from the
 * in-memory rows and SLA clocks (no reads); each due ticket is then read with its timeline and
 * handled one at a time, so a wide rule never floods the database with parallel writes. The
 * timeline decides what has already fired (another device may have done it), so this can run on
 * several devices at once and they converge.
 */
import type { ListRow } from '../../data';
import { readPriorityMatrix, type OutpostDatabase, type Session } from '../../data';
import { applyEscalation, readTimeline } from '../../data/routing';
import {
  escalationActions,
  escalationKey,
  escalationMatches,
  triggerReached,
  type EscalationRule,
} from '../../../shared/domain/escalation';
import type { SlaClock } from '../../app/slaClocks';

/** `<ticket id>|<rule key>` pairs dealt with since the app started (fired here or found fired). */
const handled = new Set<string>();
const queued = new Set<string>();
let queue: Promise<void> = Promise.resolve();

/** Tickets with at least one rule due that this device has not dealt with yet. */
export function dueEscalations(
  rows: readonly ListRow[],
  clocks: ReadonlyMap<string, SlaClock>,
  rules: readonly EscalationRule[],
): string[] {
  if (rules.length === 0) return [];
  const due: string[] = [];
  for (const row of rows) {
    if (row.phase !== 'open' || queued.has(row.id)) continue;
    const clock = clocks.get(row.id);
    if (!clock) continue;
    const pending = rules.some(
      (rule) =>
        !handled.has(`${row.id}|${escalationKey(rule)}`) &&
        triggerReached(clock.state, rule.trigger) &&
        escalationMatches(rule, row),
    );
    if (pending) due.push(row.id);
  }
  return due;
}

async function escalateOne(
  db: OutpostDatabase,
  id: string,
  rules: readonly EscalationRule[],
  clockOf: (id: string) => SlaClock | undefined,
  session: Session,
): Promise<void> {
  const markAll = () => {
    for (const rule of rules) handled.add(`${id}|${escalationKey(rule)}`);
  };
  const doc = await db.tickets.findOne(id).exec();
  const clock = clockOf(id);
  if (!doc || !clock) {
    markAll();
    return;
  }
  const ticket = doc.toMutableJSON();
  const [timeline, matrix] = await Promise.all([readTimeline(db, id), readPriorityMatrix(db)]);
  const actions = escalationActions(ticket, clock, rules, timeline, matrix);
  for (const action of actions) {
    const result = await applyEscalation(db, id, action, session);
    if (!result.ok) {
      // Left for the next start: a refused edit (e.g. closed meanwhile) is not retried in a loop.
      console.warn(
        `Outpost: escalation "${action.rule.name}" on ${ticket.number} was not applied`,
        result.errors,
      );
    }
  }
  // Rules not due now (trigger not reached, no match) are looked at again when the row changes.
  for (const rule of rules) {
    const key = escalationKey(rule);
    if (
      actions.some((a) => a.key === key) ||
      (triggerReached(clock.state, rule.trigger) && escalationMatches(rule, ticket))
    ) {
      handled.add(`${id}|${key}`);
    }
  }
}

/** Queues the given tickets; each runs after the previous one finished. */
export function scheduleEscalations(
  db: OutpostDatabase,
  ids: readonly string[],
  rules: readonly EscalationRule[],
  clockOf: (id: string) => SlaClock | undefined,
  session: Session,
): void {
  for (const id of ids) {
    if (queued.has(id)) continue;
    queued.add(id);
    queue = queue
      .then(() => escalateOne(db, id, rules, clockOf, session))
      .catch((error: unknown) => {
        console.warn(`Outpost: escalation of ${id} failed`, error);
        for (const rule of rules) handled.add(`${id}|${escalationKey(rule)}`);
      })
      .finally(() => queued.delete(id));
  }
}
