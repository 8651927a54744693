/**
 * Change management reads and writes: the blackout windows and CAB settings, the changes and
 * dependency relations the calendar's conflict check needs, and the CAB's live count for one
 * change. Votes themselves are written by castVote (process.ts).
 */
import { combineLatest, distinctUntilChanged, map, merge, of, switchMap, type Observable } from 'rxjs';
import { ulid } from '../../shared/domain/ids';
import {
  DEFAULT_CAB_SETTINGS,
  enteredAuthorizeAt,
  tallyVotes,
  validateCabSettings,
  type CabRule,
  type CabSettings,
  type CabTally,
} from '../../shared/domain/cab';
import {
  DEPENDENCY_DEPTH,
  DEPENDENCY_TYPES,
  hasWindow,
  isActiveChange,
  parseBlackouts,
  validateBlackouts,
  type BlackoutInput,
  type BlackoutWindow,
  type Relation,
} from '../../shared/domain/changeCalendar';
import type { PersonDoc, SettingDoc, TicketDoc } from '../../shared/domain/model';
import { FORM_ERROR_KEY, type FieldErrors } from '../../shared/domain/validation';
import { observeActivities } from './activities';
import type { OutpostDatabase } from './database';
import { CAB_SETTING_KEY, cabApprovers } from './process';
import { cryptoRandom } from './random';
import { findSetting, observeSettings, saveSetting } from './settings';
import type { Session } from './tickets';

export const BLACKOUTS_SETTING_KEY = 'blackouts';
/** Upper bound for "at least N approvals". */
export const CAB_COUNT_MAX = 50;

export type SaveResult<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/** The newest document of `key` among live settings (several can exist after offline edits). */
function newestSetting(settings: readonly SettingDoc[], key: string): SettingDoc | null {
  let newest: SettingDoc | null = null;
  for (const s of settings) if (s.key === key && (!newest || s.updatedAt > newest.updatedAt)) newest = s;
  return newest;
}

// ---- Blackout windows

/** A fresh id for a blackout row being added in a form. */
export function newBlackoutId(now = Date.now()): string {
  return `blk_${ulid(now, cryptoRandom)}`;
}

export async function readBlackouts(db: OutpostDatabase): Promise<BlackoutWindow[]> {
  return parseBlackouts((await findSetting(db, BLACKOUTS_SETTING_KEY))?.value);
}

export function observeBlackouts(db: OutpostDatabase): Observable<BlackoutWindow[]> {
  return observeSettings(db).pipe(
    map((settings) => parseBlackouts(newestSetting(settings, BLACKOUTS_SETTING_KEY)?.value)),
    distinctUntilChanged((a, b) => JSON.stringify(a) === JSON.stringify(b)),
  );
}

/**
 * Validates the whole list (errors keyed `<row>.<field>`, see validateBlackouts; items that do
 * not exist are refused too) and saves it as the `blackouts` setting. Nothing is written on error.
 */
export async function saveBlackouts(
  db: OutpostDatabase,
  inputs: readonly BlackoutInput[],
  session: Session,
  options: { now?: number } = {},
): Promise<SaveResult<BlackoutWindow[]>> {
  const checked = validateBlackouts(inputs);
  if (!checked.ok) return { ok: false, errors: checked.errors };
  const wanted = [...new Set(checked.windows.flatMap((w) => w.ciIds))];
  const found = wanted.length > 0 ? await db.cis.findByIds(wanted).exec() : new Map();
  const errors: FieldErrors = {};
  checked.windows.forEach((w, i) => {
    const missing = w.ciIds.filter((id) => !found.has(id));
    if (missing.length > 0) errors[`${i}.ciIds`] = 'Some of these items no longer exist.';
  });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const saved = await saveSetting(db, BLACKOUTS_SETTING_KEY, { windows: checked.windows }, session, options);
  return saved.ok
    ? { ok: true, value: checked.windows }
    : { ok: false, errors: { [FORM_ERROR_KEY]: saved.error } };
}

// ---- CAB settings

export function observeCabSettings(db: OutpostDatabase): Observable<CabSettings> {
  return observeSettings(db).pipe(
    map((settings) => validateCabSettings(newestSetting(settings, CAB_SETTING_KEY)?.value)),
    distinctUntilChanged((a, b) => JSON.stringify(a) === JSON.stringify(b)),
  );
}

/**
 * Checks and saves the CAB rule and approvers. Approvers must be people of the team; an
 * "at least N" rule needs a whole N between 1 and the number of approvers (the listed ones, or
 * the managers when none are listed). Errors are keyed `rule`, `count`, `approverIds`.
 */
export async function saveCabSettings(
  db: OutpostDatabase,
  settings: { rule: CabRule; approverIds: readonly string[] },
  session: Session,
  options: { now?: number } = {},
): Promise<SaveResult<CabSettings>> {
  const errors: FieldErrors = {};
  const { rule } = settings;
  const approverIds = [...new Set(settings.approverIds)];
  if (rule.kind !== 'all' && rule.kind !== 'majority' && rule.kind !== 'count') {
    errors.rule = 'Choose how the CAB decides.';
  }
  const people = approverIds.length > 0 ? await db.people.findByIds(approverIds).exec() : new Map();
  const unknown = approverIds.filter((id) => people.get(id)?.personKind !== 'user');
  // The server accepts votes from managers and admins only.
  const cannotVote = approverIds.filter((id) => {
    const roles: readonly string[] = people.get(id)?.roles ?? [];
    return !roles.includes('manager') && !roles.includes('admin');
  });
  if (unknown.length > 0) errors.approverIds = 'Approvers must be people of the team.';
  else if (cannotVote.length > 0) errors.approverIds = 'Approvers must be managers or admins.';
  const pool = await cabApprovers(db, { ...DEFAULT_CAB_SETTINGS, approverIds });
  if (rule.kind === 'count') {
    if (!Number.isInteger(rule.count) || rule.count < 1 || rule.count > CAB_COUNT_MAX) {
      errors.count = `Enter a whole number from 1 to ${CAB_COUNT_MAX}.`;
    } else if (rule.count > pool.length) {
      errors.count =
        pool.length === 0
          ? 'There are no approvers to count.'
          : `There are only ${pool.length} approver${pool.length === 1 ? '' : 's'}.`;
    }
  }
  if (pool.length === 0 && !errors.approverIds) {
    errors.approverIds = 'The team has no managers: list the approvers.';
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const value: CabSettings = {
    rule: rule.kind === 'count' ? { kind: 'count', count: rule.count } : rule,
    approverIds,
  };
  const saved = await saveSetting(db, CAB_SETTING_KEY, { ...value }, session, options);
  return saved.ok ? { ok: true, value } : { ok: false, errors: { [FORM_ERROR_KEY]: saved.error } };
}

export interface CabState {
  settings: CabSettings;
  approvers: string[];
  /** When the change last entered Authorize (0 = never): older votes do not count. */
  since: number;
  tally: CabTally;
}

/** The CAB's count for a change, live: follows its timeline, the setting and the team. */
export function observeCab(db: OutpostDatabase, changeId: string): Observable<CabState> {
  const people$ = db.people.find({ selector: { personKind: 'user' } }).$;
  return combineLatest([observeCabSettings(db), people$, observeActivities(db, changeId)]).pipe(
    switchMap(async ([settings, , activities]) => {
      const approvers = await cabApprovers(db, settings);
      const since = enteredAuthorizeAt(activities);
      return { settings, approvers, since, tally: tallyVotes(activities, approvers, settings.rule, since) };
    }),
  );
}

/** People who may vote, for pickers: every user, managers first. */
export function sortApproverChoices(users: readonly PersonDoc[]): PersonDoc[] {
  const manager = (p: PersonDoc) => (p.roles.includes('manager') ? 0 : 1);
  return [...users].sort((a, b) => manager(a) - manager(b) || a.name.localeCompare(b.name));
}

// ---- Changes and relations for the calendar

/** Every change, done ones included (the calendar shows history). One walk of the kind index. */
export async function loadChanges(db: OutpostDatabase): Promise<TicketDoc[]> {
  const docs = await db.tickets
    .find({ selector: { kind: 'change' }, index: ['kind', 'phase', 'sortDesc'] })
    .exec();
  return docs.map((d) => d.toMutableJSON());
}

export function observeChanges(db: OutpostDatabase): Observable<TicketDoc[]> {
  return db.tickets
    .find({ selector: { kind: 'change' }, index: ['kind', 'phase', 'sortDesc'] })
    .$.pipe(map((docs) => docs.map((d) => d.toMutableJSON())));
}

/**
 * Dependency relations within `depth` hops of `ciIds`, walking each way through the `fromId`
 * and `toId` indexes: enough for every link the conflict check can follow, without reading the
 * whole relations collection (which also links tickets to items).
 */
export async function loadDependencyRelations(
  db: OutpostDatabase,
  ciIds: readonly string[],
  depth = DEPENDENCY_DEPTH,
): Promise<Relation[]> {
  const found = new Map<string, Relation>();
  const walk = async (field: 'fromId' | 'toId') => {
    const seen = new Set(ciIds);
    let frontier = [...seen];
    for (let hop = 0; hop < depth && frontier.length > 0; hop++) {
      const docs = await db.relations
        .find({ selector: { [field]: { $in: frontier } }, index: [field] })
        .exec();
      const next: string[] = [];
      for (const doc of docs) {
        if (!DEPENDENCY_TYPES.includes(doc.relType)) continue;
        found.set(doc.id, { fromId: doc.fromId, toId: doc.toId, relType: doc.relType });
        const other = field === 'fromId' ? doc.toId : doc.fromId;
        if (!seen.has(other)) {
          seen.add(other);
          next.push(other);
        }
      }
      frontier = next;
    }
  };
  await walk('fromId');
  await walk('toId');
  return [...found.values()];
}

export interface ConflictContext {
  changes: TicketDoc[];
  relations: Relation[];
  blackouts: BlackoutWindow[];
}

/** Items of the changes that can still conflict (open, with a window). */
function plannedItems(changes: readonly TicketDoc[]): string[] {
  return [
    ...new Set(changes.filter((c) => isActiveChange(c) && hasWindow(c)).flatMap((c) => c.ciIds)),
  ].sort();
}

export async function loadConflictContext(db: OutpostDatabase): Promise<ConflictContext> {
  const changes = await loadChanges(db);
  const [relations, blackouts] = await Promise.all([
    loadDependencyRelations(db, plannedItems(changes)),
    readBlackouts(db),
  ]);
  return { changes, relations, blackouts };
}

/**
 * Everything the calendar and a change's conflict list need, live: changes, blackouts, and the
 * relations around the planned items (re-read when the items or any relation change).
 */
export function observeConflictContext(db: OutpostDatabase): Observable<ConflictContext> {
  const changes$ = observeChanges(db);
  const items$ = changes$.pipe(
    map(plannedItems),
    distinctUntilChanged((a, b) => a.join() === b.join()),
  );
  const relations$ = combineLatest([items$, merge(of(null), db.relations.$)]).pipe(
    switchMap(([items]) => loadDependencyRelations(db, items)),
  );
  return combineLatest([changes$, relations$, observeBlackouts(db)]).pipe(
    map(([changes, relations, blackouts]) => ({ changes, relations, blackouts })),
  );
}
