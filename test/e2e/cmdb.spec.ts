import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

async function openCmdb(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'CMDB' }).click();
  await expect(page.locator('html[data-cmdb-ready="true"]')).toHaveCount(1, { timeout: 30_000 });
  await expect(page.getByTestId('cmdb-page')).toBeVisible();
}

/** Creates a CI through the "New CI" form and waits for its page. */
async function createCi(
  page: Page,
  item: { ciClass: string; name: string; tag?: string; attributes?: Record<string, string> },
): Promise<void> {
  await openCmdb(page);
  await page.getByRole('button', { name: 'New CI' }).click();
  const dialog = page.getByRole('dialog', { name: 'New configuration item' });
  await dialog.getByRole('combobox', { name: 'Class' }).click();
  await page.getByRole('option', { name: item.ciClass, exact: true }).click();
  await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill(item.name);
  if (item.tag) await dialog.getByRole('textbox', { name: 'Asset tag' }).fill(item.tag);
  for (const [label, value] of Object.entries(item.attributes ?? {})) {
    await dialog.getByRole('combobox', { name: label }).click();
    await page.getByRole('option', { name: value, exact: true }).click();
  }
  await dialog.getByRole('button', { name: 'Create item' }).click();
  await expect(page.getByTestId('ci-heading')).toHaveText(item.name);
}

async function openCi(page: Page, name: string): Promise<void> {
  await openCmdb(page);
  await page.getByLabel('Search configuration items').fill(name);
  await page.getByTestId('ci-name').filter({ hasText: name }).first().click();
  await expect(page.getByTestId('ci-heading')).toHaveText(name);
}

/** On the open CI page: "<this item> <phrase> <other>". */
async function relate(page: Page, phrase: string, other: string): Promise<void> {
  const form = page.getByRole('form', { name: 'Add relationship' });
  await form.getByRole('combobox', { name: 'This item' }).click();
  await page.getByRole('option', { name: phrase, exact: true }).click();
  await form.getByRole('combobox', { name: 'Other item' }).fill(other);
  await page.getByRole('option', { name: new RegExp(`^${other}`) }).click();
  await form.getByRole('button', { name: 'Add' }).click();
  await expect(page.getByTestId('relationship').filter({ hasText: other })).toContainText(phrase);
}

test('shows what a server outage affects, with the path and the open incident, on the server page', async ({
  app: page,
}) => {
  await createCi(page, { ciClass: 'Server', name: 'E2E-SRV-01', tag: 'E2E-T-0001' });
  await createCi(page, { ciClass: 'Application', name: 'E2E Payroll app' });
  await relate(page, 'runs on', 'E2E-SRV-01');
  await createCi(page, {
    ciClass: 'Business service',
    name: 'E2E Payroll',
    attributes: { Criticality: 'high' },
  });
  await relate(page, 'depends on', 'E2E Payroll app');
  // A laptop that relies on the server in another way ranks below the business service.
  await createCi(page, { ciClass: 'Laptop', name: 'E2E-LT-01' });
  await relate(page, 'is connected to', 'E2E-SRV-01');

  // An open incident on the application.
  await page.goto('/#/tickets/new');
  await page.getByRole('textbox', { name: 'Title', exact: true }).fill('E2E payroll screens freeze');
  await page.getByRole('combobox', { name: 'Configuration items' }).fill('E2E Payroll app');
  await page.getByRole('option', { name: /^E2E Payroll app/ }).click();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Create ticket' }).click();
  await expect(page.getByTestId('ticket-heading')).toHaveText('E2E payroll screens freeze');
  const number = (await page.getByTestId('ticket-number').textContent()) ?? '';

  await openCi(page, 'E2E-SRV-01');
  const impact = page.getByTestId('impact-panel');
  await expect(impact.getByTestId('impact-upstream-tab')).toHaveText('Affected if it fails (3)');
  const items = impact.getByTestId('impact-upstream').getByTestId('impact-item');
  await expect(items.first().getByTestId('impact-name')).toHaveText('E2E Payroll');
  await expect(items.first().getByTestId('impact-path')).toHaveText(
    'E2E-SRV-01 → runs E2E Payroll app → is depended on by E2E Payroll',
  );
  await expect(items.getByTestId('impact-name')).toHaveText(['E2E Payroll', 'E2E Payroll app', 'E2E-LT-01']);
  await expect(impact.getByTestId('impact-ticket')).toContainText(number);
  await expect(impact.getByTestId('impact-ticket')).toContainText('on E2E Payroll app');

  // The depth limit: one hop no longer reaches the business service.
  await impact.getByRole('combobox', { name: 'Impact depth' }).click();
  await page.getByRole('option', { name: 'Depth 1' }).click();
  await expect(items.getByTestId('impact-name')).toHaveText(['E2E Payroll app', 'E2E-LT-01']);

  // Downstream of the business service is the chain it relies on; the graph links to it.
  await page.getByTestId('relationships').getByRole('link', { name: 'E2E Payroll app' }).click();
  await expect(page.getByTestId('ci-heading')).toHaveText('E2E Payroll app');
  await page.getByTestId('ci-graph').getByRole('link', { name: 'E2E Payroll', exact: true }).click();
  await expect(page.getByTestId('ci-heading')).toHaveText('E2E Payroll');
  await page.getByTestId('impact-downstream-tab').click();
  await expect(page.getByTestId('impact-downstream').getByTestId('impact-name')).toHaveText([
    'E2E Payroll app',
    'E2E-SRV-01',
    'E2E-LT-01',
  ]);
  await expect(page.getByTestId('ci-history').getByTestId('ci-field-change').first()).toContainText(
    'depends on E2E Payroll app',
  );
});

const CSV =
  'Asset tag;Name;Class;RAM (GB);Location\r\n' +
  'E2E-IMP-1;E2E-IMP-LT-1;Laptop;16;London HQ\r\n' +
  'E2E-IMP-2;E2E-IMP-LT-2;Toaster;16;London HQ\r\n' +
  'E2E-IMP-3;E2E-IMP-LT-3;Laptop;lots;\r\n' +
  'E2E-IMP-4;"E2E-IMP-LT-4; spare";Laptop;32;\r\n';

async function chooseCsv(page: Page, text: string): Promise<void> {
  await page.locator('input[type="file"]').setInputFiles({
    name: 'assets.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(text, 'utf8'),
  });
  await expect(page.getByTestId('import-mapping')).toBeVisible();
}

test('an import with bad rows names each row and field, then imports the valid rows only, idempotently', async ({
  app: page,
}) => {
  await openCmdb(page);
  await page.getByRole('link', { name: 'Import CSV' }).click();
  await expect(page.getByTestId('import-page')).toBeVisible();
  await chooseCsv(page, CSV);
  await expect(page.getByRole('combobox', { name: 'Field for column RAM (GB)' })).toHaveValue(/RAM \(GB\)/);
  await page.getByRole('button', { name: 'Preview' }).click();

  await expect(page.getByTestId('count-new')).toHaveText('2');
  await expect(page.getByTestId('count-errors')).toHaveText('2');
  const errors = page.getByTestId('import-error');
  await expect(errors).toHaveCount(2);
  await expect(errors.nth(0)).toContainText('Row 3 · Class');
  await expect(errors.nth(0)).toContainText('“Toaster” is not a class');
  await expect(errors.nth(1)).toContainText('Row 4 · RAM (GB)');
  await expect(errors.nth(1)).toContainText('must be a number');
  await expect(page.getByRole('button', { name: /^Import \d+ items$/ })).toHaveCount(0);

  await page.getByRole('button', { name: 'Import the valid rows only' }).click();
  await expect(page.getByTestId('import-summary')).toContainText(
    '2 created, 0 updated, 0 unchanged, 2 rows with errors left out',
  );

  await page.getByTestId('import-summary').getByRole('link', { name: 'Back to the CMDB' }).click();
  await expect(page.locator('html[data-cmdb-ready="true"]')).toHaveCount(1);
  await page.getByLabel('Search configuration items').fill('E2E-IMP');
  await expect(page.getByTestId('ci-name')).toHaveText(['E2E-IMP-LT-1', 'E2E-IMP-LT-4; spare']);
  await page.getByTestId('ci-name').first().click();
  await expect(page.getByTestId('attr-ram_gb')).toHaveText('16');
  await expect(page.getByTestId('ci-activity').first()).toContainText('Imported from CSV');

  // The same file again: the imported rows are recognised by their tags and left alone.
  await page.goto('/#/cmdb/import');
  await chooseCsv(page, CSV);
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(page.getByTestId('count-unchanged')).toHaveText('2');
  await expect(page.getByTestId('count-new')).toHaveText('0');
});

test('a CSV export escapes a cell that starts with = so a spreadsheet does not run it', async ({
  app: page,
}) => {
  await createCi(page, {
    ciClass: 'Other item',
    name: '=HYPERLINK("http://example.invalid","E2E")',
    tag: 'E2E-X-1',
  });
  await openCmdb(page);
  await page.getByLabel('Search configuration items').fill('E2E-X-1');
  await expect(page.getByTestId('ci-count')).toHaveText('1 item');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^cmdb-export-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = await readFile((await download.path()) ?? '', 'utf8');
  const lines = text.replace(/^\uFEFF/, '').split('\r\n');
  expect(lines[0]).toMatch(/^Asset tag,Name,Class,State,/);
  expect(lines[1]).toMatch(
    /^E2E-X-1,"'=HYPERLINK\(""http:\/\/example\.invalid"",""E2E""\)",Other item,In stock,/,
  );
  expect(lines).toHaveLength(3);
});
