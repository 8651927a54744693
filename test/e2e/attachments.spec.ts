import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

/** A real 3×2 red PNG, so the thumbnail must decode to exactly that size. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAIAAAASFvFNAAAAEElEQVR4nGP4z8AAQQxwFgBB0gX7h/C5SAAAAABJRU5ErkJggg==',
  'base64',
);
const PHOTO = 'cracked-screen.png';

async function openFirstTicket(page: Page): Promise<void> {
  await page.getByTestId('ticket-row').first().dblclick();
  await expect(page.getByTestId('ticket-page')).toBeVisible();
  await expect(page.getByTestId('attachments')).toHaveAttribute('data-loaded', 'true');
}

test('attaches a photo to a ticket, shows its thumbnail, and keeps it after a reload', async ({
  app: page,
  guarded,
}) => {
  await openFirstTicket(page);
  const panel = page.getByRole('region', { name: 'Attachments' });
  await expect(panel.getByTestId('attachment')).toHaveCount(0);

  const chooser = page.waitForEvent('filechooser');
  await panel.getByRole('button', { name: 'Attach files' }).click();
  await (await chooser).setFiles({ name: PHOTO, mimeType: 'image/png', buffer: PNG });

  const item = panel.getByRole('listitem').filter({ hasText: PHOTO });
  await expect(item).toHaveAttribute('data-state', 'present');
  await expect(item).toContainText('73 B');
  const thumbnail = item.getByRole('img', { name: `Thumbnail of ${PHOTO}` });
  await expect(thumbnail).toHaveJSProperty('naturalWidth', 3);
  await expect(thumbnail).toHaveAttribute('src', /^blob:/);

  await page.reload();
  await expect(page.getByTestId('ticket-page')).toBeVisible();
  const reloaded = page.getByRole('region', { name: 'Attachments' }).getByRole('listitem');
  await expect(reloaded).toHaveCount(1);
  await expect(reloaded.getByTestId('attachment-name')).toHaveText(PHOTO);
  await expect(reloaded.getByRole('img', { name: `Thumbnail of ${PHOTO}` })).toHaveJSProperty(
    'naturalWidth',
    3,
  );

  // The download hands back the very bytes that were attached.
  const download = page.waitForEvent('download');
  await reloaded.getByRole('link', { name: `Download ${PHOTO}` }).click();
  const saved = await download;
  expect(saved.suggestedFilename()).toBe(PHOTO);
  expect(Buffer.compare(await readFile(await saved.path()), PNG)).toBe(0);

  expect(guarded.cspViolations).toEqual([]);
});

test('a dropped file with markup in its name is listed as text and downloads intact', async ({
  app: page,
  guarded,
}) => {
  await openFirstTicket(page);
  const name = '<img src=x onerror=alert(1)> notes.txt';
  const content = 'Event log excerpt: disk 0 SMART warning';

  // Drag and drop as the browser delivers it: a DataTransfer carrying one File.
  const dataTransfer = await page.evaluateHandle(
    ([fileName, text]) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], fileName, { type: 'text/plain' }));
      return transfer;
    },
    [name, content] as const,
  );
  const panel = page.getByTestId('attachments');
  await panel.dispatchEvent('dragover', { dataTransfer });
  await expect(panel).toHaveAttribute('data-dragging', 'true');
  await panel.dispatchEvent('drop', { dataTransfer });

  const item = panel.getByTestId('attachment');
  await expect(item).toHaveCount(1);
  await expect(item.getByTestId('attachment-name')).toHaveText(name);
  await expect(item).toContainText('TXT');
  expect(await page.locator('img[src="x"]').count()).toBe(0);

  const download = page.waitForEvent('download');
  await item.getByRole('link', { name: `Download ${name}` }).click();
  expect(await readFile(await (await download).path(), 'utf8')).toBe(content);

  expect(guarded.dialogs).toEqual([]);
  expect(guarded.cspViolations).toEqual([]);
});
