import { test, expect, waitForList } from './fixtures';

test('creates an incident with no network and keeps it after a reload', async ({ app: page, context }) => {
  await context.setOffline(true);
  await page.keyboard.press('n');
  await expect(page.getByRole('heading', { name: 'New ticket' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Title', exact: true }).fill('Projector in room 4 shows no signal');
  await page.getByLabel('Description').fill('HDMI cable replaced; still no picture.');
  await page.getByRole('combobox', { name: 'Configuration items' }).fill('printer');
  const ci = page.getByRole('option').first();
  const ciLabel = (await ci.textContent()) ?? '';
  await ci.click();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Create ticket' }).click();

  await expect(page.getByTestId('ticket-heading')).toHaveText('Projector in room 4 shows no signal');
  const number = (await page.getByTestId('ticket-number').textContent()) ?? '';
  expect(number).toMatch(/^INC-[0-9A-HJKMNP-TV-Z]{4}-\d{4,}$/);
  await expect(page.getByTestId('activity').first()).toHaveAttribute('data-kind', 'created');
  await expect(page.getByTestId('ticket-cis')).toHaveText(ciLabel);

  await context.setOffline(false);
  await page.reload();
  await expect(page.getByTestId('ticket-heading')).toHaveText('Projector in room 4 shows no signal');

  await page.goto('/#/tickets');
  await waitForList(page);
  await page.getByLabel('Search', { exact: true }).fill(number);
  await expect(page.getByTestId('ticket-row')).toHaveCount(1);
  await expect(page.getByTestId('ticket-title')).toHaveText('Projector in room 4 shows no signal');
});

test('an invalid form shows its errors inline and saves nothing', async ({ app: page }) => {
  await page.getByRole('link', { name: 'All tickets' }).click();
  const before = await page.getByTestId('ticket-count').textContent();
  await page.getByRole('button', { name: 'New ticket' }).click();
  await page.getByRole('textbox', { name: 'Title', exact: true }).fill('  ');
  await page.getByRole('button', { name: 'Create ticket' }).click();
  await expect(page.getByText('Title is required.')).toBeVisible();
  await expect(page.getByText('Nothing has been saved.')).toBeVisible();

  await page.getByRole('textbox', { name: 'Title', exact: true }).fill('x'.repeat(201));
  await page.getByRole('button', { name: 'Create ticket' }).click();
  await expect(page.getByText(/at most 200 characters/)).toBeVisible();
  await expect(page).toHaveURL(/#\/tickets\/new$/);

  await page.getByRole('button', { name: 'Cancel' }).click();
  await waitForList(page);
  await expect(page.getByTestId('ticket-count')).toHaveText(before ?? '');
});

test('works a ticket through its statuses and records every change in the timeline', async ({
  app: page,
}) => {
  await page.getByRole('link', { name: 'Unassigned' }).click();
  await page.getByTestId('ticket-row').first().dblclick();
  await expect(page.getByTestId('ticket-page')).toBeVisible();

  await page.getByRole('button', { name: 'Change status' }).click();
  await page.getByRole('menuitem', { name: 'In progress' }).click();
  await page.getByRole('button', { name: 'Move to In progress' }).click();
  await expect(page.getByTestId('field-change').filter({ hasText: 'Status' }).last()).toContainText(
    'In progress',
  );

  await page.getByRole('button', { name: 'Change status' }).click();
  await page.getByRole('menuitem', { name: 'Pending' }).click();
  await page.getByRole('button', { name: 'Move to Pending' }).click();
  await expect(
    page
      .getByRole('dialog')
      .getByText(/reason/i)
      .last(),
  ).toBeVisible();
  await page.getByRole('dialog').getByRole('combobox', { name: 'Waiting for' }).click();
  await page.getByRole('option').first().click();
  await page.getByRole('button', { name: 'Move to Pending' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);

  await page.getByRole('form', { name: 'Add to timeline' }).getByText('Work log', { exact: true }).click();
  await page.getByLabel('Entry text').fill('Replaced the docking station.');
  await page.getByLabel('Time spent (minutes)').fill('45');
  await page.getByRole('button', { name: 'Log work' }).click();
  await expect(page.getByTestId('worklog-minutes').last()).toHaveText('45 min');
  await expect(page.getByTestId('time-logged')).toContainText('LOGGED');

  await page
    .getByRole('form', { name: 'Add to timeline' })
    .getByText('Internal note', { exact: true })
    .click();
  await page.getByLabel('Entry text').fill('Vendor ticket 7781 opened.');
  await page.getByRole('button', { name: 'Add note' }).click();
  await expect(page.locator('[data-kind="note"]').last()).toContainText('Vendor ticket 7781 opened.');

  await page.getByRole('button', { name: 'Change status' }).click();
  await page.getByRole('menuitem', { name: 'Resolved' }).click();
  await page.getByRole('button', { name: 'Move to Resolved' }).click();
  await expect(
    page
      .getByRole('dialog')
      .getByText(/resolution/i)
      .first(),
  ).toBeVisible();
  await page.getByRole('dialog').getByRole('combobox', { name: 'Resolution code' }).click();
  await page.getByRole('option').first().click();
  await page
    .getByRole('dialog')
    .getByLabel('Resolution notes')
    .fill('Docking station swapped; user confirmed.');
  await page.getByRole('button', { name: 'Move to Resolved' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByTestId('ticket-page').getByText('Resolved', { exact: true }).first()).toBeVisible();

  const statusChanges = page.getByTestId('field-change').filter({ hasText: 'Status' });
  await expect(statusChanges).toHaveCount(3);
  await page.reload();
  await expect(page.getByTestId('field-change').filter({ hasText: 'Status' })).toHaveCount(3);
});

test('edits a ticket with e and records old and new values', async ({ app: page }) => {
  await page.getByTestId('ticket-row').first().click();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('ticket-page')).toBeVisible();
  const oldTitle = (await page.getByTestId('ticket-heading').textContent()) ?? '';
  await page.keyboard.press('e');
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Title', exact: true }).fill('Renamed by the edit form');
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByTestId('ticket-heading')).toHaveText('Renamed by the edit form');
  const change = page.getByTestId('field-change').filter({ hasText: 'Title' }).last();
  await expect(change).toContainText(oldTitle.slice(0, 40));
  await expect(change).toContainText('Renamed by the edit form');
});

test('a failed write (full disk) keeps the form and saves once space is back', async ({ app: page }) => {
  await page.keyboard.press('n');
  await page
    .getByRole('textbox', { name: 'Title', exact: true })
    .fill('Badge reader at gate 3 rejects all cards');
  // Simulate a full disk: every IndexedDB write fails the way Chromium reports it.
  await page.evaluate(() => {
    const w = window as unknown as { __put: unknown; __add: unknown };
    w.__put = IDBObjectStore.prototype.put;
    w.__add = IDBObjectStore.prototype.add;
    const fail = () => {
      throw new DOMException('The disk is full.', 'QuotaExceededError');
    };
    IDBObjectStore.prototype.put = fail;
    IDBObjectStore.prototype.add = fail;
  });
  await page.getByRole('button', { name: 'Create ticket' }).click();
  await expect(page.getByRole('alert')).toContainText(/disk is full|Saving failed/);
  await expect(page).toHaveURL(/#\/tickets\/new$/);
  await expect(page.getByRole('textbox', { name: 'Title', exact: true })).toHaveValue(
    'Badge reader at gate 3 rejects all cards',
  );

  await page.evaluate(() => {
    const w = window as unknown as {
      __put: typeof IDBObjectStore.prototype.put;
      __add: typeof IDBObjectStore.prototype.add;
    };
    IDBObjectStore.prototype.put = w.__put;
    IDBObjectStore.prototype.add = w.__add;
  });
  await page.getByRole('button', { name: 'Create ticket' }).click();
  await expect(page.getByTestId('ticket-heading')).toHaveText('Badge reader at gate 3 rejects all cards');
});
