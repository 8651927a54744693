import type { Page } from '@playwright/test';
import { test, expect, waitForList } from './fixtures';

async function createIncident(page: Page, title: string, description: string): Promise<string> {
  await page.goto('/#/tickets/new');
  await expect(page.getByRole('heading', { name: 'New ticket' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Title', exact: true }).fill(title);
  await page.getByLabel('Description').fill(description);
  await page.getByRole('button', { name: 'Create ticket' }).click();
  await expect(page.getByTestId('ticket-heading')).toHaveText(title);
  const number = (await page.getByTestId('ticket-number').textContent()) ?? '';
  expect(number).toMatch(/^INC-/);
  return number;
}

async function changeStatus(page: Page, to: string): Promise<void> {
  await page.getByRole('button', { name: 'Change status' }).click();
  await page.getByRole('menuitem', { name: to, exact: true }).click();
}

test('a problem created from two incidents and resolved', async ({ app: page }) => {
  const first = await createIncident(
    page,
    'Badge reader at north door rejects badges',
    'Staff cannot get in through the north door since 8:00.',
  );
  const second = await createIncident(
    page,
    'Badge reader north entrance rejects cards',
    'Every card is refused with a red light.',
  );

  // Tick both incidents in the list, narrowed by a search word so their rows are on screen.
  await page.goto('/#/tickets');
  await waitForList(page);
  await page.getByLabel('Search', { exact: true }).fill('rejects');
  await page.getByRole('checkbox', { name: `Select ${first}` }).check();
  await page.getByRole('checkbox', { name: `Select ${second}` }).check();
  await expect(page.getByTestId('bulk-count')).toHaveText('2 selected');
  await page.getByTestId('bulk-bar').getByRole('button', { name: 'Create problem' }).click();

  const modal = page.getByRole('dialog', { name: 'Create problem' });
  await expect(modal.getByLabel('Title')).toHaveValue('Badge reader at north door rejects badges');
  await expect(modal.getByLabel('Description')).toHaveValue(new RegExp(`${first}[\\s\\S]*${second}`));
  await modal.getByLabel('Title').fill('North door badge readers reject every badge');
  await modal.getByRole('button', { name: 'Create problem' }).click();

  await expect(page.getByTestId('ticket-number')).toHaveText(/^PRB-/);
  const problem = (await page.getByTestId('ticket-number').textContent()) ?? '';
  const linked = page.getByTestId('linked-record');
  await expect(linked).toHaveCount(2);
  await expect(page.locator(`[data-testid="linked-record"][data-number="${first}"]`)).toBeVisible();
  await expect(page.locator(`[data-testid="linked-record"][data-number="${second}"]`)).toBeVisible();

  const panel = page.getByTestId('problem-panel');
  await expect(panel.getByRole('button', { name: 'Save' })).toHaveCount(0);
  await panel
    .getByRole('textbox', { name: 'Root cause' })
    .fill('The door controller certificate expired overnight.');
  await panel
    .getByRole('textbox', { name: 'Workaround' })
    .fill('Open the north door from the reception desk button.');
  await panel.getByRole('switch', { name: 'Known error' }).check({ force: true });
  await panel.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('known-error-badge')).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Save' })).toHaveCount(0);

  // The known error is listed and searchable.
  await page.getByRole('link', { name: 'Known errors' }).click();
  await expect(page.getByRole('heading', { name: 'Known errors' })).toBeVisible();
  await page.getByLabel('Search known errors').fill('badge north');
  const entry = page.locator(`[data-testid="known-error"][data-number="${problem}"]`);
  await expect(entry).toBeVisible();
  await expect(entry.getByTestId('known-error-workaround')).toHaveText(
    'Open the north door from the reception desk button.',
  );
  await expect(entry.getByTestId('known-error-linked')).toHaveText('2 linked records');
  await page.getByLabel('Search known errors').fill('projector hdmi');
  await expect(entry).toHaveCount(0);

  // A third, similar incident is offered the known error and its workaround.
  await createIncident(page, 'North door badge reader refuses my badge', 'Red light at the north door.');
  const hint = page.locator(`[data-testid="known-error-hint"][data-number="${problem}"]`);
  await expect(hint).toContainText('Open the north door from the reception desk button.');
  await expect(hint.getByRole('button', { name: 'Link to this problem' })).toBeVisible();

  // Assign and resolve the problem, then resolve its incidents with the fix.
  await hint.getByRole('link', { name: problem }).click();
  await expect(page.getByTestId('ticket-number')).toHaveText(problem);
  await changeStatus(page, 'Assigned');
  await page.getByRole('button', { name: 'Move to Assigned' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await changeStatus(page, 'Resolved');
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('combobox', { name: 'Resolution code' }).click();
  await page.getByRole('option', { name: 'Root cause fixed' }).click();
  await dialog.getByLabel('Resolution notes').fill('Certificate renewed on the door controller.');
  await page.getByRole('button', { name: 'Move to Resolved' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);

  const alert = page.getByTestId('open-linked-alert');
  await expect(alert).toContainText('2 linked incidents are still open');
  await alert.getByRole('button', { name: 'Resolve linked incidents' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Resolve 2 records' }).click();
  const results = page.getByTestId('resolve-results');
  await expect(results).toContainText(`Resolved: ${[first, second].sort().join(', ')}`);
  await expect(results.getByTestId('resolve-failed')).toHaveCount(0);
  await results.getByRole('button', { name: 'Close' }).click();
  await expect(alert).toHaveCount(0);
  for (const number of [first, second]) {
    await expect(
      page.locator(`[data-testid="linked-record"][data-number="${number}"]`).getByTestId('linked-status'),
    ).toHaveText('Resolved');
  }

  for (const number of [first, second]) {
    await page.locator(`[data-testid="linked-record"][data-number="${number}"]`).getByRole('link').click();
    await expect(page.getByTestId('ticket-number')).toHaveText(number);
    const main = page.getByTestId('ticket-page');
    await expect(main.getByText('Resolved', { exact: true }).first()).toBeVisible();
    await expect(main.getByText('Resolved by problem fix', { exact: true }).first()).toBeVisible();
    await expect(main.getByText(`Resolved by the fix of problem ${problem}`).first()).toBeVisible();
    await expect(page.getByTestId('problem-link')).toContainText(`Linked to problem ${problem}`);
    await page.getByTestId('problem-link-number').click();
    await expect(page.getByTestId('ticket-number')).toHaveText(problem);
  }
});

test('a record linked elsewhere blocks a new problem; hints link and unlink', async ({
  app: page,
  guarded,
}) => {
  const linked = await createIncident(page, 'Floor 5 printer prints blank pages', 'Toner is full.');
  const other = await createIncident(
    page,
    'Printer on floor 5 prints blank pages again',
    'Since the update.',
  );

  await page.goto('/#/tickets');
  await waitForList(page);
  await page.getByLabel('Search', { exact: true }).fill('blank pages');
  await page.getByRole('checkbox', { name: `Select ${linked}` }).check();
  await page.getByTestId('bulk-bar').getByRole('button', { name: 'Create problem' }).click();
  await page
    .getByRole('dialog', { name: 'Create problem' })
    .getByRole('button', { name: 'Create problem' })
    .click();
  await expect(page.getByTestId('ticket-number')).toHaveText(/^PRB-/);
  const problem = (await page.getByTestId('ticket-number').textContent()) ?? '';
  const panel = page.getByTestId('problem-panel');
  const workaround = 'Print from tray 2 <img src=x onerror=alert(1)>';
  await panel.getByRole('textbox', { name: 'Workaround' }).fill(workaround);
  await panel.getByRole('switch', { name: 'Known error' }).check({ force: true });
  await panel.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('known-error-badge')).toBeVisible();

  await page.goto('/#/tickets');
  await waitForList(page);
  await page.getByLabel('Search', { exact: true }).fill('blank pages');
  await page.getByRole('checkbox', { name: `Select ${linked}` }).check();
  await page.getByRole('checkbox', { name: `Select ${other}` }).check();
  const create = page.getByTestId('bulk-bar').getByRole('button', { name: 'Create problem' });
  await expect(create).toHaveAttribute('aria-disabled', 'true');
  await create.hover();
  await expect(page.getByRole('tooltip')).toHaveText(`${linked} is already linked to ${problem}.`);
  await create.click({ force: true });
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.getByRole('button', { name: 'Clear selection' }).click();
  await expect(page.getByTestId('bulk-bar')).toHaveCount(0);

  await page.getByRole('link', { name: other }).click();
  const hint = page.locator(`[data-testid="known-error-hint"][data-number="${problem}"]`);
  await expect(hint).toContainText(workaround);
  await hint.getByRole('button', { name: 'Link to this problem' }).click();
  const link = page.getByTestId('problem-link');
  await expect(link).toContainText(`Linked to problem ${problem}`);
  await expect(link.getByTestId('problem-workaround')).toHaveText(workaround);
  await expect(page.getByTestId('known-error-hints')).toHaveCount(0);
  await link.getByRole('button', { name: 'Unlink' }).click();
  await expect(link).toHaveCount(0);
  await expect(hint).toBeVisible();

  // From the problem's side: link by searching, then unlink from the table.
  await hint.getByRole('link', { name: problem }).click();
  await expect(page.getByTestId('ticket-number')).toHaveText(problem);
  await page.getByRole('combobox', { name: 'Link incident' }).fill(other);
  await page.getByRole('option', { name: new RegExp(other) }).click();
  const row = page.locator(`[data-testid="linked-record"][data-number="${other}"]`);
  await expect(row).toBeVisible();
  await expect(page.getByTestId('linked-record')).toHaveCount(2);
  await row.getByRole('button', { name: `Unlink ${other}` }).click();
  await expect(row).toHaveCount(0);
  expect(guarded.dialogs).toEqual([]);
});
