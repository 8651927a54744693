import { test, expect, waitForList } from './fixtures';

test('keyboard flow: j/k move, Enter opens, Esc returns, n creates, ? lists shortcuts', async ({
  app: page,
}) => {
  const rows = page.getByTestId('ticket-row');
  await page.keyboard.press('j');
  await expect(rows.nth(0)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await expect(rows.nth(2)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('k');
  await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'true');
  const title = (await rows.nth(1).getByTestId('ticket-title').textContent()) ?? '';
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('ticket-heading')).toHaveText(title);
  await page.keyboard.press('Escape');
  await waitForList(page);

  await page.keyboard.press('/');
  await expect(page.getByLabel('Search', { exact: true })).toBeFocused();
  await page.keyboard.press('Escape');

  await page.keyboard.press('Shift+?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.keyboard.press('Escape');

  await page.keyboard.press('n');
  await expect(page.getByRole('heading', { name: 'New ticket' })).toBeVisible();
});

test('command palette opens tickets by number and runs commands', async ({ app: page }) => {
  const number = (await page.getByTestId('ticket-row').nth(3).locator('a').textContent()) ?? '';
  await page.keyboard.press('Control+k');
  const input = page.getByLabel('Command or ticket');
  await expect(input).toBeFocused();
  await input.fill(number);
  await expect(page.getByTestId('palette-item').first()).toContainText(number);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('ticket-number')).toHaveText(number);

  await page.keyboard.press('Control+k');
  await page.getByLabel('Command or ticket').fill('dark theme');
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');

  await page.keyboard.press('Control+k');
  await page.getByLabel('Command or ticket').fill('new ticket');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'New ticket' })).toBeVisible();
});
