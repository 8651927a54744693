import { Badge } from '@mantine/core';
import { ARTICLE_STATE_LABELS, labelOf } from '../../../shared/domain/labels';
import type { ArticleState } from '../../../shared/domain/model';

const COLORS: Record<ArticleState, string> = {
  draft: 'gray',
  review: 'yellow',
  published: 'green',
  retired: 'dark',
};

export function ArticleStateBadge({ state }: { state: ArticleState }) {
  return (
    <Badge color={COLORS[state] ?? 'gray'} variant="light" data-testid="article-state">
      {labelOf(ARTICLE_STATE_LABELS, state)}
    </Badge>
  );
}
