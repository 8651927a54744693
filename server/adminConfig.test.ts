import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pbkdf2Sync } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureServerAdmin, generatePassword, readServerConfig, validateUserName } from './adminConfig';

let dir: string;

beforeEach(() => {
  dir = join(mkdtempSync(join(tmpdir(), 'outpost-admin-')), 'data');
});

afterEach(() => {
  rmSync(join(dir, '..'), { recursive: true, force: true });
});

/** Checks a password against a CouchDB-style admin entry, as the server does. */
function matches(entry: string, password: string): boolean {
  const [, key, salt, iterations] = /^-pbkdf2-([0-9a-f]+),([0-9a-f]+),(\d+)$/.exec(entry) ?? [];
  return pbkdf2Sync(password, salt ?? '', Number(iterations), 20, 'sha1').toString('hex') === key;
}

describe('ensureServerAdmin', () => {
  it('creates the admin once, as a hash in a folder only its owner can read', () => {
    const created = ensureServerAdmin(dir, { name: 'root', password: 'correct horse' });
    expect(created).toEqual({ name: 'root', password: 'correct horse', generated: false });
    const file = readFileSync(join(dir, 'config.json'), 'utf8');
    expect(file).not.toContain('correct horse');
    const config = readServerConfig(dir);
    expect(matches(String(config.admins?.root), 'correct horse')).toBe(true);
    expect(matches(String(config.admins?.root), 'wrong horse')).toBe(false);
    expect(config.couch_httpd_auth?.secret).toMatch(/^[0-9a-f]{32}$/);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'config.json')).mode & 0o077).toBe(0);

    // A later start keeps the first admin, whatever it is given.
    expect(ensureServerAdmin(dir, { name: 'other', password: 'another password' })).toBeNull();
    expect(Object.keys(readServerConfig(dir).admins ?? {})).toEqual(['root']);
  });

  it('generates a strong password when none is given', () => {
    const created = ensureServerAdmin(dir, {});
    expect(created).toMatchObject({ name: 'admin', generated: true });
    expect(created?.password).toMatch(/^[A-Za-z0-9]{24}$/);
    expect(matches(String(readServerConfig(dir).admins?.admin), created?.password ?? '')).toBe(true);
  });

  it('adds an admin to an existing configuration that has none, keeping the rest', () => {
    ensureServerAdmin(dir, { password: 'first password' });
    const config = readServerConfig(dir);
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({ ...config, admins: {}, log: { level: 'debug' } }),
    );
    expect(ensureServerAdmin(dir, { password: 'second password' })).not.toBeNull();
    const after = readServerConfig(dir);
    expect(after.log).toEqual({ level: 'debug' });
    expect(after.couch_httpd_auth?.secret).toBe(config.couch_httpd_auth?.secret);
  });

  it('refuses bad names, short passwords and unreadable configuration, writing nothing', () => {
    expect(() => ensureServerAdmin(dir, { name: '_admin', password: 'long enough' })).toThrow(
      /not a valid user name/,
    );
    expect(() => ensureServerAdmin(dir, { password: 'short' })).toThrow(/at least 8/);
    expect(readServerConfig(dir)).toEqual({});
    writeFileSync(join(dir, 'config.json'), '{ broken');
    expect(() => ensureServerAdmin(dir, {})).toThrow(/not valid JSON/);
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).toBe('{ broken');
  });
});

describe('names and passwords', () => {
  it('accepts ordinary user names only', () => {
    for (const name of ['admin', 'sam.taylor', 'ops@example.com', 'demo-agent'])
      expect(validateUserName(name)).toBeNull();
    for (const name of ['', '_admin', 'a:b', 'with space', 'x'.repeat(65)])
      expect(validateUserName(name)).not.toBeNull();
  });

  it('generates distinct passwords', () => {
    expect(new Set(Array.from({ length: 50 }, generatePassword)).size).toBe(50);
  });
});
