/**
 * Article writes against a real database per test: the review workflow with its timeline,
 * versions stored as activities, restore, "solved by" links, feedback and view counting.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { firstValueFrom } from 'rxjs';
import { emptyArticleInput, type ArticleInput } from '../../shared/domain/articles';
import { tallyFeedback, totalViews } from '../../shared/domain/articleUse';
import type { PersonDoc, Role } from '../../shared/domain/model';
import { observeActivities } from './activities';
import {
  createArticle,
  moveArticle,
  observeArticles,
  observePublishedArticles,
  readVersions,
  restoreArticleVersion,
  updateArticle,
} from './articles';
import {
  flushArticleViews,
  giveFeedback,
  linkArticleToTicket,
  observeSolvedTickets,
  observeSolvingArticles,
  pendingArticleViews,
  recordArticleView,
  unlinkArticleFromTicket,
} from './articleUse';
import type { OutpostDatabase } from './database';
import { createDbTracker, fixtureTicket } from './testDb';

const dbs = createDbTracker();
afterEach(() => dbs.closeAll());

const NOW = 1_780_000_000_000;
const DAY = 86_400_000;
const author = { userId: 'per_author' };
const manager = { userId: 'per_mgr' };
const tech = { userId: 'per_tech' };
const requester = { userId: 'per_req' };

function person(id: string, roles: Role[]): PersonDoc {
  return {
    id,
    type: 'person',
    personKind: 'user',
    name: id,
    email: `${id}@example.test`,
    roles,
    groupIds: [],
    createdAt: NOW,
    updatedAt: NOW,
    updatedBy: 'per_mgr',
  };
}

const INPUT: ArticleInput = {
  ...emptyArticleInput('per_author', NOW + 30 * DAY),
  title: 'Printer shows offline after a driver update',
  body: '# Fix\n\n1. Remove the printer\n2. Add it again',
  category: 'Printing',
  tags: ['printer'],
};

let db: OutpostDatabase;
beforeEach(async () => {
  db = await dbs.open();
  await db.people.bulkInsert([
    person('per_author', ['agent']),
    person('per_mgr', ['manager', 'agent']),
    person('per_tech', ['technician']),
    person('per_req', ['requester']),
  ]);
});

async function timeline(id: string) {
  return firstValueFrom(observeActivities(db, id));
}

async function publishedArticle(input = INPUT) {
  const created = await createArticle(db, input, author, { now: NOW });
  if (!created.ok) throw new Error(JSON.stringify(created.errors));
  const id = created.article.id;
  expect((await moveArticle(db, id, 'review', '', author, { now: NOW + 1 })).ok).toBe(true);
  expect((await moveArticle(db, id, 'published', '', manager, { now: NOW + 2 })).ok).toBe(true);
  return id;
}

describe('writing and reviewing', () => {
  it('creates a draft with a timeline entry, and refuses bad input and non-writers', async () => {
    const created = await createArticle(db, INPUT, author, { now: NOW });
    expect(created.ok && created.article).toMatchObject({
      state: 'draft',
      version: 1,
      ownerId: 'per_author',
    });
    if (!created.ok) return;
    expect((await timeline(created.article.id)).map((a) => a.kind)).toEqual(['created']);

    const bad = await createArticle(db, { ...INPUT, title: ' ' }, author);
    expect(bad.ok ? {} : bad.errors).toHaveProperty('title');
    const byTech = await createArticle(db, INPUT, tech);
    expect(byTech).toEqual({
      ok: false,
      errors: { form: 'Only agents, managers and admins write articles.' },
    });
    expect(await firstValueFrom(observeArticles(db))).toHaveLength(1);
  });

  it('publishes through review, storing the version and each step on the timeline', async () => {
    const id = await publishedArticle();
    const stored = await db.articles.findOne(id).exec();
    expect(stored?.toMutableJSON()).toMatchObject({
      state: 'published',
      version: 1,
      publishedAt: NOW + 2,
      submittedBy: '',
    });
    const entries = await timeline(id);
    // The publish step and its version share one timestamp: their order among themselves is free.
    expect(entries.map((a) => a.kind).sort()).toEqual(['change', 'change', 'created', 'version']);
    const steps = entries.filter((a) => a.kind === 'change').map((a) => a.changes);
    expect(steps.at(-1)).toEqual([{ field: 'state', from: 'review', to: 'published' }]);
    expect(entries.find((a) => a.kind === 'version')).toMatchObject({
      body: INPUT.body,
      createdBy: 'per_mgr',
      snapshot: { title: INPUT.title, category: 'Printing', version: 1, tags: ['printer'] },
    });
    expect((await firstValueFrom(observePublishedArticles(db))).map((a) => a.id)).toEqual([id]);
  });

  it('refuses self-review and requires a comment to send back, writing nothing', async () => {
    const created = await createArticle(db, INPUT, manager, { now: NOW });
    if (!created.ok) throw new Error('fixture');
    const id = created.article.id;
    await moveArticle(db, id, 'review', '', manager, { now: NOW + 1 });
    const self = await moveArticle(db, id, 'published', '', manager, { now: NOW + 2 });
    expect(self.ok ? '' : self.errors.form).toMatch(/another reviewer/);
    const byAuthor = await moveArticle(db, id, 'published', '', author, { now: NOW + 2 });
    expect(byAuthor.ok).toBe(false);
    const silent = await moveArticle(db, id, 'draft', ' ', manager, { now: NOW + 3 });
    expect(silent).toEqual({ ok: false, errors: { form: 'Say what needs to change.' } });
    expect((await timeline(id)).map((a) => a.kind)).toEqual(['created', 'change']);

    const back = await moveArticle(db, id, 'draft', 'Withdrawn: needs screenshots', manager, {
      now: NOW + 4,
    });
    expect(back.ok && back.article.state).toBe('draft');
    expect((await timeline(id)).at(-1)?.body).toBe('Withdrawn: needs screenshots');
  });

  it('keeps every published version, and restores an old one as a new draft', async () => {
    const id = await publishedArticle();
    expect((await updateArticle(db, id, { ...INPUT, body: 'changed' }, author)).ok).toBe(false);
    const next = await moveArticle(db, id, 'draft', '', author, { now: NOW + 10 });
    expect(next.ok && next.article.version).toBe(2);
    const edited = await updateArticle(
      db,
      id,
      { ...INPUT, body: '# Fix\n\n1. Reinstall the driver' },
      author,
      {
        now: NOW + 11,
      },
    );
    expect(edited.ok).toBe(true);
    await moveArticle(db, id, 'review', '', author, { now: NOW + 12 });
    await moveArticle(db, id, 'published', '', manager, { now: NOW + 13 });

    const versions = await readVersions(db, id);
    expect(versions.map((v) => [v.version, v.body])).toEqual([
      [1, INPUT.body],
      [2, '# Fix\n\n1. Reinstall the driver'],
    ]);
    const restored = await restoreArticleVersion(db, id, versions[0]?.id ?? '', author, { now: NOW + 20 });
    expect(restored.ok && restored.article).toMatchObject({ state: 'draft', version: 3, body: INPUT.body });
    expect((await timeline(id)).at(-1)).toMatchObject({ kind: 'change', body: 'Restored version 1.' });
    expect(await readVersions(db, id)).toHaveLength(2);
  });
});

describe('use', () => {
  it('links an article to a ticket once, shows it on both sides and unlinks it', async () => {
    const id = await publishedArticle();
    await db.tickets.insert(fixtureTicket(1, { id: 'tkt_printer' }));
    expect((await linkArticleToTicket(db, id, 'tkt_printer', tech, { now: NOW + 5 })).ok).toBe(true);
    expect((await linkArticleToTicket(db, id, 'tkt_printer', author, { now: NOW + 6 })).ok).toBe(true);
    expect(await db.relations.count().exec()).toBe(1);
    expect(await firstValueFrom(observeSolvedTickets(db, id))).toEqual(['tkt_printer']);
    expect((await firstValueFrom(observeSolvingArticles(db, 'tkt_printer'))).map((a) => a.id)).toEqual([id]);

    expect((await linkArticleToTicket(db, id, 'tkt_printer', requester)).ok).toBe(false);
    expect((await unlinkArticleFromTicket(db, id, 'tkt_printer', tech, { now: NOW + 7 })).ok).toBe(true);
    expect(await firstValueFrom(observeSolvedTickets(db, id))).toEqual([]);
    expect(await firstValueFrom(observeSolvingArticles(db, 'tkt_printer'))).toEqual([]);
    // Linking again writes over the removed link.
    expect((await linkArticleToTicket(db, id, 'tkt_printer', tech, { now: NOW + 8 })).ok).toBe(true);
    expect(await firstValueFrom(observeSolvedTickets(db, id))).toEqual(['tkt_printer']);
  });

  it('refuses links to drafts and to missing tickets', async () => {
    const created = await createArticle(db, INPUT, author, { now: NOW });
    if (!created.ok) throw new Error('fixture');
    await db.tickets.insert(fixtureTicket(2, { id: 'tkt_x' }));
    const draftLink = await linkArticleToTicket(db, created.article.id, 'tkt_x', tech);
    expect(draftLink.ok ? '' : draftLink.errors.form).toMatch(/Only published/);
    const missing = await linkArticleToTicket(db, created.article.id, 'tkt_missing', tech);
    expect(missing.ok ? '' : missing.errors.form).toMatch(/no longer exists/);
  });

  it("counts each reader's latest feedback", async () => {
    const id = await publishedArticle();
    await giveFeedback(db, id, true, requester, { now: NOW + 5 });
    await giveFeedback(db, id, false, requester, { now: NOW + 6 });
    await giveFeedback(db, id, true, tech, { now: NOW + 7 });
    expect(tallyFeedback(await timeline(id), 'per_req')).toEqual({ helpful: 1, notHelpful: 1, mine: false });
  });

  it('counts views locally and records each finished day once', async () => {
    const id = await publishedArticle();
    const today = NOW + 1000;
    expect(await recordArticleView(db, id, requester, { now: today })).toBe(1);
    expect(await recordArticleView(db, id, tech, { now: today + 5 })).toBe(2);
    expect(await recordArticleView(db, id, tech, { now: today + 10 })).toBe(3);
    const before = await timeline(id);
    expect(before.filter((a) => a.kind === 'views')).toEqual([]);

    // Next day: yesterday becomes one activity; today's view stays local.
    expect(await recordArticleView(db, id, tech, { now: today + DAY })).toBe(1);
    const after = await timeline(id);
    const views = after.filter((a) => a.kind === 'views');
    expect(views).toHaveLength(1);
    expect(views[0]).toMatchObject({ count: 3, createdBy: 'per_tech' });
    expect(totalViews(after) + (await pendingArticleViews(db, id))).toBe(4);
    // Flushing again later records the second day only, once.
    expect(await flushArticleViews(db, tech, { now: today + 2 * DAY })).toBe(1);
    expect(await flushArticleViews(db, tech, { now: today + 2 * DAY })).toBe(0);
    expect(totalViews(await timeline(id))).toBe(4);
    expect(await pendingArticleViews(db, id)).toBe(0);
  });
});
