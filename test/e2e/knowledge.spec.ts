import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

/** Acts as the first demo person whose main role is `role`; returns their name. */
async function actAsRole(page: Page, role: string): Promise<string> {
  const picker = page.getByRole('combobox', { name: 'Acting as' });
  await picker.click();
  const option = page.getByRole('option', { name: new RegExp(`\\(${role}\\)$`) }).first();
  const label = (await option.textContent()) ?? '';
  await option.click();
  await expect(picker).toHaveValue(label);
  return label.replace(/\s*\([^)]*\)$/, '');
}

async function workflow(page: Page, button: string, state: string): Promise<void> {
  await page.getByRole('button', { name: button, exact: true }).click();
  await expect(page.getByTestId('article-page').getByTestId('article-state')).toHaveText(state);
}

const TITLE = 'Laptop dock loses the external monitor after sleep';
const BODY_V1 = [
  '# Symptoms',
  '',
  'The second screen stays black after the laptop wakes up.',
  '',
  '## Fix',
  '',
  '1. Unplug the dock',
  '2. Wait **ten seconds**',
  '3. Plug it in again',
  '',
  'See the [vendor notes](https://support.example.com/dock).',
].join('\n');

test('writes, reviews offline, links to a ticket and versions an article', async ({
  app: page,
  context,
  guarded,
}) => {
  const author = await actAsRole(page, 'agent');
  await page.getByRole('link', { name: 'Knowledge base' }).click();
  await expect(page.getByTestId('knowledge-page')).toBeVisible();
  await page.getByRole('button', { name: 'New article' }).click();

  // Nothing is saved while a field is wrong.
  await page.getByRole('textbox', { name: 'Title' }).fill('ab');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByText(/Title needs at least 3 characters/)).toBeVisible();
  await expect(
    page.getByText('Please correct the highlighted fields. Nothing has been saved.'),
  ).toBeVisible();

  await page.getByRole('textbox', { name: 'Title' }).fill(TITLE);
  await page.getByRole('combobox', { name: 'Category' }).fill('Hardware');
  await page.getByLabel('Article text (Markdown)').fill(BODY_V1);
  // The live preview formats as you type.
  const preview = page.getByTestId('article-preview');
  await expect(preview.getByRole('heading', { name: 'Symptoms', level: 1 })).toBeVisible();
  await expect(preview.locator('ol > li')).toHaveCount(3);
  await expect(preview.locator('strong')).toHaveText('ten seconds');
  await page.getByRole('button', { name: 'Save draft' }).click();

  await expect(page.getByTestId('article-heading')).toHaveText(TITLE);
  await expect(page.getByTestId('article-state')).toHaveText('Draft');
  const link = page.getByTestId('article-body').getByRole('link', { name: 'vendor notes' });
  await expect(link).toHaveAttribute('href', 'https://support.example.com/dock');
  await expect(link).toHaveAttribute('target', '_blank');
  await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  await workflow(page, 'Send to review', 'In review');
  // The author cannot publish their own version.
  await expect(page.getByRole('button', { name: 'Publish' })).toBeDisabled();

  await context.setOffline(true);
  const reviewer = await actAsRole(page, 'manager');
  expect(reviewer).not.toBe(author);
  await workflow(page, 'Publish', 'Published');
  await expect(page.getByTestId('article-version')).toHaveText('v1');
  await page.getByRole('tab', { name: /Versions/ }).click();
  await expect(page.getByTestId('version-row')).toHaveCount(1);

  // A new incident, solved by the article.
  await page.keyboard.press('n');
  await page.getByRole('textbox', { name: 'Title', exact: true }).fill('Monitor black after lunch break');
  await page.getByRole('button', { name: 'Create ticket' }).click();
  await expect(page.getByTestId('ticket-heading')).toHaveText('Monitor black after lunch break');
  const ticketNumber = (await page.getByTestId('ticket-number').textContent()) ?? '';
  const solvedBy = page.getByTestId('solved-by');
  await solvedBy.getByRole('combobox', { name: 'Link article' }).fill('dock loses');
  await page.getByRole('option', { name: TITLE }).click();
  await solvedBy.getByRole('button', { name: 'Link', exact: true }).click();
  await expect(solvedBy.getByTestId('solved-by-article')).toHaveText(new RegExp(TITLE));

  await solvedBy.getByRole('link', { name: TITLE }).click();
  await expect(page.getByTestId('article-heading')).toHaveText(TITLE);
  await expect(page.getByTestId('solved-count')).toHaveText('Solved 1 ticket');
  await expect(page.getByTestId('solved-ticket')).toContainText(ticketNumber);

  // Readers' feedback: the latest answer of each person counts.
  await page.getByRole('button', { name: 'Not helpful' }).click();
  await page.getByRole('button', { name: 'Helpful', exact: true }).click();
  await expect(page.getByTestId('feedback-tally')).toHaveText('1 found it helpful · 0 did not');

  // A second version, written by the manager and published by an admin.
  await workflow(page, 'New version', 'Draft');
  await expect(page.getByTestId('article-version')).toHaveText('v2');
  await page.getByRole('tab', { name: 'Edit' }).click();
  await page
    .getByLabel('Article text (Markdown)')
    .fill(
      BODY_V1.replace(
        '2. Wait **ten seconds**',
        '2. Update the dock firmware\n3. Wait **ten seconds**',
      ).replace('3. Plug', '4. Plug'),
    );
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByTestId('article-body').locator('ol > li')).toHaveCount(4);
  await workflow(page, 'Send to review', 'In review');
  await actAsRole(page, 'admin');
  await workflow(page, 'Publish', 'Published');

  await page.getByRole('tab', { name: 'Versions (2)' }).click();
  await expect(page.getByTestId('version-row')).toHaveCount(2);
  const diff = page.getByTestId('diff');
  await expect(diff.locator('[data-op="add"] [data-testid="diff-text"]')).toHaveText([
    '2. Update the dock firmware',
    '3. Wait **ten seconds**',
    '4. Plug it in again',
  ]);
  await expect(diff.locator('[data-op="remove"] [data-testid="diff-text"]')).toHaveText([
    '2. Wait **ten seconds**',
    '3. Plug it in again',
  ]);
  await expect(page.getByTestId('diff-added')).toHaveText('+3 added');
  await page.getByText('Side by side', { exact: true }).click();
  // Side by side: the replaced line sits next to its replacement.
  await expect(diff.locator('[data-op="remove"] [data-testid="diff-text"]').first()).toHaveText(
    '2. Wait **ten seconds**',
  );
  await expect(diff.locator('[data-op="add"] [data-testid="diff-text"]').first()).toHaveText(
    '2. Update the dock firmware',
  );
  await expect(diff.locator('[data-op="none"]')).toHaveCount(1);

  // The ticket page lists the article too, and the knowledge base finds it by title.
  await page.getByRole('link', { name: ticketNumber }).click();
  await expect(page.getByTestId('solved-by-article')).toHaveText(new RegExp(TITLE));
  await page.getByRole('link', { name: 'Knowledge base' }).click();
  await page.getByLabel('Filter by title').fill('external monitor');
  await expect(page.getByTestId('article-row')).toHaveCount(1);
  await expect(page.getByTestId('article-title')).toHaveText(TITLE);

  expect(guarded.dialogs).toEqual([]);
  expect(guarded.cspViolations).toEqual([]);
});

test('sending a version back needs a comment, which lands in the comments', async ({ app: page }) => {
  await actAsRole(page, 'agent');
  await page.goto('/#/knowledge/new');
  await page.getByRole('textbox', { name: 'Title' }).fill('Reset a stuck print queue');
  await page.getByLabel('Article text (Markdown)').fill('1. Open the queue\n2. Cancel all jobs');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await workflow(page, 'Send to review', 'In review');

  await actAsRole(page, 'manager');
  await page.getByRole('button', { name: 'Send back to draft' }).click();
  const dialog = page.getByRole('dialog', { name: 'Send back to draft' });
  await dialog.getByRole('button', { name: 'Send back' }).click();
  await expect(dialog.getByText('Say what needs to change.')).toBeVisible();
  await dialog.getByLabel('What needs to change?').fill('Add where the queue window is.');
  await dialog.getByRole('button', { name: 'Send back' }).click();
  await expect(page.getByTestId('article-state')).toHaveText('Draft');
  await page.getByRole('tab', { name: /Comments/ }).click();
  await expect(page.getByTestId('article-activity-body').first()).toHaveText(
    'Add where the queue window is.',
  );
});
