import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { electronBinaryPath } from '../../scripts/electron-available.mjs';

let root: string;
let packageDir: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'outpost-electron-'));
  packageDir = path.join(root, 'node_modules', 'electron');
  await mkdir(path.join(packageDir, 'dist'), { recursive: true });
  // Loading the package would throw: the function must only read files.
  await writeFile(path.join(packageDir, 'index.js'), "throw new Error('electron package loaded');");
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('electronBinaryPath', () => {
  it('is null when the binary was never downloaded', async () => {
    expect(electronBinaryPath(root)).toBeNull();
    await writeFile(path.join(packageDir, 'path.txt'), 'electron');
    expect(electronBinaryPath(root)).toBeNull();
  });

  it('returns the binary named by path.txt', async () => {
    await writeFile(path.join(packageDir, 'path.txt'), 'electron');
    await writeFile(path.join(packageDir, 'dist', 'electron'), '');
    expect(electronBinaryPath(root)).toBe(path.join(packageDir, 'dist', 'electron'));
  });

  it('does not follow path.txt outside node_modules/electron/dist', async () => {
    await writeFile(path.join(root, 'evil'), '');
    await writeFile(path.join(packageDir, 'path.txt'), '../../../evil');
    expect(electronBinaryPath(root)).toBeNull();
  });

  it('answers for this repository without downloading anything', () => {
    const found = electronBinaryPath();
    expect(found === null || found.includes(path.join('node_modules', 'electron', 'dist'))).toBe(true);
  });
});
