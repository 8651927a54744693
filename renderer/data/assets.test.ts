/** Lifecycle state changes against a real database: the CI, its history entry, refusals. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { firstValueFrom } from 'rxjs';
import type { CiDoc, PersonDoc } from '../../shared/domain/model';
import { observeActivities } from './activities';
import { changeAssetState, observeAssets } from './assets';
import type { OutpostDatabase } from './database';
import { createDbTracker } from './testDb';

const dbs = createDbTracker();
afterEach(() => dbs.closeAll());

const NOW = 1_780_000_000_000;
const tech = { userId: 'per_tech' };

function person(id: string, personKind: PersonDoc['personKind'], name = id): PersonDoc {
  return {
    id,
    type: 'person',
    personKind,
    name,
    email: '',
    roles: personKind === 'user' ? ['technician'] : [],
    groupIds: [],
    createdAt: NOW,
    updatedAt: NOW,
    updatedBy: 'per_admin',
  };
}

function asset(id: string, tag: string, overrides: Partial<CiDoc> = {}): CiDoc {
  return {
    id,
    type: 'ci',
    ciClass: 'laptop',
    name: `Laptop ${id}`,
    assetTag: tag,
    serial: '',
    state: 'in_stock',
    locationId: 'per_locHQ',
    ownerId: '',
    attributes: {},
    createdAt: NOW - 1000,
    updatedAt: NOW - 1000,
    updatedBy: 'per_admin',
    ...overrides,
  };
}

let db: OutpostDatabase;
beforeEach(async () => {
  db = await dbs.open();
  await db.people.bulkInsert([
    person('per_locHQ', 'location', 'HQ'),
    person('per_locBR', 'location', 'Branch'),
    person('per_tech', 'user'),
    person('per_ann', 'user'),
  ]);
  await db.cis.bulkInsert([
    asset('ci_1', 'AT-1'),
    asset('ci_2', 'AT-2'),
    asset('ci_svc', '', { ciClass: 'application' }),
  ]);
});

describe('changeAssetState', () => {
  it('refuses a deployment without location and assignee and writes nothing', async () => {
    const result = await changeAssetState(db, 'ci_1', { to: 'deployed', locationId: '' }, tech, { now: NOW });
    expect(result).toEqual({
      ok: false,
      errors: { locationId: 'Choose where the asset is.', assigneeId: 'Choose who has the asset.' },
    });
    expect((await db.cis.findOne('ci_1').exec())?.state).toBe('in_stock');
    expect(await firstValueFrom(observeActivities(db, 'ci_1'))).toEqual([]);
  });

  it('refuses a location that is a person, or an assignee that is a location', async () => {
    const result = await changeAssetState(
      db,
      'ci_1',
      { to: 'deployed', locationId: 'per_ann', assigneeId: 'per_locBR' },
      tech,
      { now: NOW },
    );
    expect(result.ok ? {} : result.errors).toEqual({
      locationId: 'Choose a known location.',
      assigneeId: 'Choose a known person.',
    });
  });

  it('deploys with the required fields and records every changed field in the history', async () => {
    const result = await changeAssetState(
      db,
      'ci_1',
      { to: 'deployed', locationId: 'per_locBR', assigneeId: 'per_ann' },
      tech,
      { now: NOW },
    );
    expect(result.ok).toBe(true);
    const stored = (await db.cis.findOne('ci_1').exec())!.toMutableJSON();
    expect(stored).toMatchObject({
      state: 'deployed',
      locationId: 'per_locBR',
      assigneeId: 'per_ann',
      updatedAt: NOW,
      updatedBy: 'per_tech',
    });
    const history = await firstValueFrom(observeActivities(db, 'ci_1'));
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({
      kind: 'change',
      createdBy: 'per_tech',
      changes: [
        { field: 'state', from: 'in_stock', to: 'deployed' },
        { field: 'locationId', from: 'per_locHQ', to: 'per_locBR' },
        { field: 'assigneeId', from: '', to: 'per_ann' },
      ],
    });

    // Back to stock: the assignee is cleared, the history says so.
    const back = await changeAssetState(db, 'ci_1', { to: 'in_stock', locationId: 'per_locHQ' }, tech, {
      now: NOW + 1,
    });
    expect(back.ok && back.ci.assigneeId).toBe('');
    expect(back.ok && back.changes.map((c) => c.field)).toEqual(['state', 'locationId', 'assigneeId']);
  });

  it('takes a disposed asset out for good', async () => {
    await changeAssetState(db, 'ci_2', { to: 'retired' }, tech, { now: NOW });
    const disposed = await changeAssetState(
      db,
      'ci_2',
      { to: 'disposed', disposalDate: NOW, disposalMethod: 'recycled' },
      tech,
      { now: NOW + 1 },
    );
    expect(disposed.ok).toBe(true);
    const again = await changeAssetState(db, 'ci_2', { to: 'in_stock', locationId: 'per_locHQ' }, tech, {
      now: NOW + 2,
    });
    expect(again.ok).toBe(false);
    expect(await db.cis.findOne('ci_2').exec()).toMatchObject({
      state: 'disposed',
      disposalMethod: 'recycled',
    });
  });

  it('reports a CI that does not exist', async () => {
    expect(await changeAssetState(db, 'ci_nope', { to: 'retired' }, tech)).toEqual({
      ok: false,
      errors: { form: 'This asset no longer exists.' },
    });
  });

  it('observes tagged CIs only', async () => {
    const assets = await firstValueFrom(observeAssets(db));
    expect(assets.map((a) => a.id)).toEqual(['ci_1', 'ci_2']);
  });
});
