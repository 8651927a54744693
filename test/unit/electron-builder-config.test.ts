// electron-builder cannot build installers offline, but it checks its configuration against
// app-builder-lib/scheme.json before anything else: do the same check here, with the same
// validator library (ajv 8) it uses.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// js-yaml (pulled in by electron-builder) ships no types; its load() is all we need.
const yaml = createRequire(import.meta.url)('js-yaml') as { load: (text: string) => unknown };

const schema = JSON.parse(
  readFileSync(path.join(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8'),
) as object;
const configText = readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');
const config = yaml.load(configText) as Record<string, unknown>;

// strict: false as electron-builder does: the scheme uses keywords ajv's strict mode rejects.
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

function errorsOf(value: unknown): string[] {
  return validate(value)
    ? []
    : (validate.errors ?? []).map(
        (e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
      );
}

describe('electron-builder.yml', () => {
  it('matches app-builder-lib/scheme.json', () => {
    expect(errorsOf(config)).toEqual([]);
  });

  it('fails validation on an unknown key, at the top or nested', () => {
    expect(errorsOf({ ...config, appID: 'typo' }).join('\n')).toMatch(/additionalProperties|appID/);
    expect(
      errorsOf({ ...config, linux: { ...(config.linux as object), targets: ['AppImage'] } }),
    ).not.toEqual([]);
  });

  it('ships only the built app', () => {
    expect(config).toMatchObject({
      appId: 'org.outpost.desk',
      productName: 'Outpost',
      asar: true,
      directories: { buildResources: 'build', output: 'release' },
      files: ['dist/renderer/**', 'dist-electron/**', 'package.json'],
      linux: { target: ['AppImage', 'deb', 'tar.gz'] },
      win: { target: ['nsis'] },
      mac: { target: ['dmg'] },
    });
  });

  it('points package.json main at the bundled entry that the files list ships', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { main?: string };
    expect(pkg.main).toBe('dist-electron/main.cjs');
  });
});
