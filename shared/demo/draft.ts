/**
 * The part of a demo ticket every kind shares: who raised it, its title with real CI names,
 * its description, impact and urgency. Drawn from the ticket's own random stream, so a ticket's
 * content does not depend on which other tickets are generated with it.
 */
import { ID_PREFIX, newId } from '../domain/ids';
import { MAX_TIME, type Level, type TicketDoc, type TicketKind } from '../domain/model';
import { formatTicketNumber } from '../domain/numbering';
import { priorityOf } from '../domain/priority';
import { phaseOf } from '../domain/status';
import type { Category, GroupKey } from './catalog';
import { chance, pick, randomInt, weighted, type Random } from './random';
import type { TeamIndex } from './team-index';
import { TAGS } from './ticket-templates';
import * as text from './ticket-text';

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

export interface GenContext {
  seed: number;
  now: number;
  spanDays: number;
  deviceId: string;
  ix: TeamIndex;
}

/** A placeholder value a whole family shares (the server a problem is about, the site...). */
export interface Fixed {
  name: string;
  ciId?: string;
}

/** Used when a custom team has no CI of the kind a title mentions. */
const FALLBACK_NAMES: Readonly<Record<string, string>> = {
  laptop: 'my laptop',
  desktop: 'my PC',
  mobile: 'my phone',
  printer: 'the office printer',
  server: 'the file server',
  app: 'the ERP system',
  ap: 'the 2nd floor access point',
  firewall: 'the office firewall',
};

// Mostly low impact and medium urgency, which lands most tickets on P3/P4 as in real desks.
const pickImpact = weighted<Level>([
  [1, 10],
  [2, 35],
  [3, 55],
]);
const pickUrgency = weighted<Level>([
  [1, 12],
  [2, 48],
  [3, 40],
]);

/** Business-hours creation time in the `spanDays` before now; most weekend days are redrawn. */
export function createdTime(random: Random, now: number, spanDays: number): number {
  let day = 0;
  for (let attempt = 0; attempt < 3; attempt++) {
    day = Math.floor(random() * spanDays);
    const weekday = (Math.floor((now - day * DAY) / DAY) + 4) % 7; // 1970-01-01 was a Thursday
    if ((weekday !== 0 && weekday !== 6) || random() < 0.15) break;
  }
  const midnight = Math.floor((now - day * DAY) / DAY) * DAY;
  const time = midnight + 7 * HOUR + Math.floor(random() * 11 * HOUR);
  return Math.max(now - spanDays * DAY, Math.min(time, now - Math.floor(random() * HOUR)));
}

/**
 * Like createdTime, but younger on average (a random share of the span): process records live
 * for weeks, and a demo desk should show some of them in flight.
 */
export function recentTime(random: Random, now: number, spanDays: number): number {
  return createdTime(random, now, Math.max(1, spanDays * (0.25 + 0.75 * random())));
}

/** A time in [from, to], never past `to`; `to` wins when the span is empty. */
export function between(random: Random, from: number, to: number): number {
  return to <= from ? to : from + Math.floor(random() * (to - from));
}

/** Fills `{key}` with the family's shared values; unknown keys stay as they are. */
export function fillFixed(template: string, fixed: Readonly<Record<string, Fixed>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => fixed[key]?.name ?? whole);
}

export interface FilledTitle {
  title: string;
  ciIds: string[];
  device: string;
}

/** Fills a title; CI placeholders also link the CI. Shared values win over fresh draws. */
export function fillTitle(
  random: Random,
  template: string,
  ix: TeamIndex,
  requesterId: string,
  person: string,
  site: string,
  fixed: Readonly<Record<string, Fixed>> = {},
): FilledTitle {
  const ciIds: string[] = [];
  let device = '';
  const title = template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const shared = fixed[key];
    if (shared) {
      if (shared.ciId) ciIds.push(shared.ciId);
      return shared.name;
    }
    if (key === 'person') return person;
    if (key === 'site') return site;
    if (key === 'n') return String(randomInt(random, 1, 12));
    const pool = ix.pools[key];
    // Prefer the requester's own device: "VPN drops on LDN-LT-0412" should be their laptop.
    const ci = ix.owned.get(`${requesterId}:${key}`) ?? (pool && pool.length > 0 ? pick(random, pool) : null);
    if (!ci) return FALLBACK_NAMES[key] ?? whole;
    ciIds.push(ci.id);
    device ||= ci.name;
    return ci.name;
  });
  return { title, ciIds, device };
}

function family(kind: TicketKind): text.TextFamily {
  return kind === 'incident' || kind === 'request' || kind === 'question' ? kind : 'work';
}

export interface DraftSpec {
  kind: TicketKind;
  template: string;
  category: Category;
  group: GroupKey;
  createdAt: number;
  fixed?: Readonly<Record<string, Fixed>>;
  /** Changes, releases, projects and tasks are raised by the staff who own them. */
  byStaff?: boolean;
  /** Extra items the record touches, by CI name (missing names are skipped). */
  ciNames?: readonly string[];
}

/** A New, unassigned ticket: the caller sets status, people and dates, then calls finish(). */
export function draftTicket(g: GenContext, random: Random, index: number, spec: DraftSpec): TicketDoc {
  const { ix } = g;
  const groupId = ix.groupByKey.get(spec.group) ?? '';
  const staff = ix.members.get(groupId) ?? ix.agents;
  const owner = spec.byStaff ? pick(random, staff) : '';
  const requester = spec.byStaff
    ? (ix.users.find((u) => u.id === owner) ?? pick(random, ix.users))
    : chance(random, 0.8)
      ? pick(random, ix.requesters)
      : pick(random, ix.users);
  const person = pick(random, ix.users).name;
  const site = pick(random, ix.sites);
  const filled = fillTitle(random, spec.template, ix, requester.id, person, site, spec.fixed);
  for (const name of spec.ciNames ?? []) {
    const ci = ix.ciByName.get(name);
    if (ci) filled.ciIds.push(ci.id);
  }
  const ctx = { requester: requester.name, person, site, device: filled.device || 'standard laptop' };
  const description = text.describe(random, family(spec.kind), ctx);
  const impact = pickImpact(random);
  const urgency = pickUrgency(random);
  const tags = chance(random, 0.2) ? [...new Set([pick(random, TAGS), pick(random, TAGS)])] : [];
  const createdBy = spec.byStaff || chance(random, 0.6) ? requester.id : pick(random, ix.agents);
  const { createdAt } = spec;
  return {
    id: newId(ID_PREFIX.ticket, createdAt, random),
    type: 'ticket',
    kind: spec.kind,
    number: formatTicketNumber(spec.kind, g.deviceId, index + 1),
    title: filled.title,
    description,
    status: 'new',
    pendingReason: '',
    impact,
    urgency,
    priority: priorityOf(impact, urgency, ix.matrix),
    category: spec.category,
    requesterId: requester.id,
    assigneeId: '',
    groupId,
    ciIds: [...new Set(filled.ciIds)],
    tags,
    resolutionCode: '',
    resolutionNotes: '',
    phase: 'open',
    sortDesc: MAX_TIME - createdAt,
    createdAt,
    createdBy,
    updatedAt: createdAt,
    updatedBy: createdBy,
    resolvedAt: 0,
    closedAt: 0,
  };
}

/** Someone from the ticket's group (the desk when the group has nobody). */
export function memberOf(random: Random, ix: TeamIndex, groupId: string): string {
  return pick(random, ix.members.get(groupId) ?? ix.agents);
}

/** Derived fields, once status, people and dates are final. */
export function finish(ticket: TicketDoc): TicketDoc {
  ticket.phase = phaseOf(ticket.status);
  ticket.sortDesc = MAX_TIME - ticket.updatedAt;
  ticket.updatedBy = ticket.assigneeId || ticket.createdBy;
  return ticket;
}

/** Requesters confirm within two days, or the ticket auto-closes after five. */
export function closeDelay(random: Random): number {
  return chance(random, 0.4) ? randomInt(random, 1, 48) * HOUR : 5 * DAY;
}
