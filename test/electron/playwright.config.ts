import { defineConfig } from '@playwright/test';

/**
 * The desktop shell end to end, through Playwright's Electron driver. It needs Electron's own
 * binary, which the build machines cannot download, so it runs only with `npm run test:electron`
 * on a machine that has it, and never as part of `npm test`. The specs skip themselves, with
 * the reason, where the binary is missing.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
});
