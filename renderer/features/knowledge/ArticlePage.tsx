import { useMemo, useState } from 'react';
import {
  Anchor,
  Badge,
  Button,
  Center,
  Grid,
  Group,
  Loader,
  Paper,
  Stack,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { articleInputOf, type ArticleInput } from '../../../shared/domain/articles';
import { articleVersions } from '../../../shared/domain/articleUse';
import type { ArticleDoc } from '../../../shared/domain/model';
import { updateArticle } from '../../data/articles';
import { useDb } from '../../app/database';
import { navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { useSubmit } from '../../lib/useSubmit';
import { ArticleActivity } from './ArticleActivity';
import { ArticleForm } from './ArticleForm';
import { ArticleDetails, ArticleUsage } from './ArticleSide';
import { ArticleStateBadge } from './ArticleStateBadge';
import { categoriesOf } from './articleList';
import { LOADING, useArticle, useArticleActivities, useArticleImages, useArticles } from './hooks';
import { Markdown } from './Markdown';
import { AttachmentsPanel } from '../attachments/AttachmentsPanel';
import { VersionsTab } from './VersionsTab';
import { WorkflowBar } from './WorkflowBar';

type Tab = 'read' | 'edit' | 'versions' | 'activity';

export function ArticlePage({ id }: { id: string }) {
  const article = useArticle(id);
  const loaded = useArticleActivities(id);
  const activities = useMemo(() => loaded ?? [], [loaded]);
  const images = useArticleImages(id);
  const [tab, setTab] = useState<Tab>('read');
  const versions = useMemo(() => articleVersions(activities), [activities]);
  const comments = activities.filter((a) => a.kind === 'comment').length;

  if (article === LOADING) {
    return (
      <Center py="xl">
        <Loader aria-label="Loading article" />
      </Center>
    );
  }
  if (!article) {
    return (
      <Stack align="flex-start" p="xl">
        <Title order={3}>Article not found</Title>
        <Text c="dimmed">It may have been deleted on another device, or the link is wrong.</Text>
        <Button onClick={() => navigate('/knowledge')}>Back to the knowledge base</Button>
      </Stack>
    );
  }

  return (
    <Stack gap="md" maw={1280} data-testid="article-page">
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Group gap="xs">
            <Anchor size="sm" href="#/knowledge">
              Knowledge base
            </Anchor>
            <Text size="sm" c="dimmed">
              /
            </Text>
            <Badge variant="outline" size="sm" data-testid="article-version">
              v{article.version}
            </Badge>
            <ArticleStateBadge state={article.state} />
          </Group>
          <Title order={2} className="plain-text" data-testid="article-heading">
            {article.title}
          </Title>
        </Stack>
        <WorkflowBar article={article} />
      </Group>
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Tabs value={tab} onChange={(v) => setTab((v as Tab | null) ?? 'read')} keepMounted={false}>
            <Tabs.List mb="sm">
              <Tabs.Tab value="read">Article</Tabs.Tab>
              <Tabs.Tab value="edit">Edit</Tabs.Tab>
              <Tabs.Tab value="versions">Versions ({versions.length})</Tabs.Tab>
              <Tabs.Tab value="activity">Comments ({comments})</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="read">
              <Paper withBorder p="md">
                {article.body.trim() === '' ? (
                  <Text c="dimmed" fs="italic">
                    This article has no text yet.
                  </Text>
                ) : (
                  <Markdown source={article.body} images={images} testId="article-body" />
                )}
              </Paper>
            </Tabs.Panel>
            <Tabs.Panel value="edit">
              <EditArticle
                key={`${article.id}:${article.state}:${article.version}`}
                article={article}
                onDone={() => setTab('read')}
              />
            </Tabs.Panel>
            <Tabs.Panel value="versions">
              <VersionsTab article={article} activities={activities} onRestored={() => setTab('edit')} />
            </Tabs.Panel>
            <Tabs.Panel value="activity">
              <ArticleActivity articleId={article.id} activities={activities} />
            </Tabs.Panel>
          </Tabs>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            <ArticleDetails article={article} />
            {/* Images in the text are these attachments, referenced as attachment:<name>. */}
            <AttachmentsPanel parentId={article.id} parentType="article" />
            <ArticleUsage article={article} activities={activities} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function EditArticle({ article, onDone }: { article: ArticleDoc; onDone: () => void }) {
  const db = useDb();
  const session = useSession();
  const articles = useArticles();
  const categories = useMemo(() => categoriesOf(articles), [articles]);
  const images = useArticleImages(article.id);
  const [value, setValue] = useState<ArticleInput>(() => articleInputOf(article));
  const { errors, saving, submit } = useSubmit();
  const locked =
    article.state === 'draft'
      ? undefined
      : article.state === 'review'
        ? 'In review: the text is locked until a reviewer publishes it or sends it back. Owner, reviewers and review date can change.'
        : 'Published and retired text stays as reviewed: use "New version" or "Reopen as draft" to change it. Owner, reviewers and review date can change.';

  const save = () => submit(() => updateArticle(db, article.id, value, session), onDone);

  return (
    <Paper withBorder p="md">
      <ArticleForm
        value={value}
        onChange={setValue}
        errors={errors}
        onSubmit={save}
        onCancel={() => {
          setValue(articleInputOf(article));
          onDone();
        }}
        submitLabel="Save"
        saving={saving}
        categories={categories}
        images={images}
        contentLocked={locked}
      />
    </Paper>
  );
}
