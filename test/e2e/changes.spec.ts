import { test, expect, type Page } from '@playwright/test';
import { generateTeam } from '../../shared/demo/generator';
import {
  createTestTeam,
  startTestServer,
  uniqueName,
  type TestServer,
  type TestUser,
} from '../server/harness';
import { test as appTest, waitForList } from './fixtures';
import { signedInDevice, syncIndicator } from './devices';

/**
 * Change enablement across two devices: a normal change is assessed and planned on one device,
 * then the CAB (the team's two managers) votes, one of them offline; the offline vote only
 * counts on the other device once it has synced. A second change on the same item clashes.
 */
const PORT = Number(process.env.OUTPOST_E2E_PORT ?? 5191);
const DEMO_SEED = 20261128;

test.describe.configure({ mode: 'serial' });

let server: TestServer;
let database: string;
let managers: TestUser[];

test.beforeAll(async () => {
  server = await startTestServer({ corsOrigins: [`http://127.0.0.1:${PORT}`] });
  database = uniqueName('e2e-chg');
  const people = generateTeam(DEMO_SEED).people.filter((p) => p.personKind === 'user');
  managers = people
    .filter((p) => p.roles.includes('manager'))
    .map((p, i) => ({
      name: `${database}-mgr${i + 1}`,
      password: uniqueName('pw'),
      role: 'manager' as const,
      personId: p.id,
    }));
  expect(managers).toHaveLength(2);
  await createTestTeam(server, { db: database, users: managers, demo: true });
});

test.afterAll(async () => {
  await server?.stop();
});

async function openTicket(page: Page, number: string) {
  await page.goto('/#/tickets');
  await waitForList(page);
  await page.getByRole('textbox', { name: /Search/ }).fill(number);
  await page.getByRole('link', { name: number }).click({ timeout: 30_000 });
  await expect(page.getByTestId('ticket-number')).toHaveText(number);
}

async function moveTo(page: Page, status: string) {
  await page.getByRole('button', { name: 'Change status' }).click();
  await page.getByRole('menuitem', { name: status, exact: true }).click();
  await page.getByRole('button', { name: `Move to ${status}` }).click();
}

/** Today's local date as a datetime-local prefix; windows are planned on it so the month view shows them. */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

async function createChange(page: Page, title: string, ci: string): Promise<string> {
  await page.goto('/#/tickets/new');
  await page.getByRole('combobox', { name: 'Kind' }).click();
  await page.getByRole('option', { name: 'Change', exact: true }).click();
  await page.getByRole('textbox', { name: 'Title', exact: true }).fill(title);
  await page.getByRole('combobox', { name: 'Configuration items' }).fill(ci);
  await page.getByRole('option', { name: new RegExp(`^${ci} `) }).click();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Create ticket' }).click();
  await expect(page.getByTestId('ticket-heading')).toHaveText(title);
  await expect(page.getByTestId('change-cis')).toContainText(ci);
  return (await page.getByTestId('ticket-number').textContent()) ?? '';
}

async function setType(page: Page, label: string) {
  await page.getByRole('combobox', { name: 'Change type' }).click();
  await page.getByRole('option', { name: label, exact: true }).click();
  await expect(page.getByRole('combobox', { name: 'Change type' })).toHaveValue(label);
}

async function planWindow(page: Page, plans: { start: string; end: string }) {
  await page.getByRole('button', { name: 'Edit plan' }).click();
  const form = page.getByRole('form', { name: 'Change plan' });
  await form
    .getByLabel('Implementation plan')
    .fill('Stop the SQL service, apply CU14, restart, check the logs.');
  await form.getByLabel('Back-out plan').fill('Uninstall CU14 and restore the 06:00 snapshot.');
  await form.getByLabel('Test plan').fill('Run the ERP smoke tests.');
  await form.getByLabel('Planned start').fill(`${today()}T${plans.start}`);
  await form.getByLabel('Planned end').fill(`${today()}T${plans.end}`);
  await form.getByRole('button', { name: 'Save plan' }).click();
  await expect(form).toBeHidden();
  await expect(page.getByTestId('change-window')).toContainText(plans.start);
}

test('a normal change through risk, CAB approval by two managers (one of them offline until later) and the calendar showing a conflict', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const [first, second] = managers as [TestUser, TestUser];
  const a = await signedInDevice(browser, server, database, first);
  const b = await signedInDevice(browser, server, database, second);

  // Device A: a normal change on the SQL server.
  const number = await createChange(a.page, 'Patch SQL Server on SRV-SQL01', 'SRV-SQL01');
  await setType(a.page, 'Normal');

  // The questionnaire refuses to rate an incomplete answer set, then rates it.
  await a.page.getByRole('button', { name: 'Assess risk' }).click();
  const risk = a.page.getByRole('dialog', { name: 'Risk assessment' });
  await risk.getByRole('radio', { name: 'One team or site' }).check();
  await risk.getByRole('button', { name: 'Save risk assessment' }).click();
  await expect(risk.getByText('Choose an answer.').first()).toBeVisible();
  for (const answer of [
    'A planned outage',
    'Yes, fully',
    'Quick and simple (under 15 minutes)',
    'Once or twice',
    'Outside business hours',
  ]) {
    await risk.getByRole('radio', { name: answer }).check();
  }
  await expect(risk.getByTestId('risk-preview')).toContainText('Moderate risk');
  await risk.getByRole('button', { name: 'Save risk assessment' }).click();
  await expect(risk).toBeHidden();
  await expect(a.page.getByTestId('risk-level')).toHaveText('Moderate risk');

  // To the CAB without plans: every missing field is named, nothing moves.
  await moveTo(a.page, 'Assess');
  await expect(a.page.getByRole('dialog')).toHaveCount(0);
  await moveTo(a.page, 'Authorize');
  const refused = a.page.getByRole('dialog').getByTestId('status-errors');
  await expect(refused).toContainText('Implementation plan: An implementation plan is required.');
  await expect(refused).toContainText('Back-out plan: A back-out plan is required.');
  await expect(refused).toContainText('Planned window');
  await a.page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

  await planWindow(a.page, { start: '09:00', end: '11:00' });
  await moveTo(a.page, 'Authorize');
  await expect(a.page.getByRole('dialog')).toHaveCount(0);

  const cabA = a.page.getByRole('region', { name: 'Change Advisory Board' });
  await expect(cabA.getByTestId('cab-tally')).toHaveText('0 of 2 approvals');
  await expect(cabA.getByTestId('cab-outcome')).toHaveText('Pending');
  await cabA.getByRole('button', { name: 'Approve' }).click();
  await expect(cabA.getByTestId('cab-tally')).toHaveText('1 of 2 approvals');

  // Device B has the change and A's vote, then loses the network and votes offline.
  await openTicket(b.page, number);
  const cabB = b.page.getByRole('region', { name: 'Change Advisory Board' });
  await expect(cabB.getByTestId('cab-tally')).toHaveText('1 of 2 approvals', { timeout: 30_000 });
  await b.context.setOffline(true);
  await expect(syncIndicator(b.page)).toHaveAttribute('data-sync-phase', 'offline', { timeout: 30_000 });
  await cabB.getByLabel('Vote comment').fill('Fine outside business hours.');
  await cabB.getByRole('button', { name: 'Approve' }).click();
  await expect(cabB.getByTestId('cab-outcome')).toHaveText('Approved');
  await expect(syncIndicator(b.page)).toContainText('waiting');

  // A has not heard of B's vote: still pending, and scheduling is refused with the reason.
  await expect(cabA.getByTestId('cab-outcome')).toHaveText('Pending');
  await moveTo(a.page, 'Scheduled');
  await expect(a.page.getByRole('dialog').getByTestId('status-errors')).toContainText(
    'The CAB has not approved this change yet.',
  );
  await a.page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

  // B reconnects; A sees the CAB's approval and schedules the change.
  await b.context.setOffline(false);
  await syncIndicator(b.page).getByRole('button').click();
  await b.page.getByTestId('sync-details').getByRole('button', { name: 'Sync now' }).click();
  await expect(syncIndicator(b.page)).toHaveAttribute('data-sync-phase', 'in-sync', { timeout: 30_000 });
  await expect(syncIndicator(b.page)).not.toContainText('waiting');

  await expect(cabA.getByTestId('cab-outcome')).toHaveText('Approved', { timeout: 30_000 });
  await expect(cabA.getByTestId('cab-tally')).toHaveText('2 of 2 approvals');
  await expect(cabA.locator('[data-testid="cab-approver"][data-vote="approve"]')).toHaveCount(2);
  await expect(cabA).toContainText('Fine outside business hours.');
  await expect(cabA.getByText('Approved by the CAB — ready to schedule')).toBeVisible();
  await cabA.getByRole('button', { name: 'Schedule the change' }).click();
  await a.page.getByRole('button', { name: 'Move to Scheduled' }).click();
  await expect(a.page.getByRole('dialog')).toHaveCount(0);
  await expect(
    a.page.getByTestId('ticket-page').getByText('Scheduled', { exact: true }).first(),
  ).toBeVisible();
  await expect(cabA.getByRole('heading', { name: 'CAB decision' })).toBeVisible();

  // A second change on the same server, overlapping the first: flagged before anyone approves.
  const clash = await createChange(a.page, 'Replace disk controller of SRV-SQL01', 'SRV-SQL01');
  await setType(a.page, 'Normal');
  await planWindow(a.page, { start: '10:00', end: '12:00' });
  await moveTo(a.page, 'Assess');
  const conflict = a.page.getByTestId('change-conflict').filter({ hasText: number });
  await expect(conflict).toHaveText(
    `Overlaps ${number} (Patch SQL Server on SRV-SQL01) on SRV-SQL01. Open ${number}`,
  );

  // The calendar shows both, each marked as clashing with the other, and opens a change on click.
  await a.page.getByRole('link', { name: 'Change calendar' }).click();
  await expect(a.page.getByRole('heading', { name: 'Change calendar' })).toBeVisible();
  const day = a.page.locator(`[data-testid="calendar-day"][data-day="${today()}"]`);
  const firstBlock = day.locator(`[data-testid="calendar-change"][data-number="${number}"]`);
  const clashBlock = day.locator(`[data-testid="calendar-change"][data-number="${clash}"]`);
  await expect(firstBlock).toHaveAttribute('data-conflict', 'true');
  await expect(clashBlock).toHaveAttribute('data-conflict', 'true');
  await expect(clashBlock.getByTestId('calendar-conflict')).toContainText(`Overlaps ${number}`);
  await expect(firstBlock.getByTestId('calendar-conflict')).toContainText(`Overlaps ${clash}`);

  // The week holding today shows the same two blocks, with their conflicts.
  await a.page.getByTestId('change-calendar').getByText('Week', { exact: true }).click();
  await expect(a.page.getByTestId('calendar-day')).toHaveCount(7);
  await expect(clashBlock.getByTestId('calendar-conflict')).toContainText(`Overlaps ${number}`);
  await clashBlock.click();
  await expect(a.page.getByTestId('ticket-number')).toHaveText(clash);

  await a.context.close();
  await b.context.close();
});

appTest(
  'blackout windows and the CAB rule are set in the service settings, inline errors first',
  async ({ app: page }) => {
    await page.goto('/#/settings/service');
    const section = page.getByRole('region', { name: 'Change management' });

    // At least 3 approvals out of the demo team's two managers is impossible: refused, nothing saved.
    await section.getByRole('radio', { name: 'at least a number of approvers approve' }).check();
    await section.getByLabel('Approvals needed').fill('3');
    await section.getByRole('button', { name: 'Save CAB settings' }).click();
    await expect(section.getByText('There are only 2 approvers.')).toBeVisible();
    await section.getByLabel('Approvals needed').fill('1');
    await section.getByRole('button', { name: 'Save CAB settings' }).click();
    await expect(
      section.getByText('Saved. Votes on open changes are counted with these settings.'),
    ).toBeVisible();

    await section.getByRole('button', { name: 'Add blackout window' }).click();
    const row = section.getByTestId('blackout-row').last();
    await row.getByLabel('Name').fill('Data centre power test');
    await row.getByLabel('Start').fill(`${today()}T06:00`);
    await row.getByLabel('End').fill(`${today()}T00:30`);
    await section.getByRole('button', { name: 'Save blackout windows' }).click();
    await expect(row.getByText('The end must be after the start.')).toBeVisible();
    await expect(section.getByText('Nothing has been saved.')).toBeVisible();
    await row.getByLabel('Start').fill(`${today()}T00:00`);
    await row.getByLabel('End').fill(`${today()}T06:00`);
    await section.getByRole('button', { name: 'Save blackout windows' }).click();
    await expect(section.getByText('Saved.', { exact: true })).toBeVisible();

    // A change planned inside the blackout is flagged on its page and on the calendar.
    const number = await createChange(page, 'Firmware update of LDN-FW01', 'LDN-FW01');
    await planWindow(page, { start: '01:00', end: '02:00' });
    await expect(
      page.getByTestId('change-conflict').filter({ hasText: 'Data centre power test' }),
    ).toHaveText('Falls in the blackout window "Data centre power test".');
    await page.getByRole('link', { name: 'Change calendar' }).click();
    const day = page.locator(`[data-testid="calendar-day"][data-day="${today()}"]`);
    await expect(day).toHaveAttribute('data-blackout', 'true');
    await expect(day.getByTestId('calendar-blackout')).toContainText('Data centre power test');
    const block = day.locator(`[data-testid="calendar-change"][data-number="${number}"]`);
    await expect(block).toHaveAttribute('data-conflict', 'true');
    await expect(block.getByTestId('calendar-conflict')).toContainText('Data centre power test');
  },
);
