import { describe, expect, it } from 'vitest';
import { decideAccess, type SessionUser } from './guards';

const anonymous: SessionUser = { name: null, roles: [] };
const member: SessionUser = { name: 'sam', roles: ['agent', 'person:per_1'] };
const serverAdmin: SessionUser = { name: 'admin', roles: ['_admin'] };

describe('decideAccess', () => {
  it('lets the server admin through everywhere', () => {
    for (const [method, path] of [
      ['GET', '/_all_dbs'],
      ['PUT', '/newdb'],
      ['PUT', '/team/_local/_security'],
      ['GET', '/_users/x'],
    ]) {
      expect(decideAccess(method as string, path as string, serverAdmin)).toBeNull();
    }
  });

  it('leaves the public endpoints and database requests to the database rules', () => {
    for (const path of [
      '/',
      '/_session',
      '/_uuids',
      '/_up',
      '/team',
      '/team/doc',
      '/team/_changes',
      '/team/_local/checkpoint',
    ]) {
      expect(decideAccess('GET', path, anonymous), path).toBeNull();
    }
    expect(decideAccess('POST', '/_session', anonymous)).toBeNull();
    expect(decideAccess('POST', '/team/_bulk_docs', member)).toBeNull();
  });

  it.each([
    '/_all_dbs',
    '/_config/admins',
    '/_users/org.couchdb.user:sam',
    '/%5Fusers/_all_docs',
    '/_node/_local/_config',
    '/_stats',
    '/_replicate',
  ])('keeps %s to the server admin (401 anonymous, 403 signed in)', (path) => {
    expect(decideAccess('GET', path, anonymous)).toMatchObject({ status: 401, error: 'unauthorized' });
    expect(decideAccess('GET', path, member)).toMatchObject({ status: 403, error: 'forbidden' });
  });

  it('answers 403 to anyone but the server admin creating or deleting a database', () => {
    for (const user of [anonymous, member]) {
      for (const method of ['PUT', 'DELETE']) {
        expect(decideAccess(method, '/newdb', user)).toMatchObject({
          status: 403,
          error: 'forbidden',
          reason: expect.stringMatching(/create or delete databases/),
        });
        expect(decideAccess(method, '/a%2Fb', user)).toMatchObject({ status: 403 });
      }
    }
    expect(decideAccess('GET', '/newdb', member)).toBeNull();
  });

  it('refuses the security object as a local document, however it is spelled', () => {
    for (const path of ['/team/_local/_security', '/team/_local%2F_security', '/team/%5Flocal/%5Fsecurity']) {
      for (const method of ['GET', 'PUT', 'DELETE']) {
        expect(decideAccess(method, path, member), `${method} ${path}`).toMatchObject({ status: 403 });
      }
    }
  });

  it('answers 400 to malformed percent-encoding', () => {
    expect(decideAccess('GET', '/team/%E0%A4%A', member)).toMatchObject({
      status: 400,
      error: 'bad_request',
    });
  });
});
