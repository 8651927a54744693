/**
 * Knowledge article repository: the only code that writes articles. Rules come from the domain
 * (shared/domain/articles.ts); this file reads who is acting, persists the result with its
 * timeline entry and, on each publish, the published content as an append-only `version`
 * activity (so versions sync without conflicts and any two can be compared later).
 */
import { map, type Observable } from 'rxjs';
import {
  applyArticleEdit,
  applyArticleTransition,
  buildArticle,
  restoreVersion,
  type Actor,
  type ArticleInput,
  type ArticleResult,
  type RolesOf,
} from '../../shared/domain/articles';
import { articleVersions } from '../../shared/domain/articleUse';
import { ID_PREFIX, newId } from '../../shared/domain/ids';
import type { ActivityDoc, ArticleDoc, ArticleState, FieldChange, Role } from '../../shared/domain/model';
import { FORM_ERROR_KEY, type FieldErrors } from '../../shared/domain/validation';
import type { OutpostDatabase } from './database';
import { cryptoRandom } from './random';
import type { Session, WriteOptions } from './tickets';

export type ArticleWriteResult = { ok: true; article: ArticleDoc } | { ok: false; errors: FieldErrors };

const GONE: ArticleWriteResult = {
  ok: false,
  errors: { [FORM_ERROR_KEY]: 'This article no longer exists.' },
};

/** Roles of every user, from the directory (a few dozen documents). */
export async function loadRoles(db: OutpostDatabase): Promise<RolesOf> {
  const people = await db.people.find({ selector: { personKind: 'user' } }).exec();
  const roles = new Map<string, Role[]>(people.map((p) => [p.id, [...p.roles]]));
  return (id) => roles.get(id) ?? null;
}

export async function actorOf(db: OutpostDatabase, session: Session): Promise<Actor> {
  const person = session.userId ? await db.people.findOne(session.userId).exec() : null;
  return { id: session.userId, roles: person ? [...person.roles] : [] };
}

function entry(
  articleId: string,
  kind: ActivityDoc['kind'],
  fields: Partial<ActivityDoc>,
  userId: string,
  now: number,
): ActivityDoc {
  return {
    id: newId(ID_PREFIX.activity, now, cryptoRandom),
    type: 'activity',
    parentId: articleId,
    kind,
    body: '',
    minutes: 0,
    changes: [],
    createdAt: now,
    createdBy: userId,
    updatedAt: now,
    updatedBy: userId,
    ...fields,
  };
}

export async function createArticle(
  db: OutpostDatabase,
  input: ArticleInput,
  session: Session,
  options: WriteOptions = {},
): Promise<ArticleWriteResult> {
  const now = options.now ?? Date.now();
  const ctx = { now, actor: await actorOf(db, session), rolesOf: await loadRoles(db) };
  const built = buildArticle(input, newId(ID_PREFIX.article, now, cryptoRandom), ctx);
  if (!built.ok) return built;
  await db.articles.insert(built.article);
  await db.activities.insert(entry(built.article.id, 'created', {}, session.userId, now));
  return { ok: true, article: built.article };
}

/** Thrown inside incrementalModify to abandon a write when the latest state refuses it. */
class WriteRefused extends Error {
  constructor(readonly errors: FieldErrors) {
    super('write refused');
  }
}

function withoutDeleted(data: ArticleDoc & { _deleted?: boolean }): ArticleDoc {
  const { _deleted: _ignored, ...article } = data;
  return article;
}

/**
 * Applies `change` to the newest stored state (re-run by incrementalModify if another window
 * wrote meanwhile) and records the changed fields on the timeline with `comment`.
 */
async function modify<R extends ArticleResult>(
  db: OutpostDatabase,
  id: string,
  session: Session,
  change: (latest: ArticleDoc) => R,
  comment = '',
): Promise<{ result: ArticleWriteResult; outcome: R | null }> {
  const doc = await db.articles.findOne(id).exec();
  if (!doc) return { result: GONE, outcome: null };
  const first = change(doc.toMutableJSON());
  if (!first.ok) return { result: first, outcome: null };
  if (first.changes.length === 0) return { result: { ok: true, article: first.article }, outcome: null };
  let outcome: R = first;
  try {
    await doc.incrementalModify((latest) => {
      const result = change(withoutDeleted(latest));
      if (!result.ok) throw new WriteRefused(result.errors);
      outcome = result;
      return result.article;
    });
  } catch (err) {
    if (err instanceof WriteRefused) return { result: { ok: false, errors: err.errors }, outcome: null };
    throw err;
  }
  const done = outcome as R & { ok: true };
  const changes: FieldChange[] = done.changes;
  await db.activities.insert(
    entry(id, 'change', { body: comment.trim(), changes }, session.userId, done.article.updatedAt),
  );
  return { result: { ok: true, article: done.article }, outcome: done };
}

/** Saves the form of an existing article (content only while it is a draft). */
export async function updateArticle(
  db: OutpostDatabase,
  id: string,
  input: ArticleInput,
  session: Session,
  options: WriteOptions = {},
): Promise<ArticleWriteResult> {
  const ctx = {
    now: options.now ?? Date.now(),
    actor: await actorOf(db, session),
    rolesOf: await loadRoles(db),
  };
  return (await modify(db, id, session, (latest) => applyArticleEdit(latest, input, ctx))).result;
}

/**
 * Moves an article along the review workflow. Publishing also stores the published content as a
 * `version` activity; sending back to draft needs a comment, which goes on the timeline.
 */
export async function moveArticle(
  db: OutpostDatabase,
  id: string,
  to: ArticleState,
  comment: string,
  session: Session,
  options: WriteOptions = {},
): Promise<ArticleWriteResult> {
  const ctx = { now: options.now ?? Date.now(), actor: await actorOf(db, session), comment };
  const { result, outcome } = await modify(
    db,
    id,
    session,
    (latest) => applyArticleTransition(latest, to, ctx),
    comment,
  );
  const published = outcome && outcome.ok ? outcome.published : null;
  if (result.ok && published) {
    const { body, ...snapshot } = published;
    await db.activities.insert(
      entry(id, 'version', { body, snapshot }, session.userId, result.article.updatedAt),
    );
  }
  return result;
}

/** The article's published versions, oldest first (read from its timeline). */
export async function readVersions(db: OutpostDatabase, articleId: string) {
  const docs = await db.activities
    .find({
      selector: { parentId: articleId },
      sort: [{ createdAt: 'asc' }],
      index: ['parentId', 'createdAt'],
    })
    .exec();
  return articleVersions(docs.map((d) => d.toMutableJSON()));
}

/** Makes an old version's content the draft to work on (a new version when published). */
export async function restoreArticleVersion(
  db: OutpostDatabase,
  id: string,
  versionId: string,
  session: Session,
  options: WriteOptions = {},
): Promise<ArticleWriteResult> {
  const version = (await readVersions(db, id)).find((v) => v.id === versionId);
  if (!version) return { ok: false, errors: { [FORM_ERROR_KEY]: 'That version is not on this device.' } };
  const ctx = {
    now: options.now ?? Date.now(),
    actor: await actorOf(db, session),
    rolesOf: await loadRoles(db),
  };
  const comment = `Restored version ${version.version}.`;
  return (await modify(db, id, session, (latest) => restoreVersion(latest, version, ctx), comment)).result;
}

/** Every article, most recently changed first, live. */
export function observeArticles(db: OutpostDatabase): Observable<ArticleDoc[]> {
  return db.articles
    .find({ sort: [{ sortDesc: 'asc' }] })
    .$.pipe(map((docs) => docs.map((doc) => doc.toMutableJSON())));
}

/** Published articles, newest first, from the [state, sortDesc] index. */
export function observePublishedArticles(db: OutpostDatabase): Observable<ArticleDoc[]> {
  return db.articles
    .find({ selector: { state: 'published' }, sort: [{ sortDesc: 'asc' }], index: ['state', 'sortDesc'] })
    .$.pipe(map((docs) => docs.map((doc) => doc.toMutableJSON())));
}

export function observeArticle(db: OutpostDatabase, id: string): Observable<ArticleDoc | null> {
  return db.articles.findOne(id).$.pipe(map((doc) => (doc ? doc.toMutableJSON() : null)));
}
