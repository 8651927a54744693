/**
 * Knowledge articles: input rules, edits and the review workflow, as pure functions the data
 * layer calls. Who may do what:
 * - agents, managers and admins write articles (create, edit drafts, send to review);
 * - a reviewer is a manager, an admin or a person named in the article's `reviewerIds`, and is
 *   never the author of the version under review (`submittedBy`, who sent it to review);
 * - only a reviewer publishes, or sends a version back to draft with a comment (the author may
 *   also withdraw it, with a comment);
 * - the owner, a manager/admin or a named reviewer retires a published article.
 * The server enforces the role part of publishing too (shared/sync/rules.ts).
 *
 * Versions: `version` is the number the current content is (or will be) published as. Each
 * publish records the published content as an append-only `version` activity; going from
 * published or retired back to draft starts the next number.
 */
import {
  MAX_TIME,
  type ArticleDoc,
  type ArticleSnapshot,
  type ArticleState,
  type FieldChange,
  type Role,
} from './model';
import { FORM_ERROR_KEY, hasControlCharacters, type FieldErrors } from './validation';

export const ARTICLE_TITLE_MIN = 3;
export const ARTICLE_TITLE_MAX = 200;
export const ARTICLE_BODY_MAX = 100_000;
export const ARTICLE_CATEGORY_MAX = 80;
export const ARTICLE_TAGS_MAX = 20;
export const ARTICLE_TAG_MAX = 40;
export const ARTICLE_REVIEWERS_MAX = 10;
export const REVIEW_COMMENT_MAX = 2000;

export const WRITER_ROLES: readonly Role[] = ['agent', 'manager', 'admin'];
const REVIEWER_ROLES: readonly Role[] = ['manager', 'admin'];

/** The person acting, with the roles the directory gives them. */
export interface Actor {
  id: string;
  roles: readonly Role[];
}

export interface ArticleInput {
  title: string;
  body: string;
  category: string;
  tags: string[];
  ownerId: string;
  /** 0 = no review date. */
  reviewDueAt: number;
  reviewerIds: string[];
}

/** Roles of a person id, or null when the directory does not know them. */
export type RolesOf = (personId: string) => readonly Role[] | null;

export function canWriteArticles(roles: readonly Role[]): boolean {
  return roles.some((r) => WRITER_ROLES.includes(r));
}

export function emptyArticleInput(ownerId: string, reviewDueAt = 0): ArticleInput {
  return { title: '', body: '', category: '', tags: [], ownerId, reviewDueAt, reviewerIds: [] };
}

export function articleInputOf(article: ArticleDoc): ArticleInput {
  return {
    title: article.title,
    body: article.body,
    category: article.category,
    tags: [...article.tags],
    ownerId: article.ownerId,
    reviewDueAt: article.reviewDueAt ?? 0,
    reviewerIds: [...(article.reviewerIds ?? [])],
  };
}

function normalizeTags(tags: readonly string[]): string[] {
  const out: string[] = [];
  for (const tag of tags) {
    const t = tag.trim().toLowerCase();
    if (t !== '' && !out.includes(t)) out.push(t);
  }
  return out;
}

/** The input as it will be stored: trimmed, tags lower-cased and unique. */
export function normalizeArticleInput(input: ArticleInput): ArticleInput {
  return {
    title: input.title.trim(),
    body: input.body.replace(/\r\n?/g, '\n').replace(/\s+$/, ''),
    category: input.category.trim(),
    tags: normalizeTags(input.tags),
    ownerId: input.ownerId,
    reviewDueAt: input.reviewDueAt,
    reviewerIds: [...new Set(input.reviewerIds)],
  };
}

/** Field messages for an article form; empty when valid. */
export function validateArticleInput(input: ArticleInput, rolesOf: RolesOf): FieldErrors {
  const errors: FieldErrors = {};
  const title = input.title.trim();
  if (title.length < ARTICLE_TITLE_MIN)
    errors.title = `Title needs at least ${ARTICLE_TITLE_MIN} characters.`;
  else if (title.length > ARTICLE_TITLE_MAX)
    errors.title = `Title must be at most ${ARTICLE_TITLE_MAX} characters.`;
  else if (hasControlCharacters(title)) errors.title = 'Title cannot contain control characters.';
  if (input.body.length > ARTICLE_BODY_MAX) {
    errors.body = `The article must be at most ${ARTICLE_BODY_MAX.toLocaleString('en')} characters.`;
  }
  const category = input.category.trim();
  if (category.length > ARTICLE_CATEGORY_MAX) {
    errors.category = `Category must be at most ${ARTICLE_CATEGORY_MAX} characters.`;
  } else if (hasControlCharacters(category)) errors.category = 'Category cannot contain control characters.';
  const tags = normalizeTags(input.tags);
  if (tags.length > ARTICLE_TAGS_MAX) errors.tags = `At most ${ARTICLE_TAGS_MAX} tags.`;
  else if (tags.some((t) => t.length > ARTICLE_TAG_MAX || hasControlCharacters(t))) {
    errors.tags = `Each tag must be at most ${ARTICLE_TAG_MAX} characters, without control characters.`;
  }
  const ownerRoles = input.ownerId ? rolesOf(input.ownerId) : null;
  if (!input.ownerId) errors.ownerId = 'Choose the owner who keeps the article up to date.';
  else if (!ownerRoles || !canWriteArticles(ownerRoles)) {
    errors.ownerId = 'The owner must be an agent, a manager or an admin.';
  }
  const due = input.reviewDueAt;
  if (!Number.isInteger(due) || due < 0 || due >= MAX_TIME) errors.reviewDueAt = 'Enter a valid review date.';
  const reviewers = [...new Set(input.reviewerIds)];
  if (reviewers.length > ARTICLE_REVIEWERS_MAX) {
    errors.reviewerIds = `Name at most ${ARTICLE_REVIEWERS_MAX} reviewers.`;
  } else if (reviewers.some((id) => !canWriteArticles(rolesOf(id) ?? []))) {
    errors.reviewerIds = 'Reviewers must be agents, managers or admins.';
  }
  return errors;
}

export type ArticleResult =
  { ok: true; article: ArticleDoc; changes: FieldChange[] } | { ok: false; errors: FieldErrors };

function refuse(message: string, field = FORM_ERROR_KEY): { ok: false; errors: FieldErrors } {
  return { ok: false, errors: { [field]: message } };
}

export interface ArticleContext {
  now: number;
  actor: Actor;
  rolesOf: RolesOf;
}

function stamp(article: ArticleDoc, ctx: { now: number; actor: Actor }): ArticleDoc {
  return { ...article, updatedAt: ctx.now, updatedBy: ctx.actor.id, sortDesc: MAX_TIME - ctx.now };
}

/** A new draft, version 1. */
export function buildArticle(input: ArticleInput, id: string, ctx: ArticleContext): ArticleResult {
  if (!canWriteArticles(ctx.actor.roles)) return refuse('Only agents, managers and admins write articles.');
  const errors = validateArticleInput(input, ctx.rolesOf);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const clean = normalizeArticleInput(input);
  const article: ArticleDoc = stamp(
    {
      id,
      type: 'article',
      title: clean.title,
      body: clean.body,
      category: clean.category,
      tags: clean.tags,
      state: 'draft',
      version: 1,
      ownerId: clean.ownerId,
      sortDesc: 0,
      createdAt: ctx.now,
      updatedAt: ctx.now,
      updatedBy: ctx.actor.id,
      reviewDueAt: clean.reviewDueAt,
      reviewerIds: clean.reviewerIds,
      submittedBy: '',
      publishedAt: 0,
    },
    ctx,
  );
  return { ok: true, article, changes: [] };
}

const CONTENT_FIELDS = ['title', 'body', 'category', 'tags'] as const;

function valueOf(article: ArticleDoc, field: keyof ArticleInput): unknown {
  if (field === 'reviewDueAt') return article.reviewDueAt ?? 0;
  if (field === 'reviewerIds') return article.reviewerIds ?? [];
  return article[field];
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Applies a form's values. Content (title, text, category, tags) changes only in a draft: a
 * published version stays as it was reviewed. Owner, reviewers and review date change any time.
 */
export function applyArticleEdit(
  article: ArticleDoc,
  input: ArticleInput,
  ctx: ArticleContext,
): ArticleResult {
  if (!canWriteArticles(ctx.actor.roles)) return refuse('Only agents, managers and admins edit articles.');
  const errors = validateArticleInput(input, ctx.rolesOf);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const clean = normalizeArticleInput(input);
  const changes: FieldChange[] = [];
  for (const field of Object.keys(clean) as (keyof ArticleInput)[]) {
    const from = valueOf(article, field);
    const to = clean[field];
    if (same(from, to)) continue;
    // The text can be long: the timeline says it changed; the versions hold the content.
    changes.push(field === 'body' ? { field, from: null, to: null } : { field, from, to });
  }
  if (changes.length === 0) return { ok: true, article, changes };
  const content = changes.some((c) => (CONTENT_FIELDS as readonly string[]).includes(c.field));
  if (content && article.state !== 'draft') {
    return refuse(
      article.state === 'review'
        ? 'The article is in review: ask the reviewer to send it back to draft to change its content.'
        : 'Start a new version to change the content of a published or retired article.',
    );
  }
  return { ok: true, article: stamp({ ...article, ...clean }, ctx), changes };
}

export const ARTICLE_TRANSITIONS: Readonly<Record<ArticleState, readonly ArticleState[]>> = {
  draft: ['review'],
  review: ['draft', 'published'],
  published: ['draft', 'retired'],
  retired: ['draft'],
};

/** Why `actor` may not review (publish or send back) this article, or null when they may. */
export function reviewRefusal(article: ArticleDoc, actor: Actor): string | null {
  const role = actor.roles.some((r) => REVIEWER_ROLES.includes(r));
  const named = (article.reviewerIds ?? []).includes(actor.id) && canWriteArticles(actor.roles);
  if (!role && !named) return 'Only a manager or a reviewer named on the article may review it.';
  if (article.submittedBy && article.submittedBy === actor.id) {
    return 'You sent this version to review: another reviewer must review it.';
  }
  return null;
}

/** Transitions that need a comment: sending a version back says why. */
export function needsComment(from: ArticleState, to: ArticleState): boolean {
  return from === 'review' && to === 'draft';
}

/** Why `actor` may not move the article to `to`, or null when the move is allowed. */
export function transitionRefusal(
  article: ArticleDoc,
  to: ArticleState,
  actor: Actor,
  comment = '',
): string | null {
  const from = article.state;
  if (!ARTICLE_TRANSITIONS[from].includes(to)) return `An article cannot go from ${from} to ${to}.`;
  if (!canWriteArticles(actor.roles)) return 'Only agents, managers and admins work on articles.';
  if (needsComment(from, to) && comment.trim() === '') return 'Say what needs to change.';
  if (comment.length > REVIEW_COMMENT_MAX)
    return `The comment must be at most ${REVIEW_COMMENT_MAX} characters.`;
  if (from === 'draft' && to === 'review') {
    if (article.title.trim().length < ARTICLE_TITLE_MIN) return 'Give the article a title first.';
    if (article.body.trim() === '') return 'Write the article before sending it to review.';
  }
  if (from === 'review' && to === 'published') return reviewRefusal(article, actor);
  if (from === 'review' && to === 'draft' && article.submittedBy !== actor.id)
    return reviewRefusal(article, actor);
  if (from === 'published' && to === 'retired') {
    const allowed =
      article.ownerId === actor.id ||
      actor.roles.some((r) => REVIEWER_ROLES.includes(r)) ||
      (article.reviewerIds ?? []).includes(actor.id);
    if (!allowed) return 'Only the owner, a manager or a named reviewer may retire an article.';
  }
  return null;
}

export type TransitionResult =
  | {
      ok: true;
      article: ArticleDoc;
      changes: FieldChange[];
      /** Set when the move publishes: the content to record as a version. */
      published: (ArticleSnapshot & { body: string }) | null;
    }
  | { ok: false; errors: FieldErrors };

export function applyArticleTransition(
  article: ArticleDoc,
  to: ArticleState,
  ctx: { now: number; actor: Actor; comment?: string },
): TransitionResult {
  const refusal = transitionRefusal(article, to, ctx.actor, ctx.comment ?? '');
  if (refusal) return refuse(refusal);
  const next: ArticleDoc = stamp({ ...article, state: to }, ctx);
  const changes: FieldChange[] = [{ field: 'state', from: article.state, to }];
  let published: (ArticleSnapshot & { body: string }) | null = null;
  if (to === 'review') next.submittedBy = ctx.actor.id;
  if (article.state === 'review') next.submittedBy = '';
  if (to === 'published') {
    next.publishedAt = ctx.now;
    published = {
      title: article.title,
      category: article.category,
      tags: [...article.tags],
      version: article.version,
      body: article.body,
    };
  }
  if (to === 'draft' && (article.state === 'published' || article.state === 'retired')) {
    next.version = article.version + 1;
    changes.push({ field: 'version', from: article.version, to: next.version });
  }
  return { ok: true, article: next, changes, published };
}

/** A published version, read back from its `version` activity. */
export interface ArticleVersion extends ArticleSnapshot {
  /** The activity id: two devices may publish the same number while apart. */
  id: string;
  body: string;
  publishedAt: number;
  publishedBy: string;
}

/**
 * Restores an old version's content as the draft to work on: from a published or retired
 * article that starts the next version; a draft has its content replaced.
 */
export function restoreVersion(
  article: ArticleDoc,
  version: ArticleVersion,
  ctx: ArticleContext,
): ArticleResult {
  if (!canWriteArticles(ctx.actor.roles)) return refuse('Only agents, managers and admins restore versions.');
  if (article.state === 'review') {
    return refuse('The article is in review: send it back to draft before restoring a version.');
  }
  const reopened =
    article.state === 'draft'
      ? article
      : { ...article, state: 'draft' as const, version: article.version + 1 };
  const input: ArticleInput = {
    ...articleInputOf(reopened),
    title: version.title,
    body: version.body,
    category: version.category,
    tags: [...version.tags],
  };
  const edited = applyArticleEdit(reopened, input, ctx);
  if (!edited.ok || reopened === article) return edited;
  const changes: FieldChange[] = [
    { field: 'state', from: article.state, to: 'draft' },
    { field: 'version', from: article.version, to: reopened.version },
    ...edited.changes,
  ];
  return { ok: true, article: stamp(edited.article, ctx), changes };
}

/** Review date passed on an article still in use. */
export function isStale(article: ArticleDoc, now: number): boolean {
  const due = article.reviewDueAt ?? 0;
  return article.state !== 'retired' && due > 0 && due <= now;
}
