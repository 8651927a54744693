import { readFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import { generateTeam, generateTickets } from '../../shared/demo/generator';
import type { TicketStatus } from '../../shared/domain/model';
import { test, expect, waitForList } from './fixtures';

/** The demo replica as the app seeds it on first open (renderer/app/database.tsx, data/seed.ts). */
const DEMO_SEED = 20261128;
const DEMO_TICKETS = 300;
const DEMO_SPAN_DAYS = 45;
const DEMO_DEVICE_ID = 'DEM0';

/** The browser's clock stands still here, so the seed and every figure use this `now`. */
const NOW = Date.parse('2026-11-28T12:00:00Z');
/**
 * "Last 30 days" on the London business calendar: 28 Nov and the 29 days before, i.e. from local
 * midnight of 30 Oct. London left summer time on 25 Oct 2026, so that midnight is 00:00 UTC.
 */
const PERIOD_START = Date.parse('2026-10-30T00:00:00Z');

const DONE: readonly TicketStatus[] = ['resolved', 'closed', 'cancelled'];
const OPEN_STATUS_LABELS = ['New', 'Assigned', 'In progress', 'Pending', 'Reopened'];
const EVIL_TITLE = '=HYPERLINK("http://evil.example","x")';

/** The figures worked out from the generated documents with plain loops. */
function expectedFigures() {
  const team = generateTeam(DEMO_SEED);
  const { tickets, activities } = generateTickets(DEMO_SEED, team, {
    start: 0,
    count: DEMO_TICKETS,
    now: NOW,
    deviceId: DEMO_DEVICE_ID,
    withActivities: true,
    spanDays: DEMO_SPAN_DAYS,
  });
  const desk = tickets.filter((t) => t.kind === 'incident' || t.kind === 'request');
  const open = desk.filter((t) => !DONE.includes(t.status));
  const openByPriority = [1, 2, 3, 4, 5].map((p) => open.filter((t) => t.priority === p));
  const opened = desk.filter((t) => t.createdAt >= PERIOD_START && t.createdAt <= NOW).length;

  const deskIds = new Set(desk.map((t) => t.id));
  const latestSurvey = new Map<string, { at: number; score: number }>();
  for (const a of activities) {
    if (a.kind !== 'survey' || !deskIds.has(a.parentId) || a.score === undefined) continue;
    const seen = latestSurvey.get(a.parentId);
    if (!seen || a.createdAt > seen.at) latestSurvey.set(a.parentId, { at: a.createdAt, score: a.score });
  }
  const scores = [...latestSurvey.values()]
    .filter((s) => s.at >= PERIOD_START && s.at <= NOW)
    .map((s) => s.score);
  const mean = scores.reduce((sum, s) => sum + s, 0) / scores.length;

  return {
    backlog: open.length,
    backlogByPriority: openByPriority.map((list) => list.length),
    p2Numbers: new Set(openByPriority[1]?.map((t) => t.number)),
    opened,
    answers: scores.length,
    meanText: mean.toFixed(2),
  };
}

const expected = expectedFigures();

async function openDashboard(page: Page): Promise<void> {
  await page.clock.setFixedTime(new Date(NOW));
  await page.goto('/');
  await waitForList(page);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Dashboard' }).click();
  await expect(page.locator('html[data-kpi-ready="true"]')).toHaveCount(1, { timeout: 30_000 });
  await expect(page.getByTestId('kpi-opened-value')).toBeVisible();
}

async function downloadText(page: Page, click: () => Promise<void>, encoding: 'utf8' | 'latin1') {
  const pending = page.waitForEvent('download');
  await click();
  const download: Download = await pending;
  return {
    name: download.suggestedFilename(),
    text: await readFile((await download.path()) ?? '', encoding),
  };
}

test('the figures match the replica, and a figure opens its tickets', async ({ page, guarded }) => {
  // The seed must leave something to check, or the comparisons below would prove little.
  expect(expected.backlogByPriority[1]).toBeGreaterThan(0);
  expect(expected.answers).toBeGreaterThan(0);
  await openDashboard(page);

  await expect(page.getByTestId('dashboard-period')).toContainText('30 Oct 2026 – 28 Nov 2026');
  await expect(page.getByTestId('kpi-opened-value')).toHaveText(expected.opened.toLocaleString('en-GB'));
  await expect(page.getByTestId('kpi-backlog-value')).toHaveText(expected.backlog.toLocaleString('en-GB'));
  for (const [i, count] of expected.backlogByPriority.entries()) {
    await expect(page.getByTestId(`backlog-p${i + 1}-total`)).toHaveText(String(count));
  }
  await expect(page.getByTestId('backlog-total')).toHaveText(String(expected.backlog));
  await expect(page.getByTestId('kpi-csat-mean')).toHaveText(expected.meanText);
  await expect(page.getByTestId('kpi-csat-answers')).toHaveText(`${expected.answers} answers`);
  for (const chart of ['volume', 'backlog-priority', 'backlog-age', 'sla', 'csat', 'changes', 'assets']) {
    await expect(page.getByTestId(`chart-${chart}`)).toBeVisible();
  }

  await page.getByTestId('backlog-p2-total').click();
  await expect(page).toHaveURL(/#\/tickets\?drill=/);
  await expect(page.getByTestId('drill-banner')).toBeVisible();
  await expect(page.getByTestId('ticket-count')).toHaveText(`${expected.backlogByPriority[1]} tickets`);
  const rows = page.getByTestId('ticket-row');
  await expect(rows.first()).toBeVisible();
  const shown = await rows.count();
  expect(shown).toBeGreaterThan(0);
  expect(shown).toBeLessThanOrEqual(expected.backlogByPriority[1] ?? 0);
  for (let i = 0; i < shown; i++) {
    const cells = rows.nth(i).locator(':scope > span');
    await expect(cells.nth(2)).toHaveText('P2');
    // textContent: the badge's CSS shows it in capitals, the text is the label.
    expect(OPEN_STATUS_LABELS).toContain((await cells.nth(4).textContent())?.trim());
    expect(expected.p2Numbers.has((await cells.nth(1).textContent())?.trim() ?? '')).toBe(true);
  }

  // The filters survive the trip to the list and back.
  await page.getByRole('button', { name: 'Back to the dashboard' }).click();
  await expect(page.getByTestId('kpi-backlog-value')).toHaveText(expected.backlog.toLocaleString('en-GB'));
  expect(guarded.cspViolations).toEqual([]);
});

/** The first demo person whose main role is `role`, from the "Acting as" picker. */
async function personWithRole(page: Page, role: string): Promise<string> {
  await page.getByRole('combobox', { name: 'Acting as' }).click();
  const option = page.getByRole('option', { name: new RegExp(`\\(${role}\\)$`) }).first();
  const label = (await option.textContent()) ?? '';
  await page.keyboard.press('Escape');
  return label.replace(/\s*\([^)]*\)$/, '');
}

test('a new ticket counts at once; CSV exports are safe and hold the figures', async ({ page, guarded }) => {
  await openDashboard(page);
  await expect(page.getByTestId('kpi-opened-value')).toHaveText(expected.opened.toLocaleString('en-GB'));

  const requester = await personWithRole(page, 'requester');
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'New ticket' }).click();
  await page.getByRole('textbox', { name: 'Title', exact: true }).fill(EVIL_TITLE);
  const requesterField = page.getByRole('combobox', { name: 'Requester' });
  await requesterField.click();
  await requesterField.fill(requester);
  await page.getByRole('option', { name: requester, exact: true }).click();
  await page.getByRole('button', { name: 'Create ticket' }).click();
  await expect(page.getByTestId('ticket-heading')).toHaveText(EVIL_TITLE);

  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Dashboard' }).click();
  const opened = expected.opened + 1;
  await expect(page.getByTestId('kpi-opened-value')).toHaveText(opened.toLocaleString('en-GB'));
  await expect(page.getByTestId('kpi-backlog-value')).toHaveText(
    (expected.backlog + 1).toLocaleString('en-GB'),
  );

  await page.getByTestId('kpi-opened-value').click();
  await expect(page.getByTestId('drill-banner')).toBeVisible();
  await expect(page.getByTestId('ticket-count')).toHaveText(`${opened} tickets`);
  const list = await downloadText(
    page,
    () => page.getByRole('button', { name: 'Export CSV' }).click(),
    'utf8',
  );
  // RFC 4180 doubles the quotes inside a quoted cell; the leading apostrophe keeps a spreadsheet
  // from reading the title as a formula.
  expect(list.text).toContain('"\'=HYPERLINK(""http://evil.example"",""x"")"');
  expect(list.text).not.toContain(',=HYPERLINK');

  await page.getByRole('button', { name: 'Back to the dashboard' }).click();
  await expect(page.getByTestId('kpi-opened-value')).toHaveText(opened.toLocaleString('en-GB'));
  const report = await downloadText(
    page,
    () => page.getByRole('button', { name: 'Export CSV' }).click(),
    'utf8',
  );
  expect(report.name).toBe('outpost-dashboard-2026-11-28.csv');
  const lines = report.text.split('\r\n');
  expect(lines).toContain(`Tickets opened,${opened},tickets`);
  expect(lines).toContain(`Open backlog,${expected.backlog + 1},tickets`);
  await expect(page.getByTestId('dashboard-export-message')).toHaveText('CSV report downloaded.');
  expect(guarded.cspViolations).toEqual([]);
});

test('PDF export, print layout and the dark theme', async ({ page, guarded }) => {
  await openDashboard(page);

  const pdf = await downloadText(
    page,
    () => page.getByRole('button', { name: 'Export PDF' }).click(),
    'latin1',
  );
  expect(pdf.name).toBe('outpost-dashboard-2026-11-28.pdf');
  expect(pdf.text.startsWith('%PDF-1.4')).toBe(true);
  expect(pdf.text.trimEnd().endsWith('%%EOF')).toBe(true);
  expect(pdf.text).toContain('(Service desk report)');
  await expect(page.getByTestId('dashboard-export-message')).toHaveText('PDF report downloaded.');

  const nav = page.getByRole('navigation', { name: 'Views' });
  const period = page.getByRole('combobox', { name: 'Period' });
  await expect(nav).toBeVisible();
  await expect(period).toBeVisible();
  await expect(page.getByTestId('dashboard-summary')).toBeHidden();
  await page.emulateMedia({ media: 'print' });
  await expect(nav).toBeHidden();
  await expect(page.getByRole('button', { name: 'Export PDF' })).toBeHidden();
  await expect(period).toBeHidden();
  await expect(page.getByTestId('dashboard-summary')).toBeVisible();
  await expect(page.getByTestId('dashboard-summary')).toContainText(
    'Last 30 days: 30 Oct 2026 – 28 Nov 2026',
  );
  await expect(page.getByTestId('kpi-backlog')).toBeVisible();
  await expect(page.getByTestId('kpi-backlog-value')).toHaveText(expected.backlog.toLocaleString('en-GB'));
  await page.emulateMedia({ media: 'screen' });
  await expect(nav).toBeVisible();

  await page.getByRole('button', { name: 'Toggle colour theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await expect(page.getByTestId('kpi-opened')).toBeVisible();
  await expect(page.getByTestId('kpi-backlog-value')).toHaveText(expected.backlog.toLocaleString('en-GB'));
  await expect(page.getByTestId('chart-volume').locator('.recharts-bar-rectangle').first()).toBeVisible();
  expect(guarded.cspViolations).toEqual([]);
  expect(guarded.dialogs).toEqual([]);
});

test('after a restart the figures come back from the saved snapshot, with what changed since', async ({
  page,
  guarded,
}) => {
  await openDashboard(page);
  await expect(page.locator('html[data-kpi-source="replica"]')).toHaveCount(1);
  await expect(page.locator('html[data-kpi-snapshot-saved]')).toHaveCount(1, { timeout: 30_000 });

  const requester = await personWithRole(page, 'requester');
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'New ticket' }).click();
  await page.getByRole('textbox', { name: 'Title', exact: true }).fill('Projector in room 4 shows no signal');
  const requesterField = page.getByRole('combobox', { name: 'Requester' });
  await requesterField.click();
  await requesterField.fill(requester);
  await page.getByRole('option', { name: requester, exact: true }).click();
  await page.getByRole('button', { name: 'Create ticket' }).click();
  await expect(page.getByTestId('ticket-heading')).toHaveText('Projector in room 4 shows no signal');

  // Whether the snapshot was saved again before the reload or not (then the ticket is replayed
  // from the replica's changes since it was taken), the new ticket counts.
  await page.reload();
  await waitForList(page);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Dashboard' }).click();
  await expect(page.locator('html[data-kpi-ready="true"]')).toHaveCount(1, { timeout: 30_000 });
  await expect(page.locator('html[data-kpi-source="snapshot"]')).toHaveCount(1);
  await expect(page.getByTestId('kpi-opened-value')).toHaveText(
    (expected.opened + 1).toLocaleString('en-GB'),
  );
  await expect(page.getByTestId('kpi-backlog-value')).toHaveText(
    (expected.backlog + 1).toLocaleString('en-GB'),
  );
  expect(guarded.cspViolations).toEqual([]);
});
