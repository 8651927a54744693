// Shared by `npm run bench` and `npm run seed`: serve the built app on loopback and drive it in
// Debian's Chromium through Playwright (Playwright's own browser download is not reachable here).
import { existsSync, readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { startStaticServer } from '../serve.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';

export function chromiumPath() {
  const path = CHROMIUM_PATH;
  if (!existsSync(path)) {
    console.error(
      `Chromium not found at ${path}. Install it (apt-get install -y chromium) or set CHROMIUM_PATH.`,
    );
    process.exit(1);
  }
  return path;
}

export async function serveBuiltApp(port) {
  if (!existsSync('dist/renderer/index.html')) {
    console.error('The app is not built yet: run `npm run build` first.');
    process.exit(1);
  }
  const csp = readFileSync('dist/renderer/csp.txt', 'utf8');
  const server = await startStaticServer({ root: 'dist/renderer', port, csp });
  return { server, url: `http://127.0.0.1:${server.address().port}/` };
}

export async function launchPersistent(profileDir) {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath(),
    headless: true,
    // Precise memory numbers for the benchmark's heap readings.
    args: [...CHROMIUM_ARGS, '--enable-precise-memory-info'],
    viewport: { width: 1440, height: 900 },
  });
}

export function argValue(args, name, fallback) {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
}
