// The packaged shell's promises, checked on a real Electron: sandboxed window on app://outpost,
// the strict CSP, refused navigation and windows, the preload API, the menu, the single-instance
// lock. Run with `npm run test:electron` (it builds first); needs Electron's binary.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { electronBinaryPath } from '../../scripts/electron-available.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const binary = electronBinaryPath();

test.skip(binary === null, "Electron's binary is not installed on this machine (see STACK-NOTES).");

let userData: string;
let app: ElectronApplication;
let page: Page;

/** Page code sees browser globals; this suite type-checks against Node's lib only. */
type PageGlobals = {
  outpost?: Record<string, unknown>;
  require?: unknown;
  process?: unknown;
  open: (url: string) => unknown;
  location: { href: string };
};
// page.evaluate serializes its callback, so each one casts globalThis itself (a type-only step)
// instead of calling a helper that would not exist in the page.

async function launch(dataDir: string): Promise<ElectronApplication> {
  return electron.launch({
    executablePath: binary ?? undefined,
    args: [root, `--user-data-dir=${dataDir}`],
    cwd: root,
    env: { ...process.env, OUTPOST_DEV_URL: '' },
  });
}

test.beforeAll(async () => {
  userData = await mkdtemp(path.join(os.tmpdir(), 'outpost-electron-'));
  app = await launch(userData);
  page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
});

test.afterAll(async () => {
  await app?.close();
  await rm(userData, { recursive: true, force: true });
});

test('opens one sandboxed, isolated window on app://outpost', async () => {
  expect(page.url()).toBe('app://outpost/index.html');
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  // Context isolation and the sandbox leave page code without any Node or Electron global.
  const leaks = await page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals;
    return { require: typeof g.require, process: typeof g.process };
  });
  expect(leaks).toEqual({ require: 'undefined', process: 'undefined' });
});

test('exposes exactly the contract API', async () => {
  const keys = await page.evaluate(() =>
    Object.keys((globalThis as unknown as PageGlobals).outpost ?? {}).sort(),
  );
  expect(keys).toContain('isDesktop');
  expect(keys).toContain('showNotification');
  expect(keys).toContain('on');
  expect(keys).not.toContain('invoke');
  expect(keys).not.toContain('ipcRenderer');
});

test('blocks connections to anything but the app and the configured sync servers', async () => {
  // No sign-in yet: connect-src is 'self' alone, so the policy itself refuses the request.
  const violation = await page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        type Violation = { violatedDirective: string; blockedURI: string };
        const doc = (
          globalThis as unknown as {
            document: { addEventListener: (t: string, l: (e: Violation) => void) => void };
          }
        ).document;
        doc.addEventListener('securitypolicyviolation', (e) =>
          resolve(`${e.violatedDirective} ${e.blockedURI}`),
        );
        void fetch('https://example.org/').catch(() => undefined);
      }),
  );
  expect(violation).toMatch(/^connect-src https:\/\/example\.org/);
});

test('refuses window.open and navigation away from the app', async () => {
  const windowsBefore = app.windows().length;
  const opened = await page.evaluate(
    () => (globalThis as unknown as PageGlobals).open('https://example.org/') === null,
  );
  expect(opened).toBe(true);
  await page.evaluate(() => {
    (globalThis as unknown as PageGlobals).location.href = 'https://example.org/';
  });
  await expect.poll(() => page.url()).toMatch(/^app:\/\/outpost\//);
  expect(app.windows().length).toBe(windowsBefore);
});

test('installs the native menu with the app commands', async () => {
  const ids = await app.evaluate(({ Menu }) => {
    const found: string[] = [];
    const walk = (items: Electron.MenuItem[]) => {
      for (const item of items) {
        if (item.id) found.push(item.id);
        if (item.submenu) walk(item.submenu.items);
      }
    };
    walk(Menu.getApplicationMenu()?.items ?? []);
    return found;
  });
  expect(ids).toEqual(expect.arrayContaining(['new-ticket', 'palette', 'settings', 'backup-now']));
});

test('a second instance on the same profile quits and leaves one window', async () => {
  const second = await launch(userData);
  await expect.poll(() => second.process().exitCode, { timeout: 20_000 }).not.toBeNull();
  expect(app.windows()).toHaveLength(1);
});
