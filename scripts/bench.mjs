// `npm run bench [-- --tickets 100000 --runs 25 --out bench-results/latest.json]`
//   --sync-docs 10000,100000   sync throughput sizes (bench-results/sync.json); --skip-sync, --only-sync
//   --fc-runs 1000             randomized sync schedules on the real engine (and 50x on the model)
// Functions passed to page.evaluate / waitForFunction run in the browser page.
/* global window, document, performance, location, requestAnimationFrame */
// Builds nothing: run `npm run build` first. Fills a fresh replica with N tickets through the data
// layer (bench.html), times the data layer, then times the real app UI on that replica.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { argValue, launchPersistent, serveBuiltApp } from './lib/browser.mjs';

const args = process.argv.slice(2);
const tickets = Number(argValue(args, '--tickets', '100000'));
const runs = Number(argValue(args, '--runs', '25'));
const out = argValue(args, '--out', 'bench-results/latest.json');
const chunk = Number(argValue(args, '--chunk', '2000'));
const multiInstance = argValue(args, '--multi-instance', 'true');
const syncDocs = argValue(args, '--sync-docs', '10000,100000');
const fcRuns = Number(argValue(args, '--fc-runs', '0'));

/** Sync throughput and randomized schedules run as TypeScript (tsx) against a real server. */
function runSyncBenches() {
  if (!args.includes('--skip-sync')) {
    const sync = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/bench-sync.ts', '--docs', syncDocs, '--out', 'bench-results/sync.json'],
      { stdio: 'inherit' },
    );
    if (sync.status !== 0) process.exitCode = 1;
  }
  if (fcRuns > 0) {
    const env = {
      ...process.env,
      OUTPOST_ENGINE_FC_RUNS: String(fcRuns),
      OUTPOST_FC_RUNS: String(fcRuns * 50),
    };
    const fc = spawnSync(
      'npx',
      ['vitest', 'run', 'test/sync/convergence.test.ts', 'shared/sync/convergence.test.ts'],
      {
        stdio: 'inherit',
        env,
      },
    );
    if (fc.status !== 0) process.exitCode = 1;
  }
}

if (args.includes('--only-sync')) {
  runSyncBenches();
  process.exit(process.exitCode ?? 0);
}

function summarize(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
  const r = (n) => Math.round(n * 100) / 100;
  return { runs: s.length, median: r(at(0.5)), p95: r(at(0.95)), min: r(s[0]), max: r(s.at(-1)) };
}

const profile = mkdtempSync(join(tmpdir(), 'outpost-bench-'));
const { server, url } = await serveBuiltApp(0);
const context = await launchPersistent(profile);
try {
  const page = await context.newPage();
  page.on('console', (m) => m.text().startsWith('bench:') && console.info(m.text()));
  page.on('pageerror', (e) => console.error('page error:', e.message));
  console.info(`Loading ${tickets.toLocaleString()} tickets through the data layer…`);
  await page.goto(
    `${url}bench.html?tickets=${tickets}&runs=${runs}&chunk=${chunk}&multiInstance=${multiInstance}`,
  );
  const handle = await page.waitForFunction(() => window.__benchResult, null, {
    timeout: 60 * 60_000,
    polling: 500,
  });
  const data = await handle.jsonValue();
  if (data.error) throw new Error(`bench page failed: ${data.error}`);

  // The real app on the filled replica: cold start to first rows, then the full list projection.
  const readMarks = () =>
    page.evaluate(() => ({
      first: performance.getEntriesByName('outpost:list-rendered')[0]?.startTime ?? null,
      full: performance.getEntriesByName('outpost:rows-ready')[0]?.startTime ?? null,
      source: document.documentElement.dataset.rowsSource ?? null,
    }));
  const ui = { coldStartToFirstRowsMs: [], coldStartToFullListMs: [], openTicketMs: [] };
  // First start on this replica: no list snapshot yet, every ticket is read.
  await page.goto(`${url}#/tickets`);
  await page.waitForSelector('html[data-rows-ready="true"]', { timeout: 120_000 });
  const firstStart = await readMarks();
  await page.waitForSelector('html[data-rows-snapshot-saved]', { timeout: 120_000 });
  // Later starts restore the list from its snapshot and replay changes since.
  const sources = new Set();
  for (let i = 0; i < Math.min(runs, 5); i++) {
    await page.reload();
    await page.waitForSelector('html[data-rows-ready="true"]', { timeout: 120_000 });
    const marks = await readMarks();
    ui.coldStartToFirstRowsMs.push(marks.first);
    ui.coldStartToFullListMs.push(marks.full);
    sources.add(marks.source);
  }
  const ids = await page
    .getByTestId('ticket-row')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')));
  for (let i = 0; i < runs; i++) {
    const id = ids[i % ids.length];
    const ms = await page.evaluate(async (ticketId) => {
      const t0 = performance.now();
      // Wait frame by frame for a condition, giving up after 30 s so a broken page fails the run.
      const until = async (check) => {
        while (!check()) {
          if (performance.now() - t0 > 30_000) throw new Error('timed out waiting for the ticket page');
          await new Promise((r) => requestAnimationFrame(r));
        }
      };
      location.hash = `#/tickets/${ticketId}`;
      await until(
        () =>
          document.querySelector('[data-testid="ticket-heading"]') &&
          document.querySelector('[data-testid="timeline"][data-loaded="true"]'),
      );
      const elapsed = performance.now() - t0;
      location.hash = '#/tickets';
      await until(() => document.querySelector('[data-testid="ticket-row"]'));
      return elapsed;
    }, id);
    ui.openTicketMs.push(ms);
  }
  // Scrolling the 100k "All tickets" list: frame intervals while it scrolls 1,500 px a frame.
  await page.getByRole('link', { name: 'All tickets' }).click();
  await page.getByTestId('ticket-row').first().waitFor();
  const frames = await page.getByRole('grid', { name: 'Tickets' }).evaluate(async (grid) => {
    const deltas = [];
    let last = performance.now();
    for (let i = 0; i < 240; i++) {
      grid.scrollTop += 1500;
      await new Promise((r) => requestAnimationFrame(r));
      const now = performance.now();
      deltas.push(now - last);
      last = now;
    }
    return { deltas, rowsInDom: grid.querySelectorAll('[data-testid="ticket-row"]').length };
  });
  // Heap after a full garbage collection, so the figure is what the app keeps, not litter.
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await page.evaluate(() => performance.memory?.usedJSHeapSize ?? null);
  const report = {
    date: new Date().toISOString(),
    machine: { cores: (await import('node:os')).cpus().length, node: process.version },
    ...data,
    ui: {
      firstStartWithoutSnapshot: {
        toFirstRowsMs: Math.round(firstStart.first),
        toFullListMs: Math.round(firstStart.full),
      },
      laterStartsListSource: [...sources],
      coldStartToFirstRowsMs: summarize(ui.coldStartToFirstRowsMs),
      coldStartToFullListMs: summarize(ui.coldStartToFullListMs),
      openTicketMs: summarize(ui.openTicketMs),
      scrollFrameMs: { ...summarize(frames.deltas), rowsInDom: frames.rowsInDom },
      jsHeapBytesWithFullListAfterGc: heap,
    },
  };
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(report, null, 2));
  console.info(JSON.stringify(report, null, 2));
  console.info(`Report written to ${out}`);
} finally {
  await context.close();
  server.close();
  rmSync(profile, { recursive: true, force: true });
}

runSyncBenches();
