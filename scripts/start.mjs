// `npm start`: builds what is stale, starts the embedded sync server (unless --no-sync-server or
// OUTPOST_SYNC_URL names a remote one), then opens Outpost in Electron when its binary is
// present, otherwise says so in one line and serves the same app in browser mode.
// `npm run web` (--web) always serves browser mode.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { electronBinaryPath } from './electron-available.mjs';
import { startStaticServer } from './serve.mjs';

const args = process.argv.slice(2);
const webOnly = args.includes('--web');
const portArg = args.indexOf('--port');
const port = Number(portArg >= 0 ? args[portArg + 1] : (process.env.OUTPOST_PORT ?? 5190));
const syncPortArg = args.indexOf('--sync-port');
const syncPort = Number(syncPortArg >= 0 ? args[syncPortArg + 1] : (process.env.OUTPOST_SYNC_PORT ?? 5984));
const withSyncServer = !args.includes('--no-sync-server') && !process.env.OUTPOST_SYNC_URL;

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

/**
 * The embedded sync server as a child process (its own supervisor restarts it if it dies). The
 * first start of the data folder creates the admin and the demo team and prints their
 * passwords once; later starts print only where it listens.
 */
function startSyncServer() {
  const flags = ['--port', String(syncPort), '--data', '.outpost-server', '--provision-demo'];
  for (const origin of [`http://127.0.0.1:${port}`, `http://localhost:${port}`])
    flags.push('--cors-origin', origin);
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...flags], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = new Promise((resolve) => {
    let buffered = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      buffered += chunk.toString();
      if (buffered.includes('Outpost sync server listening on ')) resolve(true);
    });
    child.on('exit', () => resolve(false));
  });
  const stop = () => {
    if (child.exitCode === null) child.kill('SIGTERM');
  };
  process.on('exit', stop);
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      stop();
      process.exit(0);
    });
  }
  return ready;
}

if (withSyncServer && !(await startSyncServer())) {
  console.error(
    `The embedded sync server did not start (is port ${syncPort} taken? try --sync-port <n>). Outpost still works on this device; sync stays off.`,
  );
}

const electron = webOnly ? null : electronBinaryPath();
if (electron) {
  const child = spawn(electron, ['.'], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  // OUTPOST_RENDERER_DIR serves another build of the renderer (parallel test runs on one machine).
  const root = process.env.OUTPOST_RENDERER_DIR || 'dist/renderer';
  const csp = readFileSync(`${root}/csp.txt`, 'utf8');
  await startStaticServer({ root, port, csp });
  const url = `http://127.0.0.1:${port}/`;
  console.info(
    webOnly
      ? `Outpost (browser mode) is running at ${url} — open it in Chromium. Ctrl+C stops it.`
      : `Electron's binary is not available on this machine (it could not be downloaded), so Outpost runs in browser mode at ${url} — open it in Chromium. Ctrl+C stops it.`,
  );
}
