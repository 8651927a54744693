// Shared by `npm run bench` and `npm run seed`: serve the built app on loopback and drive it in
// Debian's Chromium through Playwright (Playwright's own browser download is not reachable here).
import { existsSync, readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { startStaticServer } from '../serve.mjs';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-precise-memory-info',
];

export function chromiumPath() {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
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
    args: CHROMIUM_ARGS,
    viewport: { width: 1440, height: 900 },
  });
}

export function argValue(args, name, fallback) {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
}
