import { suggestMapping } from '../../shared/domain/ciColumns';
import { readClassDefinitions } from '../../shared/domain/ciClasses';
import { analyzeImpact, buildCmdbGraph, type PersonInfo } from '../../shared/domain/impact';
import { createOutpostDatabase } from '../data';
import { commitImport, planImport } from '../data/ciImport';
import { loadCmdb } from '../data/cmdb';
import { generateCmdb, generateImportCsv } from './cmdbData';
import { measure, publishResult } from './stats';

/**
 * CMDB benchmark, run by `npm run bench` in headless Chromium: fills its own replica with a
 * generated CMDB (20,000 CIs and 60,000 relations by default) through the data layer, then times
 * reading it into memory, building the graph, impact analysis from many CIs, and the dry run of
 * a 10,000-row CSV import.
 */
async function run() {
  const params = new URLSearchParams(location.search);
  const ciCount = Number(params.get('cis') ?? 20_000);
  const relationCount = Number(params.get('relations') ?? 60_000);
  const csvRows = Number(params.get('rows') ?? 10_000);
  const runs = Number(params.get('runs') ?? 25);
  const db = await createOutpostDatabase({ name: `outpost-cmdb-bench-${Date.now()}`, multiInstance: false });
  const data = generateCmdb(ciCount, relationCount);

  const t0 = performance.now();
  await db.people.bulkInsert(data.people);
  for (let i = 0; i < data.cis.length; i += 5000) await db.cis.bulkInsert(data.cis.slice(i, i + 5000));
  for (let i = 0; i < data.relations.length; i += 10000)
    await db.relations.bulkInsert(data.relations.slice(i, i + 10000));
  const fillMs = performance.now() - t0;
  console.info(`bench: cmdb filled in ${Math.round(fillMs)} ms`);

  const t1 = performance.now();
  const loaded = await loadCmdb(db);
  const loadMs = performance.now() - t1;
  const t2 = performance.now();
  const graph = buildCmdbGraph(loaded.cis, loaded.relations);
  const graphMs = performance.now() - t2;

  const people = new Map<string, PersonInfo>();
  for (const p of data.people) {
    if (p.personKind === 'user') people.set(p.id, { name: p.name, kind: 'user' });
    if (p.personKind === 'group') people.set(p.id, { name: p.name, kind: 'group', members: 8 });
  }
  // Roots of every kind that matters, the busiest network devices (the "firewall") included.
  const degree = (id: string) => (graph.out.get(id)?.length ?? 0) + (graph.in.get(id)?.length ?? 0);
  const byClass = (c: string) => loaded.cis.filter((ci) => ci.ciClass === c);
  const busiestNetwork = [...byClass('network')].sort((a, b) => degree(b.id) - degree(a.id)).slice(0, 5);
  const roots = [
    ...busiestNetwork,
    ...byClass('server').slice(0, 8),
    ...byClass('database').slice(0, 4),
    ...byClass('application').slice(0, 4),
    ...byClass('laptop').slice(0, 4),
  ];
  let reached = 0;
  const impact = await measure(runs, 3, (i) => {
    const root = roots[i % roots.length]!;
    const result = analyzeImpact(graph, root.id, { depth: 4, people });
    reached = Math.max(reached, result.upstream.length + result.downstream.length);
  });
  const worst = analyzeImpact(graph, busiestNetwork[0]!.id, { depth: 4, people });
  const worstCase = await measure(Math.min(runs, 10), 1, () =>
    analyzeImpact(graph, busiestNetwork[0]!.id, { depth: 4, people }),
  );

  // The CSV dry run, end to end: read the file as a stream, load the CMDB to match tags, plan.
  const csv = new Blob([generateImportCsv(loaded.cis, csvRows, data.locationNames)], { type: 'text/csv' });
  const definitions = readClassDefinitions(undefined).definitions;
  const mapping = suggestMapping(
    ['Asset tag', 'Name', 'Class', 'State', 'Location', 'RAM (GB)', 'Cost'],
    definitions,
  );
  const session = { userId: 'per_usr000' };
  let counts: unknown = null;
  const preview = await measure(Math.min(runs, 5), 1, async () => {
    const planned = await planImport(db, csv, mapping, session);
    if ('error' in planned) throw new Error(planned.error);
    counts = planned.plan.counts;
  });
  const t3 = performance.now();
  const committed = await commitImport(db, csv, mapping, session, { validOnly: true });
  const commitMs = performance.now() - t3;

  await db.remove();
  return {
    cmdb: { cis: loaded.cis.length, relations: loaded.relations.length, fillMs: Math.round(fillMs) },
    loadIntoMemoryMs: Math.round(loadMs),
    buildGraphMs: Math.round(graphMs),
    impactAnalysisMs: { ...impact, depth: 4, roots: roots.length, mostItemsReached: reached },
    impactBusiestNetworkDeviceMs: {
      ...worstCase,
      upstream: worst.upstream.length,
      downstream: worst.downstream.length,
    },
    csvPreviewMs: { ...preview, rows: csvRows, counts },
    csvImportMs: { ms: Math.round(commitMs), summary: committed.ok ? committed.summary : committed.errors },
  };
}

publishResult(run);
