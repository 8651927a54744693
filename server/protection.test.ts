import { describe, expect, it } from 'vitest';
import { isServerAdminDocument, withAdminOnlyDefault } from './protection';

describe('withAdminOnlyDefault', () => {
  it('closes a database without members to server admins', () => {
    expect(withAdminOnlyDefault({})).toEqual({ members: { names: [], roles: ['_admin'] } });
    expect(withAdminOnlyDefault({ admins: { roles: ['admin'] }, members: { names: [], roles: [] } })).toEqual(
      {
        admins: { roles: ['admin'] },
        members: { names: [], roles: ['_admin'] },
      },
    );
  });

  it('keeps a security object that names members', () => {
    const byRole = { members: { roles: ['agent'] } };
    const byName = { members: { names: ['sam'] } };
    expect(withAdminOnlyDefault(byRole)).toBe(byRole);
    expect(withAdminOnlyDefault(byName)).toBe(byName);
  });
});

describe('isServerAdminDocument', () => {
  it('covers design documents and the stored security object only', () => {
    expect(isServerAdminDocument('_design/outpost')).toBe(true);
    expect(isServerAdminDocument('_local/_security')).toBe(true);
    expect(isServerAdminDocument('_local/checkpoint')).toBe(false);
    expect(isServerAdminDocument('tkt_01')).toBe(false);
    expect(isServerAdminDocument(undefined)).toBe(false);
  });
});
