/**
 * Devices for the multi-device specs: each is a separate browser profile (its own replica)
 * signed in to a real sync server, and can drop off the network and come back.
 */
import type { Browser, BrowserContext, Page } from '@playwright/test';
import type { TestUser } from '../server/harness';
import { expect, waitForList } from './fixtures';

export interface Device {
  context: BrowserContext;
  page: Page;
}

export function syncIndicator(page: Page) {
  return page.getByRole('status', { name: 'Sync status' });
}

/** A fresh profile signed in as `user`; resolves once the team's data has been pulled. */
export async function signedInDevice(
  browser: Browser,
  server: { url: string },
  database: string,
  user: TestUser,
): Promise<Device> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/#/settings');
  await waitForList(page);
  const form = page.getByRole('region', { name: 'Sync & account' }).getByTestId('sign-in-form');
  await form.getByLabel('Server URL').fill(server.url);
  await form.getByLabel('Team database').fill(database);
  await form.getByLabel('User name').fill(user.name);
  await form.getByRole('textbox', { name: 'Password' }).fill(user.password);
  await form.getByRole('button', { name: 'Sign in' }).click();
  // Signing in replaces the local demo replica and reloads; then the team's data is pulled.
  await expect(syncIndicator(page)).toHaveAttribute('data-sync-phase', 'in-sync', { timeout: 30_000 });
  return { context, page };
}

export async function goOffline({ context, page }: Device): Promise<void> {
  await context.setOffline(true);
  await expect(syncIndicator(page)).toHaveAttribute('data-sync-phase', 'offline', { timeout: 30_000 });
}

/** Back online, "Sync now", and wait until nothing is left to send. */
export async function goOnlineAndSync({ context, page }: Device): Promise<void> {
  await context.setOffline(false);
  const indicator = syncIndicator(page);
  await indicator.getByRole('button').click();
  await page.getByTestId('sync-details').getByRole('button', { name: 'Sync now' }).click();
  await expect(indicator).toHaveAttribute('data-sync-phase', 'in-sync', { timeout: 30_000 });
  await expect(indicator).not.toContainText('waiting');
  // Close the details again (Escape would also leave the ticket page).
  await indicator.getByRole('button').click();
  await expect(page.getByTestId('sync-details')).toBeHidden();
}
