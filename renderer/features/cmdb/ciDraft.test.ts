import { describe, expect, it } from 'vitest';
import { readClassDefinitions } from '../../../shared/domain/ciClasses';
import type { CiDoc } from '../../../shared/domain/model';
import { emptyDraft, fromDraft, toDraft } from './ciDraft';

const defs = readClassDefinitions(undefined).definitions.server;

describe('CI form draft', () => {
  it('reads typed text into values and names each unreadable field', () => {
    const draft = {
      ...emptyDraft('server'),
      name: 'SRV-9',
      cost: '12.345',
      purchaseDate: '2024-02-30',
      attrs: { ram_gb: 'lots', cpu_cores: '16', virtual: 'virtual' },
    };
    const { input, errors } = fromDraft(draft, defs);
    expect(Object.keys(errors).sort()).toEqual(['attributes.ram_gb', 'cost', 'purchaseDate']);
    expect(input.attributes).toEqual({ cpu_cores: 16, virtual: 'virtual' });
    expect([input.cost, input.purchaseDate, input.warrantyEnd]).toEqual([null, null, null]);
  });

  it('round-trips a stored CI and keeps attributes the class does not define', () => {
    const ci: CiDoc = {
      id: 'ci_1',
      type: 'ci',
      ciClass: 'server',
      name: 'SRV-1',
      assetTag: 'AT-1',
      serial: 'S',
      state: 'deployed',
      locationId: '',
      ownerId: '',
      attributes: { ram_gb: 64, legacy_code: 'X1' },
      cost: 129_950,
      warrantyEnd: Date.UTC(2027, 0, 31),
      createdAt: 1,
      updatedAt: 1,
      updatedBy: 'per_1',
    };
    const draft = toDraft(ci);
    expect([draft.cost, draft.warrantyEnd, draft.attrs.ram_gb]).toEqual(['1299.50', '2027-01-31', '64']);
    const { input, errors } = fromDraft(draft, defs, ci.attributes);
    expect(errors).toEqual({});
    expect(input.attributes).toEqual({ ram_gb: 64, legacy_code: 'X1' });
    expect([input.cost, input.warrantyEnd]).toEqual([129_950, ci.warrantyEnd]);
  });
});
