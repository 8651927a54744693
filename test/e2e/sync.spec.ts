import { test, expect, type Page } from '@playwright/test';
import { generateTeam } from '../../shared/demo/generator';
import {
  createTestTeam,
  startTestServer,
  uniqueName,
  type TestServer,
  type TestUser,
} from '../server/harness';
import { waitForList } from './fixtures';
import { goOffline, goOnlineAndSync, signedInDevice, syncIndicator } from './devices';

/**
 * Two people, two devices (separate browser profiles), one real sync server: both work offline
 * on the same ticket, reconnect, and end with the same ticket where every edit is either kept
 * or shown as a merge notice that restores it in one click.
 */
const PORT = Number(process.env.OUTPOST_E2E_PORT ?? 5191);
const DEMO_SEED = 20261128;

test.describe.configure({ mode: 'serial' });

let server: TestServer;
let database: string;
let manager: TestUser;
let agent: TestUser;

test.beforeAll(async () => {
  server = await startTestServer({ corsOrigins: [`http://127.0.0.1:${PORT}`] });
  database = uniqueName('e2e');
  const people = generateTeam(DEMO_SEED).people.filter((p) => p.personKind === 'user');
  const personWith = (role: string) => people.find((p) => p.roles.includes(role as never))!.id;
  manager = {
    name: `${database}-mgr`,
    password: uniqueName('pw'),
    role: 'manager',
    personId: personWith('manager'),
  };
  agent = {
    name: `${database}-agent`,
    password: uniqueName('pw'),
    role: 'agent',
    personId: personWith('agent'),
  };
  await createTestTeam(server, { db: database, users: [manager, agent], demo: true });
});

test.afterAll(async () => {
  await server?.stop();
});

async function openTicket(page: Page, number: string) {
  await page.goto(`/#/tickets`);
  await waitForList(page);
  await page.getByRole('textbox', { name: /Search/ }).fill(number);
  await page.getByRole('link', { name: number }).click();
  await expect(page.getByTestId('ticket-number')).toHaveText(number);
}

/** Raises an incident on `page` (online, so it reaches the server) and returns its number. */
async function raiseIncident(page: Page, title: string): Promise<string> {
  await page.goto('/#/tickets/new');
  await page.getByRole('textbox', { name: 'Title', exact: true }).fill(title);
  await page.getByRole('button', { name: 'Create ticket' }).click();
  await expect(page.getByTestId('ticket-heading')).toHaveText(title);
  const number = (await page.getByTestId('ticket-number').textContent()) ?? '';
  await expect(syncIndicator(page)).not.toContainText('waiting', { timeout: 30_000 });
  return number;
}

async function edit(page: Page, fields: { Title?: string; Description?: string }) {
  await page.getByRole('button', { name: 'Edit' }).click();
  const dialog = page.getByRole('dialog');
  if (fields.Title !== undefined)
    await dialog.getByRole('textbox', { name: 'Title', exact: true }).fill(fields.Title);
  if (fields.Description !== undefined) await dialog.getByLabel('Description').fill(fields.Description);
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await expect(dialog).toBeHidden();
}

test('two devices edit one ticket offline; both edits survive and the clash is a restorable notice', async ({
  browser,
}) => {
  const a = await signedInDevice(browser, server, database, manager);
  const b = await signedInDevice(browser, server, database, agent);
  const number = await raiseIncident(a.page, 'Docking station does not charge the laptop');
  await openTicket(a.page, number);
  await openTicket(b.page, number);

  await goOffline(a);
  await goOffline(b);
  await edit(a.page, { Title: 'Docking station dead on desk 4 (A)' });
  await edit(b.page, { Title: 'Dock not charging laptop (B)', Description: 'Tried another cable: same.' });
  await expect(syncIndicator(b.page)).toContainText('waiting');

  await goOnlineAndSync(a);
  await goOnlineAndSync(b);

  // Same field: the server's value (A reached it first) is kept on both devices...
  for (const page of [a.page, b.page]) {
    await expect(page.getByTestId('ticket-heading')).toHaveText('Docking station dead on desk 4 (A)', {
      timeout: 30_000,
    });
    await expect(page.getByTestId('ticket-description')).toHaveText('Tried another cable: same.');
  }
  // ...and B's title is set aside in a merge notice that both devices show.
  for (const page of [a.page, b.page]) {
    const notice = page.locator('[data-testid="merge-change"][data-field="title"]');
    await expect(notice).toContainText('Dock not charging laptop (B)', { timeout: 30_000 });
    await expect(notice.getByRole('button', { name: 'Restore Title' })).toBeVisible();
  }
  await b.page.getByRole('button', { name: 'Restore Title' }).click();
  await expect(b.page.getByTestId('ticket-heading')).toHaveText('Dock not charging laptop (B)');
  await expect(a.page.getByTestId('ticket-heading')).toHaveText('Dock not charging laptop (B)', {
    timeout: 30_000,
  });
  await a.context.close();
  await b.context.close();
});

test('an edit made offline survives a deletion on another device', async ({ browser }) => {
  const a = await signedInDevice(browser, server, database, manager);
  const b = await signedInDevice(browser, server, database, agent);
  const number = await raiseIncident(a.page, 'No dial tone on the desk phones of floor 3');
  await openTicket(a.page, number);
  await openTicket(b.page, number);
  await goOffline(a);
  await goOffline(b);

  await a.page.getByRole('button', { name: 'Delete' }).click();
  await a.page.getByRole('dialog').getByRole('button', { name: 'Delete ticket' }).click();
  await expect(a.page).toHaveURL(/#\/tickets$/);
  await edit(b.page, { Description: 'Still no dial tone on floor 3.' });

  await goOnlineAndSync(a);
  await goOnlineAndSync(b);
  await openTicket(a.page, number);
  await expect(a.page.getByTestId('ticket-description')).toHaveText('Still no dial tone on floor 3.', {
    timeout: 30_000,
  });
  await expect(a.page.getByText(/deletion on another device was set aside/)).toBeVisible();
  await a.context.close();
  await b.context.close();
});
