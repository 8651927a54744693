import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import {
  APP_INDEX_URL,
  CONTENT_SECURITY_POLICY,
  desktopContentSecurityPolicy,
  devContentSecurityPolicy,
  isAllowedExternalUrl,
  isAppUrl,
  isPermissionAllowed,
  normalizeSyncOrigins,
  parseDevUrl,
  syncServerOrigin,
  withCspHeader,
} from './security';

// Pure module: the real electron package must never load in unit tests.
vi.mock('electron', () => ({}));

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );
}

describe('isAppUrl', () => {
  it.each([APP_INDEX_URL, 'app://outpost/', 'app://outpost', 'app://outpost/assets/index-abc.js?x=1#top'])(
    'accepts %s',
    (url) => expect(isAppUrl(url)).toBe(true),
  );

  it.each([
    'app://outpost.evil/index.html',
    'app://outpost@evil/index.html',
    'app://user:pw@outpost/index.html',
    'app://evil/outpost/index.html',
    'app://outpost:8080/index.html',
    'app://outpost./index.html',
    'app://OUTPOST/index.html',
    'app:outpost/index.html',
    'apps://outpost/index.html',
    'file:///outpost/index.html',
    'file://outpost/index.html',
    'https://outpost/index.html',
    'http://127.0.0.1:5190/',
    'javascript:alert(1)',
    'about:blank',
    'data:text/html,<script>alert(1)</script>',
    '',
    'not a url',
  ])('rejects %s', (url) => expect(isAppUrl(url)).toBe(false));

  it('trusts the dev server only when the dev port is passed, and only that port', () => {
    expect(isAppUrl('http://127.0.0.1:5190/index.html', { devPort: 5190 })).toBe(true);
    expect(isAppUrl(APP_INDEX_URL, { devPort: 5190 })).toBe(true);
    for (const url of [
      'http://127.0.0.1:5191/',
      'http://localhost:5190/',
      'https://127.0.0.1:5190/',
      'http://127.0.0.1:5190@evil.example/',
      'http://127.0.0.1.evil.example:5190/',
      'http://user@127.0.0.1:5190/',
    ]) {
      expect(isAppUrl(url, { devPort: 5190 }), url).toBe(false);
    }
  });
});

describe('parseDevUrl', () => {
  it('is off when unset', () => {
    expect(parseDevUrl(undefined)).toBeNull();
    expect(parseDevUrl('  ')).toBeNull();
  });
  it('accepts a loopback URL with a port', () => {
    expect(parseDevUrl('http://127.0.0.1:5190')).toEqual({ url: 'http://127.0.0.1:5190/', port: 5190 });
  });
  it.each([
    'http://localhost:5190',
    'http://127.0.0.1',
    'https://127.0.0.1:5190',
    'http://10.0.0.2:5190',
    'nonsense',
  ])('refuses %s loudly', (value) => expect(() => parseDevUrl(value)).toThrow(/OUTPOST_DEV_URL/));
});

describe('isAllowedExternalUrl', () => {
  const hosts = ['docs.example.org'];
  it('allows https on an allowed host', () => {
    expect(isAllowedExternalUrl('https://docs.example.org/kb/1', hosts)).toBe(true);
    expect(isAllowedExternalUrl('https://DOCS.example.org/', hosts)).toBe(true);
  });
  it.each([
    'http://docs.example.org/',
    'https://docs.example.org.evil.com/',
    'https://evil.com/docs.example.org',
    'https://docs.example.org@evil.com/',
    'https://user:pw@docs.example.org/',
    'https://sub.docs.example.org/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'smb://docs.example.org/share',
    'app://outpost/index.html',
    'app://outpost.evil/',
    'app://docs.example.org/',
    'JAVASCRIPT:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'file://docs.example.org/share/x.pdf',
    'https://docs.example.org%2F@evil.com/',
    'https://docs.example.org:443@evil.com/',
    'https://evil.com#@docs.example.org',
    'https://evil.com?@docs.example.org',
    '//docs.example.org/',
    '',
  ])('refuses %s', (url) => expect(isAllowedExternalUrl(url, hosts)).toBe(false));
  it('refuses everything with an empty allow-list', () => {
    expect(isAllowedExternalUrl('https://docs.example.org/', [])).toBe(false);
  });
  it('follows the parser where it differs from the text: a backslash is a path separator', () => {
    // Chromium reads this the same way: the request goes to docs.example.org, path /@evil.com/.
    expect(isAllowedExternalUrl('https://docs.example.org\\@evil.com/', hosts)).toBe(true);
    expect(new URL('https://docs.example.org\\@evil.com/').hostname).toBe('docs.example.org');
  });
  it('compares IDN hosts in their punycode form, so a lookalike never matches', () => {
    // "dоcs" with a Cyrillic o, and "exаmple" with a Cyrillic a: both become xn-- names.
    expect(isAllowedExternalUrl('https://d\u043Ecs.example.org/', hosts)).toBe(false);
    expect(isAllowedExternalUrl('https://docs.ex\u0430mple.org/', hosts)).toBe(false);
    expect(isAllowedExternalUrl('https://xn--dcs-5cd.example.org/', hosts)).toBe(false);
    // A real IDN host on the list matches in either spelling, since the parser gives punycode.
    expect(isAllowedExternalUrl('https://b\u00FCcher.example/', ['xn--bcher-kva.example'])).toBe(true);
    expect(isAllowedExternalUrl('https://xn--bcher-kva.example/', ['xn--bcher-kva.example'])).toBe(true);
    // Fullwidth dots and letters are normalised by the parser, not by us: still an exact compare.
    expect(isAllowedExternalUrl('https://docs\uFF0Eexample\uFF0Eorg/', hosts)).toBe(true);
    expect(isAllowedExternalUrl('https://docs\uFF0Eexample\uFF0Eorg.evil.com/', hosts)).toBe(false);
  });
  it('never accepts a URL whose parsed host is off the list (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.webUrl(), (junk, url) => {
        for (const candidate of [junk, url, `${url}${junk}`, `https://${junk}`]) {
          if (!isAllowedExternalUrl(candidate, hosts)) continue;
          const parsed = new URL(candidate);
          expect(parsed.protocol).toBe('https:');
          expect(parsed.hostname.toLowerCase()).toBe('docs.example.org');
          expect(parsed.username + parsed.password).toBe('');
        }
      }),
    );
  });
});

describe('syncServerOrigin', () => {
  it.each([
    ['https://couch.example.org/team-a/', 'https://couch.example.org'],
    ['https://couch.example.org:6984', 'https://couch.example.org:6984'],
    ['https://COUCH.Example.org', 'https://couch.example.org'],
    ['http://127.0.0.1:5984', 'http://127.0.0.1:5984'],
    ['http://localhost:5984/db', 'http://localhost:5984'],
    ['https://b\u00FCcher.example', 'https://xn--bcher-kva.example'],
  ])('admits %s as %s', (url, origin) => expect(syncServerOrigin(url)).toBe(origin));

  it.each([
    'http://couch.example.org',
    'https://alice:pw@couch.example.org',
    'https://alice@couch.example.org',
    'ftp://couch.example.org',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'app://outpost',
    'ws://127.0.0.1:5984',
    'https://*',
    'https://a*b.example.org',
    'https://a%2a.example.org',
    'https://a_b.example.org',
    'https://couch.example.org.',
    'not a url',
    '',
  ])('refuses %s', (url) => expect(syncServerOrigin(url)).toBeNull());

  it('dedupes and sorts, dropping anything that is not a clean origin', () => {
    expect(
      normalizeSyncOrigins([
        'https://b.example.org/db',
        'https://a.example.org',
        "https://a.example.org/'; script-src *",
        'https://b.example.org',
        'http://evil.example',
      ]),
    ).toEqual(['https://a.example.org', 'https://b.example.org']);
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  const csp = directives(CONTENT_SECURITY_POLICY);

  it('never allows eval or inline scripts', () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(csp.get('script-src')).toEqual(["'self'"]);
  });
  it('locks down the remaining directives', () => {
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(csp.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp.get('connect-src')).toEqual(["'self'", 'http://127.0.0.1:*', 'http://localhost:*', 'https:']);
  });
  it('relaxes only script-src inline and the HMR socket in development, never eval', () => {
    const dev = devContentSecurityPolicy(5190);
    expect(dev).not.toContain('unsafe-eval');
    expect(directives(dev).get('script-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(directives(dev).get('connect-src')).toContain('ws://127.0.0.1:5190');
    expect(directives(dev).get('object-src')).toEqual(["'none'"]);
  });
});

describe('desktopContentSecurityPolicy', () => {
  it('limits connect-src to the app and the configured sync servers', () => {
    const csp = directives(
      desktopContentSecurityPolicy({
        syncServers: ['https://couch.example.org/team', 'http://127.0.0.1:5984'],
      }),
    );
    expect(csp.get('connect-src')).toEqual(["'self'", 'http://127.0.0.1:5984', 'https://couch.example.org']);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(directives(desktopContentSecurityPolicy({ syncServers: [] })).get('connect-src')).toEqual([
      "'self'",
    ]);
  });
  it('cannot be widened or broken by a hostile server entry', () => {
    const policy = desktopContentSecurityPolicy({
      syncServers: [
        "https://x.example/; script-src 'unsafe-eval'",
        'https://*.example.org',
        'https: data:',
        '*',
      ],
    });
    expect(policy).not.toContain('unsafe-eval');
    expect(policy).not.toContain('*');
    expect(directives(policy).get('connect-src')).toEqual(["'self'", 'https://x.example']);
  });
  it('adds only the inline preamble and the HMR socket in development', () => {
    const csp = directives(desktopContentSecurityPolicy({ syncServers: [], devPort: 5190 }));
    expect(csp.get('script-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp.get('connect-src')).toEqual(["'self'", 'ws://127.0.0.1:5190']);
  });
});

describe('withCspHeader', () => {
  it('replaces any CSP header whatever its case and keeps the others', () => {
    const headers = withCspHeader(
      { 'content-security-policy': ['x'], 'Content-Type': ['text/html'] },
      'policy',
    );
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': ['policy'] });
    expect(withCspHeader(undefined, 'policy')).toEqual({ 'Content-Security-Policy': ['policy'] });
  });
});

describe('isPermissionAllowed', () => {
  const app = APP_INDEX_URL;
  it('allows notifications for the app only', () => {
    expect(isPermissionAllowed({ permission: 'notifications', requestingUrl: app })).toBe(true);
    for (const url of ['https://evil.com/', 'app://outpost.evil/', 'file:///index.html', '']) {
      expect(isPermissionAllowed({ permission: 'notifications', requestingUrl: url }), url).toBe(false);
    }
  });
  it('allows the camera but not the microphone, and only for the app', () => {
    expect(isPermissionAllowed({ permission: 'media', requestingUrl: app, mediaTypes: ['video'] })).toBe(
      true,
    );
    expect(
      isPermissionAllowed({ permission: 'media', requestingUrl: app, mediaTypes: ['video', 'audio'] }),
    ).toBe(false);
    expect(isPermissionAllowed({ permission: 'media', requestingUrl: app, mediaTypes: [] })).toBe(false);
    expect(isPermissionAllowed({ permission: 'media', requestingUrl: app })).toBe(false);
    expect(
      isPermissionAllowed({
        permission: 'media',
        requestingUrl: 'app://outpost.evil/',
        mediaTypes: ['video'],
      }),
    ).toBe(false);
  });
  it.each([
    'geolocation',
    'clipboard-sanitized-write',
    'clipboard-read',
    'midi',
    'midiSysex',
    'pointerLock',
    'fullscreen',
    'idle-detection',
    'window-management',
    'storage-access',
    'mediaKeySystem',
    'openExternal',
    'display-capture',
    'hid',
    'unknown',
  ])('denies %s even for the app', (permission) =>
    expect(isPermissionAllowed({ permission, requestingUrl: app })).toBe(false),
  );
});
