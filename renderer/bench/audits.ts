import { labelsPdf } from '../../shared/domain/assetLabels';
import { indexByTag, reconcile, resolveScan, scanFactsOf } from '../../shared/domain/audits';
import { ID_PREFIX, newId } from '../../shared/domain/ids';
import { CI_CLASSES, type ActivityDoc, type CiDoc } from '../../shared/domain/model';
import { encodeQr } from '../../shared/domain/qr';
import { createOutpostDatabase, seedDemoIfEmpty } from '../data';
import { createAudit, recordScan, startAudit } from '../data/audits';
import { DEMO_SEED, DEMO_TICKETS } from '../app/database';
import { measure, publishResult } from './stats';

/**
 * Audit benchmark, run by `npm run bench` in headless Chromium. Fills the app's own replica
 * with a CMDB of `cis` tagged CIs (20,000 by default) and a running campaign over one site with
 * scans by two auditors, times the scan path's parts (tag index, resolving a scan, recording
 * it, the reconciliation) and the label PDF, then hands the campaign to the script, which times
 * the real audit page from a scanner's Enter to the result on screen.
 */
async function run() {
  const params = new URLSearchParams(location.search);
  const ciCount = Number(params.get('cis') ?? 20_000);
  const priorScans = Number(params.get('scans') ?? 600);
  const runs = Number(params.get('runs') ?? 25);
  const now = Date.now();
  const db = await createOutpostDatabase({ name: 'outpost', multiInstance: false });
  await seedDemoIfEmpty(db, { seed: DEMO_SEED, tickets: DEMO_TICKETS, now });
  const people = (await db.people.find().exec()).map((d) => d.toMutableJSON());
  const locations = people.filter((p) => p.personKind === 'location').map((p) => p.id);
  const auditors = people
    .filter((p) => p.personKind === 'user' && p.roles.includes('technician'))
    .map((p) => p.id);
  const [ann = 'per_bench1', bob = 'per_bench2'] = auditors;

  // A CMDB of tagged hardware spread over every site.
  const classes = CI_CLASSES.filter(
    (c) => !['business_service', 'application', 'database', 'licence'].includes(c),
  );
  let random = 1;
  const rand = () => (random = (random * 48271) % 2147483647) / 2147483647;
  const cis: CiDoc[] = Array.from({ length: ciCount }, (_, i) => ({
    id: newId(ID_PREFIX.ci, now - 1000, rand),
    type: 'ci',
    ciClass: classes[i % classes.length]!,
    name: `BENCH-${String(i).padStart(6, '0')}`,
    assetTag: `BA-${String(i).padStart(6, '0')}`,
    serial: '',
    state: 'deployed',
    locationId: locations[i % locations.length] ?? '',
    ownerId: '',
    assigneeId: ann,
    attributes: {},
    createdAt: now - 1000,
    updatedAt: now - 1000,
    updatedBy: ann,
  }));
  const t0 = performance.now();
  for (let i = 0; i < cis.length; i += 5000) await db.cis.bulkInsert(cis.slice(i, i + 5000));
  console.info(`bench: ${ciCount} CIs in ${Math.round(performance.now() - t0)} ms`);

  const site = locations[0] ?? '';
  const created = await createAudit(
    db,
    { name: 'Bench stock take', scope: { locationId: site, ciClass: 'laptop', ownerId: '' } },
    { userId: ann },
  );
  if (!created.ok) throw new Error(JSON.stringify(created.errors));
  const started = await startAudit(db, created.audit.id, { userId: ann });
  if (!started.ok) throw new Error(JSON.stringify(started.errors));
  const audit = started.audit;
  const expected = audit.expected ?? [];

  // Earlier scans by two auditors: most of the site, a few strays and unknown tags.
  const scans: ActivityDoc[] = [];
  for (let i = 0; i < priorScans; i++) {
    const by = i % 2 === 0 ? ann : bob;
    const item = expected[i % Math.max(1, expected.length)];
    const tag = i % 10 === 9 ? `UNKNOWN-${i}` : (item?.assetTag ?? `UNKNOWN-${i}`);
    scans.push({
      id: newId(ID_PREFIX.activity, now + i, rand),
      type: 'activity',
      parentId: audit.id,
      kind: 'scan',
      body: '',
      minutes: 0,
      changes: [],
      scanTag: tag,
      scanResult: 'found',
      scanLocationId: site,
      scanCiId: tag.startsWith('UNKNOWN') ? '' : (item?.ciId ?? ''),
      scanCiLocationId: tag.startsWith('UNKNOWN') ? '' : site,
      createdAt: now + i,
      createdBy: by,
      updatedAt: now + i,
      updatedBy: by,
    });
  }
  await db.activities.bulkInsert(scans);
  const facts = scans.flatMap((a) => scanFactsOf(a) ?? []);

  let index = indexByTag(cis);
  const indexMs = await measure(runs, 2, () => {
    index = indexByTag(cis);
  });
  const scanned = new Set(facts.map((f) => f.tag));
  // Resolving is far below a millisecond: time batches of 1,000 and report per scan.
  const resolveBatch = await measure(runs, 2, (i) => {
    for (let k = 0; k < 1000; k++) {
      resolveScan(`BA-${String((i * 1000 + k) % ciCount).padStart(6, '0')}`, site, {
        ciByTag: (t) => index.get(t),
        scannedTags: scanned,
      });
    }
  });
  const reconcileMs = await measure(runs, 2, () => reconcile(expected, facts));
  const recordMs = await measure(runs, 2, (i) =>
    recordScan(
      db,
      audit,
      { tag: `REC-${i}`, result: 'unknown', ciId: '', ciLocationId: '', locationId: site },
      { userId: bob },
      { now: now + priorScans + i },
    ),
  );
  const qrMs = await measure(runs, 2, (i) => encodeQr(`BA-${String(i).padStart(6, '0')}`));
  const labelItems = cis.slice(0, 240).map((ci) => ({ tag: ci.assetTag, name: ci.name }));
  let pdfBytes = 0;
  const pdfMs = await measure(Math.min(runs, 10), 1, () => {
    const result = labelsPdf(labelItems, now);
    pdfBytes = result.ok ? result.pdf.length : 0;
  });

  // Tags the page will be scanned with: unscanned expected ones, strays from other sites, unknowns.
  const stray = cis.filter((ci) => ci.locationId !== site).slice(0, 200);
  const fresh = expected.filter((e) => !scanned.has(e.assetTag)).map((e) => e.assetTag);
  const uiTags: string[] = [];
  for (let i = 0; i < 200; i++) {
    if (i % 3 === 0 && fresh.length > 0) uiTags.push(fresh[i % fresh.length]!);
    else if (i % 3 === 1) uiTags.push(stray[i % stray.length]!.assetTag);
    else uiTags.push(`NEW-${String(i).padStart(5, '0')}`);
  }
  await db.close();
  return {
    cmdb: { cis: ciCount, expectedInCampaign: expected.length, priorScans: facts.length },
    auditId: audit.id,
    uiTags,
    tagIndexBuildMs: indexMs,
    resolveScanPer1000Ms: resolveBatch,
    recordScanWriteMs: recordMs,
    reconcileMs,
    qrEncodeMs: qrMs,
    labelsPdf240Ms: { ...pdfMs, bytes: pdfBytes, pages: 10 },
  };
}

publishResult(run);
