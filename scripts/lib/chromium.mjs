// Debian's Chromium, as the E2E tests, the benchmark and the seed script launch it. Playwright's
// own browser download is not reachable on our machines. The networking flags stop Chromium's
// background connections, which this closed network refuses many at a time.
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
