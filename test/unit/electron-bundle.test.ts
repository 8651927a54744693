// Builds main and preload with vite.electron.config.ts into a temp folder and checks the one
// property nothing else would catch before a real Electron run: the sandboxed preload is a
// single file whose only require is 'electron'.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBuilder } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let outDir: string;

beforeAll(async () => {
  outDir = await mkdtemp(path.join(os.tmpdir(), 'outpost-electron-bundle-'));
  const build = { outDir, emptyOutDir: false };
  const builder = await createBuilder({
    root,
    configFile: path.join(root, 'vite.electron.config.ts'),
    logLevel: 'silent',
    environments: { main: { build }, preload: { build } },
  });
  await builder.buildApp();
}, 60_000);
afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

const requires = (code: string) =>
  [...code.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]);

describe('electron bundles', () => {
  it('emits exactly main.cjs and preload.cjs', async () => {
    expect((await readdir(outDir)).sort()).toEqual(['main.cjs', 'preload.cjs']);
  });

  it('leaves only electron to require in the preload', async () => {
    const preload = await readFile(path.join(outDir, 'preload.cjs'), 'utf8');
    expect(new Set(requires(preload))).toEqual(new Set(['electron']));
    expect(preload).not.toMatch(/\brequire\(\s*[^"'`\s]/); // no computed requires either
    expect(preload).toContain('exposeInMainWorld');
  });

  it('keeps main to electron and Node built-ins', async () => {
    const main = await readFile(path.join(outDir, 'main.cjs'), 'utf8');
    for (const name of requires(main))
      expect(name === 'electron' || name?.startsWith('node:'), name).toBe(true);
  });
});
