/**
 * Lookups over a demo team that ticket generation needs for every ticket (members per group,
 * devices per owner, CI pools per title placeholder). Built once per generateTickets call; the
 * result depends only on the team, so chunked generation stays deterministic.
 */
import type { CiClass, CiDoc } from '../domain/model';
import { priorityMatrixFromSetting } from '../domain/priority';
import { GROUPS } from './catalog';
import type { DemoTeam } from './team';

export function indexTeam(team: DemoTeam) {
  const users = team.people.filter((p) => p.personKind === 'user');
  if (users.length === 0) throw new RangeError('The team needs at least one user to generate tickets.');
  const groups = team.people.filter((p) => p.personKind === 'group');
  const groupByKey = new Map<string, string>();
  for (const { key, name } of GROUPS)
    groupByKey.set(key, groups.find((g) => g.name === name)?.id ?? groups[0]?.id ?? '');
  const members = new Map<string, string[]>();
  for (const user of users) {
    for (const groupId of user.groupIds) members.set(groupId, [...(members.get(groupId) ?? []), user.id]);
  }
  const deskId = groupByKey.get('desk') ?? '';
  const agents = members.get(deskId) ?? users.map((u) => u.id);
  const requesters = users.filter((u) => u.roles.includes('requester'));
  const locations = team.people.filter((p) => p.personKind === 'location').map((p) => p.name);
  const offices = locations.filter((name) => !/data centre|remote/i.test(name));
  const inUse = team.cis.filter((c) => c.state === 'deployed' || c.state === 'maintenance');
  const ofClass = (ciClass: CiClass, test: (c: CiDoc) => boolean = () => true) =>
    inUse.filter((c) => c.ciClass === ciClass && test(c));
  const pools: Record<string, CiDoc[]> = {
    laptop: ofClass('laptop'),
    desktop: ofClass('desktop'),
    mobile: ofClass('mobile'),
    printer: ofClass('printer'),
    server: ofClass('server'),
    app: ofClass('application'),
    ap: ofClass('network', (c) => c.name.includes('-AP-')),
    firewall: ofClass('network', (c) => c.name.includes('-FW')),
  };
  const owned = new Map<string, CiDoc>(); // `${ownerId}:${ciClass}` -> device
  for (const c of inUse) if (c.ownerId !== '') owned.set(`${c.ownerId}:${c.ciClass}`, c);
  const matrix = priorityMatrixFromSetting(team.settings.find((s) => s.key === 'priorityMatrix')?.value);
  // The CAB when no list is configured: every manager, in id order (renderer/data/process.ts).
  const managers = users
    .filter((u) => u.roles.includes('manager'))
    .map((u) => u.id)
    .sort();
  const ciByName = new Map(team.cis.map((c) => [c.name, c]));
  const ciById = new Map(team.cis.map((c) => [c.id, c]));
  return {
    users,
    names: new Map(users.map((u) => [u.id, u.name])),
    requesters: requesters.length > 0 ? requesters : users,
    groupByKey,
    members,
    agents,
    sites: offices.length > 0 ? offices : locations.length > 0 ? locations : ['the office'],
    pools,
    owned,
    matrix,
    managers,
    ciByName,
    ciById,
  };
}

export type TeamIndex = ReturnType<typeof indexTeam>;
