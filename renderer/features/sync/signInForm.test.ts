import { describe, expect, it } from 'vitest';
import { INITIAL_SYNC_STATE } from '../../sync/store';
import {
  DEFAULT_DATABASE,
  DEFAULT_SERVER_URL,
  initialSignInValues,
  normalizeSignIn,
  validateDatabase,
  validateServerUrl,
  validateSignIn,
} from './signInForm';

const valid = { serverUrl: DEFAULT_SERVER_URL, database: 'outpost', name: 'alice', password: 'pw' };

describe('validateServerUrl', () => {
  it.each([
    'http://127.0.0.1:5984',
    'http://localhost:5984/',
    'https://sync.example.org',
    'https://sync.example.org/couch',
  ])('accepts %s', (url) => expect(validateServerUrl(url)).toBeNull());

  it.each<[string, RegExp]>([
    ['', /Enter the address/],
    ['sync.example.org', /full address/],
    ['ftp://sync.example.org', /http:\/\/ or https:\/\//],
    ['javascript:alert(1)', /http:\/\/ or https:\/\//],
    ['https://alice:pw@sync.example.org', /own fields/],
    ['https://sync.example.org/?db=x', /\? or #/],
    ['https://sync.example.org/#x', /\? or #/],
    ['http://sync.example.org:5984', /Use https:\/\//],
    [`https://sync.example.org/${'a'.repeat(2100)}`, /too long/],
  ])('refuses %j', (url, message) => {
    expect(validateServerUrl(url)).toMatch(message);
  });
});

describe('validateDatabase', () => {
  it.each(['outpost', 'team_a', 'site-1', 'a$b(c)+d/e'])('accepts %s', (name) => {
    expect(validateDatabase(name)).toBeNull();
  });

  it.each(['', 'Outpost', '1team', '_users', 'team a', 'équipe', 'a'.repeat(239)])('refuses %j', (name) => {
    expect(validateDatabase(name)).not.toBeNull();
  });
});

describe('validateSignIn', () => {
  it('passes a complete form', () => {
    expect(validateSignIn(valid)).toEqual({});
  });

  it('names every missing field at once', () => {
    expect(
      Object.keys(validateSignIn({ serverUrl: '', database: '', name: '  ', password: '' })).sort(),
    ).toEqual(['database', 'name', 'password', 'serverUrl']);
  });

  it('bounds the credentials like the desktop shell does', () => {
    expect(validateSignIn({ ...valid, name: 'a'.repeat(257) }).name).toMatch(/256/);
    expect(validateSignIn({ ...valid, password: 'p'.repeat(4097) }).password).toMatch(/4096/);
    // A password is taken as typed: spaces are characters like any other.
    expect(validateSignIn({ ...valid, password: ' ' })).toEqual({});
  });
});

describe('form values', () => {
  it('trims what is sent, except the password', () => {
    expect(
      normalizeSignIn({
        serverUrl: ' https://s.example.org// ',
        database: ' outpost ',
        name: ' alice ',
        password: ' pw ',
      }),
    ).toEqual({
      serverUrl: 'https://s.example.org',
      database: 'outpost',
      name: 'alice',
      password: ' pw ',
    });
  });

  it('starts from the defaults, or from what the sync store knows, never with a password', () => {
    expect(initialSignInValues(INITIAL_SYNC_STATE)).toEqual({
      serverUrl: DEFAULT_SERVER_URL,
      database: DEFAULT_DATABASE,
      name: '',
      password: '',
    });
    expect(
      initialSignInValues({
        serverUrl: 'https://sync.example.org',
        database: 'team_b',
        user: { name: 'alice', roles: [], personId: '' },
      }),
    ).toEqual({ serverUrl: 'https://sync.example.org', database: 'team_b', name: 'alice', password: '' });
  });
});
