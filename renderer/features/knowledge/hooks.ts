/** Live article data for the knowledge pages. */
import { useCallback, useMemo } from 'react';
import { of } from 'rxjs';
import type { Actor } from '../../../shared/domain/articles';
import { resolveAttachment } from '../../../shared/domain/articleUse';
import type { ActivityDoc, ArticleDoc, FileDoc } from '../../../shared/domain/model';
import { observeActivities, observeFiles } from '../../data';
import { observeArticle, observeArticles } from '../../data/articles';
import { useDb } from '../../app/database';
import { useObservable } from '../../app/hooks';
import { useDirectory } from '../../app/people';
import { useUi } from '../../state/ui';
import type { ImageResolver } from './Markdown';

/** Every article, most recently changed first; null while loading. */
export function useArticles(): ArticleDoc[] | null {
  const db = useDb();
  return useObservable<ArticleDoc[] | null>(() => observeArticles(db), null, [db]);
}

export const LOADING = Symbol('loading');

export function useArticle(id: string): ArticleDoc | null | typeof LOADING {
  const db = useDb();
  return useObservable<ArticleDoc | null | typeof LOADING>(() => observeArticle(db, id), LOADING, [db, id]);
}

export function useArticleActivities(id: string): ActivityDoc[] | null {
  const db = useDb();
  return useObservable<ActivityDoc[] | null>(() => observeActivities(db, id), null, [db, id]);
}

/** The acting person with the roles the directory gives them. */
export function useActor(): Actor {
  const userId = useUi((s) => s.userId);
  const directory = useDirectory();
  return useMemo(() => ({ id: userId, roles: directory.byId.get(userId)?.roles ?? [] }), [userId, directory]);
}

/** Resolves `attachment:` image references against the article's own attached images. */
export function useArticleImages(articleId: string | null): ImageResolver {
  const db = useDb();
  const files = useObservable<FileDoc[]>(
    () => (articleId ? observeFiles(db, articleId) : of([])),
    [],
    [db, articleId],
  );
  return useCallback(
    (ref: string) => (articleId ? (resolveAttachment(ref, files, articleId)?.id ?? null) : null),
    [files, articleId],
  );
}

/** `YYYY-MM-DD` in local time for a date input; '' for 0. */
export function toDateInput(ms: number): string {
  if (!ms) return '';
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Local midnight of a `YYYY-MM-DD` value; 0 when empty, -1 when not a date (the domain says so). */
export function fromDateInput(value: string): number {
  if (value.trim() === '') return 0;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!m) return -1;
  const date = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isNaN(date.getTime()) || date.getDate() !== Number(m[3]) ? -1 : date.getTime();
}
