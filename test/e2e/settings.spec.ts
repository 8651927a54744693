import { test, expect, waitForList } from './fixtures';

test('the priority matrix is configurable and drives new tickets', async ({ app: page }) => {
  await page.getByRole('link', { name: 'Settings', exact: true }).click();
  const cell = page.getByRole('combobox', { name: 'Priority for impact 2, urgency 2' });
  await expect(cell).toHaveValue('P3 Moderate');
  await cell.click();
  await page.getByRole('option', { name: 'P2 High' }).click();
  await page.getByRole('button', { name: 'Save matrix' }).click();
  await expect(page.getByRole('main').getByRole('status')).toContainText('Saved');

  await page.keyboard.press('n');
  await expect(page.getByTestId('computed-priority')).toHaveText('P2 High');
  await page.getByRole('combobox', { name: 'Urgency' }).click();
  await page.getByRole('option', { name: '3 – Low' }).click();
  await expect(page.getByTestId('computed-priority')).toHaveText('P4 Low');

  // A matrix that ranks a milder case above a more severe one is refused, and nothing is saved.
  await page.getByRole('link', { name: 'Settings', exact: true }).click();
  await page.getByRole('combobox', { name: 'Priority for impact 3, urgency 3' }).click();
  await page.getByRole('option', { name: 'P1 Critical' }).click();
  await page.getByRole('button', { name: 'Save matrix' }).click();
  await expect(page.getByRole('main').getByRole('status')).not.toContainText('Saved');
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Priority for impact 3, urgency 3' })).toHaveValue(
    'P5 Planning',
  );
  await expect(page.getByRole('combobox', { name: 'Priority for impact 2, urgency 2' })).toHaveValue(
    'P2 High',
  );
});

test('generates more demo tickets into the replica', async ({ app: page }) => {
  await page.getByRole('link', { name: 'All tickets' }).click();
  const before = Number((await page.getByTestId('ticket-count').textContent())?.replace(/\D/g, ''));
  await page.getByRole('link', { name: 'Settings', exact: true }).click();
  await page.getByLabel('Tickets to add').fill('1500');
  await page.getByTestId('generate-tickets').click();
  await expect(page.getByTestId('generate-result')).toContainText('Added 1,500 tickets');
  await page.getByRole('link', { name: 'All tickets' }).click();
  await expect(page.getByTestId('ticket-count')).toHaveText(
    `${(before + 1500).toLocaleString('en-US')} tickets`,
  );
  // Virtualized: only the rows on screen are in the DOM.
  expect(await page.getByTestId('ticket-row').count()).toBeLessThan(60);
  await page.getByRole('grid', { name: 'Tickets' }).evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(page.getByTestId('ticket-row').last()).toBeVisible();
  expect(await page.getByTestId('ticket-row').count()).toBeLessThan(60);
});

test('the theme switch toggles light and dark and is remembered', async ({ app: page }) => {
  const html = page.locator('html');
  const initial = await html.getAttribute('data-mantine-color-scheme');
  await page.getByRole('button', { name: 'Toggle colour theme' }).click();
  const toggled = initial === 'dark' ? 'light' : 'dark';
  await expect(html).toHaveAttribute('data-mantine-color-scheme', toggled);
  await page.reload();
  await waitForList(page);
  await expect(html).toHaveAttribute('data-mantine-color-scheme', toggled);
});

test('a replica that cannot be opened shows a clear error and a retry', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', {
      get() {
        throw new DOMException('The disk is full.', 'QuotaExceededError');
      },
    });
  });
  await page.goto('/');
  await expect(page.getByText('Outpost could not open its local replica')).toBeVisible();
  await expect(page.getByText('Nothing has been deleted.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Try again' })).toBeVisible();
});

test('an unknown address and an unknown ticket get designed pages', async ({ app: page }) => {
  await page.goto('/#/nowhere');
  await expect(page.getByRole('heading', { name: 'Nothing here' })).toBeVisible();
  await page.goto('/#/tickets/tkt_DOESNOTEXIST');
  await expect(page.getByRole('heading', { name: 'Ticket not found' })).toBeVisible();
  await page.getByRole('button', { name: 'Back to tickets' }).click();
  await waitForList(page);
});
