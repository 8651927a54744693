import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures';

async function choose(
  page: Page,
  scope: Locator | Page,
  label: string,
  option: string | RegExp,
): Promise<void> {
  await scope.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option }).first().click();
}

async function openAssets(page: Page, view: string): Promise<void> {
  await page.getByRole('link', { name: 'Assets', exact: true }).click();
  await page.getByRole('radiogroup', { name: 'Asset view' }).getByText(view, { exact: true }).click();
}

test('a lifecycle change is refused without its required fields, then done', async ({ app: page }) => {
  await openAssets(page, 'Unassigned stock');
  const first = page.getByTestId('asset-row').first();
  await expect(first).toBeVisible();
  const tag = (await first.getAttribute('data-tag')) ?? '';
  expect(tag).not.toBe('');
  await expect(first.getByTestId('asset-state')).toHaveText('In stock');

  await first.getByRole('button', { name: `Change state of ${tag}` }).click();
  const dialog = page.getByRole('dialog');
  await choose(page, dialog, 'New state', 'Deployed');
  // The location is taken from the record; the assignee is left out on purpose.
  await dialog.getByRole('button', { name: 'Change state' }).click();
  await expect(dialog.getByText('Choose who has the asset.')).toBeVisible();
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(
    page.locator(`[data-testid="asset-row"][data-tag="${tag}"]`).getByTestId('asset-state'),
  ).toHaveText('In stock');

  await page
    .locator(`[data-testid="asset-row"][data-tag="${tag}"]`)
    .getByRole('button', { name: 'Change state' })
    .click();
  await choose(page, dialog, 'New state', 'Deployed');
  await choose(page, dialog, 'Assignee', /./);
  const assignee = await dialog.getByRole('combobox', { name: 'Assignee' }).inputValue();
  await dialog.getByRole('button', { name: 'Change state' }).click();
  await expect(dialog).toBeHidden();

  // No longer unassigned stock; deployed to the chosen person.
  await expect(page.locator(`[data-testid="asset-row"][data-tag="${tag}"]`)).toHaveCount(0);
  await page.getByRole('radiogroup', { name: 'Asset view' }).getByText('All assets', { exact: true }).click();
  await page.getByRole('textbox', { name: 'Search' }).fill(tag);
  const row = page.locator(`[data-testid="asset-row"][data-tag="${tag}"]`);
  await expect(row.getByTestId('asset-state')).toHaveText('Deployed');
  await expect(row).toContainText(assignee);

  // A disposed asset needs a date and a method; retired first, as the lifecycle requires.
  await row.getByRole('button', { name: 'Change state' }).click();
  await choose(page, dialog, 'New state', 'Retired');
  await dialog.getByRole('button', { name: 'Change state' }).click();
  await expect(dialog).toBeHidden();
  await expect(row.getByTestId('asset-state')).toHaveText('Retired');
  await row.getByRole('button', { name: 'Change state' }).click();
  await expect(dialog.getByRole('combobox', { name: 'New state' })).toHaveValue('Disposed');
  await dialog.getByRole('button', { name: 'Change state' }).click();
  await expect(dialog.getByText('Enter the date the asset was disposed of.')).toBeVisible();
  await expect(dialog.getByText('Choose how the asset was disposed of.')).toBeVisible();
  await dialog.getByLabel('Disposal date').fill('2026-01-15');
  await choose(page, dialog, 'Disposal method', 'Recycled (WEEE)');
  await dialog.getByRole('button', { name: 'Change state' }).click();
  await expect(dialog).toBeHidden();
  await expect(row.getByTestId('asset-state')).toHaveText('Disposed');
});

test('asset views: warranty windows, per location counts, and a labels PDF for a selection', async ({
  app: page,
}) => {
  await openAssets(page, 'Per location');
  const counts = page.getByTestId('location-count');
  await expect(counts.first()).toBeVisible();
  expect(await counts.count()).toBeGreaterThan(1);
  await counts.nth(1).getByRole('button').click();
  const place = (await counts.nth(1).getByRole('button').textContent()) ?? '';
  const rows = page.getByTestId('asset-row');
  await expect(rows.first()).toBeVisible();
  for (const location of await rows.getByTestId('asset-location').allTextContents())
    expect(location).toBe(place);

  await page.getByRole('radiogroup', { name: 'Asset view' }).getByText('All assets', { exact: true }).click();
  await rows.nth(0).getByRole('checkbox').check();
  await rows.nth(1).getByRole('checkbox').check();
  const tags = [await rows.nth(0).getAttribute('data-tag'), await rows.nth(1).getAttribute('data-tag')];
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: /Print labels \(PDF\) · 2/ }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('asset-labels.pdf');
  const pdf = await readFile((await file.path()) ?? '', 'latin1');
  expect(pdf.startsWith('%PDF-')).toBe(true);
  for (const tag of tags) expect(pdf).toContain(`(${tag}) Tj`);
  await expect(page.getByTestId('labels-message')).toHaveText('2 labels downloaded.');

  await page
    .getByRole('radiogroup', { name: 'Asset view' })
    .getByText('Warranty expiring', { exact: true })
    .click();
  await expect(page.getByRole('radiogroup', { name: 'Warranty window' })).toBeVisible();
});
