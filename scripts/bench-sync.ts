// `npm run bench -- --sync` (or `npx tsx scripts/bench-sync.ts --docs 10000,100000`)
// Sync throughput against the embedded server: a real server process, the built sync-bench page
// in Chromium, the real engine. Pull = an empty replica catches up with N ticket documents;
// push = N tickets edited offline reach the server. Build first (`npm run build`).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { generateTeam, generateTickets } from '../shared/demo/generator';
import { toWire } from '../shared/sync/wire';
import { couchRequest, createTestTeam, startTestServer, uniqueName } from '../test/server/harness';
import type { SyncBenchResult } from '../renderer/bench/sync';
import { argValue, launchPersistent, serveBuiltApp } from './lib/browser.mjs';

const SEED = 20261128;
const args = process.argv.slice(2);
const sizes = argValue(args, '--docs', '10000,100000')
  .split(',')
  .map((n: string) => Number(n));

type Result = SyncBenchResult;

export async function benchSync(): Promise<Result[]> {
  const { server: web, url } = await serveBuiltApp(0);
  const origin = new URL(url).origin;
  const couch = await startTestServer({ corsOrigins: [origin] });
  const profile = mkdtempSync(join(tmpdir(), 'outpost-sync-bench-'));
  const context = await launchPersistent(profile);
  const results: Result[] = [];
  try {
    const team = generateTeam(SEED);
    const agent = team.people.find((p) => p.personKind === 'user' && p.roles.includes('agent'));
    if (!agent) throw new Error('The demo team has no agent.');
    for (const docs of sizes) {
      const db = uniqueName('bench');
      const user = {
        name: `${db}-agent`,
        password: uniqueName('pw'),
        role: 'agent' as const,
        personId: agent.id,
      };
      await createTestTeam(couch, { db, users: [user] });
      console.info(`Loading ${docs.toLocaleString()} tickets into the server…`);
      for (let start = 0; start < docs; start += 2000) {
        const count = Math.min(2000, docs - start);
        const { tickets } = generateTickets(SEED, team, {
          start,
          count,
          now: Date.now(),
          deviceId: 'BNCH',
          withActivities: false,
          spanDays: 365,
        });
        const res = await couchRequest(couch.url, `/${db}/_bulk_docs`, {
          method: 'POST',
          as: couch.admin,
          body: { docs: tickets.map((t) => toWire(t, false)) },
        });
        if (res.status >= 300) throw new Error(`Loading failed: ${res.status}`);
      }
      const page = await context.newPage();
      page.on('console', (m) => m.text().startsWith('bench:') && console.info(m.text()));
      page.on('pageerror', (e) => console.error('page error:', e.message));
      const query = new URLSearchParams({
        server: couch.url,
        db,
        user: user.name,
        password: user.password,
        docs: String(docs),
        ...(args.includes('--trace') ? { trace: '1' } : {}),
      });
      await page.goto(`${url}sync-bench.html?${query}`);
      const handle = await page.waitForFunction(
        () => (window as { __syncBenchResult?: unknown }).__syncBenchResult,
        null,
        {
          timeout: 60 * 60_000,
          polling: 500,
        },
      );
      const result = (await handle.jsonValue()) as Result | { error: string };
      await page.close();
      if ('error' in result) throw new Error(`sync bench page failed: ${result.error}`);
      console.info(
        `sync ${docs}: pull ${result.pullDocsPerSec} docs/s (${result.pullMs} ms), push ${result.pushDocsPerSec} docs/s (${result.pushMs} ms), ${result.requests} requests`,
      );
      results.push(result);
    }
  } finally {
    await context.close();
    await couch.stop();
    web.close();
    rmSync(profile, { recursive: true, force: true });
  }
  return results;
}

const out = argValue(args, '--out', 'bench-results/sync.json');
const results = await benchSync();
const report = { date: new Date().toISOString(), sync: results };
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(report, null, 2));
console.info(JSON.stringify(report, null, 2));
console.info(`Report written to ${out}`);
