import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

/** The name of the first demo person whose main role is `role`, from the "Acting as" picker. */
async function personWithRole(page: Page, role: string): Promise<string> {
  await page.getByRole('combobox', { name: 'Acting as' }).click();
  const option = page.getByRole('option', { name: new RegExp(`\\(${role}\\)$`) }).first();
  const label = (await option.textContent()) ?? '';
  await page.keyboard.press('Escape');
  return label.replace(/\s*\([^)]*\)$/, '');
}

async function actAs(page: Page, name: string): Promise<void> {
  const picker = page.getByRole('combobox', { name: 'Acting as' });
  await picker.click();
  await picker.fill(name);
  await page.getByRole('option', { name: new RegExp(`^${name} \\(`) }).click();
  await expect(picker).toHaveValue(new RegExp(`^${name} \\(`));
}

test('a CSAT answer recorded', async ({ app: page }) => {
  const requester = await personWithRole(page, 'requester');
  expect(requester).not.toBe('');

  await page.getByRole('link', { name: 'New ticket' }).click();
  await page
    .getByRole('textbox', { name: 'Title', exact: true })
    .fill('Docking station flickers on the second screen');
  const requesterField = page.getByRole('combobox', { name: 'Requester' });
  await requesterField.click();
  await requesterField.fill(requester);
  await page.getByRole('option', { name: requester, exact: true }).click();
  await page.getByRole('button', { name: 'Create ticket' }).click();
  await expect(page.getByTestId('ticket-heading')).toHaveText(
    'Docking station flickers on the second screen',
  );

  // Open tickets ask nobody about satisfaction.
  await expect(page.getByTestId('survey-panel')).toHaveCount(0);

  await page.getByRole('button', { name: 'Change status' }).click();
  await page.getByRole('menuitem', { name: 'Resolved' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('combobox', { name: 'Resolution code' }).click();
  await page.getByRole('option').first().click();
  await dialog.getByLabel('Resolution notes').fill('Replaced the DisplayPort cable.');
  await dialog.getByRole('button', { name: 'Move to Resolved' }).click();
  await expect(dialog).toHaveCount(0);

  // The agent writes down what the requester said on the phone.
  const panel = page.getByTestId('survey-panel');
  await expect(panel).toBeVisible();
  await expect(panel).toContainText('No answer recorded yet.');
  await panel.getByRole('radio', { name: /^4 – / }).check();
  await panel.getByLabel('Comment').fill('Quick fix, <b>thanks</b>');
  await panel.getByRole('button', { name: 'Record answer for the requester' }).click();
  const answers = panel.getByTestId('survey-answer');
  await expect(answers).toHaveCount(1);
  await expect(answers.first().getByTestId('survey-score')).toHaveText('4/5');
  // Text stays text: the markup is shown, not interpreted.
  await expect(answers.first().getByTestId('survey-comment')).toHaveText('Quick fix, <b>thanks</b>');
  await expect(answers.first().getByTestId('survey-author')).toHaveText(/recorded by .+ for the requester/i);

  // The requester answers for themselves.
  await actAs(page, requester);
  await expect(panel.getByRole('button', { name: 'Send my answer' })).toBeVisible();
  await panel.getByRole('radio', { name: /^5 – / }).check();
  await panel.getByLabel('Comment').fill('Works perfectly now.');
  await panel.getByRole('button', { name: 'Send my answer' }).click();

  await expect(answers).toHaveCount(2);
  await expect(answers.getByTestId('survey-score')).toHaveText(['4/5', '5/5']);
  await expect(answers.nth(1).getByTestId('survey-author')).toHaveText(`Answered by ${requester}`);
  await expect(answers.nth(1).getByTestId('survey-comment')).toHaveText('Works perfectly now.');
  // One answer per requester: the form is gone for them.
  await expect(panel.getByRole('button', { name: 'Send my answer' })).toHaveCount(0);

  await page.reload();
  await expect(page.getByTestId('survey-answer')).toHaveCount(2);
});
