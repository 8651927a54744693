import { describe, expect, it } from 'vitest';
import {
  ARTICLE_BODY_MAX,
  ARTICLE_TRANSITIONS,
  applyArticleEdit,
  applyArticleTransition,
  articleInputOf,
  buildArticle,
  emptyArticleInput,
  isStale,
  restoreVersion,
  transitionRefusal,
  validateArticleInput,
  type Actor,
  type ArticleInput,
  type RolesOf,
} from './articles';
import { articleVersions } from './articleUse';
import { ARTICLE_STATES, MAX_TIME, type ActivityDoc, type ArticleDoc, type Role } from './model';

const T0 = 1_700_000_000_000;
const PEOPLE: Record<string, Role[]> = {
  per_author: ['agent'],
  per_agent2: ['agent'],
  per_manager: ['manager'],
  per_admin: ['admin'],
  per_tech: ['technician'],
  per_req: ['requester'],
};
const rolesOf: RolesOf = (id) => PEOPLE[id] ?? null;
const actor = (id: string): Actor => ({ id, roles: PEOPLE[id] ?? [] });
const ctx = (id: string, now = T0) => ({ now, actor: actor(id), rolesOf });

const INPUT: ArticleInput = {
  ...emptyArticleInput('per_author', T0 + 90 * 86_400_000),
  title: '  Reset a stuck print queue ',
  body: '# Steps\r\n\r\n1. Open the queue\n2. Cancel all\n\n',
  category: 'Printing',
  tags: ['Printer', 'queue', 'printer', ' '],
};

function draft(overrides: Partial<ArticleDoc> = {}): ArticleDoc {
  const built = buildArticle(INPUT, 'kb_1', ctx('per_author'));
  if (!built.ok) throw new Error('fixture must build');
  return { ...built.article, ...overrides };
}

/** Moves the article through `steps` ([state, actor id, comment?]), failing on any refusal. */
function walk(start: ArticleDoc, steps: [ArticleDoc['state'], string, string?][]) {
  let article = start;
  const published: NonNullable<
    Extract<ReturnType<typeof applyArticleTransition>, { ok: true }>['published']
  >[] = [];
  steps.forEach(([to, who, comment], i) => {
    const result = applyArticleTransition(article, to, {
      now: T0 + (i + 1) * 1000,
      actor: actor(who),
      comment,
    });
    if (!result.ok) throw new Error(`${article.state} -> ${to} by ${who}: ${JSON.stringify(result.errors)}`);
    article = result.article;
    if (result.published) published.push(result.published);
  });
  return { article, published };
}

describe('building and validating', () => {
  it('builds a normalized draft at version 1', () => {
    const article = draft();
    expect(article).toMatchObject({
      type: 'article',
      title: 'Reset a stuck print queue',
      body: '# Steps\n\n1. Open the queue\n2. Cancel all',
      tags: ['printer', 'queue'],
      state: 'draft',
      version: 1,
      ownerId: 'per_author',
      submittedBy: '',
      publishedAt: 0,
      sortDesc: MAX_TIME - T0,
    });
  });

  it('reports each bad field and refuses non-writers', () => {
    const errors = validateArticleInput(
      {
        title: 'ab',
        body: 'x'.repeat(ARTICLE_BODY_MAX + 1),
        category: 'c'.repeat(81),
        tags: Array.from({ length: 21 }, (_, i) => `t${i}`),
        ownerId: 'per_tech',
        reviewDueAt: -1,
        reviewerIds: ['per_req'],
      },
      rolesOf,
    );
    expect(Object.keys(errors).sort()).toEqual(
      ['body', 'category', 'ownerId', 'reviewDueAt', 'reviewerIds', 'tags', 'title'].sort(),
    );
    expect(buildArticle(INPUT, 'kb_2', ctx('per_tech'))).toEqual({
      ok: false,
      errors: { form: 'Only agents, managers and admins write articles.' },
    });
  });
});

describe('review workflow', () => {
  it('allows exactly the documented transitions', () => {
    expect(ARTICLE_TRANSITIONS).toEqual({
      draft: ['review'],
      review: ['draft', 'published'],
      published: ['draft', 'retired'],
      retired: ['draft'],
    });
    for (const from of ARTICLE_STATES) {
      for (const to of ARTICLE_STATES) {
        if (ARTICLE_TRANSITIONS[from].includes(to)) continue;
        expect(
          transitionRefusal(draft({ state: from }), to, actor('per_manager'), 'why'),
          `${from} -> ${to}`,
        ).toMatch(/cannot go from/);
      }
    }
  });

  it('publishes through review and records the published content as a version', () => {
    const { article, published } = walk(draft(), [
      ['review', 'per_author'],
      ['published', 'per_manager'],
    ]);
    expect(article).toMatchObject({
      state: 'published',
      version: 1,
      submittedBy: '',
      publishedAt: T0 + 2000,
    });
    expect(published).toEqual([
      {
        title: 'Reset a stuck print queue',
        category: 'Printing',
        tags: ['printer', 'queue'],
        version: 1,
        body: '# Steps\n\n1. Open the queue\n2. Cancel all',
      },
    ]);
  });

  it('starts the next version when a published or retired article goes back to draft', () => {
    const { article, published } = walk(draft(), [
      ['review', 'per_author'],
      ['published', 'per_manager'],
      ['draft', 'per_agent2'],
      ['review', 'per_agent2'],
      ['published', 'per_admin'],
      ['retired', 'per_author'],
      ['draft', 'per_author'],
    ]);
    expect(published.map((p) => p.version)).toEqual([1, 2]);
    expect(article).toMatchObject({ state: 'draft', version: 3 });
  });

  it('lets only a manager, an admin or a named reviewer publish, and never the author', () => {
    const inReview = walk(draft(), [['review', 'per_author']]).article;
    expect(transitionRefusal(inReview, 'published', actor('per_author'))).toMatch(
      /Only a manager or a reviewer/,
    );
    expect(transitionRefusal(inReview, 'published', actor('per_agent2'))).toMatch(
      /Only a manager or a reviewer/,
    );
    expect(transitionRefusal(inReview, 'published', actor('per_tech'))).toMatch(/Only agents/);
    expect(transitionRefusal(inReview, 'published', actor('per_manager'))).toBeNull();
    expect(transitionRefusal(inReview, 'published', actor('per_admin'))).toBeNull();
    const named = { ...inReview, reviewerIds: ['per_agent2'] };
    expect(transitionRefusal(named, 'published', actor('per_agent2'))).toBeNull();
    // A manager who sent it to review cannot approve their own version.
    const own = walk(draft(), [['review', 'per_manager']]).article;
    expect(transitionRefusal(own, 'published', actor('per_manager'))).toMatch(/another reviewer/);
  });

  it('sends a version back to draft only with a comment, by a reviewer or the author', () => {
    const inReview = walk(draft(), [['review', 'per_author']]).article;
    expect(transitionRefusal(inReview, 'draft', actor('per_manager'))).toBe('Say what needs to change.');
    expect(transitionRefusal(inReview, 'draft', actor('per_manager'), 'Add a screenshot')).toBeNull();
    expect(transitionRefusal(inReview, 'draft', actor('per_author'), 'Withdrawn')).toBeNull();
    expect(transitionRefusal(inReview, 'draft', actor('per_agent2'), 'Not mine')).toMatch(/Only a manager/);
    const back = applyArticleTransition(inReview, 'draft', {
      now: T0,
      actor: actor('per_manager'),
      comment: 'x',
    });
    expect(back.ok && back.article).toMatchObject({ state: 'draft', version: 1, submittedBy: '' });
  });

  it('refuses an empty draft for review and lets only the owner or a reviewer retire', () => {
    expect(transitionRefusal(draft({ body: '  ' }), 'review', actor('per_author'))).toMatch(
      /Write the article/,
    );
    const published = draft({ state: 'published' });
    expect(transitionRefusal(published, 'retired', actor('per_agent2'))).toMatch(/Only the owner/);
    expect(transitionRefusal(published, 'retired', actor('per_author'))).toBeNull();
    expect(transitionRefusal(published, 'retired', actor('per_manager'))).toBeNull();
  });
});

describe('edits', () => {
  it('changes content only in a draft, and metadata in any state', () => {
    const published = draft({ state: 'published' });
    const retitled = { ...articleInputOf(published), title: 'Another title' };
    expect(applyArticleEdit(published, retitled, ctx('per_author'))).toEqual({
      ok: false,
      errors: { form: 'Start a new version to change the content of a published or retired article.' },
    });
    const due = { ...articleInputOf(published), reviewDueAt: T0 + 1 };
    const result = applyArticleEdit(published, due, ctx('per_agent2', T0 + 5));
    expect(result.ok && result.changes).toEqual([
      { field: 'reviewDueAt', from: INPUT.reviewDueAt, to: T0 + 1 },
    ]);
    expect(result.ok && result.article).toMatchObject({ updatedBy: 'per_agent2', updatedAt: T0 + 5 });

    const body = applyArticleEdit(
      draft(),
      { ...articleInputOf(draft()), body: 'new text' },
      ctx('per_author'),
    );
    expect(body.ok && body.changes).toEqual([{ field: 'body', from: null, to: null }]);
    const nothing = applyArticleEdit(draft(), articleInputOf(draft()), ctx('per_author'));
    expect(nothing.ok && nothing.changes).toEqual([]);
  });
});

describe('versions and restore', () => {
  const versionActivity = (id: string, version: number, body: string, createdAt: number): ActivityDoc => ({
    id,
    type: 'activity',
    parentId: 'kb_1',
    kind: 'version',
    body,
    minutes: 0,
    changes: [],
    snapshot: { title: `Title v${version}`, category: 'Printing', tags: ['printer'], version },
    createdAt,
    createdBy: 'per_manager',
    updatedAt: createdAt,
    updatedBy: 'per_manager',
  });

  it('reads versions in publishing order', () => {
    const versions = articleVersions([
      versionActivity('act_2', 2, 'two', T0 + 2),
      { ...versionActivity('act_x', 9, 'comment', T0), kind: 'comment', snapshot: undefined },
      versionActivity('act_1', 1, 'one', T0 + 1),
    ]);
    expect(versions.map((v) => [v.id, v.version, v.body, v.title])).toEqual([
      ['act_1', 1, 'one', 'Title v1'],
      ['act_2', 2, 'two', 'Title v2'],
    ]);
  });

  it('restores an old version as the next draft of a published article', () => {
    const [v1] = articleVersions([versionActivity('act_1', 1, 'old text', T0)]);
    if (!v1) throw new Error('fixture');
    const published = draft({ state: 'published', version: 2 });
    const result = restoreVersion(published, v1, ctx('per_agent2', T0 + 10));
    expect(result.ok && result.article).toMatchObject({
      state: 'draft',
      version: 3,
      title: 'Title v1',
      body: 'old text',
      tags: ['printer'],
      updatedBy: 'per_agent2',
    });
    expect(result.ok && result.changes.map((c) => c.field)).toEqual([
      'state',
      'version',
      'title',
      'body',
      'tags',
    ]);
    // A draft keeps its number; an article in review must be sent back first.
    const inDraft = restoreVersion(draft({ version: 4 }), v1, ctx('per_author'));
    expect(inDraft.ok && inDraft.article.version).toBe(4);
    expect(restoreVersion(draft({ state: 'review' }), v1, ctx('per_author')).ok).toBe(false);
  });
});

describe('stale articles', () => {
  it('are those whose review date has passed, unless retired', () => {
    expect(isStale(draft({ state: 'published', reviewDueAt: T0 }), T0)).toBe(true);
    expect(isStale(draft({ state: 'published', reviewDueAt: T0 + 1 }), T0)).toBe(false);
    expect(isStale(draft({ state: 'published', reviewDueAt: 0 }), T0)).toBe(false);
    expect(isStale(draft({ state: 'retired', reviewDueAt: 1 }), T0)).toBe(false);
    expect(isStale({ ...draft(), reviewDueAt: undefined }, T0)).toBe(false);
  });
});
