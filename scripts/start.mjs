// `npm start`: builds what is stale, then opens Outpost in Electron when its binary is present,
// otherwise says so in one line and serves the same app in browser mode. `npm run web` (--web)
// always serves browser mode.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { electronBinaryPath } from './electron-available.mjs';
import { startStaticServer } from './serve.mjs';

const args = process.argv.slice(2);
const webOnly = args.includes('--web');
const portArg = args.indexOf('--port');
const port = Number(portArg >= 0 ? args[portArg + 1] : (process.env.OUTPOST_PORT ?? 5190));

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function buildIfStale() {
  const marker = 'dist/renderer/index.html';
  const electronMarker = 'dist-electron/main.cjs';
  const sources = Math.max(...['renderer', 'shared', 'electron'].map(newestMtime));
  const built =
    existsSync(marker) && existsSync(electronMarker)
      ? Math.min(statSync(marker).mtimeMs, statSync(electronMarker).mtimeMs)
      : 0;
  if (built > sources) return;
  console.info('Building Outpost…');
  const result = spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('Build failed; see the errors above.');
    process.exit(result.status ?? 1);
  }
}

if (!args.includes('--no-build')) buildIfStale();

const electron = webOnly ? null : electronBinaryPath();
if (electron) {
  const child = spawn(electron, ['.'], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  const csp = readFileSync('dist/renderer/csp.txt', 'utf8');
  await startStaticServer({ root: 'dist/renderer', port, csp });
  const url = `http://127.0.0.1:${port}/`;
  console.info(
    webOnly
      ? `Outpost (browser mode) is running at ${url} — open it in Chromium. Ctrl+C stops it.`
      : `Electron's binary is not available on this machine (it could not be downloaded), so Outpost runs in browser mode at ${url} — open it in Chromium. Ctrl+C stops it.`,
  );
}
