import { describe, expect, it } from 'vitest';
import { parseRoute } from './router';

describe('parseRoute', () => {
  it('maps the known pages', () => {
    expect(parseRoute('')).toEqual({ name: 'tickets' });
    expect(parseRoute('#/')).toEqual({ name: 'tickets' });
    expect(parseRoute('#/tickets')).toEqual({ name: 'tickets' });
    expect(parseRoute('#/tickets/new')).toEqual({ name: 'new-ticket' });
    expect(parseRoute('#/settings')).toEqual({ name: 'settings' });
    expect(parseRoute('#/sync')).toEqual({ name: 'sync' });
    expect(parseRoute('#/tickets/tkt_01J9Z3')).toEqual({ name: 'ticket', id: 'tkt_01J9Z3' });
    expect(parseRoute('#/dashboard')).toEqual({ name: 'dashboard' });
  });

  it('keeps a drill-down link encoded for the list to check', () => {
    expect(parseRoute('#/tickets?drill=key=backlog.p2&from=1&to=2&cats=A%2CB')).toEqual({
      name: 'tickets',
      drill: 'key=backlog.p2&from=1&to=2&cats=A%2CB',
    });
    expect(parseRoute('#/tickets?drill=')).toEqual({ name: 'tickets', drill: '' });
  });

  it('refuses ids that are not plain identifiers', () => {
    expect(parseRoute('#/tickets/<img src=x>')).toEqual({ name: 'not-found', path: '/tickets/<img src=x>' });
    expect(parseRoute('#/tickets/a/b')).toMatchObject({ name: 'not-found' });
    expect(parseRoute(`#/tickets/${'a'.repeat(65)}`)).toMatchObject({ name: 'not-found' });
    expect(parseRoute('#/elsewhere')).toEqual({ name: 'not-found', path: '/elsewhere' });
  });
});
