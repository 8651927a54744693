import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { XSS_PAYLOADS } from './xss-corpus';

/** What rendered Markdown may contain: these elements and attributes, nothing else. */
const MARKDOWN_TAGS = [
  ...['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'em', 'strong', 'code', 'pre', 'a', 'img', 'ul', 'ol', 'li'],
  ...['blockquote', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'hr', 'br', 'span'],
];
const MARKDOWN_ATTRIBUTES = ['href', 'target', 'rel', 'src', 'alt', 'start', 'style', 'title', 'class'];

interface Rules {
  tags: string[];
  attributes: string[];
  /** Layout components set their own style attributes; rendered Markdown only aligns cells. */
  anyStyle?: boolean;
}

/**
 * Everything wrong under `selector` ('' for none: page-wide checks only) (elements or attributes outside the allowed sets, links that
 * are not http(s) or in-app, images that are not attachments), plus page-wide signs that
 * something ran or was injected anywhere.
 */
async function problems(
  page: Page,
  selector: '' | `[data-testid="${string}"]`,
  rules: Rules,
): Promise<string[]> {
  return page.evaluate(
    ({ selector, tags, attributes, anyStyle }) => {
      const found: string[] = [];
      const roots = selector === '' ? [] : Array.from(document.querySelectorAll(selector));
      if (selector !== '' && roots.length === 0) found.push(`nothing matches ${selector}`);
      for (const root of roots) {
        for (const el of root.querySelectorAll('*')) {
          const tag = el.tagName.toLowerCase();
          if (!tags.includes(tag)) found.push(`element <${tag}>`);
          for (const attr of Array.from(el.attributes)) {
            const name = attr.name.toLowerCase();
            if (!attributes.includes(name) && !name.startsWith('data-'))
              found.push(`<${tag} ${name}="${attr.value}">`);
          }
          const href = el.getAttribute('href');
          if (tag === 'a' && !/^(https?:\/\/[^\s"'<>@]+|#\/[\w\-./?=&%~+]*)$/i.test(href ?? '')) {
            found.push(`link to ${href ?? '(none)'}`);
          }
          if (tag === 'img' && !(el.getAttribute('src') ?? '').startsWith('blob:')) {
            found.push(`image from ${el.getAttribute('src') ?? '(none)'}`);
          }
          const style = el.getAttribute('style');
          if (!anyStyle && style !== null && !/^text-align: (left|center|right);?$/.test(style))
            found.push(`style "${style}"`);
        }
      }
      // Anywhere in the app (the head is ours: its CSP meta tag and icon): no handler
      // attribute, inline script, frame or script URL.
      for (const el of document.body.querySelectorAll('*')) {
        for (const attr of Array.from(el.attributes)) {
          if (/^on/i.test(attr.name)) found.push(`handler ${attr.name} on <${el.tagName.toLowerCase()}>`);
          if (
            /^\s*(javascript|vbscript|data):/i.test(attr.value) &&
            /^(href|src|action|formaction|xlink:href)$/i.test(attr.name)
          ) {
            found.push(`${attr.name}=${attr.value}`);
          }
        }
      }
      if (
        document.querySelector('script:not([src]), base') ||
        document.body.querySelector('iframe, object, embed, frame, meta, link')
      ) {
        found.push('injected script, frame, object or base element');
      }
      if ((window as unknown as { __xss?: unknown }).__xss !== undefined) found.push('window.__xss was set');
      return found;
    },
    { selector, tags: rules.tags, attributes: rules.attributes, anyStyle: rules.anyStyle === true },
  );
}

const MARKDOWN: Rules = { tags: MARKDOWN_TAGS, attributes: MARKDOWN_ATTRIBUTES };
/** Ticket and comment text is plain text: no element at all inside it. */
const PLAIN: Rules = { tags: [], attributes: [] };

async function actAsRole(page: Page, role: string): Promise<void> {
  const picker = page.getByRole('combobox', { name: 'Acting as' });
  await picker.click();
  const option = page.getByRole('option', { name: new RegExp(`\\(${role}\\)$`) }).first();
  const label = (await option.textContent()) ?? '';
  await option.click();
  await expect(picker).toHaveValue(label);
}

test('the corpus holds at least 200 distinct payloads', () => {
  expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(200);
  expect(new Set(XSS_PAYLOADS).size).toBe(XSS_PAYLOADS.length);
});

test('no payload runs or injects anything in the live preview', async ({ app: page, guarded }) => {
  test.setTimeout(180_000);
  await actAsRole(page, 'agent');
  await page.goto('/#/knowledge/new');
  const editor = page.getByLabel('Article text (Markdown)');
  const preview = page.getByTestId('article-preview');
  for (const [i, payload] of XSS_PAYLOADS.entries()) {
    // The marker proves the preview shows this payload before it is inspected.
    await editor.fill(`${payload}\n\nmarker-${i}`);
    await expect(preview).toContainText(`marker-${i}`);
    expect(await problems(page, '[data-testid="article-preview"]', MARKDOWN), payload).toEqual([]);
  }
  expect(guarded.dialogs).toEqual([]);
  expect(guarded.cspViolations).toEqual([]);
});

test('a published article, its versions and ticket text full of payloads run nothing', async ({
  app: page,
  guarded,
}) => {
  test.setTimeout(120_000);
  const title = '<img src=x onerror=alert(1)> Printer <script>window.__xss=1</script>';
  const body = XSS_PAYLOADS.join('\n\n');
  await actAsRole(page, 'agent');
  await page.goto('/#/knowledge/new');
  await page.getByRole('textbox', { name: 'Title' }).fill(title);
  await page.getByLabel('Article text (Markdown)').fill(body);
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByTestId('article-heading')).toHaveText(title);
  expect(await problems(page, '[data-testid="article-body"]', MARKDOWN)).toEqual([]);
  // Safe targets in the corpus still become links.
  await expect(
    page.getByTestId('article-body').locator('a[href^="https://ok.example"]').first(),
  ).toBeVisible();

  await page.getByRole('button', { name: 'Send to review' }).click();
  await actAsRole(page, 'manager');
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByTestId('article-state')).toHaveText('Published');
  await page.getByRole('tab', { name: /Versions/ }).click();
  await expect(page.getByTestId('diff')).toBeVisible();
  expect(
    await problems(page, '[data-testid="diff"]', {
      tags: ['div', 'p', 'span', 'table', 'tbody', 'tr', 'td'],
      attributes: ['class', 'style'],
      anyStyle: true,
    }),
  ).toEqual([]);

  // Ticket text: the first half as the description, the second half as a comment.
  const half = Math.ceil(XSS_PAYLOADS.length / 2);
  const description = XSS_PAYLOADS.slice(0, half).join('\n');
  const comment = XSS_PAYLOADS.slice(half).join('\n');
  await page.keyboard.press('n');
  await page.getByRole('textbox', { name: 'Title', exact: true }).fill(title);
  await page.getByLabel('Description').fill(description);
  await page.getByRole('button', { name: 'Create ticket' }).click();
  await expect(page.getByTestId('ticket-heading')).toHaveText(title);
  expect(await page.getByTestId('ticket-description').textContent()).toBe(description);
  await page.getByLabel('Entry text').fill(comment);
  await page.getByRole('button', { name: 'Add comment' }).click();
  await expect(page.getByTestId('activity-body').last()).toContainText('data:image/png;base64');
  expect(await page.getByTestId('activity-body').last().textContent()).toBe(comment);
  expect(await problems(page, '[data-testid="ticket-description"]', PLAIN)).toEqual([]);
  expect(await problems(page, '[data-testid="activity-body"]', PLAIN)).toEqual([]);

  // The article linked as "solved by" shows its hostile title as text.
  const solvedBy = page.getByTestId('solved-by');
  await solvedBy.getByRole('combobox', { name: 'Link article' }).fill('Printer');
  await page.getByRole('option', { name: title }).click();
  await solvedBy.getByRole('button', { name: 'Link', exact: true }).click();
  await expect(solvedBy.getByTestId('solved-by-article')).toContainText(title);
  await page.getByRole('link', { name: 'Knowledge base' }).click();
  await expect(page.getByTestId('article-title').filter({ hasText: 'onerror' })).toHaveText(title);
  expect(await problems(page, '', PLAIN)).toEqual([]);

  expect(guarded.dialogs).toEqual([]);
  expect(guarded.cspViolations).toEqual([]);
});
