/**
 * The demo team as server documents: the same deterministic people, CMDB, articles, settings
 * and tickets a fresh replica seeds itself with, plus one sign-in per role.
 */
import { generateTeam, generateTickets, type DemoTeam } from '../../shared/demo/generator';
import { ROLES, type PersonDoc, type Role } from '../../shared/domain/model';
import { toWire, type WireDoc } from '../../shared/sync/wire';

/** Must match the replica's own demo seeding (renderer/app/database.tsx, renderer/data/seed.ts);
 * test/server/provision.test.ts holds them together. */
export const DEMO_SEED = 20261128;
export const DEMO_TICKETS = 300;
export const DEMO_DEVICE_ID = 'DEM0';
export const DEMO_SPAN_DAYS = 45;

export interface DemoData {
  team: DemoTeam;
  /** Team first, then tickets, then their activities: the order they are written in. */
  docs: WireDoc[];
}

/** `now` is the reference time of the tickets (the replica uses the clock at seeding time). */
export function demoDocuments(now: number): DemoData {
  const team = generateTeam(DEMO_SEED);
  const { tickets, activities } = generateTickets(DEMO_SEED, team, {
    start: 0,
    count: DEMO_TICKETS,
    now,
    deviceId: DEMO_DEVICE_ID,
    withActivities: true,
    spanDays: DEMO_SPAN_DAYS,
  });
  const docs = [
    ...team.people,
    ...team.cis,
    ...team.articles,
    ...team.relations,
    ...team.settings,
    ...tickets,
    ...activities,
  ].map((doc) => toWire(doc, false));
  return { team, docs };
}

function highestRole(person: PersonDoc): Role | null {
  let best = -1;
  for (const role of person.roles) best = Math.max(best, ROLES.indexOf(role));
  return ROLES[best] ?? null;
}

export interface DemoAccount {
  name: string;
  role: Role;
  personId: string;
  personName: string;
}

/** One account per role (`demo-requester` … `demo-admin`), each acting as the first demo
 * person whose highest role is that role. */
export function demoAccounts(team: DemoTeam): DemoAccount[] {
  const users = team.people.filter((person) => person.personKind === 'user');
  return ROLES.map((role) => {
    const person = users.find((candidate) => highestRole(candidate) === role);
    if (!person) throw new Error(`The demo team has no person whose highest role is ${role}.`);
    return { name: `demo-${role}`, role, personId: person.id, personName: person.name };
  });
}
