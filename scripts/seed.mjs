// `npm run seed -- --tickets 100000 [--profile .outpost-profile] [--port 5190]`
// Fills a browser-mode replica with generated tickets by driving the app's own Demo data panel,
// so the documents go through the same data layer as everything a user does.
import { resolve } from 'node:path';
import { argValue, launchPersistent, serveBuiltApp } from './lib/browser.mjs';

const args = process.argv.slice(2);
const tickets = Number(argValue(args, '--tickets', '10000'));
const profile = resolve(argValue(args, '--profile', '.outpost-profile'));
const port = Number(argValue(args, '--port', '5190'));
if (!Number.isInteger(tickets) || tickets < 1 || tickets > 500_000) {
  console.error('--tickets must be a whole number between 1 and 500000');
  process.exit(2);
}

const { server, url } = await serveBuiltApp(port);
const context = await launchPersistent(profile);
try {
  const page = await context.newPage();
  await page.goto(`${url}#/settings`);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 120_000 });
  await page.getByLabel('Tickets to add').fill(String(tickets));
  await page.getByTestId('generate-tickets').click();
  const result = page.getByTestId('generate-result').or(page.getByRole('alert'));
  await result.waitFor({ timeout: 30 * 60_000 });
  console.info(await result.textContent());
  // IndexedDB belongs to an origin: the replica is seen from this same address only.
  const web = port === 5190 ? 'npm run web' : `npm run web -- --port ${port}`;
  console.info(`Replica in ${profile}. To use it: ${web}, then chromium --user-data-dir=${profile} ${url}`);
} finally {
  await context.close();
  server.close();
}
