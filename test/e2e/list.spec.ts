import { test, expect, waitForList } from './fixtures';
import type { Page } from '@playwright/test';

async function columnTexts(page: Page, testId: string): Promise<string[]> {
  return page
    .getByTestId('ticket-row')
    .evaluateAll(
      (rows, id) =>
        rows.map(
          (r) =>
            (id === 'number'
              ? r.querySelector('a')?.textContent
              : r.querySelector(`[data-testid="${id}"]`)?.textContent) ?? '',
        ),
      testId,
    );
}

test('filters by kind, priority and text, and sorts', async ({ app: page }) => {
  await page.getByRole('link', { name: 'All tickets' }).click();
  const all = Number((await page.getByTestId('ticket-count').textContent())?.replace(/\D/g, ''));
  expect(all).toBeGreaterThanOrEqual(300);

  await page.getByRole('combobox', { name: 'Kind' }).click();
  await page.getByRole('option', { name: 'Request', exact: true }).click();
  await page.keyboard.press('Escape');
  const requests = Number((await page.getByTestId('ticket-count').textContent())?.replace(/\D/g, ''));
  expect(requests).toBeGreaterThan(0);
  expect(requests).toBeLessThan(all);
  for (const row of await page.getByTestId('ticket-row').all()) await expect(row).toContainText('Request');

  await page.getByRole('combobox', { name: 'Priority' }).click();
  await page.getByRole('option', { name: /^P4/ }).click();
  await page.keyboard.press('Escape');
  const rows = page.getByTestId('ticket-row');
  await expect(rows.first()).toBeVisible();
  for (const row of await rows.all()) await expect(row.getByText('P4', { exact: true })).toBeVisible();

  await page.getByRole('combobox', { name: 'Sort by' }).click();
  await page.getByRole('option', { name: 'Number' }).click();
  await page.getByRole('button', { name: /Sort descending/ }).click();
  const numbers = await columnTexts(page, 'number');
  expect(numbers.length).toBeGreaterThan(1);
  expect([...numbers].sort()).toEqual(numbers);

  // Column headers sort too, and say so to assistive technology.
  await page.getByRole('button', { name: 'Title' }).click();
  await expect(page.getByRole('columnheader', { name: /Title/ })).toHaveAttribute('aria-sort', 'ascending');
  const titles = await columnTexts(page, 'ticket-title');
  expect([...titles].sort((a, b) => a.localeCompare(b))).toEqual(titles);

  const firstTitle = (await columnTexts(page, 'ticket-title'))[0] ?? '';
  const word = firstTitle.split(/\s+/).find((w) => w.length > 4) ?? firstTitle;
  await page.getByLabel('Search', { exact: true }).fill(word);
  for (const title of await columnTexts(page, 'ticket-title'))
    expect(title.toLowerCase()).toContain(word.toLowerCase());

  await page.getByLabel('Search', { exact: true }).fill('zzzz-no-such-ticket');
  await expect(page.getByTestId('empty-list')).toContainText('No tickets match these filters');
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page.getByTestId('ticket-count')).toHaveText(`${all.toLocaleString('en-US')} tickets`);
});

test('saved views split open work by assignee', async ({ app: page }) => {
  const count = async () =>
    Number((await page.getByTestId('ticket-count').textContent())?.replace(/\D/g, ''));
  await page.getByRole('link', { name: 'All open' }).click();
  const open = await count();
  await page.getByRole('link', { name: 'Unassigned' }).click();
  const unassigned = await count();
  for (const row of (await page.getByTestId('ticket-row').all()).slice(0, 10))
    await expect(row).toContainText('Unassigned');
  await page.getByRole('link', { name: 'Resolved & closed' }).click();
  const done = await count();
  await page.getByRole('link', { name: 'All tickets' }).click();
  expect(await count()).toBe(open + done);
  expect(unassigned).toBeGreaterThan(0);
  expect(unassigned).toBeLessThan(open);
});

test('the next start restores the list from its snapshot and replays later changes', async ({
  app: page,
}) => {
  await expect(page.locator('html')).toHaveAttribute('data-rows-source', 'full');
  await expect(page.locator('html[data-rows-snapshot-saved]')).toHaveCount(1, { timeout: 15_000 });

  // Changes after the snapshot was taken.
  await page.keyboard.press('n');
  await page.getByRole('textbox', { name: 'Title', exact: true }).fill('Scanner at dock 2 offline');
  await page.getByRole('button', { name: 'Create ticket' }).click();
  const number = (await page.getByTestId('ticket-number').textContent()) ?? '';

  await page.goto('/#/tickets');
  await page.reload();
  await waitForList(page);
  await expect(page.locator('html')).toHaveAttribute('data-rows-source', 'snapshot');
  await page.getByRole('link', { name: 'All tickets' }).click();
  await expect(page.getByTestId('ticket-count')).toHaveText('301 tickets');
  await page.getByLabel('Search', { exact: true }).fill(number);
  await expect(page.getByTestId('ticket-title')).toHaveText(['Scanner at dock 2 offline']);
});

test('a second window on the same replica sees new tickets live', async ({ app: page, context }) => {
  const other = await context.newPage();
  await other.goto('/');
  await waitForList(other);
  await other.getByRole('link', { name: 'All tickets' }).click();
  await expect(other.getByTestId('ticket-count')).toHaveText('300 tickets');

  await page.keyboard.press('n');
  await page
    .getByRole('textbox', { name: 'Title', exact: true })
    .fill('Wi-Fi dead zone in the east stairwell');
  await page.getByRole('button', { name: 'Create ticket' }).click();
  await expect(page.getByTestId('ticket-heading')).toHaveText('Wi-Fi dead zone in the east stairwell');

  await expect(other.getByTestId('ticket-count')).toHaveText('301 tickets');
  await other.getByLabel('Search', { exact: true }).fill('east stairwell');
  await expect(other.getByTestId('ticket-title')).toHaveText(['Wi-Fi dead zone in the east stairwell']);
});
