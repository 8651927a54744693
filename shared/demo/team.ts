/**
 * Deterministic demo organisation: people, groups, locations, CMDB, knowledge base, settings.
 * Everything derives from the seed and `now`, never from the clock, so a seed is a fixture.
 */
import { ID_PREFIX, newId, settingId } from '../domain/ids';
import { MAX_TIME } from '../domain/model';
import type {
  ArticleDoc,
  ArticleState,
  CiDoc,
  CiState,
  PersonDoc,
  RelationDoc,
  SettingDoc,
} from '../domain/model';
import { defaultPriorityMatrix } from '../domain/priority';
import { ARTICLE_SPECS } from './articles';
import {
  CATEGORIES,
  END_USER_DEVICES,
  FIRST_NAMES,
  GROUPS,
  INFRA_CIS,
  LAST_NAMES,
  LOCATIONS,
  LOGICAL_CIS,
  MODELS,
  RELATIONS,
  STAFF,
  type HardwareModel,
} from './catalog';
import { createRandom, pick, randomInt, sample, weighted, type Random } from './random';

export interface DemoTeam {
  people: PersonDoc[];
  cis: CiDoc[];
  articles: ArticleDoc[];
  relations: RelationDoc[];
  settings: SettingDoc[];
}

export interface TeamOptions {
  /** Reference time; the organisation is created in the two years before it. */
  now?: number;
}

/** Default reference time (2025-01-01T00:00Z) when the caller gives none. */
export const DEMO_TEAM_NOW = Date.UTC(2025, 0, 1);

/** Stream id for team data, far above any ticket index, so it never shares a stream with one. */
const TEAM_STREAM = 2 ** 40;
const DAY = 86_400_000;
const SERIAL_CHARS = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';

const hardwareState = weighted<CiState>([
  ['deployed', 84],
  ['in_stock', 7],
  ['maintenance', 3],
  ['ordered', 2],
  ['retired', 3],
  ['disposed', 1],
]);
const articleState = weighted<ArticleState>([
  ['published', 80],
  ['draft', 8],
  ['review', 8],
  ['retired', 4],
]);

function serial(random: Random, model: HardwareModel): string {
  let out = model.serialPrefix;
  while (out.length < model.serialLength)
    out += SERIAL_CHARS.charAt(Math.floor(random() * SERIAL_CHARS.length));
  return out;
}

function hardwareAttributes(random: Random, ciClass: string, model: HardwareModel, name: string) {
  const base = { manufacturer: model.manufacturer, model: model.model };
  const ip = `10.${randomInt(random, 10, 40)}.${randomInt(random, 0, 254)}.${randomInt(random, 2, 250)}`;
  switch (ciClass) {
    case 'laptop':
    case 'desktop':
      return {
        ...base,
        os: model.manufacturer === 'Apple' ? 'macOS 14 Sonoma' : 'Windows 11 23H2',
        ram_gb: pick(random, [16, 16, 32]),
      };
    case 'mobile':
      return { ...base, os: model.manufacturer === 'Apple' ? 'iOS 17' : 'Android 14', managed: true };
    case 'server':
      return {
        ...base,
        os: name.startsWith('SRV-ESX') ? 'VMware ESXi 8.0' : 'Windows Server 2022',
        cpu_cores: pick(random, [8, 16, 32]),
        ram_gb: pick(random, [32, 64, 128, 256]),
        ip,
        environment: 'production',
      };
    case 'network':
      return {
        ...base,
        ip,
        firmware: `${randomInt(random, 7, 17)}.${randomInt(random, 0, 9)}.${randomInt(random, 0, 9)}`,
      };
    case 'printer':
      return { ...base, ip, colour: name.includes('COLOUR') };
    default:
      return base;
  }
}

export function generateTeam(seed: number, options: TeamOptions = {}): DemoTeam {
  const now = options.now ?? DEMO_TEAM_NOW;
  const random = createRandom(seed, TEAM_STREAM);
  const founded = now - 730 * DAY;
  const between = (from: number, to: number): number => from + Math.floor(random() * Math.max(0, to - from));

  // Groups and locations first: users reference them. Their updatedBy is patched to the admin.
  const groupIds = new Map<string, string>();
  const locationIds = new Map<string, string>();
  const people: PersonDoc[] = [];
  const person = (personKind: PersonDoc['personKind'], name: string, email: string): PersonDoc => {
    const doc: PersonDoc = {
      id: newId(ID_PREFIX.person, founded, random),
      type: 'person',
      personKind,
      name,
      email,
      roles: [],
      groupIds: [],
      createdAt: founded,
      updatedAt: founded,
      updatedBy: '',
    };
    people.push(doc);
    return doc;
  };
  for (const group of GROUPS) {
    const email = `${group.name.toLowerCase().replace(/[^a-z]/g, '')}@outpost.example`;
    groupIds.set(group.key, person('group', group.name, email).id);
  }
  for (const location of LOCATIONS) locationIds.set(location.key, person('location', location.name, '').id);

  const userCount = STAFF.reduce((sum, entry) => sum + entry.count, 0);
  const firsts = sample(random, FIRST_NAMES, userCount);
  const lasts = sample(random, LAST_NAMES, userCount);
  const users: PersonDoc[] = [];
  for (const entry of STAFF) {
    for (let n = 0; n < entry.count; n++) {
      const first = firsts[users.length] ?? 'Sam';
      const last = lasts[users.length] ?? 'Taylor';
      const email = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '') + '@outpost.example';
      const user = person('user', `${first} ${last}`, email);
      user.roles = entry.roles.slice();
      user.groupIds = entry.groups.map((key) => groupIds.get(key) ?? '');
      user.createdAt = between(founded, founded + 365 * DAY);
      user.updatedAt = between(user.createdAt, now);
      users.push(user);
    }
  }
  const adminId = users[0]?.id ?? '';
  for (const doc of people) doc.updatedBy = adminId;

  const cis: CiDoc[] = [];
  let assetNumber = randomInt(random, 100, 400);
  const ci = (ciClass: CiDoc['ciClass'], name: string, fields: Partial<CiDoc>): CiDoc => {
    const createdAt = between(founded, now - 30 * DAY);
    const doc: CiDoc = {
      id: newId(ID_PREFIX.ci, createdAt, random),
      type: 'ci',
      ciClass,
      name,
      assetTag: '',
      serial: '',
      state: 'deployed',
      locationId: '',
      ownerId: '',
      attributes: {},
      createdAt,
      updatedAt: between(createdAt, now),
      updatedBy: adminId,
      ...fields,
    };
    cis.push(doc);
    return doc;
  };
  const hardware = (
    ciClass: CiDoc['ciClass'],
    name: string,
    state: CiState,
    locationId: string,
    ownerId: string,
  ) => {
    const model = pick(random, MODELS[ciClass] ?? []);
    assetNumber += randomInt(random, 1, 3);
    return ci(ciClass, name, {
      assetTag: `AT-${String(assetNumber).padStart(6, '0')}`,
      serial: serial(random, model),
      state,
      locationId,
      ownerId,
      attributes: hardwareAttributes(random, ciClass, model, name),
    });
  };

  for (const [ciClass, name, group, attributes] of LOGICAL_CIS) {
    const onPremises = ciClass === 'database' || (ciClass === 'application' && attributes.saas === false);
    ci(ciClass, name, {
      ownerId: groupIds.get(group) ?? '',
      attributes,
      locationId: onPremises ? (locationIds.get('slo') ?? '') : '',
    });
  }
  for (const [ciClass, name, location, group] of INFRA_CIS) {
    // Infrastructure is in service; a few items are being repaired.
    const state: CiState = random() < 0.05 ? 'maintenance' : 'deployed';
    hardware(ciClass, name, state, locationIds.get(location) ?? '', groupIds.get(group) ?? '');
  }
  const officeKeys = ['ldn', 'ldn', 'ldn', 'man', 'man', 'lds', 'home', 'home'] as const;
  for (const device of END_USER_DEVICES) {
    // Hand devices out in user order so that most people own one laptop.
    let nextOwner = 0;
    let number = randomInt(random, 100, 700);
    for (let n = 0; n < device.count; n++) {
      number += randomInt(random, 1, 9); // increasing, so names never collide
      const state = hardwareState(random);
      const issued = state === 'deployed' || state === 'maintenance';
      const owner = issued ? users[nextOwner++ % users.length] : undefined;
      const location = issued ? pick(random, officeKeys) : 'lds';
      const prefix = location === 'home' ? 'RMT' : location.toUpperCase();
      const name = `${prefix}-${device.code}-${String(number).padStart(4, '0')}`;
      hardware(device.ciClass, name, state, locationIds.get(location) ?? '', owner?.id ?? '');
    }
  }

  const byName = new Map(cis.map((doc) => [doc.name, doc.id]));
  const relations: RelationDoc[] = [];
  for (const [from, relType, to] of RELATIONS) {
    const fromId = byName.get(from);
    const toId = byName.get(to);
    if (!fromId || !toId) continue;
    const createdAt = between(founded, now - 30 * DAY);
    relations.push({
      id: newId(ID_PREFIX.relation, createdAt, random),
      type: 'relation',
      fromId,
      toId,
      relType,
      createdAt,
      updatedAt: createdAt,
      updatedBy: adminId,
    });
  }

  const authors = users.filter((user) => user.groupIds.length > 0);
  const articles: ArticleDoc[] = ARTICLE_SPECS.map((spec) => {
    const createdAt = between(founded, now - 60 * DAY);
    const updatedAt = between(createdAt, now);
    const steps = spec.steps.split('|').map((step, i) => `${i + 1}. ${step}`);
    const body = [
      `# ${spec.title}`,
      `**Applies to:** all staff · **Category:** ${spec.category}`,
      `## Summary\n\n${spec.summary}`,
      `## Steps\n\n${steps.join('\n')}`,
      '## Still stuck?\n\nRaise a ticket with the Service Desk, mention this article and attach a screenshot of any error.',
    ].join('\n\n');
    return {
      id: newId(ID_PREFIX.article, createdAt, random),
      type: 'article',
      title: spec.title,
      body,
      category: spec.category,
      tags: spec.tags.split(' '),
      state: articleState(random),
      version: randomInt(random, 1, 6),
      ownerId: pick(random, authors).id,
      sortDesc: MAX_TIME - updatedAt,
      createdAt,
      updatedAt,
      updatedBy: pick(random, authors).id,
    };
  });

  const settings: SettingDoc[] = [
    { key: 'priorityMatrix', value: { matrix: defaultPriorityMatrix() } },
    { key: 'categories', value: { categories: [...CATEGORIES] } },
  ].map(({ key, value }) => ({
    id: settingId(key),
    type: 'setting',
    key,
    value,
    updatedAt: founded,
    updatedBy: adminId,
  }));

  return { people, cis, articles, relations, settings };
}
