/**
 * Timeline entries written by people (comments, internal notes, worklogs). Entries are
 * append-only: there is no edit or delete here, which is what keeps them conflict-free.
 */
import { map, type Observable } from 'rxjs';
import { ID_PREFIX, newId } from '../../shared/domain/ids';
import type { ActivityDoc } from '../../shared/domain/model';
import { FORM_ERROR_KEY, type FieldErrors } from '../../shared/domain/validation';
import type { OutpostDatabase } from './database';
import { cryptoRandom } from './random';
import type { Session, WriteOptions } from './tickets';

export type EntryKind = 'comment' | 'note' | 'worklog';

export interface ActivityEntry {
  kind: EntryKind;
  body: string;
  /** Worklog only: whole minutes, 1..1440 (one entry per day at most). */
  minutes?: number;
}

export const ACTIVITY_BODY_MAX = 20_000;
export const WORKLOG_MINUTES_MAX = 1440;

const ENTRY_KINDS: readonly string[] = ['comment', 'note', 'worklog'];

/** Field errors keyed like the composer's fields (kind, body, minutes); empty when valid. */
export function validateActivityEntry(entry: ActivityEntry): FieldErrors {
  const errors: FieldErrors = {};
  if (!ENTRY_KINDS.includes(entry.kind)) errors.kind = 'Choose comment, internal note or worklog.';
  const body = typeof entry.body === 'string' ? entry.body.trim() : '';
  if (body.length === 0) errors.body = 'Write something first.';
  else if (body.length > ACTIVITY_BODY_MAX) {
    errors.body = 'Text must be at most 20,000 characters.';
  }
  if (entry.kind === 'worklog') {
    const minutes = entry.minutes;
    if (
      typeof minutes !== 'number' ||
      !Number.isInteger(minutes) ||
      minutes < 1 ||
      minutes > WORKLOG_MINUTES_MAX
    ) {
      errors.minutes = 'Time spent must be a whole number of minutes from 1 to 1440 (24 hours).';
    }
  }
  return errors;
}

export type AddActivityResult = { ok: true; activity: ActivityDoc } | { ok: false; errors: FieldErrors };

/** Adds a comment, internal note or worklog to the timeline of `parentId` (a ticket, CI, ...). */
export async function addActivity(
  db: OutpostDatabase,
  parentId: string,
  entry: ActivityEntry,
  session: Session,
  options: WriteOptions = {},
): Promise<AddActivityResult> {
  const errors = validateActivityEntry(entry);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  if (!(await parentExists(db, parentId))) {
    return { ok: false, errors: { [FORM_ERROR_KEY]: 'This record no longer exists.' } };
  }
  const now = options.now ?? Date.now();
  const activity: ActivityDoc = {
    id: newId(ID_PREFIX.activity, now, cryptoRandom),
    type: 'activity',
    parentId,
    kind: entry.kind,
    body: entry.body.trim(),
    minutes: entry.kind === 'worklog' ? (entry.minutes ?? 0) : 0,
    changes: [],
    createdAt: now,
    createdBy: session.userId,
    updatedAt: now,
    updatedBy: session.userId,
  };
  await db.activities.insert(activity);
  return { ok: true, activity };
}

/** Timelines hang off tickets, CIs, articles and audits; refuse orphans. */
async function parentExists(db: OutpostDatabase, parentId: string): Promise<boolean> {
  if (parentId === '') return false;
  const found = await Promise.all([
    db.tickets.findOne(parentId).exec(),
    db.cis.findOne(parentId).exec(),
    db.articles.findOne(parentId).exec(),
    db.audits.findOne(parentId).exec(),
  ]);
  return found.some((doc) => doc !== null);
}

/** The timeline of one record, oldest first, live; one walk of the [parentId, createdAt] index. */
export function observeActivities(db: OutpostDatabase, parentId: string): Observable<ActivityDoc[]> {
  return db.activities
    .find({
      selector: { parentId },
      sort: [{ createdAt: 'asc' }],
      index: ['parentId', 'createdAt'],
    })
    .$.pipe(map((docs) => docs.map((doc) => doc.toMutableJSON())));
}
