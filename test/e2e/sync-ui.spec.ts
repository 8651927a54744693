import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';

/** Browser-mode checks of the sync UI that need no sync server. */

async function openSignInForm(page: Page) {
  await page.getByRole('link', { name: 'Settings', exact: true }).click();
  const section = page.getByRole('region', { name: 'Sync & account' });
  await expect(section).toBeVisible();
  return section.getByTestId('sign-in-form');
}

test('a fresh device says it works locally, and its details offer a sign-in', async ({ app: page }) => {
  const indicator = page.getByRole('status', { name: 'Sync status' });
  await expect(indicator).toHaveAttribute('data-sync-phase', 'signed-out');
  await expect(indicator).toContainText('Local only');
  await expect(indicator).not.toContainText('waiting');

  await indicator.getByRole('button').click();
  const details = page.getByTestId('sync-details');
  await expect(details).toContainText('Not signed in');
  await expect(details).toContainText('Never');
  await expect(details.getByRole('button', { name: 'Sync now' })).toHaveCount(0);
  await details.getByRole('button', { name: 'Sign in…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sign in to sync' });
  await expect(dialog.getByLabel('Server URL')).toHaveValue('http://127.0.0.1:5984');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
});

test('the sign-in form checks every field before anything is sent', async ({ app: page }) => {
  const sessionRequests: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/_session')) sessionRequests.push(request.url());
  });
  const form = await openSignInForm(page);
  await expect(form.getByLabel('Server URL')).toHaveValue('http://127.0.0.1:5984');
  await expect(form.getByLabel('Team database')).toHaveValue('outpost');
  await expect(form).toContainText('replaces this device’s local demo data');

  await form.getByLabel('Server URL').fill('ftp://sync.example.org');
  await form.getByLabel('Team database').fill('Team A');
  await form.getByRole('button', { name: 'Sign in' }).click();
  await expect(form.getByText('The address must start with http:// or https://.')).toBeVisible();
  await expect(form.getByText(/Start with a lowercase letter/)).toBeVisible();
  await expect(form.getByText('Enter your user name.')).toBeVisible();
  await expect(form.getByText('Enter your password.')).toBeVisible();

  // Plain http is for this computer only.
  await form.getByLabel('Server URL').fill('http://sync.example.org:5984');
  await expect(form.getByText(/Use https:\/\/ for a server on another computer/)).toBeVisible();

  await form.getByLabel('Server URL').fill('https://sync.example.org');
  await form.getByLabel('Team database').fill('outpost');
  await expect(form.getByText('The address must start with http:// or https://.')).toHaveCount(0);
  await expect(form.getByText(/Start with a lowercase letter/)).toHaveCount(0);
  expect(sessionRequests).toEqual([]);
  await expect(page.getByRole('status', { name: 'Sync status' })).toHaveAttribute(
    'data-sync-phase',
    'signed-out',
  );
});

test('an unreachable server gets a clear message, and the password is kept nowhere', async ({
  app: page,
}) => {
  const password = 'unreachable-pw-7f3a';
  const form = await openSignInForm(page);
  // The browser refuses port 9 outright, so nothing that happens to listen here can answer.
  await form.getByLabel('Server URL').fill('http://127.0.0.1:9');
  await form.getByLabel('User name').fill('alice');
  await form.getByRole('textbox', { name: 'Password' }).fill(password);
  await form.getByRole('button', { name: 'Sign in' }).click();

  const error = form.getByTestId('sign-in-error');
  await expect(error).toBeVisible();
  await expect(error).toContainText('127.0.0.1:9');
  await expect(form.getByRole('button', { name: 'Sign in' })).toBeEnabled();
  // Nothing the user typed is lost, and sync stays off.
  await expect(form.getByLabel('User name')).toHaveValue('alice');
  await expect(page.getByRole('status', { name: 'Sync status' })).toHaveAttribute(
    'data-sync-phase',
    'signed-out',
  );

  const stored = await page.evaluate(
    () => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }),
  );
  expect(stored).not.toContain(password);
});

test('the Sync issues page has a designed empty state', async ({ app: page }) => {
  const link = page.getByRole('link', { name: 'Sync issues' });
  await expect(page.getByTestId('sync-issues-count')).toHaveCount(0);
  await link.click();
  await expect(page).toHaveURL(/#\/sync$/);
  await expect(page.getByRole('heading', { name: 'Sync issues' })).toBeVisible();
  await expect(page.getByTestId('sync-issues-empty')).toContainText(
    'Nothing set aside: every change reached the server.',
  );
  await expect(page.getByTestId('sync-issue-rejected')).toHaveCount(0);
  await expect(page.getByTestId('sync-issue-quarantined')).toHaveCount(0);
});
