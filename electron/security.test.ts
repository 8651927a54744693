import { describe, expect, it, vi } from 'vitest';
import {
  APP_INDEX_URL,
  CONTENT_SECURITY_POLICY,
  devContentSecurityPolicy,
  isAllowedExternalUrl,
  isAppUrl,
  isPermissionAllowed,
  parseDevUrl,
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
    '',
  ])('refuses %s', (url) => expect(isAllowedExternalUrl(url, hosts)).toBe(false));
  it('refuses everything with an empty allow-list', () => {
    expect(isAllowedExternalUrl('https://docs.example.org/', [])).toBe(false);
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
  it('allows sanitized clipboard writes for the app only', () => {
    expect(isPermissionAllowed({ permission: 'clipboard-sanitized-write', requestingUrl: app })).toBe(true);
    expect(
      isPermissionAllowed({ permission: 'clipboard-sanitized-write', requestingUrl: 'https://evil.com/' }),
    ).toBe(false);
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
    'notifications',
    'clipboard-read',
    'openExternal',
    'display-capture',
    'hid',
    'unknown',
  ])('denies %s even for the app', (permission) =>
    expect(isPermissionAllowed({ permission, requestingUrl: app })).toBe(false),
  );
});
