/**
 * Using articles: "solved by" links to tickets, helpful / not helpful answers and view counts
 * (see shared/domain/articleUse.ts for why each is stored the way it is).
 *
 * Views: each view adds one to a tally in an RxDB local document of this device (never
 * replicated, so reading an article writes nothing that syncs). Days that are over are then
 * recorded as one `views` activity per article with that day's count and an id derived from
 * article, device and day, so a day recorded twice (two windows) is stored once.
 */
import { map, of, switchMap, type Observable } from 'rxjs';
import { dayStart, solvedTicketIds, solvesRelationId, viewsActivityId } from '../../shared/domain/articleUse';
import { ID_PREFIX, newId } from '../../shared/domain/ids';
import type { ActivityDoc, ArticleDoc, RelationDoc, Role, TicketDoc } from '../../shared/domain/model';
import { FORM_ERROR_KEY, type FieldErrors } from '../../shared/domain/validation';
import { actorOf } from './articles';
import type { OutpostDatabase } from './database';
import { getDeviceId } from './device';
import { cryptoRandom } from './random';
import type { Session, WriteOptions } from './tickets';

export type UseResult = { ok: true } | { ok: false; errors: FieldErrors };

const LINKER_ROLES: readonly Role[] = ['technician', 'agent', 'manager', 'admin'];

function refused(message: string): UseResult {
  return { ok: false, errors: { [FORM_ERROR_KEY]: message } };
}

/** Records that `articleId` solved `ticketId`. Linking twice (here or elsewhere) makes one link. */
export async function linkArticleToTicket(
  db: OutpostDatabase,
  articleId: string,
  ticketId: string,
  session: Session,
  options: WriteOptions = {},
): Promise<UseResult> {
  const actor = await actorOf(db, session);
  if (!actor.roles.some((r) => LINKER_ROLES.includes(r))) {
    return refused('Only the people who work tickets may link articles to them.');
  }
  const [article, ticket] = await Promise.all([
    db.articles.findOne(articleId).exec(),
    db.tickets.findOne(ticketId).exec(),
  ]);
  if (!ticket) return refused('This ticket no longer exists.');
  if (!article) return refused('This article no longer exists.');
  if (article.state !== 'published') return refused('Only published articles can be linked to tickets.');
  const id = solvesRelationId(articleId, ticketId);
  if (await db.relations.findOne(id).exec()) return { ok: true };
  const now = options.now ?? Date.now();
  const relation: RelationDoc = {
    id,
    type: 'relation',
    fromId: articleId,
    toId: ticketId,
    relType: 'solves',
    createdAt: now,
    updatedAt: now,
    updatedBy: session.userId,
  };
  // A link removed earlier left a tombstone under this id: insert writes over it.
  await db.relations.insert(relation);
  return { ok: true };
}

export async function unlinkArticleFromTicket(
  db: OutpostDatabase,
  articleId: string,
  ticketId: string,
  session: Session,
  options: WriteOptions = {},
): Promise<UseResult> {
  const actor = await actorOf(db, session);
  if (!actor.roles.some((r) => LINKER_ROLES.includes(r))) {
    return refused('Only the people who work tickets may unlink articles from them.');
  }
  const links = await db.relations.find({ selector: { fromId: articleId }, index: ['fromId'] }).exec();
  const now = options.now ?? Date.now();
  for (const link of links) {
    if (link.relType !== 'solves' || link.toId !== ticketId) continue;
    // The tombstone says who removed the link and when (the server checks the role).
    const stamped = await link.incrementalPatch({ updatedAt: now, updatedBy: session.userId });
    await stamped.remove();
  }
  return { ok: true };
}

/** Ids of the tickets an article solved, live. */
export function observeSolvedTickets(db: OutpostDatabase, articleId: string): Observable<string[]> {
  return db.relations.find({ selector: { fromId: articleId }, index: ['fromId'] }).$.pipe(
    map((docs) =>
      solvedTicketIds(
        docs.map((d) => d.toMutableJSON()),
        articleId,
      ),
    ),
  );
}

/** The tickets an article solved (those present on this device), live, in the order linked. */
export function observeSolvedTicketDocs(db: OutpostDatabase, articleId: string): Observable<TicketDoc[]> {
  return observeSolvedTickets(db, articleId).pipe(
    switchMap((ids) =>
      ids.length === 0
        ? of([])
        : db.tickets.findByIds(ids).$.pipe(
            map((found) =>
              ids.flatMap((id) => {
                const doc = found.get(id);
                return doc ? [doc.toMutableJSON()] : [];
              }),
            ),
          ),
    ),
  );
}

/** The articles linked to a ticket as "solved by", live, in the order they were linked. */
export function observeSolvingArticles(db: OutpostDatabase, ticketId: string): Observable<ArticleDoc[]> {
  return db.relations.find({ selector: { toId: ticketId }, index: ['toId'] }).$.pipe(
    map((docs) =>
      docs
        .filter((d) => d.relType === 'solves')
        .sort((a, b) => a.createdAt - b.createdAt)
        .map((d) => d.fromId),
    ),
    switchMap((ids) =>
      ids.length === 0
        ? of([])
        : db.articles.findByIds([...new Set(ids)]).$.pipe(
            map((found) =>
              [...new Set(ids)].flatMap((id) => {
                const doc = found.get(id);
                return doc ? [doc.toMutableJSON()] : [];
              }),
            ),
          ),
    ),
  );
}

/** A reader's answer to "was this helpful?"; their latest answer is the one that counts. */
export async function giveFeedback(
  db: OutpostDatabase,
  articleId: string,
  helpful: boolean,
  session: Session,
  options: WriteOptions = {},
): Promise<UseResult> {
  if (!session.userId) return refused('Choose who you are acting as first.');
  const article = await db.articles.findOne(articleId).exec();
  if (!article) return refused('This article no longer exists.');
  if (article.state !== 'published') return refused('Feedback is given on published articles.');
  const now = options.now ?? Date.now();
  const activity: ActivityDoc = {
    id: newId(ID_PREFIX.activity, now, cryptoRandom),
    type: 'activity',
    parentId: articleId,
    kind: 'feedback',
    body: '',
    minutes: 0,
    changes: [],
    helpful,
    createdAt: now,
    createdBy: session.userId,
    updatedAt: now,
    updatedBy: session.userId,
  };
  await db.activities.insert(activity);
  return { ok: true };
}

export const VIEWS_DOC_ID = 'article-views';

/** Day start (as text) -> article id -> views on this device that day, not yet recorded. */
interface ViewTally {
  days: Record<string, Record<string, number>>;
}

const queues = new WeakMap<OutpostDatabase, Promise<unknown>>();

/** Tally updates for one database run in order, so no view is lost between read and write. */
function enqueue<T>(db: OutpostDatabase, task: () => Promise<T>): Promise<T> {
  const run = (queues.get(db) ?? Promise.resolve()).then(task, task);
  queues.set(
    db,
    run.catch(() => undefined),
  );
  return run;
}

async function readTally(db: OutpostDatabase): Promise<ViewTally> {
  const doc = await db.getLocal<ViewTally>(VIEWS_DOC_ID);
  const data = doc?.toJSON().data as ViewTally | undefined;
  return { days: { ...(data?.days ?? {}) } };
}

async function writeTally(db: OutpostDatabase, tally: ViewTally): Promise<void> {
  await db.upsertLocal<ViewTally>(VIEWS_DOC_ID, tally);
}

/**
 * Records the days before today as `views` activities and drops them from the local tally.
 * Written by the person acting now; a day another window already recorded is skipped.
 */
export function flushArticleViews(
  db: OutpostDatabase,
  session: Session,
  options: WriteOptions = {},
): Promise<number> {
  return enqueue(db, async () => {
    if (!session.userId) return 0;
    const today = dayStart(options.now ?? Date.now());
    const tally = await readTally(db);
    const done = Object.keys(tally.days).filter((day) => Number(day) < today);
    if (done.length === 0) return 0;
    const deviceId = await getDeviceId(db);
    const docs: ActivityDoc[] = [];
    for (const day of done) {
      for (const [articleId, count] of Object.entries(tally.days[day] ?? {})) {
        if (!(count > 0)) continue;
        const at = Number(day);
        docs.push({
          id: viewsActivityId(articleId, deviceId, at),
          type: 'activity',
          parentId: articleId,
          kind: 'views',
          body: '',
          minutes: 0,
          changes: [],
          count: Math.min(count, 1_000_000),
          createdAt: at,
          createdBy: session.userId,
          updatedAt: at,
          updatedBy: session.userId,
        });
      }
    }
    const existing = await db.articles.findByIds([...new Set(docs.map((d) => d.parentId))]).exec();
    const result = await db.activities.bulkInsert(docs.filter((d) => existing.has(d.parentId)));
    const failed = result.error.filter((e) => e.status !== 409);
    if (failed.length > 0) throw new Error(`Recording article views failed (${failed.length} entries).`);
    for (const day of done) delete tally.days[day];
    await writeTally(db, tally);
    return result.success.length;
  });
}

/** Counts one view of `articleId` on this device today; returns the views not yet recorded. */
export async function recordArticleView(
  db: OutpostDatabase,
  articleId: string,
  session: Session,
  options: WriteOptions = {},
): Promise<number> {
  const now = options.now ?? Date.now();
  await flushArticleViews(db, session, { now });
  return enqueue(db, async () => {
    const tally = await readTally(db);
    const day = String(dayStart(now));
    const counts = { ...(tally.days[day] ?? {}) };
    counts[articleId] = (counts[articleId] ?? 0) + 1;
    tally.days[day] = counts;
    await writeTally(db, tally);
    return pendingOf(tally, articleId);
  });
}

function pendingOf(tally: ViewTally, articleId: string): number {
  let total = 0;
  for (const counts of Object.values(tally.days)) total += counts[articleId] ?? 0;
  return total;
}

/** Views of `articleId` counted on this device and not yet recorded. */
export async function pendingArticleViews(db: OutpostDatabase, articleId: string): Promise<number> {
  return pendingOf(await readTally(db), articleId);
}
