// Finds the Electron executable without loading the `electron` package: its index.js starts a
// download from GitHub when the binary is missing, and GitHub is unreachable on the build
// machines. Callers (start script, packaging checks) skip desktop steps when this returns null.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * @param {string} [root] repository root holding node_modules (defaults to this repo)
 * @returns {string | null} absolute path of the Electron binary, or null when not installed
 */
export function electronBinaryPath(root = repoRoot) {
  const packageDir = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  if (relative === '') return null;
  const distDir = path.join(packageDir, 'dist');
  const executable = path.resolve(distDir, relative);
  // path.txt is a file we did not write: do not follow it outside node_modules/electron/dist.
  const inside = path.relative(distDir, executable);
  if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) return null;
  try {
    return statSync(executable).isFile() ? executable : null;
  } catch {
    return null;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const found = electronBinaryPath();
  console.log(found ?? 'Electron binary not installed');
  process.exitCode = found ? 0 : 1;
}
