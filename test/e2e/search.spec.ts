import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

async function createTicket(page: Page, title: string, description: string): Promise<string> {
  await page.keyboard.press('n');
  await expect(page.getByRole('heading', { name: 'New ticket' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Title', exact: true }).fill(title);
  await page.getByLabel('Description').fill(description);
  await page.getByRole('button', { name: 'Create ticket' }).click();
  await expect(page.getByTestId('ticket-heading')).toHaveText(title);
  return (await page.getByTestId('ticket-number').textContent()) ?? '';
}

async function openSearch(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Search', exact: true }).click();
  await expect(page.locator('html[data-search-ready="true"]')).toHaveCount(1, { timeout: 30_000 });
}

const TITLE = 'Forklift scanner <img src=x onerror=alert(1)> reboots in the cold store';

test('finds a new ticket by a misspelled word offline, and the keyboard opens it', async ({
  app: page,
  context,
  guarded,
}) => {
  await context.setOffline(true);
  const number = await createTicket(page, TITLE, 'Happens every night when the freezer door opens.');
  await openSearch(page);

  const box = page.getByLabel('Search everything');
  await expect(box).toBeFocused();
  await box.fill('forklfit');
  const hits = page.getByTestId('search-hit');
  await expect(hits.first().getByTestId('search-hit-title')).toHaveText(TITLE);
  await expect(hits.first().getByTestId('search-mark').first()).toHaveText('Forklift');
  await expect(hits.first()).toContainText(number);

  // A second word narrows, and the type filter excludes tickets.
  await box.fill('forklfit cold stor');
  await expect(hits.first().getByTestId('search-hit-title')).toHaveText(TITLE);
  await page.getByRole('group', { name: 'Types' }).getByText('Articles').click();
  await expect(page.getByTestId('search-hit').filter({ hasText: number })).toHaveCount(0);
  await page.getByRole('group', { name: 'Types' }).getByText('Articles').click();
  await expect(hits.first().getByTestId('search-hit-title')).toHaveText(TITLE);

  await box.press('ArrowDown');
  await box.press('ArrowUp');
  await expect(hits.first()).toHaveAttribute('aria-selected', 'true');
  await box.press('Enter');
  await expect(page.getByTestId('ticket-heading')).toHaveText(TITLE);
  await expect(page.getByTestId('ticket-number')).toHaveText(number);

  // The palette searches the same index.
  await page.keyboard.press('Control+k');
  await page.getByLabel('Command or ticket').fill('forklfit');
  const item = page.getByTestId('palette-item').first();
  await expect(item).toContainText(TITLE);
  await expect(item).toContainText(number);
  await expect(item.getByTestId('search-mark').first()).toHaveText('Forklift');
  await page.keyboard.press('Escape');

  // The title's HTML stayed text everywhere.
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(guarded.dialogs).toEqual([]);
  expect(guarded.cspViolations).toEqual([]);
});

test('the index survives a reload and follows an edit made since', async ({ app: page }) => {
  await createTicket(page, 'Badge printer in the lobby prints blank cards', 'Ribbon looks fine.');
  await openSearch(page);
  await page.getByLabel('Search everything').fill('lobby badge');
  await expect(page.getByTestId('search-hit').first()).toContainText('Badge printer in the lobby');

  await page.reload();
  await expect(page.locator('html[data-search-ready="true"]')).toHaveCount(1, { timeout: 30_000 });
  await expect(page.getByLabel('Search everything')).toHaveValue('lobby badge');
  await expect(page.getByTestId('search-hit').first()).toContainText('Badge printer in the lobby');
  await page.getByLabel('Search everything').press('Enter');
  await expect(page.getByTestId('ticket-heading')).toHaveText(
    'Badge printer in the lobby prints blank cards',
  );

  await page.getByRole('button', { name: 'Edit' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Title', exact: true }).fill('Card printer in the lobby jams');
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('ticket-heading')).toHaveText('Card printer in the lobby jams');

  await page.goto('/#/search?q=lobby');
  await expect(page.locator('html[data-search-ready="true"]')).toHaveCount(1, { timeout: 30_000 });
  await expect(page.getByTestId('search-hit').first()).toContainText('Card printer in the lobby jams');
  // The old title no longer matches: only the edited one comes back for the old words.
  await page.getByLabel('Search everything').fill('badge printer lobby ');
  await expect(page.getByTestId('search-hit').first()).toContainText('Card printer in the lobby jams');
  await expect(page.getByTestId('search-hit').filter({ hasText: 'Badge printer' })).toHaveCount(0);
});

test('suggests a similar past ticket and finds articles by a misspelled word', async ({ app: page }) => {
  await createTicket(page, 'Freezer alarm in the cold store keeps beeping', 'Started after the power cut.');
  await createTicket(page, 'Cold store freezer alarm beeps all night', 'Night shift cannot silence it.');
  await openSearch(page);

  await page.getByLabel('Search everything').fill('freezer alarm beeps all night');
  const first = page.getByTestId('search-hit').first();
  await expect(first).toContainText('Cold store freezer alarm beeps all night');
  const related = page.getByTestId('search-related');
  await expect(related.getByTestId('similar-ticket').first()).toContainText(
    'Freezer alarm in the cold store keeps beeping',
  );

  await page.getByLabel('Search everything').fill('pasword');
  await page.getByRole('group', { name: 'Types' }).getByText('Articles').click();
  const articles = page.getByTestId('search-hit');
  await expect(articles.first()).toHaveAttribute('data-type', 'article');
  await expect(articles.first().getByTestId('search-mark').first()).toHaveText(/^password/i);
  await expect(page.locator('[data-testid="search-hit"]:not([data-type="article"])')).toHaveCount(0);
});

test('finds an article written in the knowledge base by a misspelled word', async ({ app: page }) => {
  const title = 'Label printer prints faint barcodes';
  await page.getByRole('link', { name: 'Knowledge base' }).click();
  await page.getByRole('button', { name: 'New article' }).click();
  await page.getByRole('textbox', { name: 'Title' }).fill(title);
  await page.getByRole('combobox', { name: 'Category' }).fill('Printing');
  await page
    .getByLabel('Article text (Markdown)')
    .fill('# Fix\n\nReplace the **thermal ribbon** and clean the head.');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByTestId('article-heading')).toHaveText(title);

  await openSearch(page);
  const box = page.getByLabel('Search everything');
  await box.fill('barcdoes');
  const first = page.getByTestId('search-hit').first();
  await expect(first).toHaveAttribute('data-type', 'article');
  await expect(first.getByTestId('search-hit-title')).toHaveText(title);
  await box.fill('thermal ribon');
  await expect(first.getByTestId('search-hit-title')).toHaveText(title);
  await box.press('Enter');
  await expect(page.getByTestId('article-heading')).toHaveText(title);
});

test('while a ticket is typed, the knowledge base and similar past tickets are suggested', async ({
  app: page,
}) => {
  await createTicket(page, 'Freezer alarm in the cold store keeps beeping', 'Started after the power cut.');
  await page.goto('/#/tickets/new');
  const suggestions = page.getByTestId('suggestions');
  await page
    .getByRole('textbox', { name: 'Title', exact: true })
    .fill('Cold store freezer alarm beeping again');
  await expect(suggestions.getByTestId('similar-ticket').first()).toContainText(
    'Freezer alarm in the cold store keeps beeping',
  );
  await page.getByLabel('Description').fill('I forgot my pasword and cannot reset it.');
  await expect(suggestions.getByTestId('suggested-article').first()).toContainText(/password/i);
});
