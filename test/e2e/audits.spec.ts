import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { generateTeam } from '../../shared/demo/generator';
import {
  createTestTeam,
  startTestServer,
  uniqueName,
  type TestServer,
  type TestUser,
} from '../server/harness';
import { test, expect } from './fixtures';
import { goOffline, goOnlineAndSync, signedInDevice, syncIndicator } from './devices';

/**
 * A site audit done with no network: a keyboard-wedge scanner (keys a few ms apart, then
 * Enter, typed while no field has focus), a tag typed by hand, the report applied and exported.
 */

async function choose(page: Page, scope: Locator | Page, label: string, option: string): Promise<void> {
  await scope.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/**
 * What a USB scanner does: the code's keys in one quick burst, then Enter. Waits until
 * the scan is shown and stored, as an auditor reaches for the next label.
 */
async function wedgeScan(page: Page, code: string, seq: number): Promise<void> {
  // The whole burst in one go, as a scanner sends it. Typed through the browser's input
  // pipeline on a busy 2-core machine, two keys can land more than the 50 ms burst limit
  // apart, which is a slow scanner, not the one this test is about.
  await page.evaluate(
    (keys) => {
      const target = document.activeElement ?? document.body;
      for (const key of keys)
        target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
    },
    [...code, 'Enter'],
  );
  await expect(page.getByTestId('scan-result')).toHaveAttribute('data-seq', String(seq));
  await expect(page.getByTestId('recent-scan')).toHaveCount(seq);
}

/** The tag entered by hand, as an auditor does when a label cannot be read. */
async function typedScan(page: Page, code: string, seq: number): Promise<void> {
  const field = page.getByRole('textbox', { name: 'Asset tag' });
  await field.fill(code);
  await field.press('Enter');
  await expect(page.getByTestId('scan-result')).toHaveAttribute('data-seq', String(seq));
  await expect(page.getByTestId('recent-scan')).toHaveCount(seq);
}

/** Tags of the assets the assets page lists for a location and class. */
async function tagsAt(page: Page, location: string, ciClass: string): Promise<string[]> {
  await page.getByRole('link', { name: 'Assets', exact: true }).click();
  await page.getByRole('radiogroup', { name: 'Asset view' }).getByText('All assets', { exact: true }).click();
  const filters = page.getByRole('search', { name: 'Asset filters' });
  await choose(page, filters, 'Location', location);
  await choose(page, filters, 'Class', ciClass);
  const rows = page.getByTestId('asset-row');
  await expect(rows.first()).toBeVisible();
  return (await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-tag') ?? ''))).filter(
    Boolean,
  );
}

test('an offline site audit: found, wrong location, unknown, duplicate and missing, applied and exported', async ({
  app: page,
  context,
}) => {
  const elsewhere = await tagsAt(page, 'Leeds Warehouse', 'Printer');

  await page.getByRole('link', { name: 'Audits', exact: true }).click();
  const form = page.getByRole('form', { name: 'New audit campaign' });
  await form.getByRole('button', { name: 'Create campaign' }).click();
  await expect(form.getByText('Give the campaign a name.')).toBeVisible();
  await form.getByRole('textbox', { name: 'Name' }).fill('Manchester printers');
  await choose(page, form, 'Location', 'Manchester Office');
  await choose(page, form, 'Class', 'Printer');
  await form.getByRole('button', { name: 'Create campaign' }).click();
  await expect(page.getByTestId('audit-name')).toHaveText('Manchester printers');
  await expect(page.getByTestId('audit-state')).toHaveText('Draft');
  await page.getByRole('button', { name: 'Start campaign' }).click();
  await expect(page.getByTestId('audit-state')).toHaveText('Running');

  const expected = page.getByTestId('expected-item');
  await expect(expected.first()).toBeVisible();
  const tags = await expected.evaluateAll((els) => els.map((el) => el.getAttribute('data-tag') ?? ''));
  expect(tags.length).toBeGreaterThanOrEqual(2);
  const [present, absent] = tags as [string, string];
  const progress = page.getByTestId('audit-progress');
  await expect(progress).toHaveText(`0 of ${tags.length} expected assets scanned`);
  await expect(page.getByTestId('camera-unavailable')).toContainText(
    'Camera scanning is not available on this device',
  );

  await context.setOffline(true);
  const result = page.getByTestId('scan-result');
  // No field has focus: the scanner's keys go to the page.
  await page.getByTestId('audit-name').click();
  await wedgeScan(page, present, 1);
  await expect(result).toHaveAttribute('data-result', 'found');
  await expect(result.getByTestId('scan-result-tag')).toHaveText(present);
  // The scanner's keys did not reach the app's single-key shortcuts (n = new ticket).
  await expect(page).toHaveURL(/#\/audits\/aud_/);

  await wedgeScan(page, elsewhere[0]!, 2);
  await expect(result).toHaveAttribute('data-result', 'wrong_location');
  await expect(result).toContainText('Recorded at Leeds Warehouse, found at Manchester Office.');
  await expect(result.getByRole('button', { name: 'Move to Manchester Office' })).toBeVisible();

  await wedgeScan(page, 'zz-new-0001', 3);
  await expect(result).toHaveAttribute('data-result', 'unknown');
  await expect(result.getByTestId('scan-result-tag')).toHaveText('ZZ-NEW-0001');
  await result.getByRole('button', { name: 'Create draft CI' }).click();
  await expect(result.getByTestId('draft-created')).toContainText('Unknown ZZ-NEW-0001');

  // Typed by hand into the tag field: slow keys in a field are the field's, Enter records it.
  const field = page.getByRole('textbox', { name: 'Asset tag' });
  await field.click();
  await field.pressSequentially(present.toLowerCase(), { delay: 80 });
  await expect(field).toHaveValue(present.toLowerCase());
  await field.press('Enter');
  await expect(result).toHaveAttribute('data-seq', '4');
  await expect(result).toHaveAttribute('data-result', 'duplicate');
  await expect(field).toHaveValue('');

  await expect(progress).toHaveText(`1 of ${tags.length} expected assets scanned`);
  await page.getByRole('button', { name: 'Close campaign' }).click();
  await expect(page.getByTestId('audit-state')).toHaveText('Closed');
  const report = page.getByRole('region', { name: 'Reconciliation report' });
  await expect(report.getByTestId('report-found').getByTestId('report-count')).toHaveText('1');
  await expect(report.getByTestId('report-wrongLocation').getByTestId('report-count')).toHaveText('1');
  await expect(report.getByTestId('report-unknown').getByTestId('report-count')).toHaveText('1');
  await expect(report.getByTestId('report-missing').getByTestId('report-count')).toHaveText(
    String(tags.length - 1),
  );
  await expect(report.locator(`[data-section="missing"][data-tag="${absent}"]`)).toBeVisible();

  await report.getByRole('button', { name: 'Apply report' }).click();
  await expect(report.getByTestId('report-message')).toHaveText(
    `Report applied: 1 moved, ${tags.length - 1} marked missing, 0 found again.`,
  );
  await expect(report.getByTestId('report-applied')).toBeVisible();
  await expect(report.locator(`[data-section="missing"][data-tag="${absent}"]`)).toContainText(
    'Marked missing',
  );

  const download = page.waitForEvent('download');
  await report.getByRole('button', { name: 'Export CSV' }).click();
  const csv = await readFile((await (await download).path()) ?? '', 'utf8');
  const lines = csv.split('\r\n');
  expect(lines[0]).toBe('Result,Asset tag,Name,Recorded location,Found at,Scanned by,Scanned at (UTC)');
  expect(lines.filter((l) => l.startsWith(`Found,${present},`))).toHaveLength(1);
  expect(lines.filter((l) => l.startsWith(`Wrong location,${elsewhere[0]},`))).toHaveLength(1);
  expect(lines.some((l) => l.startsWith('Unknown,ZZ-NEW-0001,'))).toBe(true);
  expect(lines.filter((l) => l.startsWith(`Missing,${absent},`))).toHaveLength(1);

  // The CMDB now holds what the audit found, still offline.
  const moved = await tagsAt(page, 'Manchester Office', 'Printer');
  expect(moved).toContain(elsewhere[0]);
  const row = page.locator(`[data-testid="asset-row"][data-tag="${absent}"]`);
  await expect(row.getByTestId('asset-missing')).toContainText('Missing since');
  await page
    .getByRole('search', { name: 'Asset filters' })
    .getByRole('textbox', { name: 'Search' })
    .fill('ZZ-NEW');
  await choose(page, page.getByRole('search', { name: 'Asset filters' }), 'Class', 'Other item');
  await expect(page.locator('[data-testid="asset-row"][data-tag="ZZ-NEW-0001"]')).toContainText(
    'Unknown ZZ-NEW-0001',
  );
  await context.setOffline(false);
});

/**
 * Two auditors, two devices (separate browser profiles), one real sync server: both scan the
 * same campaign offline, one of them a tag the other already scanned; once both sync, both
 * devices show one merged result.
 */
test.describe('two auditors on one campaign', () => {
  const PORT = Number(process.env.OUTPOST_E2E_PORT ?? 5191);
  const DEMO_SEED = 20261128;
  let server: TestServer;
  let database: string;
  let auditors: TestUser[];

  test.beforeAll(async () => {
    server = await startTestServer({ corsOrigins: [`http://127.0.0.1:${PORT}`] });
    database = uniqueName('e2e-audit');
    const technicians = generateTeam(DEMO_SEED)
      .people.filter((p) => p.personKind === 'user' && p.roles.includes('technician'))
      .slice(0, 2);
    auditors = technicians.map((person, i) => ({
      name: `${database}-tech${i}`,
      password: uniqueName('pw'),
      role: 'technician' as const,
      personId: person.id,
    }));
    await createTestTeam(server, { db: database, users: auditors, demo: true });
  });

  test.afterAll(async () => {
    await server?.stop();
  });

  test('their offline scans merge: same progress and report on both devices', async ({ browser }) => {
    const a = await signedInDevice(browser, server, database, auditors[0]!);
    const b = await signedInDevice(browser, server, database, auditors[1]!);

    await a.page.goto('/#/audits');
    const form = a.page.getByRole('form', { name: 'New audit campaign' });
    await form.getByRole('textbox', { name: 'Name' }).fill('Manchester network');
    await choose(a.page, form, 'Location', 'Manchester Office');
    await choose(a.page, form, 'Class', 'Network device');
    await form.getByRole('button', { name: 'Create campaign' }).click();
    await a.page.getByRole('button', { name: 'Start campaign' }).click();
    await expect(a.page.getByTestId('audit-state')).toHaveText('Running');
    const tags = await a.page
      .getByTestId('expected-item')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-tag') ?? ''));
    expect(tags.length).toBeGreaterThanOrEqual(3);
    await expect(syncIndicator(a.page)).not.toContainText('waiting', { timeout: 30_000 });

    // The campaign reaches the other device through the server.
    await b.page.goto('/#/audits');
    await b.page.getByRole('link', { name: 'Manchester network' }).click({ timeout: 30_000 });
    await expect(b.page.getByTestId('audit-state')).toHaveText('Running', { timeout: 30_000 });
    await expect(b.page.getByTestId('expected-item')).toHaveCount(tags.length);

    await goOffline(a);
    await goOffline(b);
    const [t0, t1, t2] = tags as [string, string, string];
    for (const [page, tag, seq] of [
      [a.page, t0, 1],
      [a.page, t1, 2],
      [b.page, t2, 1],
      // B has not heard of A's scan of t0: found on B, a duplicate once merged.
      [b.page, t0, 2],
    ] as const) {
      // Typed into the tag field: what is tested here is the merge, not the scanner's timing.
      await typedScan(page, tag, seq);
      await expect(page.getByTestId('scan-result')).toHaveAttribute('data-result', 'found');
    }
    await expect(a.page.getByTestId('audit-progress')).toHaveText(
      `2 of ${tags.length} expected assets scanned`,
    );
    await expect(b.page.getByTestId('audit-progress')).toHaveText(
      `2 of ${tags.length} expected assets scanned`,
    );

    await goOnlineAndSync(a);
    // B sends its scans and receives A's; A, online again, hears of B's through the live feed.
    await goOnlineAndSync(b);
    for (const page of [a.page, b.page]) {
      await expect(page.getByTestId('audit-progress')).toHaveText(
        `3 of ${tags.length} expected assets scanned`,
        {
          timeout: 30_000,
        },
      );
      await expect(page.getByTestId('recent-scan')).toHaveCount(4);
      await expect(page.locator('[data-testid="recent-scan"][data-result="duplicate"]')).toHaveCount(1);
      const report = page.getByRole('region', { name: 'Reconciliation report' });
      await expect(report.getByTestId('report-found').getByTestId('report-count')).toHaveText('3');
      await expect(report.getByTestId('report-missing').getByTestId('report-count')).toHaveText(
        String(tags.length - 3),
      );
    }
    // The earliest scan of t0 (A's) is the one that counts, on both devices.
    for (const page of [a.page, b.page]) {
      const dup = page.locator('[data-testid="recent-scan"][data-result="duplicate"]');
      await expect(dup).toHaveAttribute('data-tag', t0);
    }
    await a.context.close();
    await b.context.close();
  });
});
