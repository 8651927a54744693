// electron-builder cannot build installers offline, but it checks its configuration against
// app-builder-lib/scheme.json before anything else: do the same check here, with the same
// validator library (ajv 8) it uses. The icon sets it packs are checked as files.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import {
  ICNS_TYPES,
  icnsFromPngs,
  icoFromPngs,
  pngSize,
  readIcns,
  readIco,
} from '../../scripts/lib/icons.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// js-yaml (pulled in by electron-builder) ships no types; its load() is all we need.
const yaml = createRequire(import.meta.url)('js-yaml') as { load: (text: string) => unknown };

const schema = JSON.parse(
  readFileSync(path.join(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8'),
) as object;
const configText = readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');
const config = yaml.load(configText) as Record<string, unknown>;
const buildDir = path.join(root, 'build');

// strict: false as electron-builder does: the scheme uses keywords ajv's strict mode rejects.
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

function errorsOf(value: unknown): string[] {
  return validate(value)
    ? []
    : (validate.errors ?? []).map(
        (e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
      );
}

/** A tiny PNG header of the given size (enough for pngSize and the containers). */
function fakePng(size: number): Buffer {
  const png = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(png);
  png.writeUInt32BE(13, 8);
  png.write('IHDR', 12, 'ascii');
  png.writeUInt32BE(size, 16);
  png.writeUInt32BE(size, 20);
  return png;
}

describe('electron-builder.yml', () => {
  it('matches app-builder-lib/scheme.json', () => {
    expect(errorsOf(config)).toEqual([]);
  });

  it('fails validation on an unknown key, at the top, nested or among the fuses', () => {
    expect(errorsOf({ ...config, appID: 'typo' }).join('\n')).toMatch(/additionalProperties|appID/);
    expect(
      errorsOf({ ...config, linux: { ...(config.linux as object), targets: ['AppImage'] } }),
    ).not.toEqual([]);
    expect(errorsOf({ ...config, electronFuses: { runAsNodeX: false } })).not.toEqual([]);
  });

  it('builds AppImage and deb, nsis and dmg from the built app only', () => {
    expect(config).toMatchObject({
      appId: 'org.outpost.desk',
      productName: 'Outpost',
      asar: true,
      directories: { buildResources: 'build', output: 'release' },
      linux: { target: ['AppImage', 'deb'] },
      win: { target: ['nsis'] },
      mac: { target: ['dmg'] },
    });
    const files = config.files as string[];
    expect(files.filter((f) => !f.startsWith('!'))).toEqual([
      'dist/renderer/**',
      'dist-electron/**',
      'package.json',
    ]);
    expect(files).toEqual(
      expect.arrayContaining(['!dist/renderer/bench.html', '!dist/renderer/sync-bench.html']),
    );
    for (const source of ['node_modules', 'renderer/', 'electron/', 'shared/', 'server/', 'scripts/']) {
      expect(
        files.some((f) => f.replace(/^!/, '').startsWith(source)),
        source,
      ).toBe(false);
    }
  });

  it('flips the security fuses after packing', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
      loadBrowserProcessSpecificV8Snapshot: false,
    });
  });

  it('ships no runtime dependencies: every library is bundled from devDependencies', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(pkg.main).toBe('dist-electron/main.cjs');
    const scripts = pkg.scripts as Record<string, string>;
    expect(scripts.dist).toMatch(/npm run build && electron-builder/);
    expect(scripts['test:electron']).toBeDefined();
    // The Electron suite needs the binary: it never runs as part of npm test.
    expect(scripts.test).not.toContain('test:electron');
    expect(scripts.test).not.toContain('test/electron');
  });

  it('points every platform at an icon set that exists in build/', () => {
    const linux = config.linux as { icon: string };
    for (const size of [16, 32, 48, 64, 128, 256, 512, 1024]) {
      const png = readFileSync(path.join(buildDir, linux.icon, `${size}x${size}.png`));
      expect(pngSize(png), `${size}`).toEqual({ width: size, height: size });
    }
    const ico = readIco(readFileSync(path.join(buildDir, (config.win as { icon: string }).icon)));
    expect(ico.map((image) => image.size)).toEqual([16, 24, 32, 48, 64, 128, 256]);
    for (const image of ico) expect(pngSize(image.png)).toEqual({ width: image.size, height: image.size });
    const icns = readIcns(readFileSync(path.join(buildDir, (config.mac as { icon: string }).icon)));
    expect(icns.map((element) => element.type)).toEqual([
      'icp4',
      'icp5',
      'icp6',
      'ic07',
      'ic08',
      'ic09',
      'ic10',
    ]);
    expect(pngSize(icns[icns.length - 1]!.data)).toEqual({ width: 1024, height: 1024 });
    expect(pngSize(readFileSync(path.join(buildDir, 'icon.png')))).toEqual({ width: 1024, height: 1024 });
    expect(existsSync(path.join(buildDir, 'icon.svg'))).toBe(true);
  });
});

describe('icon containers', () => {
  it('round-trip PNG entries through .ico and .icns', () => {
    const ico = icoFromPngs([16, 256].map((size) => ({ size, png: fakePng(size) })));
    expect(readIco(ico).map(({ size, png }) => [size, pngSize(png).width])).toEqual([
      [16, 16],
      [256, 256],
    ]);
    const icns = icnsFromPngs([16, 1024].map((size) => ({ size, png: fakePng(size) })));
    expect(readIcns(icns).map((element) => element.type)).toEqual([ICNS_TYPES[16], ICNS_TYPES[1024]]);
  });

  it('refuses images of the wrong size or kind', () => {
    expect(() => icoFromPngs([{ size: 32, png: fakePng(16) }])).toThrow(/32x32/);
    expect(() => icoFromPngs([{ size: 512, png: fakePng(512) }])).toThrow(/1\.\.256/);
    expect(() => icnsFromPngs([{ size: 48, png: fakePng(48) }])).toThrow(/no \.icns element type/);
    expect(() => pngSize(Buffer.from('GIF89a..................'))).toThrow(/not a PNG/);
  });
});
