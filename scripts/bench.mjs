// `npm run bench [-- --tickets 100000 --runs 25 --out bench-results/latest.json]`
//   --sync-docs 10000,100000   sync throughput sizes (bench-results/sync.json); --skip-sync, --only-sync
//   --search-cis 20000 --search-articles 5000   search index on the same replica (--search-out, default
//   bench-results/search.json);
//   --skip-search, --only-search (fills its own replica); --renderer-dir dist/renderer for the search part;
//   --search-profile DIR --search-port N keep the --only-search replica in DIR for later runs (IndexedDB
//   belongs to an origin: reuse needs the same port)
//   --fc-runs 1000             randomized sync schedules on the real engine (and 50x on the model)
//   --only-kpi, --skip-kpi     KPI folding and dashboard passes, and the first load in Chromium (--kpi-tickets N)
// Functions passed to page.evaluate / waitForFunction run in the browser page.
/* global window, document, performance, location, requestAnimationFrame */
// Builds nothing: run `npm run build` first. Fills a fresh replica with N tickets through the data
// layer (bench.html), times the data layer, then times the real app UI on that replica.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { chromium } from '@playwright/test';
import { argValue, chromiumPath, launchPersistent, serveBuiltApp } from './lib/browser.mjs';
import { CHROMIUM_ARGS } from './lib/chromium.mjs';
import { startStaticServer } from './serve.mjs';

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

/**
 * KPI section: the computation (scripts/bench-kpi.ts, pure code on a generated desk,
 * bench-results/kpi.json), then the projection's first load in Chromium (kpi-bench.html, a
 * replica of --kpi-tickets tickets with their timelines, bench-results/kpi-load.json).
 * --only-kpi runs nothing else, --skip-kpi leaves it out; --renderer-dir picks the build.
 */
async function runKpiBench() {
  if (args.includes('--skip-kpi') || args.some((a) => a.startsWith('--only-') && a !== '--only-kpi')) return;
  const kpi = spawnSync(
    process.execPath,
    [
      '--expose-gc',
      '--import',
      'tsx',
      'scripts/bench-kpi.ts',
      '--tickets',
      String(tickets),
      '--runs',
      String(runs),
    ],
    { stdio: 'inherit' },
  );
  if (kpi.status !== 0) process.exitCode = 1;
  const root = argValue(args, '--renderer-dir', 'dist/renderer');
  const server = await startStaticServer({ root, port: 0, csp: readFileSync(join(root, 'csp.txt'), 'utf8') });
  const dir = mkdtempSync(join(tmpdir(), 'outpost-kpi-bench-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: chromiumPath(),
    headless: true,
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await context.newPage();
    page.on('console', (m) => m.text().startsWith('bench:') && console.info(m.text()));
    page.on('pageerror', (e) => console.error('page error:', e.message));
    const count = argValue(args, '--kpi-tickets', String(tickets));
    await page.goto(`http://127.0.0.1:${server.address().port}/kpi-bench.html?tickets=${count}`);
    const handle = await page.waitForFunction(() => window.__benchResult, null, {
      timeout: 60 * 60_000,
      polling: 1000,
    });
    const data = await handle.jsonValue();
    if (data.error) throw new Error(`kpi bench page failed: ${data.error}`);
    const report = { date: new Date().toISOString(), ...data };
    mkdirSync('bench-results', { recursive: true });
    writeFileSync('bench-results/kpi-load.json', JSON.stringify(report, null, 2));
    console.info(JSON.stringify(report, null, 2));
    console.info('Report written to bench-results/kpi-load.json');
  } finally {
    await context.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (args.includes('--only-kpi')) {
  await runKpiBench();
  process.exit(process.exitCode ?? 0);
}
await runKpiBench();

if (args.includes('--only-sync')) {
  runSyncBenches();
  process.exit(process.exitCode ?? 0);
}

/**
 * The search index (search-bench.html) on a replica of `tickets` tickets plus generated CIs and
 * articles, then the real app's start to a ready index. Chromium runs with --expose-gc so heap
 * figures are taken after a full collection. Reuses `profileDir` when it already holds a replica.
 */
async function runSearchBench(profileDir) {
  const root = argValue(args, '--renderer-dir', 'dist/renderer');
  const cis = Number(argValue(args, '--search-cis', '20000'));
  const articles = Number(argValue(args, '--search-articles', '5000'));
  const csp = readFileSync(join(root, 'csp.txt'), 'utf8');
  const server = await startStaticServer({ root, port: Number(argValue(args, '--search-port', '0')), csp });
  const url = `http://127.0.0.1:${server.address().port}/`;
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath(),
    headless: true,
    args: [...CHROMIUM_ARGS, '--enable-precise-memory-info', '--js-flags=--expose-gc'],
    viewport: { width: 1440, height: 900 },
  });
  try {
    const page = await context.newPage();
    page.on('console', (m) => m.text().startsWith('bench:') && console.info(m.text()));
    page.on('pageerror', (e) => console.error('page error:', e.message));
    console.info(`Search: ${tickets.toLocaleString()} tickets, ${cis} CIs, ${articles} articles…`);
    await page.goto(
      `${url}search-bench.html?tickets=${tickets}&cis=${cis}&articles=${articles}&runs=5&multiInstance=${multiInstance}`,
    );
    const handle = await page.waitForFunction(() => window.__benchResult, null, {
      timeout: 60 * 60_000,
      polling: 500,
    });
    const data = await handle.jsonValue();
    if (data.error) throw new Error(`search bench page failed: ${data.error}`);

    // The app itself, started with its saved index: navigation start to a searchable index.
    const readMark = () =>
      page.evaluate(() => performance.getEntriesByName('outpost:search-ready')[0]?.startTime ?? null);
    const readStart = () =>
      page.evaluate(() => {
        const at = (name) => performance.getEntriesByName(name)[0];
        const span = (name) =>
          at(name) ? [Math.round(at(name).startTime), Math.round(at(name).duration)] : null;
        return {
          requested: at('outpost:search-start')?.startTime ?? null,
          read: span('outpost:search-read'),
          readSegments: span('outpost:search-read-segments'),
          readChanges: span('outpost:search-read-changes'),
          restore: span('outpost:search-restore'),
          replay: span('outpost:search-replay'),
          source: document.documentElement.dataset.searchSource ?? null,
        };
      });
    await page.goto(`${url}#/search?q=printer`);
    await page.waitForSelector('html[data-search-ready="true"]', { timeout: 300_000 });
    // The first app start may build the list snapshot; starts after it are the steady state.
    await page.waitForSelector('html[data-rows-ready="true"]', { timeout: 300_000 });
    // A list read in full is saved as a snapshot once writes go quiet: later starts use it.
    if ((await page.evaluate(() => document.documentElement.dataset.rowsSource)) === 'full') {
      await page.waitForSelector('html[data-rows-snapshot-saved]', { timeout: 300_000 });
    }
    const appStartMs = [];
    const indexOpenedAtMs = [];
    const phases = [];
    for (let i = 0; i < 5; i++) {
      await page.reload();
      await page.waitForSelector('html[data-search-ready="true"]', { timeout: 120_000 });
      appStartMs.push(await readMark());
      const phase = await readStart();
      indexOpenedAtMs.push(phase.requested);
      phases.push(phase);
    }
    const hits = await page.getByTestId('search-hit').count();
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const appHeap = await page.evaluate(() => performance.memory?.usedJSHeapSize ?? null);
    const report = {
      date: new Date().toISOString(),
      machine: { cores: (await import('node:os')).cpus().length, node: process.version },
      ...data,
      app: {
        startToSearchReadyMs: summarize(appStartMs),
        // When the app asked for the index (the database is open and the first screen renders).
        startToIndexRequestedMs: summarize(indexOpenedAtMs),
        // [start, duration] of reading the saved index, rebuilding it in memory, replaying changes.
        phases,
        hitsShownForPrinter: hits,
        jsHeapBytesAfterGc: appHeap,
      },
    };
    const searchOut = argValue(args, '--search-out', 'bench-results/search.json');
    mkdirSync(dirname(searchOut), { recursive: true });
    writeFileSync(searchOut, JSON.stringify(report, null, 2));
    console.info(JSON.stringify(report, null, 2));
    console.info(`Report written to ${searchOut}`);
  } finally {
    await context.close();
    server.close();
  }
}

function summarize(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
  const r = (n) => Math.round(n * 100) / 100;
  return { runs: s.length, median: r(at(0.5)), p95: r(at(0.95)), min: r(s[0]), max: r(s.at(-1)) };
}

if (args.includes('--only-search')) {
  const kept = argValue(args, '--search-profile', null);
  const own = kept ?? mkdtempSync(join(tmpdir(), 'outpost-search-bench-'));
  try {
    await runSearchBench(own);
  } finally {
    if (!kept) rmSync(own, { recursive: true, force: true });
  }
  process.exit(process.exitCode ?? 0);
}

/**
 * CMDB section (cmdb-bench.html): a generated CMDB of --cmdb-cis CIs (20000) and --cmdb-relations
 * relations (60000) in its own replica; impact analysis, loading, and a --cmdb-rows (10000) CSV
 * preview. Writes bench-results/cmdb.json. --only-cmdb runs nothing else, --skip-cmdb leaves it
 * out; --renderer-dir picks the build (dist/renderer). Returns true when nothing else should run.
 */
async function runCmdbBench() {
  // Another section asked to run alone, or this one is left out.
  if (args.includes('--skip-cmdb') || args.some((a) => a.startsWith('--only-') && a !== '--only-cmdb'))
    return false;
  const { chromium: browser } = await import('@playwright/test');
  const { startStaticServer: serve } = await import('./serve.mjs');
  const { CHROMIUM_ARGS: chromiumArgs } = await import('./lib/chromium.mjs');
  const { chromiumPath: findChromium } = await import('./lib/browser.mjs');
  const { readFileSync: read } = await import('node:fs');
  const root = argValue(args, '--renderer-dir', 'dist/renderer');
  const query = new URLSearchParams({
    cis: argValue(args, '--cmdb-cis', '20000'),
    relations: argValue(args, '--cmdb-relations', '60000'),
    rows: argValue(args, '--cmdb-rows', '10000'),
    runs: String(runs),
  });
  const server = await serve({ root, port: 0, csp: read(join(root, 'csp.txt'), 'utf8') });
  const dir = mkdtempSync(join(tmpdir(), 'outpost-cmdb-bench-'));
  const context = await browser.launchPersistentContext(dir, {
    executablePath: findChromium(),
    headless: true,
    args: chromiumArgs,
  });
  try {
    const page = await context.newPage();
    page.on('console', (m) => m.text().startsWith('bench:') && console.info(m.text()));
    page.on('pageerror', (e) => console.error('page error:', e.message));
    console.info(
      `CMDB: ${query.get('cis')} CIs, ${query.get('relations')} relations, ${query.get('rows')}-row CSV…`,
    );
    await page.goto(`http://127.0.0.1:${server.address().port}/cmdb-bench.html?${query}`);
    const handle = await page.waitForFunction(() => window.__benchResult, null, {
      timeout: 30 * 60_000,
      polling: 500,
    });
    const data = await handle.jsonValue();
    if (data.error) throw new Error(`cmdb bench page failed: ${data.error}`);
    const report = {
      date: new Date().toISOString(),
      machine: { cores: (await import('node:os')).cpus().length, node: process.version },
      ...data,
    };
    mkdirSync('bench-results', { recursive: true });
    writeFileSync('bench-results/cmdb.json', JSON.stringify(report, null, 2));
    console.info(JSON.stringify(report, null, 2));
    console.info('Report written to bench-results/cmdb.json');
  } finally {
    await context.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return args.includes('--only-cmdb');
}

/* global KeyboardEvent, MutationObserver, URLSearchParams */
/**
 * Audit section (audits-bench.html, then the real audit page): a CMDB of --audit-cis tagged CIs
 * (20000) and a running campaign in the app's own replica; times the scan path's parts, then
 * scans --audit-scans codes (60) on the real page as a keyboard-wedge scanner does and times
 * Enter -> result in the DOM -> next frame, and -> scan stored and listed. Writes
 * bench-results/audits.json. --only-audits runs nothing else, --skip-audits leaves it out.
 */
async function runAuditsBench() {
  const otherOnly = args.some((a) => a.startsWith('--only-') && a !== '--only-audits');
  if (args.includes('--skip-audits') || otherOnly) return false;
  const { chromium: browser } = await import('@playwright/test');
  const { startStaticServer: serve } = await import('./serve.mjs');
  const { CHROMIUM_ARGS: chromiumArgs } = await import('./lib/chromium.mjs');
  const { chromiumPath: findChromium } = await import('./lib/browser.mjs');
  const root = argValue(args, '--renderer-dir', 'dist/renderer');
  const uiScans = Number(argValue(args, '--audit-scans', '60'));
  const query = new URLSearchParams({ cis: argValue(args, '--audit-cis', '20000'), runs: String(runs) });
  const server = await serve({ root, port: 0, csp: readFileSync(join(root, 'csp.txt'), 'utf8') });
  const base = `http://127.0.0.1:${server.address().port}/`;
  const dir = mkdtempSync(join(tmpdir(), 'outpost-audits-bench-'));
  const context = await browser.launchPersistentContext(dir, {
    executablePath: findChromium(),
    headless: true,
    args: chromiumArgs,
    viewport: { width: 1440, height: 900 },
  });
  try {
    const page = await context.newPage();
    page.on('console', (m) => m.text().startsWith('bench:') && console.info(m.text()));
    page.on('pageerror', (e) => console.error('page error:', e.message));
    console.info(`Audits: ${query.get('cis')} CIs, a running campaign, ${uiScans} scans on the page…`);
    await page.goto(`${base}audits-bench.html?${query}`);
    const handle = await page.waitForFunction(() => window.__benchResult, null, {
      timeout: 30 * 60_000,
      polling: 500,
    });
    const { uiTags, ...data } = await handle.jsonValue();
    if (data.error) throw new Error(`audits bench page failed: ${data.error}`);

    await page.goto(`${base}#/audits/${data.auditId}`);
    await page.getByText('Scanner ready: scan anywhere on this page').waitFor({ timeout: 120_000 });
    const tags = Array.from({ length: uiScans + 3 }, (_, i) => uiTags[i % uiTags.length]);
    const timings = await page.evaluate(async (codes) => {
      const waitFor = (check) =>
        new Promise((resolve, reject) => {
          if (check()) return resolve();
          const t0 = performance.now();
          const observer = new MutationObserver(() => {
            if (check()) {
              observer.disconnect();
              resolve();
            } else if (performance.now() - t0 > 30_000) {
              observer.disconnect();
              reject(new Error('timed out waiting for the scan'));
            }
          });
          observer.observe(document.body, {
            subtree: true,
            childList: true,
            attributes: true,
            characterData: true,
          });
        });
      const listed = () => {
        const text = document.querySelector('[aria-label="Recent scans"]')?.textContent ?? '';
        return Number(/Recent scans \((\d+)\)/.exec(text)?.[1] ?? 0);
      };
      const out = { inDom: [], nextFrame: [], stored: [], results: {} };
      for (let i = 0; i < codes.length; i++) {
        const before = listed();
        // A scanner's keys: synthetic events are stamped as they are made, microseconds apart.
        for (const key of codes[i])
          document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
        const t0 = performance.now();
        document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
        const selector = `[data-testid="scan-result"][data-seq="${i + 1}"]`;
        await waitFor(() => document.querySelector(selector));
        const inDom = performance.now() - t0;
        await new Promise((r) => requestAnimationFrame(r));
        const nextFrame = performance.now() - t0;
        await waitFor(() => listed() > before);
        const stored = performance.now() - t0;
        const result = document.querySelector(selector)?.getAttribute('data-result') ?? '?';
        if (i >= 3) {
          out.inDom.push(inDom);
          out.nextFrame.push(nextFrame);
          out.stored.push(stored);
          out.results[result] = (out.results[result] ?? 0) + 1;
        }
      }
      return out;
    }, tags);
    const report = {
      date: new Date().toISOString(),
      machine: { cores: (await import('node:os')).cpus().length, node: process.version },
      ...data,
      ui: {
        scans: timings.inDom.length,
        results: timings.results,
        enterToResultInDomMs: summarize(timings.inDom),
        enterToResultNextFrameMs: summarize(timings.nextFrame),
        enterToScanStoredAndListedMs: summarize(timings.stored),
      },
    };
    mkdirSync('bench-results', { recursive: true });
    writeFileSync('bench-results/audits.json', JSON.stringify(report, null, 2));
    console.info(JSON.stringify(report, null, 2));
    console.info('Report written to bench-results/audits.json');
  } finally {
    await context.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return args.includes('--only-audits');
}

if (await runAuditsBench()) process.exit(process.exitCode ?? 0);
if (await runCmdbBench()) process.exit(process.exitCode ?? 0);
const profile = mkdtempSync(join(tmpdir(), 'outpost-bench-'));
let filledProfile = null;
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
  filledProfile = profile;
} finally {
  await context.close();
  server.close();
  try {
    // The search section reuses the filled replica rather than loading 100k tickets again.
    if (filledProfile && !args.includes('--skip-search')) await runSearchBench(filledProfile);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

runSyncBenches();
