/**
 * Audit campaigns against a real database: scope snapshot, scans from two auditors, the actions
 * a scan offers, closing and applying the report.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { firstValueFrom } from 'rxjs';
import { indexByTag, reconcile, resolveScan, type ScanFacts } from '../../shared/domain/audits';
import type { AuditDoc, CiDoc, PersonDoc } from '../../shared/domain/model';
import { observeActivities } from './activities';
import {
  applyAudit,
  closeAudit,
  createAudit,
  createDraftCi,
  moveCiTo,
  observeAudit,
  observeAudits,
  observeScans,
  recordScan,
  startAudit,
} from './audits';
import type { OutpostDatabase } from './database';
import { createDbTracker } from './testDb';

const dbs = createDbTracker();
afterEach(() => dbs.closeAll());

const NOW = 1_780_000_000_000;
const HQ = 'per_locHQ';
const BR = 'per_locBR';
const ann = { userId: 'per_ann' };
const bob = { userId: 'per_bob' };

function person(id: string, personKind: PersonDoc['personKind']): PersonDoc {
  return {
    id,
    type: 'person',
    personKind,
    name: id,
    email: '',
    roles: personKind === 'user' ? ['technician'] : [],
    groupIds: [],
    createdAt: NOW,
    updatedAt: NOW,
    updatedBy: 'per_admin',
  };
}

function asset(id: string, tag: string, locationId: string, overrides: Partial<CiDoc> = {}): CiDoc {
  return {
    id,
    type: 'ci',
    ciClass: 'laptop',
    name: `Laptop ${id}`,
    assetTag: tag,
    serial: '',
    state: 'deployed',
    locationId,
    ownerId: '',
    assigneeId: 'per_ann',
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
    person(HQ, 'location'),
    person(BR, 'location'),
    person('per_ann', 'user'),
    person('per_bob', 'user'),
  ]);
  await db.cis.bulkInsert([
    asset('ci_1', 'AT-1', HQ),
    asset('ci_2', 'AT-2', HQ),
    asset('ci_3', 'AT-3', HQ),
    asset('ci_4', 'AT-4', BR),
    asset('ci_5', 'AT-5', HQ, { ciClass: 'printer' }),
  ]);
});

async function runningAudit(): Promise<AuditDoc> {
  const created = await createAudit(
    db,
    { name: 'HQ laptops', scope: { locationId: HQ, ciClass: 'laptop', ownerId: '' } },
    ann,
    {
      now: NOW,
    },
  );
  if (!created.ok) throw new Error(JSON.stringify(created.errors));
  const started = await startAudit(db, created.audit.id, ann, { now: NOW + 1 });
  if (!started.ok) throw new Error(JSON.stringify(started.errors));
  return started.audit;
}

/** What the audit page does: resolve from the replica's CIs and scans, then record. */
async function scanAs(audit: AuditDoc, tag: string, who: { userId: string }, at: number, where = HQ) {
  const cis = (await db.cis.find().exec()).map((d) => d.toMutableJSON());
  const scans = await firstValueFrom(observeScans(db, audit.id));
  const resolution = resolveScan(tag, where, {
    ciByTag: (t) => indexByTag(cis).get(t),
    scannedTags: new Set(scans.map((s) => s.tag)),
  });
  const written = await recordScan(db, audit, { ...resolution, locationId: where }, who, { now: at });
  if (!written.ok) throw new Error(JSON.stringify(written.errors));
  return resolution.result;
}

describe('campaigns', () => {
  it('refuses a campaign without a name or scope, or with an unknown location', async () => {
    expect(
      await createAudit(db, { name: '', scope: { locationId: '', ciClass: '', ownerId: '' } }, ann),
    ).toEqual({
      ok: false,
      errors: {
        name: 'Give the campaign a name.',
        locationId: 'Narrow the scope: choose at least a location, a class or an owner.',
      },
    });
    const bad = await createAudit(
      db,
      { name: 'x', scope: { locationId: 'per_ann', ciClass: '', ownerId: '' } },
      ann,
    );
    expect(bad.ok ? {} : bad.errors).toEqual({ locationId: 'Choose a known location.' });
    expect(await db.audits.count().exec()).toBe(0);
  });

  it('snapshots the expected assets when started, and only then', async () => {
    const audit = await runningAudit();
    expect(audit).toMatchObject({
      state: 'running',
      startedAt: NOW + 1,
      expectedCiIds: ['ci_1', 'ci_2', 'ci_3'],
    });
    expect(audit.expected?.map((e) => e.assetTag)).toEqual(['AT-1', 'AT-2', 'AT-3']);
    // A CI added after the start does not change what the campaign expects.
    await db.cis.insert(asset('ci_9', 'AT-9', HQ));
    expect((await firstValueFrom(observeAudit(db, audit.id)))?.expectedCiIds).toEqual([
      'ci_1',
      'ci_2',
      'ci_3',
    ]);
    expect(await startAudit(db, audit.id, ann)).toEqual({
      ok: false,
      errors: { form: 'Only a draft campaign can be started.' },
    });
    const history = await firstValueFrom(observeActivities(db, audit.id));
    expect(history.map((a) => a.changes[0]?.to)).toEqual(['draft', 'running']);
    expect((await firstValueFrom(observeAudits(db))).map((a) => a.id)).toEqual([audit.id]);
  });

  it('takes scans only while running', async () => {
    const created = await createAudit(
      db,
      { name: 'Draft', scope: { locationId: HQ, ciClass: '', ownerId: '' } },
      ann,
    );
    if (!created.ok) throw new Error('not created');
    const refused = await recordScan(
      db,
      created.audit,
      { tag: 'AT-1', result: 'found', ciId: 'ci_1', ciLocationId: HQ, locationId: HQ },
      ann,
    );
    expect(refused).toEqual({ ok: false, errors: { form: 'Start the campaign before scanning.' } });
  });
});

describe('two auditors, one campaign', () => {
  it('their scans merge into one report: found, wrong location, unknown, duplicate, missing', async () => {
    const audit = await runningAudit();
    expect(await scanAs(audit, 'AT-1', ann, NOW + 10)).toBe('found');
    expect(await scanAs(audit, 'AT-4', bob, NOW + 11)).toBe('wrong_location');
    expect(await scanAs(audit, 'NEW-7', bob, NOW + 12)).toBe('unknown');
    expect(await scanAs(audit, 'at-1 ', bob, NOW + 13)).toBe('duplicate');
    const scans: ScanFacts[] = await firstValueFrom(observeScans(db, audit.id));
    expect(scans.map((s) => [s.tag, s.createdBy])).toEqual([
      ['AT-1', 'per_ann'],
      ['AT-4', 'per_bob'],
      ['NEW-7', 'per_bob'],
      ['AT-1', 'per_bob'],
    ]);
    const report = reconcile(audit.expected ?? [], scans);
    expect(report.missing.map((m) => m.ciId)).toEqual(['ci_2', 'ci_3']);
    expect(report.duplicates).toBe(1);
  });

  it('offers to move a wrong-location CI and to create a draft CI for an unknown tag', async () => {
    const audit = await runningAudit();
    const moved = await moveCiTo(db, 'ci_4', HQ, bob, 'Found during an audit', { now: NOW + 20 });
    expect(moved.ok && moved.ci.locationId).toBe(HQ);
    const history = await firstValueFrom(observeActivities(db, 'ci_4'));
    expect(history[0]?.changes).toEqual([{ field: 'locationId', from: BR, to: HQ }]);

    const draft = await createDraftCi(db, audit, 'new-7', 'in_stock', HQ, bob, { now: NOW + 21 });
    expect(draft.ok && draft.created).toBe(true);
    expect(draft.ok && draft.ci).toMatchObject({
      ciClass: 'generic',
      name: 'Unknown NEW-7',
      assetTag: 'NEW-7',
      state: 'in_stock',
      locationId: HQ,
      attributes: { draft: true, foundInAudit: audit.id },
    });
    // The other auditor asks for the same draft: the one CI is returned, nothing new is written.
    const again = await createDraftCi(db, audit, 'NEW-7', 'in_stock', HQ, ann, { now: NOW + 22 });
    expect(again.ok && [again.created, again.ci.id]).toEqual([false, draft.ok && draft.ci.id]);
    expect(await db.cis.count({ selector: { assetTag: 'NEW-7' } }).exec()).toBe(1);
    expect(await createDraftCi(db, audit, 'NEW-8', 'in_stock', '', ann)).toEqual({
      ok: false,
      errors: { locationId: 'An item in stock needs a location.' },
    });
  });
});

describe('closing and applying', () => {
  it('moves wrong-location CIs, marks missing ones, once', async () => {
    const audit = await runningAudit();
    await scanAs(audit, 'AT-1', ann, NOW + 10);
    await scanAs(audit, 'AT-4', bob, NOW + 11);
    expect(await applyAudit(db, audit.id, ann)).toEqual({
      ok: false,
      errors: { form: 'Close the campaign before applying its report.' },
    });
    const closed = await closeAudit(db, audit.id, ann, { now: Date.UTC(2026, 4, 2, 16) });
    expect(closed.ok && closed.audit.state).toBe('closed');
    expect(
      await recordScan(
        db,
        closed.ok ? closed.audit : audit,
        { tag: 'AT-2', result: 'found', ciId: 'ci_2', ciLocationId: HQ, locationId: HQ },
        ann,
      ),
    ).toEqual({
      ok: false,
      errors: { form: 'Start the campaign before scanning.' },
    });

    const applied = await applyAudit(db, audit.id, ann, { now: Date.UTC(2026, 4, 3) });
    expect(applied).toEqual({ ok: true, summary: { moved: 1, markedMissing: 2, cleared: 0 } });
    expect((await db.cis.findOne('ci_4').exec())?.locationId).toBe(HQ);
    for (const id of ['ci_2', 'ci_3']) {
      const ci = (await db.cis.findOne(id).exec())!.toMutableJSON();
      expect(ci.attributes).toEqual({ missingSince: '2026-05-02', missingAudit: audit.id });
      // The lifecycle state is not touched: missing is about the record, not the asset's life.
      expect(ci.state).toBe('deployed');
      const history = await firstValueFrom(observeActivities(db, id));
      expect(history.at(-1)?.body).toBe('Audit "HQ laptops"');
    }
    expect((await db.cis.findOne('ci_1').exec())?.attributes).toEqual({});
    expect((await db.audits.findOne(audit.id).exec())?.appliedAt).toBe(Date.UTC(2026, 4, 3));
    expect(await applyAudit(db, audit.id, ann)).toEqual({
      ok: false,
      errors: { form: 'This report has already been applied.' },
    });
  });
});
