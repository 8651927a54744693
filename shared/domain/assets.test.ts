import { describe, expect, it } from 'vitest';
import {
  assetChanges,
  canChangeAssetState,
  formatCost,
  parseCost,
  planStateChange,
  STATE_FIELDS,
  stateRequirementErrors,
  validateAssetFields,
  type PeopleFacts,
  type StateChangeInput,
} from './assets';
import {
  allAssets,
  assetsAt,
  assetsPerLocation,
  DAY_MS,
  filterAssets,
  EMPTY_ASSET_FILTER,
  unassignedStock,
  warrantyDaysLeft,
  warrantyExpiring,
} from './assetViews';
import { CI_STATES, type CiDoc, type CiState } from './model';

const people: PeopleFacts = {
  isLocation: (id) => id.startsWith('per_loc'),
  isUser: (id) => id.startsWith('per_user'),
};

function ci(overrides: Partial<CiDoc> = {}): CiDoc {
  return {
    id: 'ci_1',
    type: 'ci',
    ciClass: 'laptop',
    name: 'LDN-LT-0001',
    assetTag: 'AT-000001',
    serial: 'SN1',
    state: 'in_stock',
    locationId: 'per_locA',
    ownerId: '',
    attributes: {},
    createdAt: 1,
    updatedAt: 1,
    updatedBy: 'per_user1',
    ...overrides,
  };
}

/** Everything any state could ask for, valid. */
const FULL: Omit<StateChangeInput, 'to'> = {
  locationId: 'per_locB',
  assigneeId: 'per_user2',
  disposalDate: Date.UTC(2026, 0, 5),
  disposalMethod: 'recycled',
};

/** A record that already meets the requirements of its own state. */
function inState(state: CiState): CiDoc {
  const base = ci({ state });
  if (state === 'deployed') return { ...base, assigneeId: 'per_user1' };
  if (state === 'disposed') return { ...base, disposalDate: 1, disposalMethod: 'resold' };
  return base;
}

describe('asset lifecycle: the full transition table', () => {
  // Written out cell by cell: a change to the table must change this test.
  const ALLOWED: Record<CiState, CiState[]> = {
    ordered: ['in_stock'],
    in_stock: ['deployed', 'maintenance', 'retired'],
    deployed: ['in_stock', 'maintenance', 'retired'],
    maintenance: ['in_stock', 'deployed', 'retired'],
    retired: ['disposed'],
    disposed: [],
  };
  const pairs = CI_STATES.flatMap((from) => CI_STATES.map((to) => [from, to] as const));

  it.each(pairs)('%s -> %s', (from, to) => {
    const allowed = ALLOWED[from].includes(to);
    expect(canChangeAssetState(from, to)).toBe(allowed);
    const plan = planStateChange(inState(from), { to, ...FULL }, people);
    expect(plan.ok).toBe(allowed);
    if (!plan.ok) expect(plan.errors.state).toBeTruthy();
  });

  it('explains where a state may go, and that a disposed asset is final', () => {
    const fromOrdered = planStateChange(inState('ordered'), { to: 'deployed', ...FULL }, people);
    expect(fromOrdered).toEqual({
      ok: false,
      errors: { state: 'From Ordered an asset can only go to: In stock.' },
    });
    const fromDisposed = planStateChange(inState('disposed'), { to: 'in_stock', ...FULL }, people);
    expect(fromDisposed.ok ? '' : fromDisposed.errors.state).toBe(
      'A disposed asset cannot change state any more.',
    );
  });
});

describe('required fields per state', () => {
  it('the form asks exactly for what each state requires', () => {
    expect(STATE_FIELDS).toEqual({
      ordered: [],
      in_stock: ['locationId'],
      deployed: ['locationId', 'assigneeId'],
      maintenance: [],
      retired: [],
      disposed: ['disposalDate', 'disposalMethod'],
    });
  });

  it('deployed needs a location and an assignee, both known', () => {
    const stock = inState('in_stock');
    expect(planStateChange(stock, { to: 'deployed' }, people)).toEqual({
      ok: false,
      errors: { locationId: 'Choose where the asset is.', assigneeId: 'Choose who has the asset.' },
    });
    expect(
      planStateChange(stock, { to: 'deployed', locationId: 'per_user9', assigneeId: 'per_locA' }, people),
    ).toEqual({
      ok: false,
      errors: { locationId: 'Choose a known location.', assigneeId: 'Choose a known person.' },
    });
    const done = planStateChange(
      stock,
      { to: 'deployed', locationId: 'per_locB', assigneeId: 'per_user2' },
      people,
    );
    expect(done).toEqual({
      ok: true,
      patch: { state: 'deployed', locationId: 'per_locB', assigneeId: 'per_user2' },
      changes: [
        { field: 'state', from: 'in_stock', to: 'deployed' },
        { field: 'locationId', from: 'per_locA', to: 'per_locB' },
        { field: 'assigneeId', from: '', to: 'per_user2' },
      ],
    });
  });

  it('in stock needs a location and hands the asset back', () => {
    const deployed = inState('deployed');
    expect(planStateChange(deployed, { to: 'in_stock', locationId: '' }, people)).toEqual({
      ok: false,
      errors: { locationId: 'Choose where the asset is.' },
    });
    const plan = planStateChange(
      deployed,
      { to: 'in_stock', locationId: 'per_locC', assigneeId: 'per_user5' },
      people,
    );
    expect(plan.ok && plan.patch).toEqual({ state: 'in_stock', locationId: 'per_locC', assigneeId: '' });
  });

  it('retired clears the assignee; disposed needs a date (not before purchase) and a method', () => {
    const retired = planStateChange(inState('deployed'), { to: 'retired' }, people);
    expect(retired.ok && retired.patch).toEqual({ state: 'retired', assigneeId: '' });
    const old = { ...inState('retired'), purchaseDate: Date.UTC(2024, 0, 1) };
    expect(planStateChange(old, { to: 'disposed' }, people)).toEqual({
      ok: false,
      errors: {
        disposalDate: 'Enter the date the asset was disposed of.',
        disposalMethod: 'Choose how the asset was disposed of.',
      },
    });
    expect(
      planStateChange(
        old,
        { to: 'disposed', disposalDate: Date.UTC(2023, 0, 1), disposalMethod: 'burnt' },
        people,
      ),
    ).toEqual({
      ok: false,
      errors: {
        disposalDate: 'The disposal date cannot be before the purchase date.',
        disposalMethod: 'Choose how the asset was disposed of.',
      },
    });
    const ok = planStateChange(
      old,
      { to: 'disposed', disposalDate: Date.UTC(2026, 1, 1), disposalMethod: 'donated' },
      people,
    );
    expect(ok.ok && ok.patch).toEqual({
      state: 'disposed',
      disposalDate: Date.UTC(2026, 1, 1),
      disposalMethod: 'donated',
    });
  });

  it('maintenance keeps location and assignee as they are', () => {
    const plan = planStateChange(inState('deployed'), { to: 'maintenance', ...FULL }, people);
    expect(plan.ok && plan.patch).toEqual({ state: 'maintenance' });
  });

  it('refuses staying in the same state and unknown states', () => {
    expect(planStateChange(inState('deployed'), { to: 'deployed', ...FULL }, people).ok).toBe(false);
    expect(planStateChange(inState('deployed'), { to: 'lost' as CiState }, people)).toEqual({
      ok: false,
      errors: { state: 'Choose a lifecycle state.' },
    });
  });

  it('checks a record against its state', () => {
    expect(stateRequirementErrors(ci({ state: 'deployed', locationId: '' }))).toEqual({
      locationId: 'A deployed asset needs a location.',
      assigneeId: 'A deployed asset needs an assignee.',
    });
    expect(stateRequirementErrors(ci({ state: 'in_stock', assigneeId: 'per_user1' }))).toEqual({
      assigneeId: 'An asset in stock has no assignee.',
    });
    expect(stateRequirementErrors(ci({ state: 'maintenance', locationId: '' }))).toEqual({});
  });
});

describe('asset field rules', () => {
  it('cost is a non-negative whole number of minor units', () => {
    expect(validateAssetFields({ cost: -1 })).toEqual({ cost: 'The cost cannot be negative.' });
    expect(validateAssetFields({ cost: 1.5 }).cost).toMatch(/two decimals/);
    expect(validateAssetFields({ cost: 0 })).toEqual({});
    expect(validateAssetFields({ cost: 129_999 })).toEqual({});
  });

  it('the warranty ends after the purchase', () => {
    const bought = Date.UTC(2025, 5, 1);
    expect(validateAssetFields({ purchaseDate: bought, warrantyEnd: bought })).toEqual({
      warrantyEnd: 'The warranty must end after the purchase date.',
    });
    expect(
      validateAssetFields({ purchaseDate: bought, warrantyEnd: bought - DAY_MS }).warrantyEnd,
    ).toBeTruthy();
    expect(validateAssetFields({ purchaseDate: bought, warrantyEnd: bought + 3 * 365 * DAY_MS })).toEqual({});
    expect(validateAssetFields({ purchaseDate: 0, warrantyEnd: bought })).toEqual({});
    expect(validateAssetFields({ purchaseDate: -5 })).toEqual({ purchaseDate: 'Enter a valid date.' });
  });

  it('parses and prints amounts in minor units', () => {
    expect(['12', '12.5', '12,50', '0.07', '1234567.89'].map(parseCost)).toEqual([
      1200, 1250, 1250, 7, 123456789,
    ]);
    expect(['', '-1', '1.234', 'abc', '1e3'].map(parseCost)).toEqual([null, null, null, null, null]);
    expect(formatCost(123456789)).toBe('1,234,567.89');
    expect(formatCost(7)).toBe('0.07');
  });

  it('lists changed fields for the history, treating absent as empty', () => {
    expect(assetChanges(ci(), { ...ci(), cost: 0, model: '' })).toEqual([]);
    expect(assetChanges(ci(), { ...ci(), cost: 500 })).toEqual([{ field: 'cost', from: 0, to: 500 }]);
  });
});

describe('asset views', () => {
  const now = Date.UTC(2026, 2, 1);
  const at = (days: number) => now + days * DAY_MS;
  const cis = [
    ci({ id: 'ci_a', name: 'A', warrantyEnd: at(-1), state: 'deployed', assigneeId: 'per_user1' }),
    ci({ id: 'ci_b', name: 'B', warrantyEnd: at(10) }),
    ci({ id: 'ci_c', name: 'C', warrantyEnd: at(45), locationId: 'per_locB' }),
    ci({ id: 'ci_d', name: 'D', warrantyEnd: at(80), state: 'maintenance' }),
    ci({ id: 'ci_e', name: 'E', warrantyEnd: at(200) }),
    ci({ id: 'ci_f', name: 'F', warrantyEnd: at(5), state: 'retired' }),
    ci({ id: 'ci_g', name: 'G', state: 'disposed', warrantyEnd: at(-100) }),
    ci({ id: 'ci_h', name: 'H', assetTag: '', ciClass: 'application', warrantyEnd: at(3) }),
    ci({ id: 'ci_i', name: 'I', state: 'in_stock', assigneeId: 'per_user3' }),
  ];

  it('warranty windows are horizons from now; retired, disposed and untagged CIs are left out', () => {
    const ids = (list: CiDoc[]) => list.map((c) => c.id);
    expect(ids(warrantyExpiring(cis, 'expired', now))).toEqual(['ci_a']);
    expect(ids(warrantyExpiring(cis, '30', now))).toEqual(['ci_b']);
    expect(ids(warrantyExpiring(cis, '60', now))).toEqual(['ci_b', 'ci_c']);
    expect(ids(warrantyExpiring(cis, '90', now))).toEqual(['ci_b', 'ci_c', 'ci_d']);
    expect(warrantyDaysLeft(cis[1]!, now)).toBe(10);
    expect(warrantyDaysLeft(cis[0]!, now)).toBe(-1);
    expect(warrantyDaysLeft(ci(), now)).toBeNull();
  });

  it('counts assets per location by state, biggest first, without disposed or untagged CIs', () => {
    expect(assetsPerLocation(cis)).toEqual([
      { locationId: 'per_locA', total: 6, byState: { deployed: 1, in_stock: 3, maintenance: 1, retired: 1 } },
      { locationId: 'per_locB', total: 1, byState: { in_stock: 1 } },
    ]);
    expect(assetsAt(cis, 'per_locB').map((c) => c.id)).toEqual(['ci_c']);
  });

  it('all assets includes disposed ones, by name', () => {
    expect(allAssets(cis).map((c) => c.id)).toEqual([
      'ci_a',
      'ci_b',
      'ci_c',
      'ci_d',
      'ci_e',
      'ci_f',
      'ci_g',
      'ci_i',
    ]);
  });

  it('unassigned stock is in stock with nobody holding it', () => {
    expect(unassignedStock(cis).map((c) => c.id)).toEqual(['ci_b', 'ci_c', 'ci_e']);
  });

  it('filters by class, location, state and text', () => {
    expect(filterAssets(cis, { ...EMPTY_ASSET_FILTER, state: 'maintenance' }).map((c) => c.id)).toEqual([
      'ci_d',
    ]);
    expect(filterAssets(cis, { ...EMPTY_ASSET_FILTER, locationId: 'per_locB' }).map((c) => c.id)).toEqual([
      'ci_c',
    ]);
    expect(filterAssets(cis, { ...EMPTY_ASSET_FILTER, ciClass: 'application' }).map((c) => c.id)).toEqual([
      'ci_h',
    ]);
    expect(
      filterAssets([ci({ model: 'Latitude 7440' })], { ...EMPTY_ASSET_FILTER, text: 'latitude' }),
    ).toHaveLength(1);
  });
});
