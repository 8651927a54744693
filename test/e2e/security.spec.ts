import { test, expect } from './fixtures';

const TITLE = '<img src=x onerror=alert(1)>';
const DESCRIPTION = '<script>alert(2)</script>\n<a href="javascript:alert(3)">click</a>';
const COMMENT = '<svg onload=alert(4)><iframe src="javascript:alert(5)"></iframe>';

test('ticket and comment text with HTML renders as text and nothing executes', async ({
  app: page,
  guarded,
}) => {
  await page.keyboard.press('n');
  await page.getByRole('textbox', { name: 'Title', exact: true }).fill(TITLE);
  await page.getByLabel('Description').fill(DESCRIPTION);
  await page.getByRole('button', { name: 'Create ticket' }).click();
  await expect(page.getByTestId('ticket-heading')).toHaveText(TITLE);
  await expect(page.getByTestId('ticket-description')).toHaveText(DESCRIPTION);

  await page.getByLabel('Entry text').fill(COMMENT);
  await page.getByRole('button', { name: 'Add comment' }).click();
  await expect(page.getByTestId('activity-body').last()).toHaveText(COMMENT);

  // The list, the palette and a reload render the same text as text.
  await page.reload();
  await expect(page.getByTestId('ticket-heading')).toHaveText(TITLE);
  await page.keyboard.press('Control+k');
  await page.getByLabel('Command or ticket').fill('onerror');
  await expect(page.getByTestId('palette-item').first()).toContainText(TITLE);

  expect(await page.locator('img[src="x"], svg[onload], iframe, script:not([src])').count()).toBe(0);
  expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
  expect(guarded.dialogs).toEqual([]);
  expect(guarded.cspViolations).toEqual([]);
});

test('the page is served with a strict content security policy', async ({ page }) => {
  const response = await page.goto('/');
  const csp = response?.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain('unsafe-eval');
  expect(csp).toMatch(/object-src 'none'/);
  expect(csp).toMatch(/frame-ancestors 'none'/);
  // An injected inline script is refused by the policy.
  const ran = await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__injected = true';
    document.body.appendChild(s);
    return (window as unknown as { __injected?: boolean }).__injected === true;
  });
  expect(ran).toBe(false);
});
