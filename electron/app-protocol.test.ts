import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAppProtocolHandler, mimeTypeFor, resolveAppPath } from './app-protocol';

vi.mock('electron', () => ({}));

describe('resolveAppPath', () => {
  const root = '/opt/outpost/dist/renderer';

  it('maps app URLs to files inside the root', () => {
    expect(resolveAppPath(root, 'app://outpost/')).toBe(`${root}/index.html`);
    expect(resolveAppPath(root, 'app://outpost')).toBe(`${root}/index.html`);
    expect(resolveAppPath(root, 'app://outpost/index.html')).toBe(`${root}/index.html`);
    expect(resolveAppPath(root, 'app://outpost/assets/index-a1.js?v=2#x')).toBe(`${root}/assets/index-a1.js`);
    expect(resolveAppPath(root, 'app://outpost/assets/my%20file.svg')).toBe(`${root}/assets/my file.svg`);
  });

  // The URL parser already folds `..` and `%2e%2e` segments: whatever survives must still land
  // inside the root, or be refused.
  const traversals = [
    'app://outpost/../../etc/passwd',
    'app://outpost/%2e%2e/%2e%2e/etc/passwd',
    'app://outpost/assets/%2E%2E/%2E%2E/secret',
    'app://outpost/..%2f..%2fetc/passwd',
    'app://outpost/..%2F..%2Fetc%2Fpasswd',
    'app://outpost/..%5c..%5cwindows%5csystem.ini',
    'app://outpost/assets%5c..%5c..%5csecret',
    'app://outpost/%2f%2fserver/share',
    'app://outpost/%2fetc%2fpasswd',
    'app://outpost/C:/Windows/win.ini',
  ];
  it.each(traversals)('never leaves the root for %s', (url) => {
    const resolved = resolveAppPath(root, url);
    expect(resolved === null || resolved.startsWith(`${root}/`)).toBe(true);
  });

  it.each([
    'app://outpost/..%2f..%2fetc/passwd',
    'app://outpost/..%5c..%5cwindows%5csystem.ini',
    'app://outpost/index.html%00.png',
    'app://outpost/%E0%A4%A',
    'app://outpost/C:/Windows/win.ini',
    'app://outpost.evil/index.html',
    'app://outpost@evil/index.html',
    'file:///etc/passwd',
    'https://outpost/index.html',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveAppPath(root, url)).toBeNull();
  });

  it('stays inside the root with Windows path rules too', () => {
    const winRoot = 'C:\\Program Files\\Outpost\\resources\\app.asar\\dist\\renderer';
    expect(resolveAppPath(winRoot, 'app://outpost/assets/a.js', path.win32)).toBe(`${winRoot}\\assets\\a.js`);
    for (const url of [
      ...traversals,
      'app://outpost/C:%5cWindows%5cwin.ini',
      'app://outpost/%5c%5cserver%5cshare',
    ]) {
      const resolved = resolveAppPath(winRoot, url, path.win32);
      expect(resolved === null || resolved.startsWith(`${winRoot}\\`), url).toBe(true);
    }
    expect(resolveAppPath(winRoot, 'app://outpost/..%5c..%5cWindows%5cwin.ini', path.win32)).toBeNull();
    expect(resolveAppPath(winRoot, 'app://outpost/C:/Windows/win.ini', path.win32)).toBeNull();
  });
});

describe('mimeTypeFor', () => {
  it('gives module scripts a JavaScript type and unknown files a safe default', () => {
    expect(mimeTypeFor('/x/index.html')).toMatch(/^text\/html/);
    expect(mimeTypeFor('/x/a.JS')).toMatch(/^text\/javascript/);
    expect(mimeTypeFor('/x/a.css')).toMatch(/^text\/css/);
    expect(mimeTypeFor('/x/a.svg')).toBe('image/svg+xml');
    expect(mimeTypeFor('/x/a.woff2')).toBe('font/woff2');
    expect(mimeTypeFor('/x/noext')).toBe('application/octet-stream');
  });
});

describe('createAppProtocolHandler', () => {
  let root: string;
  let outside: string;
  const csp = "default-src 'self'";

  beforeAll(async () => {
    const base = await mkdtemp(path.join(os.tmpdir(), 'outpost-protocol-'));
    root = path.join(base, 'renderer');
    outside = path.join(base, 'secret.txt');
    await mkdir(path.join(root, 'assets'), { recursive: true });
    await writeFile(path.join(root, 'index.html'), '<!doctype html><title>Outpost</title>');
    await writeFile(path.join(root, 'assets', 'app.js'), 'console.log(1)');
    await writeFile(outside, 'top secret');
  });
  afterAll(async () => {
    await rm(path.dirname(root), { recursive: true, force: true });
  });

  const handler = () => createAppProtocolHandler({ rootDir: root, csp, readFile: (file) => readFile(file) });

  it('serves files with the CSP, nosniff and the right type', async () => {
    const response = await handler()(new Request('app://outpost/assets/app.js'));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('console.log(1)');
    expect(response.headers.get('content-security-policy')).toBe(csp);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it('falls back to index.html for client-side routes but 404s missing assets', async () => {
    const route = await handler()(new Request('app://outpost/tickets/INC-1'));
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<title>Outpost</title>');
    const missing = await handler()(new Request('app://outpost/assets/missing.js'));
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(csp);
  });

  it('never serves a file outside the root', async () => {
    const response = await handler()(new Request('app://outpost/%2e%2e/secret.txt'));
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('top secret');
  });

  it('reads the policy at every response when it is a function (a sync server was added)', async () => {
    let policy = "connect-src 'self'";
    const live = createAppProtocolHandler({
      rootDir: root,
      csp: () => policy,
      readFile: (file) => readFile(file),
    });
    expect((await live(new Request('app://outpost/index.html'))).headers.get('content-security-policy')).toBe(
      "connect-src 'self'",
    );
    policy = "connect-src 'self' https://couch.example.org";
    expect((await live(new Request('app://outpost/index.html'))).headers.get('content-security-policy')).toBe(
      "connect-src 'self' https://couch.example.org",
    );
  });

  it('refuses methods other than GET and HEAD', async () => {
    const response = await handler()(new Request('app://outpost/index.html', { method: 'POST', body: 'x' }));
    expect(response.status).toBe(405);
  });
});
