/**
 * A generated CMDB for the benchmark: a realistic shape (services on applications on databases
 * and servers, virtual machines on hosts, everything on the network, devices using applications
 * and holding licences) with exactly the requested numbers of CIs and relations. Seeded, so
 * every run measures the same graph.
 */
import type { CiClass, CiDoc, PersonDoc, RelationDoc, RelationType } from '../../shared/domain/model';

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface BenchCmdb {
  people: PersonDoc[];
  cis: CiDoc[];
  relations: RelationDoc[];
  locationNames: string[];
}

const NOW = 1_750_000_000_000;

function person(
  id: string,
  personKind: PersonDoc['personKind'],
  name: string,
  groupIds: string[] = [],
): PersonDoc {
  return {
    id,
    type: 'person',
    personKind,
    name,
    email: personKind === 'user' ? `${id}@bench.example` : '',
    roles: personKind === 'user' ? ['technician'] : [],
    groupIds,
    createdAt: NOW,
    updatedAt: NOW,
    updatedBy: 'per_bench_admin',
  };
}

const pad = (n: number, width = 6) => String(n).padStart(width, '0');

export function generateCmdb(ciCount: number, relationCount: number, seed = 7): BenchCmdb {
  const random = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const locationNames = [
    'London HQ',
    'Manchester Office',
    'Leeds Warehouse',
    'Slough Data Centre',
    'Remote Workers',
  ];
  const locations = locationNames.map((name, i) => person(`per_loc${i}`, 'location', name));
  const groups = Array.from({ length: 8 }, (_, i) => person(`per_grp${i}`, 'group', `Team ${i}`));
  const users = Array.from({ length: 60 }, (_, i) =>
    person(`per_usr${pad(i, 3)}`, 'user', `User ${i}`, [groups[i % 8]!.id]),
  );

  // Class mix scaled to the requested size; end-user devices take what is left.
  const share: [CiClass, number][] = [
    ['business_service', 0.005],
    ['application', 0.075],
    ['database', 0.04],
    ['server', 0.15],
    ['network', 0.03],
    ['licence', 0.01],
    ['printer', 0.02],
  ];
  const byClass = new Map<CiClass, CiDoc[]>();
  const cis: CiDoc[] = [];
  const make = (ciClass: CiClass, n: number) => {
    const list: CiDoc[] = [];
    for (let i = 0; i < n; i++) {
      const id = `ci_BENCH${pad(cis.length, 8)}`;
      const hardware = !['business_service', 'application', 'database', 'licence'].includes(ciClass);
      const attributes: CiDoc['attributes'] =
        ciClass === 'business_service'
          ? { criticality: pick(['low', 'medium', 'high', 'critical']) }
          : hardware
            ? { ram_gb: pick([8, 16, 32]) }
            : {};
      const ci: CiDoc = {
        id,
        type: 'ci',
        ciClass,
        name: `${ciClass.toUpperCase().slice(0, 3)}-${pad(cis.length)}`,
        assetTag: hardware ? `BT-${pad(cis.length)}` : '',
        serial: hardware ? `SN${Math.floor(random() * 1e9)}` : '',
        state: 'deployed',
        locationId: pick(locations).id,
        ownerId:
          ciClass === 'laptop' || ciClass === 'desktop' || ciClass === 'mobile'
            ? pick(users).id
            : pick(groups).id,
        attributes,
        createdAt: NOW,
        updatedAt: NOW,
        updatedBy: 'per_bench_admin',
      };
      cis.push(ci);
      list.push(ci);
    }
    byClass.set(ciClass, list);
  };
  for (const [ciClass, fraction] of share) make(ciClass, Math.max(1, Math.round(ciCount * fraction)));
  const rest = Math.max(0, ciCount - cis.length);
  make('laptop', Math.floor(rest * 0.6));
  make('desktop', Math.floor(rest * 0.25));
  make('mobile', ciCount - cis.length);

  const get = (c: CiClass) => byClass.get(c) ?? [];
  const services = get('business_service');
  const apps = get('application');
  const dbs = get('database');
  const servers = get('server');
  const network = get('network');
  const licences = get('licence');
  const devices = [...get('laptop'), ...get('desktop'), ...get('mobile'), ...get('printer')];

  const relations: RelationDoc[] = [];
  const seen = new Set<string>();
  const link = (from: CiDoc, relType: RelationType, to: CiDoc) => {
    if (relations.length >= relationCount || from.id === to.id) return;
    const key = `${from.id}>${relType}>${to.id}`;
    if (seen.has(key)) return;
    seen.add(key);
    relations.push({
      id: `rel_BENCH${pad(relations.length, 8)}`,
      type: 'relation',
      fromId: from.id,
      toId: to.id,
      relType,
      createdAt: NOW,
      updatedAt: NOW,
      updatedBy: 'per_bench_admin',
    });
  };
  for (const s of services) for (let i = 0; i < 8; i++) link(s, 'depends_on', pick(apps));
  for (const a of apps) {
    link(a, 'depends_on', pick(dbs));
    if (random() < 0.5) link(a, 'depends_on', pick(dbs));
    link(a, 'runs_on', pick(servers));
    if (random() < 0.5) link(a, 'runs_on', pick(servers));
    for (let i = 0; i < 6; i++) link(a, 'used_by', pick(devices));
  }
  for (const d of dbs) link(d, 'runs_on', pick(servers));
  const hosts = servers.slice(0, Math.ceil(servers.length / 5));
  for (const s of servers.slice(hosts.length)) link(s, 'hosted_on', pick(hosts));
  for (const s of servers) link(s, 'connected_to', pick(network));
  for (const n of network) {
    link(n, 'connected_to', pick(network));
    link(n, 'connected_to', pick(network));
  }
  for (const l of licences) for (let i = 0; i < 20; i++) link(l, 'licensed_to', pick(devices));
  for (const d of devices) link(d, 'connected_to', pick(network));
  // The rest: application dependencies, cycles included, as real estates have them.
  let guard = 0;
  while (relations.length < relationCount && guard++ < relationCount * 10) {
    if (random() < 0.7) link(pick(apps), 'depends_on', pick(apps));
    else link(pick(apps), 'used_by', pick(devices));
  }
  return { people: [...locations, ...groups, ...users], cis, relations, locationNames };
}

/** A CSV of `rows` rows: half update or repeat existing tagged CIs, half are new laptops. */
export function generateImportCsv(
  cis: readonly CiDoc[],
  rows: number,
  locationNames: readonly string[],
): string {
  const tagged = cis.filter((c) => c.assetTag !== '');
  const lines = ['Asset tag,Name,Class,State,Location,RAM (GB),Cost'];
  for (let i = 0; i < rows; i++) {
    if (i % 2 === 0 && tagged.length > 0) {
      const ci = tagged[(i * 7919) % tagged.length]!;
      const ram = i % 4 === 0 ? 64 : (ci.attributes.ram_gb ?? 16);
      lines.push(
        `${ci.assetTag},${ci.name},${ci.ciClass},Deployed,${locationNames[i % locationNames.length]},${ram},`,
      );
    } else {
      lines.push(
        `NEW-${pad(i, 7)},"Imported laptop ${i}, spare",Laptop,In stock,${locationNames[i % locationNames.length]},16,1299.99`,
      );
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}
