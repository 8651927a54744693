/**
 * SLA data: the policies and calendars settings (read, checked, saved), and the bulk reads the
 * clock projection needs (open tickets, their status changes and comments).
 */
import type { RxDocumentData } from 'rxdb';
import { distinctUntilChanged, map, type Observable } from 'rxjs';
import type { ActivityDoc, Role, SettingDoc, TicketDoc } from '../../shared/domain/model';
import { fromDraft, type SlaDraft } from '../../shared/domain/slaDraft';
import { configFromSettings, type SlaConfig } from '../../shared/domain/slaSettings';
import { FORM_ERROR_KEY, type FieldErrors } from '../../shared/domain/validation';
import type { OutpostDatabase } from './database';
import { observeSettings, saveSetting } from './settings';
import { prepareStorageQuery } from './storageQuery';
import type { Session, WriteOptions } from './tickets';

/** Setting `slaPolicies`, value `{ policies: SlaPolicy[] }`. */
export const SLA_POLICIES_KEY = 'slaPolicies';
/** Setting `calendars`, value `{ calendars: SlaCalendar[] }`. */
export const SLA_CALENDARS_KEY = 'calendars';

/** The newest document per key wins, as in findSetting. */
function newestValues(docs: readonly SettingDoc[]): { policies: unknown; calendars: unknown } {
  const newest = new Map<string, SettingDoc>();
  for (const doc of docs) {
    const seen = newest.get(doc.key);
    if (!seen || doc.updatedAt > seen.updatedAt) newest.set(doc.key, doc);
  }
  return {
    policies: newest.has(SLA_POLICIES_KEY)
      ? (newest.get(SLA_POLICIES_KEY)?.value.policies ?? null)
      : undefined,
    calendars: newest.has(SLA_CALENDARS_KEY)
      ? (newest.get(SLA_CALENDARS_KEY)?.value.calendars ?? null)
      : undefined,
  };
}

const warned = new Set<string>();

/** The SLA configuration from the settings documents; malformed parts fall back to the defaults. */
export function slaConfigFromSettings(docs: readonly SettingDoc[]): SlaConfig {
  const { policies, calendars } = newestValues(docs);
  const { config, warnings } = configFromSettings(policies, calendars);
  for (const warning of warnings) {
    // Settings are re-read on every settings change; say it once, not on every read.
    if (warned.has(warning)) continue;
    warned.add(warning);
    console.warn(`Outpost: ${warning}`);
  }
  return config;
}

/**
 * The live SLA configuration. A new object only when the stored values change, so the
 * calendars' compiled working spans (cached per calendar object) survive unrelated settings.
 */
export function observeSlaConfig(db: OutpostDatabase): Observable<SlaConfig> {
  return observeSettings(db).pipe(
    map((docs) => ({ docs, signature: JSON.stringify(newestValues(docs)) })),
    distinctUntilChanged((a, b) => a.signature === b.signature),
    map(({ docs }) => slaConfigFromSettings(docs)),
  );
}

const SETTINGS_ROLES: readonly Role[] = ['manager', 'admin'];

/** The server's rule for settings (shared/sync/rules.ts), told before anything is written. */
async function settingsRefusal(db: OutpostDatabase, userId: string): Promise<string | null> {
  const person = userId ? await db.people.findOne(userId).exec() : null;
  if (person?.roles.some((r) => SETTINGS_ROLES.includes(r))) return null;
  return 'Only managers and admins may change settings.';
}

export type SaveSlaResult = { ok: true; config: SlaConfig } | { ok: false; errors: FieldErrors };

/**
 * Checks the whole draft and writes both settings, calendars first so the policies never name
 * a calendar that is not stored yet. Nothing is written while any field has an error.
 */
export async function saveSlaSettings(
  db: OutpostDatabase,
  draft: SlaDraft,
  session: Session,
  options: WriteOptions = {},
): Promise<SaveSlaResult> {
  const checked = fromDraft(draft);
  if (!checked.ok) return checked;
  const refusal = await settingsRefusal(db, session.userId);
  if (refusal) return { ok: false, errors: { [FORM_ERROR_KEY]: refusal } };
  const { policies, calendars } = checked.config;
  // Plain JSON copies: the stored value must not share arrays with the frozen defaults.
  const json = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
  const calendarsSaved = await saveSetting(
    db,
    SLA_CALENDARS_KEY,
    { calendars: json(calendars) },
    session,
    options,
  );
  if (!calendarsSaved.ok) return { ok: false, errors: { [FORM_ERROR_KEY]: calendarsSaved.error } };
  const policiesSaved = await saveSetting(
    db,
    SLA_POLICIES_KEY,
    { policies: json(policies) },
    session,
    options,
  );
  if (!policiesSaved.ok) return { ok: false, errors: { [FORM_ERROR_KEY]: policiesSaved.error } };
  return { ok: true, config: checked.config };
}

// ---------------------------------------------------------------------------------------------
// Bulk reads for the clock projection

/** Only status changes and comments move a clock (see shared/domain/sla.ts). */
export function isClockActivity(activity: ActivityDoc): boolean {
  return (
    activity.kind === 'comment' ||
    (activity.kind === 'change' && activity.changes.some((c) => c.field === 'status'))
  );
}

/** What a clock reads of an entry; the text can be long and is not needed. */
export function slimActivity(activity: ActivityDoc): ActivityDoc {
  return { ...activity, body: '', changes: activity.changes.filter((c) => c.field === 'status') };
}

/** What a clock (and its policy choice) reads of a ticket. */
export function slimTicket(ticket: TicketDoc): TicketDoc {
  return { ...ticket, description: '', resolutionNotes: '' };
}

/** The internal form of schema index ['phase', 'sortDesc']: RxDB adds _deleted and the key. */
const OPEN_INDEX = ['_deleted', 'phase', 'sortDesc', 'id'];

/**
 * Every open ticket, `chunkSize` at a time, in keyset pages over the [phase, sortDesc] index
 * (each page starts strictly after the last (sortDesc, id) seen, so ties cannot repeat or skip).
 */
export async function loadOpenTickets(
  db: OutpostDatabase,
  onChunk: (tickets: TicketDoc[]) => void | Promise<void>,
  chunkSize = 1000,
): Promise<void> {
  let after: { sortDesc: number; id: string } | null = null;
  for (;;) {
    const prepared = prepareStorageQuery(db.tickets, {
      selector: { _deleted: { $eq: false }, phase: { $eq: 'open' } } as never,
      sort: [{ phase: 'asc' }, { sortDesc: 'asc' }, { id: 'asc' }],
      index: OPEN_INDEX,
      limit: chunkSize,
    });
    const plan = prepared.queryPlan;
    if (
      plan.index.join() !== OPEN_INDEX.join() ||
      !plan.sortSatisfiedByIndex ||
      !plan.selectorSatisfiedByIndex
    ) {
      throw new Error(`loadOpenTickets: unexpected query plan ${JSON.stringify(plan)}`);
    }
    if (after) {
      prepared.queryPlan = {
        ...plan,
        startKeys: [plan.startKeys[0], plan.startKeys[1], after.sortDesc, after.id],
        inclusiveStart: false,
      };
    }
    const result = await db.tickets.storageInstance.query(prepared);
    const docs = result.documents as RxDocumentData<TicketDoc>[];
    await onChunk(docs.map((d) => slimTicket(withoutMeta(d))));
    const last = docs[docs.length - 1];
    if (!last || docs.length < chunkSize) return;
    after = { sortDesc: last.sortDesc, id: last.id };
  }
}

export function withoutMeta<T>(doc: RxDocumentData<T>): T {
  const copy: Partial<RxDocumentData<T>> = { ...doc };
  delete copy._deleted;
  delete copy._meta;
  delete copy._rev;
  delete copy._attachments;
  return copy as T;
}

/**
 * The entries of the given tickets that `keep` accepts, slimmed, by ticket id, each list in
 * timeline order. One index walk per call: `$in` reads the [parentId, createdAt] index from the
 * smallest to the largest id, so callers pass ids in sorted chunks to keep each walk short.
 */
export async function loadTimelineEntries(
  db: OutpostDatabase,
  parentIds: readonly string[],
  keep: (activity: ActivityDoc) => boolean,
  slim: (activity: ActivityDoc) => ActivityDoc,
): Promise<Map<string, ActivityDoc[]>> {
  const byParent = new Map<string, ActivityDoc[]>();
  if (parentIds.length === 0) return byParent;
  const wanted = new Set(parentIds);
  const prepared = prepareStorageQuery(db.activities, {
    selector: { _deleted: { $eq: false }, parentId: { $in: [...wanted].sort() } } as never,
    sort: [{ parentId: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
    index: ['_deleted', 'parentId', 'createdAt', 'id'],
  });
  const result = await db.activities.storageInstance.query(prepared);
  for (const doc of result.documents as RxDocumentData<ActivityDoc>[]) {
    // The walk covers the whole id range; the storage filters by the selector, this is a guard.
    if (!wanted.has(doc.parentId)) continue;
    const activity = withoutMeta(doc);
    if (!keep(activity)) continue;
    let list = byParent.get(doc.parentId);
    if (!list) byParent.set(doc.parentId, (list = []));
    list.push(slim(activity));
  }
  return byParent;
}

/** The clock entries (status changes, comments) of the given tickets, by ticket id. */
export function loadClockActivities(
  db: OutpostDatabase,
  parentIds: readonly string[],
): Promise<Map<string, ActivityDoc[]>> {
  return loadTimelineEntries(db, parentIds, isClockActivity, slimActivity);
}

/** One ticket for the clock projection (e.g. a resolved one opened on its page), or null. */
export async function loadClockTicket(db: OutpostDatabase, id: string): Promise<TicketDoc | null> {
  const doc = await db.tickets.findOne(id).exec();
  return doc ? slimTicket(doc.toMutableJSON()) : null;
}
