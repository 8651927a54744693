import { test, expect } from './fixtures';

const HOSTILE_LINKS = [
  'Vendor advisory: https://evil.example/phish and http://evil.example/plain',
  '<a href="javascript:alert(1)">click me</a>',
  'javascript:alert(2)',
  'file:///etc/passwd',
  'app://outpost.evil/index.html',
  'https://xn--80ak6aa92e.com/ (looks like apple.com)',
  'https://support.example.com@evil.example/reset',
].join('\n');

test('links in ticket text never take the app away, and window.open is refused', async ({
  app: page,
  context,
  guarded,
}) => {
  // Anything that does leave lands on a page of ours instead of the (unreachable) internet.
  await context.route('https://evil.example/**', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<title>outside</title><p>outside</p>' }),
  );
  await page.keyboard.press('n');
  await page.getByRole('textbox', { name: 'Title', exact: true }).fill('Phishing mail with links');
  await page.getByLabel('Description').fill(HOSTILE_LINKS);
  await page.getByRole('button', { name: 'Create ticket' }).click();
  const description = page.getByTestId('ticket-description');
  await expect(description).toHaveText(HOSTILE_LINKS);
  const ticketUrl = page.url();
  expect(ticketUrl).toMatch(/#\/tickets\/tkt_/);

  // The text is text: no link element is made from it, and clicking it goes nowhere.
  await expect(description.locator('a')).toHaveCount(0);
  await description.getByText('https://evil.example/phish', { exact: false }).click();
  await description.getByText('javascript:alert(2)', { exact: false }).click();
  expect(page.url()).toBe(ticketUrl);

  // Script cannot open windows, whatever the address.
  const opened = await page.evaluate(() =>
    ['https://evil.example/phish', 'javascript:alert(3)', 'file:///etc/passwd', '/bench.html'].map(
      (url) => window.open(url, '_blank') === null,
    ),
  );
  expect(opened).toEqual([true, true, true, true]);
  expect(context.pages()).toHaveLength(1);

  // A link that does reach the page (from any feature that renders one) is judged on click:
  // the app never navigates, and only a plain https page opens, in a tab of its own.
  const clicks = await page.evaluate(
    (hrefs) =>
      hrefs.map((href) => {
        const link = document.createElement('a');
        link.href = href;
        link.textContent = href;
        document.querySelector('[data-testid="ticket-description"]')?.append(link);
        const click = new MouseEvent('click', { bubbles: true, cancelable: true });
        const middle = new MouseEvent('auxclick', { bubbles: true, cancelable: true, button: 1 });
        link.dispatchEvent(click);
        link.dispatchEvent(middle);
        link.remove();
        return click.defaultPrevented && middle.defaultPrevented;
      }),
    [
      'javascript:alert(4)',
      'JavaScript:alert(5)',
      'data:text/html,<script>alert(6)</script>',
      'file:///etc/passwd',
      'app://outpost.evil/index.html',
      'http://evil.example/plain',
      'https://user:pw@evil.example/',
      '/bench.html',
    ],
  );
  expect(clicks).toEqual(Array(8).fill(true));
  expect(page.url()).toBe(ticketUrl);
  expect(context.pages()).toHaveLength(1);

  const outside = context.waitForEvent('page');
  await page.evaluate(() => {
    const link = document.createElement('a');
    link.href = 'https://evil.example/advisory';
    document.body.append(link);
    link.click();
    link.remove();
  });
  const tab = await outside;
  await tab.waitForLoadState('domcontentloaded');
  expect(tab.url()).toBe('https://evil.example/advisory');
  // A tab of its own with no handle back to the app (noopener).
  expect(await tab.evaluate(() => window.opener)).toBeNull();
  await tab.close();

  expect(page.url()).toBe(ticketUrl);
  await expect(page.getByTestId('ticket-heading')).toHaveText('Phishing mail with links');
  expect(guarded.dialogs).toEqual([]);
  expect(guarded.cspViolations).toEqual([]);
});
