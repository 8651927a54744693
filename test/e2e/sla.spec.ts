import type { Locator, Page } from '@playwright/test';
import { test, expect, waitForList } from './fixtures';

/** Opens the app under Playwright's clock (time flows until a test jumps it forward). */
async function openWithClock(page: Page): Promise<void> {
  await page.clock.install();
  await page.goto('/');
  await waitForList(page);
  await expect(page.locator('html[data-sla-ready="true"]')).toHaveCount(1, { timeout: 30_000 });
}

/** A P1 incident (impact and urgency high) created through the form; returns its number. */
async function createP1Incident(page: Page, title: string): Promise<string> {
  await page.keyboard.press('n');
  await expect(page.getByRole('heading', { name: 'New ticket' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Title', exact: true }).fill(title);
  await page.getByRole('combobox', { name: 'Impact' }).click();
  await page.getByRole('option', { name: '1 – High' }).click();
  await page.getByRole('combobox', { name: 'Urgency' }).click();
  await page.getByRole('option', { name: '1 – High' }).click();
  await page.getByRole('button', { name: 'Create ticket' }).click();
  await expect(page.getByTestId('ticket-heading')).toHaveText(title);
  return (await page.getByTestId('ticket-number').textContent()) ?? '';
}

async function changeStatus(
  page: Page,
  to: string,
  fill?: (dialog: Locator) => Promise<void>,
): Promise<void> {
  await page.getByRole('button', { name: 'Change status' }).click();
  await page.getByRole('menuitem', { name: to, exact: true }).click();
  const dialog = page.getByRole('dialog');
  if (fill) await fill(dialog);
  await dialog.getByRole('button', { name: `Move to ${to}` }).click();
  await expect(dialog).toHaveCount(0);
}

/** The list narrowed to one ticket by its number, in the saved view `view`. */
async function showInView(page: Page, view: string, number: string): Promise<Locator> {
  await page.getByRole('link', { name: view, exact: true }).click();
  await waitForList(page);
  await page.getByLabel('Search', { exact: true }).fill(number);
  return page.getByTestId('ticket-row').filter({ hasText: number });
}

test('an incident through its whole life with a pause and its SLA badge', async ({ page }) => {
  await openWithClock(page);
  const number = await createP1Incident(page, 'Payroll server unreachable from the office');

  const panel = page.getByTestId('sla-panel');
  const badge = panel.getByTestId('sla-badge');
  await expect(panel.getByTestId('sla-policy-name')).toHaveText('P1 Critical');
  await expect(badge).toHaveAttribute('data-sla-status', 'running');
  await expect(badge).toHaveText(/^\d+m left$/);
  await expect(panel.getByTestId('sla-resolution')).toContainText('Target 4h');

  const row = await showInView(page, 'All open', number);
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('sla-badge')).toHaveAttribute('data-sla-status', 'running');
  await row.getByRole('link', { name: number }).click();

  await changeStatus(page, 'In progress');
  const response = panel.getByTestId('sla-response').getByTestId('sla-clock-status');
  await expect(response).toHaveAttribute('data-sla-status', 'met');
  await expect(badge).toHaveAttribute('data-sla-status', 'running');

  await changeStatus(page, 'Pending', async (dialog) => {
    await dialog.getByRole('combobox', { name: 'Waiting for' }).click();
    await page.getByRole('option', { name: 'Awaiting requester' }).click();
  });
  await expect(badge).toHaveAttribute('data-sla-status', 'paused');
  await expect(badge).toHaveText('Paused');
  await expect(panel.getByTestId('sla-paused-note')).toBeVisible();

  // Five hours waiting on the requester: counted, they would blow the P1's four-hour target.
  await page.clock.fastForward('05:00:00');
  await expect(badge).toHaveAttribute('data-sla-status', 'paused');
  await changeStatus(page, 'In progress');
  await expect(badge).toHaveAttribute('data-sla-status', 'running');
  await expect(panel.getByTestId('sla-resolution').getByTestId('sla-clock-status')).toHaveAttribute(
    'data-sla-status',
    'running',
  );
  await expect(panel.getByTestId('sla-paused-note')).toHaveCount(0);

  await changeStatus(page, 'Resolved', async (dialog) => {
    await dialog.getByRole('combobox', { name: 'Resolution code' }).click();
    await page.getByRole('option', { name: 'Solved (permanently)' }).click();
    await dialog
      .getByLabel('Resolution notes')
      .fill('Restarted the VPN concentrator; payroll reachable again.');
  });
  await expect(badge).toHaveAttribute('data-sla-status', 'met');
  await expect(badge).toHaveText(/^✓\s*Met$/);
  await expect(panel.getByTestId('sla-resolution-when')).toContainText('Met at');

  await changeStatus(page, 'Closed');
  await expect(page.getByTestId('ticket-page').getByText('Closed', { exact: true }).first()).toBeVisible();
  await expect(badge).toHaveAttribute('data-sla-status', 'met');

  const done = await showInView(page, 'Resolved & closed', number);
  await expect(done.getByTestId('sla-badge')).toHaveAttribute('data-sla-status', 'met');
});

test('a running clock warns, then breaches, and the ticket shows in the SLA views', async ({ page }) => {
  await openWithClock(page);
  const number = await createP1Incident(page, 'Core switch down in building B');
  const badge = page.getByTestId('sla-panel').getByTestId('sla-badge');
  await expect(badge).toHaveAttribute('data-sla-status', 'running');

  // Nobody answers: 12 of the P1's 15 response minutes pass the 75 % warning share.
  await page.clock.fastForward('12:00');
  await expect(badge).toHaveAttribute('data-sla-status', 'warning');
  await expect(badge).toHaveAttribute('data-sla-clock', 'response');

  const soon = await showInView(page, 'Breaching soon', number);
  await expect(soon).toHaveCount(1);
  await expect(soon.getByTestId('sla-badge')).toHaveAttribute('data-sla-status', 'warning');
  await expect(page.getByTestId('view-count-breachingSoon')).not.toHaveText('0');

  // Views follow the clocks as time passes: once breached it leaves "Breaching soon".
  await page.clock.fastForward('05:00');
  await expect(soon).toHaveCount(0);

  const breached = await showInView(page, 'Breached', number);
  await expect(breached).toHaveCount(1);
  await expect(breached.getByTestId('sla-badge')).toHaveAttribute('data-sla-status', 'breached');
  await expect(breached.getByTestId('sla-badge')).toHaveText(/^Breached \d+m ago$/);
  await expect(page.getByRole('heading', { name: 'SLA breached' })).toBeVisible();
  await expect(page.getByTestId('view-count-breached')).not.toHaveText('0');

  await breached.getByRole('link', { name: number }).click();
  await expect(page.getByTestId('sla-response-when')).toContainText('Breached at');
  // Answering late does not undo the breach.
  await changeStatus(page, 'In progress');
  await expect(page.getByTestId('sla-response').getByTestId('sla-clock-status')).toHaveAttribute(
    'data-sla-status',
    'breached',
  );
});

test('SLA settings: inline errors, managers only, and the clocks follow a saved change', async ({
  app: page,
}) => {
  await page.getByRole('link', { name: 'Service settings' }).click();
  const settings = page.getByTestId('sla-settings');
  const p1 = settings.getByRole('group', { name: 'Policy P1 Critical' });
  await p1.getByRole('textbox', { name: 'Response target' }).fill('30');
  const office = settings.getByRole('group', { name: 'Calendar Office hours' });
  await office.getByRole('textbox', { name: 'Monday' }).fill('9 to 5');
  await settings.getByRole('button', { name: 'Save SLA settings' }).click();
  await expect(office.getByText(/Write hours like 09:00-17:00/)).toBeVisible();
  await expect(settings.getByTestId('sla-settings-error')).toHaveText(
    'Fix the fields marked in red. Nothing was saved.',
  );
  await office.getByRole('textbox', { name: 'Monday' }).fill('09:00-17:00');

  const actingAs = page.getByRole('combobox', { name: 'Acting as' });
  await actingAs.click();
  await page
    .getByRole('option', { name: /\(technician\)$/ })
    .first()
    .click();
  await settings.getByRole('button', { name: 'Save SLA settings' }).click();
  await expect(settings.getByTestId('sla-settings-error')).toHaveText(
    'Only managers and admins may change settings. Nothing was saved.',
  );

  await actingAs.click();
  await page
    .getByRole('option', { name: /\(manager\)$/ })
    .first()
    .click();
  await settings.getByRole('button', { name: 'Save SLA settings' }).click();
  await expect(settings.getByRole('status')).toHaveText(
    'Saved. Every SLA clock now counts with these settings.',
  );

  await page.reload();
  await expect(
    page.getByRole('group', { name: 'Policy P1 Critical' }).getByRole('textbox', { name: 'Response target' }),
  ).toHaveValue('30');
  const number = await createP1Incident(page, 'Badge readers offline at the main gate');
  expect(number).toMatch(/^INC-/);
  await expect(page.getByTestId('sla-response')).toContainText('Target 30m');
});
