import { useMemo, useState } from 'react';
import { Paper, Stack, Title } from '@mantine/core';
import { emptyArticleInput, type ArticleInput } from '../../../shared/domain/articles';
import { createArticle } from '../../data/articles';
import { useDb } from '../../app/database';
import { navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { useUi } from '../../state/ui';
import { useSubmit } from '../../lib/useSubmit';
import { ArticleForm } from './ArticleForm';
import { categoriesOf } from './articleList';
import { fromDateInput, toDateInput, useArticles } from './hooks';

/** New articles are due for review six months after they are written. */
const REVIEW_AFTER_DAYS = 182;

export function NewArticlePage() {
  const db = useDb();
  const userId = useUi((s) => s.userId);
  const session = useSession();
  const articles = useArticles();
  const categories = useMemo(() => categoriesOf(articles), [articles]);
  const [value, setValue] = useState<ArticleInput>(() =>
    emptyArticleInput(userId, fromDateInput(toDateInput(Date.now() + REVIEW_AFTER_DAYS * 86_400_000))),
  );
  const { errors, saving, submit } = useSubmit();

  const save = () =>
    submit(
      () => createArticle(db, value, session),
      (result) => navigate(`/knowledge/${result.article.id}`),
    );

  return (
    <Stack maw={1280}>
      <Title order={2}>New article</Title>
      <Paper withBorder p="md">
        <ArticleForm
          value={value}
          onChange={setValue}
          errors={errors}
          onSubmit={save}
          onCancel={() => navigate('/knowledge')}
          submitLabel="Save draft"
          saving={saving}
          categories={categories}
        />
      </Paper>
    </Stack>
  );
}
