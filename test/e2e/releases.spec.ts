import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

const pad = (n: number) => String(n).padStart(2, '0');

/** A local date `days` from today as a date input takes it, and with a time for datetime-local. */
function dayFromToday(days: number, time?: string): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return time ? `${date}T${time}` : date;
}

async function createRecord(page: Page, kind: string, title: string): Promise<string> {
  await page.goto('/#/tickets/new');
  await expect(page.getByRole('heading', { name: 'New ticket' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Kind', exact: true }).click();
  await page.getByRole('option', { name: kind, exact: true }).click();
  await page.getByRole('textbox', { name: 'Title', exact: true }).fill(title);
  await page.getByRole('button', { name: 'Create ticket' }).click();
  await expect(page.getByTestId('ticket-heading')).toHaveText(title);
  return (await page.getByTestId('ticket-number').textContent()) ?? '';
}

async function changeStatus(page: Page, to: string): Promise<void> {
  await page.getByRole('button', { name: 'Change status' }).click();
  await page.getByRole('menuitem', { name: to, exact: true }).click();
}

async function moveTo(page: Page, to: string): Promise<void> {
  await changeStatus(page, to);
  await page
    .getByRole('dialog')
    .getByRole('button', { name: `Move to ${to}` })
    .click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByTestId('ticket-page').getByText(to, { exact: true }).first()).toBeVisible();
}

/**
 * A standard change, planned through the change page: type, the risk questionnaire (lowest
 * answer everywhere), implementation and back-out plans, and a window tomorrow morning.
 */
async function createStandardChange(page: Page, title: string): Promise<string> {
  const number = await createRecord(page, 'Change', title);
  expect(number).toMatch(/^CHG-/);
  const panel = page.getByTestId('change-panel');
  await panel.getByRole('combobox', { name: 'Change type' }).click();
  await page.getByRole('option', { name: 'Standard (pre-approved)' }).click();
  await panel.getByRole('button', { name: 'Assess risk' }).click();
  const risk = page.getByRole('dialog', { name: 'Risk assessment' });
  for (const group of await risk.getByRole('radiogroup').all()) {
    await group.getByRole('radio').first().check();
  }
  await risk.getByRole('button', { name: 'Save risk assessment' }).click();
  await expect(risk).toHaveCount(0);
  await panel.getByRole('button', { name: 'Edit plan' }).click();
  const plan = page.getByRole('form', { name: 'Change plan' });
  await plan.getByLabel('Implementation plan').fill('Install the update on the pilot group, then everyone.');
  await plan.getByLabel('Back-out plan').fill('Reinstall the previous version from the software centre.');
  await plan.getByLabel('Planned start').fill(dayFromToday(1, '07:00'));
  await plan.getByLabel('Planned end').fill(dayFromToday(1, '08:00'));
  await plan.getByRole('button', { name: 'Save plan' }).click();
  await expect(page.getByTestId('change-implementationPlan')).toBeVisible();
  return number;
}

/** New -> Assess -> Scheduled (standard changes skip the CAB) -> Implement -> Review. */
async function implementChange(page: Page, number: string, release: string): Promise<void> {
  await page.locator(`[data-testid="release-change"][data-number="${number}"]`).getByRole('link').click();
  await expect(page.getByTestId('ticket-number')).toHaveText(number);
  await moveTo(page, 'Assess');
  await moveTo(page, 'Scheduled');
  await moveTo(page, 'Implement');
  await moveTo(page, 'Review');
  // The change page links back to its release.
  await page.getByTestId('change-release').getByText(release).click();
}

test('a release collecting changes', async ({ app: page }) => {
  const first = await createStandardChange(page, 'Update the VPN client to 7.2');
  const second = await createStandardChange(page, 'Roll out the new printer driver');

  const release = await createRecord(page, 'Release', 'Workstation release, spring');
  expect(release).toMatch(/^REL-/);
  const panel = page.getByTestId('release-panel');
  const details = panel.getByRole('form', { name: 'Release details' });
  await details.getByRole('textbox', { name: 'Version' }).fill('2025.2');
  await details.getByLabel('Target date').fill(dayFromToday(14));
  await details.getByRole('combobox', { name: 'Stage' }).click();
  await page.getByRole('option', { name: 'Test', exact: true }).click();
  await details.getByRole('button', { name: 'Save' }).click();
  await expect(details.getByText('Saved.')).toBeVisible();
  await page.reload();
  await expect(details.getByRole('textbox', { name: 'Version' })).toHaveValue('2025.2');
  await expect(details.getByLabel('Target date')).toHaveValue(dayFromToday(14));
  await expect(details.getByRole('combobox', { name: 'Stage' })).toHaveValue('Test');

  const readiness = page.getByTestId('release-readiness');
  await expect(readiness).toHaveAttribute('data-ready', 'false');
  await expect(readiness).toContainText('The release includes no changes.');

  const addChange = panel.getByRole('form', { name: 'Add change' });
  for (const number of [first, second]) {
    await addChange.getByRole('combobox', { name: 'Change to add' }).fill(number);
    await page.getByRole('option', { name: new RegExp(`^${number} `) }).click();
    await addChange.getByRole('button', { name: 'Add change' }).click();
    await expect(page.locator(`[data-testid="release-change"][data-number="${number}"]`)).toBeVisible();
  }
  await expect(page.getByTestId('release-change')).toHaveCount(2);
  await expect(readiness).toHaveAttribute('data-ready', 'false');
  await expect(page.getByTestId('release-readiness-badge')).toHaveText('Not ready');
  await expect(page.getByTestId('release-blockers')).toContainText('This release cannot be released yet');
  await expect(page.getByTestId('release-blockers')).toContainText(`${first} (not approved yet)`);

  // A release manager takes the release on; it cannot be released while changes are pending.
  await moveTo(page, 'In progress');
  await changeStatus(page, 'Resolved');
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('combobox', { name: 'Resolution code' }).click();
  await page.getByRole('option', { name: 'Released', exact: true }).click();
  await dialog.getByLabel('Resolution notes').fill('Deployed to every workstation.');
  await dialog.getByRole('button', { name: 'Move to Resolved' }).click();
  await expect(dialog.getByRole('alert')).toContainText('every included change is approved and implemented');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await implementChange(page, first, release);
  await expect(page.getByTestId('ticket-number')).toHaveText(release);
  await expect(readiness).toHaveAttribute('data-ready', 'false');
  await expect(page.getByTestId('release-blockers')).toContainText(`${second} (not approved yet)`);
  await expect(page.getByTestId('release-blockers')).not.toContainText(first);

  await implementChange(page, second, release);
  await expect(readiness).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('release-readiness-badge')).toHaveText('Ready');
  await expect(page.getByTestId('change-readiness')).toHaveText([
    'Implemented, in review',
    'Implemented, in review',
  ]);

  await changeStatus(page, 'Resolved');
  await dialog.getByRole('combobox', { name: 'Resolution code' }).click();
  await page.getByRole('option', { name: 'Released', exact: true }).click();
  await dialog.getByLabel('Resolution notes').fill('Deployed to every workstation.');
  await dialog.getByRole('button', { name: 'Move to Resolved' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('ticket-page').getByText('Resolved', { exact: true }).first()).toBeVisible();
  // A finished release takes no more changes.
  await expect(panel.getByRole('form', { name: 'Add change' })).toHaveCount(0);
});
