import type { Locator, Page } from '@playwright/test';
import { test, expect, waitForList } from './fixtures';

/** The name of the first demo person whose main role is `role`, from the "Acting as" picker. */
async function personWithRole(page: Page, role: string): Promise<string> {
  await page.getByRole('combobox', { name: 'Acting as' }).click();
  const label =
    (await page
      .getByRole('option', { name: new RegExp(`\\(${role}\\)$`) })
      .first()
      .textContent()) ?? '';
  await page.keyboard.press('Escape');
  return label.replace(/\s*\([^)]*\)$/, '');
}

async function actAs(page: Page, role: string): Promise<string> {
  const name = await personWithRole(page, role);
  const picker = page.getByRole('combobox', { name: 'Acting as' });
  await picker.click();
  await picker.fill(name);
  await page.getByRole('option', { name: `${name} (${role})` }).click();
  await expect(picker).toHaveValue(`${name} (${role})`);
  return name;
}

/** Opens a select or multi-select inside `scope` and picks the option named `option`. */
async function choose(page: Page, scope: Locator | Page, label: string, option: string): Promise<void> {
  await scope.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
  await page.keyboard.press('Escape');
}

test('a template routed by an assignment rule, escalated on breach with a notification', async ({ page }) => {
  await page.clock.install();
  await page.goto('/');
  await waitForList(page);
  await actAs(page, 'manager');
  await page.getByRole('link', { name: 'Service settings' }).click();

  // A new branch of the category tree.
  const categories = page.getByTestId('category-editor');
  await categories.getByRole('textbox', { name: 'New category' }).fill('Hardware / Docking station');
  await categories.getByRole('button', { name: 'Add category' }).click();
  await expect(categories.locator('[data-path="Hardware/Docking station"]')).toBeVisible();
  await categories.getByRole('button', { name: 'Save categories' }).click();
  await expect(categories.getByRole('status')).toHaveText('Saved.');

  // Docking stations go to Network.
  const assignment = page.getByTestId('assignment-rules');
  await assignment.getByRole('button', { name: 'Add assignment rule' }).click();
  const rule = assignment.getByTestId('assignment-rule').last();
  await assignment.getByRole('button', { name: 'Save assignment rules' }).click();
  await expect(rule.getByText('Give the rule a name.')).toBeVisible();
  await expect(rule.getByText('Choose the group that receives the ticket.')).toBeVisible();
  await rule.getByRole('textbox', { name: 'Rule name' }).fill('Docking to Network');
  await choose(page, rule, 'Route to group', 'Network');
  await choose(page, rule, 'When the category is in', 'Hardware › Docking station');
  await assignment.getByRole('button', { name: 'Save assignment rules' }).click();
  await expect(assignment.getByRole('status')).toHaveText('Saved.');

  // A response breach on a docking station makes it critical and tells the managers.
  const escalation = page.getByTestId('escalation-rules');
  await escalation.getByRole('button', { name: 'Add escalation rule' }).click();
  const esc = escalation.getByTestId('escalation-rule').last();
  await esc.getByRole('textbox', { name: 'Rule name' }).fill('Docking breach');
  await choose(page, esc, 'When the clock', 'Response');
  await choose(page, esc, 'Fires when it', 'Is breached');
  await choose(page, esc, 'Categories', 'Hardware › Docking station');
  await choose(page, esc, 'Raise priority to', 'P1 Critical');
  await esc.getByRole('checkbox', { name: 'Managers' }).check();
  await escalation.getByRole('button', { name: 'Save escalation rules' }).click();
  await expect(escalation.getByRole('status')).toHaveText('Saved.');

  const templates = page.getByTestId('ticket-templates');
  await templates.getByRole('button', { name: 'Add template' }).click();
  const template = templates.getByTestId('ticket-template').last();
  await template.getByRole('textbox', { name: 'Template name' }).fill('Docking station fault');
  await choose(page, template, 'Ticket kind', 'Incident');
  await template.getByRole('textbox', { name: 'Ticket title' }).fill('Docking station not detected');
  await choose(page, template, 'Ticket category', 'Hardware › Docking station');
  await choose(page, template, 'Impact', '2 – Medium');
  await choose(page, template, 'Urgency', '2 – Medium');
  await templates.getByRole('button', { name: 'Save templates' }).click();
  await expect(templates.getByRole('status')).toHaveText('Saved.');

  // The template fills the form and the rule routes it.
  await page.getByRole('link', { name: 'New ticket' }).click();
  await choose(page, page, 'Template', 'Docking station fault');
  await expect(page.getByRole('textbox', { name: 'Title', exact: true })).toHaveValue(
    'Docking station not detected',
  );
  await expect(page.getByTestId('routing-note')).toHaveText('Routed to Network by rule Docking to Network');
  await expect(page.getByRole('combobox', { name: 'Assignment group' })).toHaveValue('Network');
  await expect(page.getByTestId('computed-priority')).toHaveText('P3 Moderate');
  await page.getByRole('button', { name: 'Create ticket' }).click();
  await expect(page.getByTestId('ticket-heading')).toHaveText('Docking station not detected');
  const groupField = page.getByText('ASSIGNMENT GROUP', { exact: true }).locator('xpath=..');
  await expect(groupField).toContainText('Network');
  await expect(page.getByText('P3 Moderate · impact 2, urgency 2')).toBeVisible();

  // Three hours without an answer: the 2-hour response target of P3 is breached.
  await expect(page.locator('html[data-sla-ready="true"]')).toHaveCount(1, { timeout: 30_000 });
  await page.clock.fastForward('03:00:00');
  await expect(page.getByText('P1 Critical · impact 1, urgency 1')).toBeVisible();
  const entry = page.locator('[data-testid="activity"][data-kind="escalation"]');
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText('Escalation rule "Docking breach": Response clock was breached.');

  await expect(page.getByTestId('notifications-count')).toBeVisible();
  await page.getByRole('link', { name: 'Notifications' }).click();
  await expect(page.getByRole('heading', { name: 'Notifications' })).toBeVisible();
  const notice = page
    .getByTestId('notification')
    .filter({ hasText: 'Escalated by rule "Docking breach"' })
    .filter({ hasText: 'Docking station not detected' });
  await expect(notice).toHaveAttribute('data-unread', 'true');
  await notice.getByRole('button').click();
  await expect(page.getByTestId('ticket-heading')).toHaveText('Docking station not detected');
  await page.getByRole('link', { name: 'Notifications' }).click();
  await expect(notice).toHaveAttribute('data-unread', 'false');
  // The rule fired once: another pass of the clock does not repeat it.
  await page.clock.fastForward('01:00:00');
  await notice.getByRole('button').click();
  await expect(page.getByTestId('ticket-heading')).toHaveText('Docking station not detected');
  await expect(entry).toHaveCount(1);
});

test('settings are refused to people who are not managers, and nothing is saved', async ({ app: page }) => {
  await actAs(page, 'requester');
  await page.getByRole('link', { name: 'Service settings' }).click();
  const categories = page.getByTestId('category-editor');
  await categories.getByRole('textbox', { name: 'New category' }).fill('Hardware//Broken');
  await categories.getByRole('button', { name: 'Add category' }).click();
  await expect(categories.getByText(/A level of the category is empty/)).toBeVisible();
  await categories.getByRole('textbox', { name: 'New category' }).fill('Facilities/Keys');
  await categories.getByRole('button', { name: 'Add category' }).click();
  await categories.getByRole('button', { name: 'Save categories' }).click();
  await expect(categories.getByRole('alert')).toHaveText('Only managers and admins may change settings.');
  await categories.getByRole('button', { name: 'Discard changes' }).click();
  await expect(categories.locator('[data-path="Facilities/Keys"]')).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('category-editor').locator('[data-path="Facilities"]')).toHaveCount(0);
});
