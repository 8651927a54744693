/**
 * Demo changes. A change is played forward from its creation through the change
 * flow (assess, CAB, schedule, implement in its window, review, close) and stops wherever "now"
 * falls, so windows in the past are closed or in review, the current one is being implemented,
 * and future ones are scheduled or still on their way through the CAB.
 */
import type { ChangeType, FieldChange, TicketDoc, TicketStatus } from '../domain/model';
import { riskLevel, RISK_QUESTIONS } from '../domain/risk';
import type { ResolutionCode } from '../domain/status';
import {
  DAY,
  HOUR,
  MINUTE,
  between,
  createdTime,
  draftTicket,
  recentTime,
  finish,
  memberOf,
  type Fixed,
  type GenContext,
} from './draft';
import { sharedValues } from './problems';
import { CHANGE_TEMPLATES, type ChangeTemplate } from './process-templates';
import { APPROVE_COMMENTS, CANCEL_REASONS, PLANS, REJECT_COMMENTS } from './process-text';
import { chance, createRandom, pick, randomInt, weighted, type Random } from './random';
import * as text from './ticket-text';
import { member, step, type Member } from './timeline';

const pickType = weighted<ChangeType>([
  ['standard', 30],
  ['normal', 55],
  ['emergency', 15],
]);
const pickOutcome = weighted<ResolutionCode>(
  (['successful', 'successful_with_issues', 'unsuccessful', 'rolled_back'] as const).map(
    (code) => [code, text.RESOLUTION_WEIGHTS[code]] as const,
  ),
);

interface Milestone {
  status: TicketStatus;
  at: number;
}

/** The whole planned life of a change, before cutting it at now. */
interface Lifecycle {
  type: ChangeType;
  /** Creation time: as asked, or worked out to land the change in a given step now. */
  t0: number;
  milestones: Milestone[];
  start: number;
  end: number;
  outcome: ResolutionCode;
  cancelReason: string;
}

/** The next evening slot (18:00-21:00 UTC) after `after`: changes avoid business hours. */
function eveningSlot(random: Random, after: number): number {
  const day = Math.floor(after / DAY) * DAY;
  const start = day + randomInt(random, 18, 21) * HOUR;
  return start > after ? start : start + DAY;
}

export interface PlanOptions {
  canCancel: boolean;
  /** Window start forced by an overlapping twin. */
  fixedStart?: number;
  /** Place the change so that now falls in this step (t0 is then worked out backwards). */
  land?: 'authorize' | 'implement';
}

/** Offsets of the steps before the window from creation, the lead time, and the window length. */
function steps(fr: Random, type: ChangeType): { before: Milestone[]; lead: number; length: number } {
  const before: Milestone[] = [];
  let t = 0;
  if (type === 'emergency') {
    t += between(fr, 15 * MINUTE, 2 * HOUR);
    before.push({ status: 'authorize', at: t });
    t += between(fr, 30 * MINUTE, 3 * HOUR);
    before.push({ status: 'scheduled', at: t });
    return { before, lead: between(fr, 30 * MINUTE, 4 * HOUR), length: randomInt(fr, 1, 3) * HOUR };
  }
  t += type === 'standard' ? between(fr, 30 * MINUTE, DAY) : between(fr, 2 * HOUR, 2 * DAY);
  before.push({ status: 'assess', at: t });
  if (type === 'normal') {
    t += between(fr, 4 * HOUR, 3 * DAY);
    before.push({ status: 'authorize', at: t });
  }
  t += type === 'normal' ? between(fr, 4 * HOUR, 3 * DAY) : between(fr, HOUR, DAY);
  before.push({ status: 'scheduled', at: t });
  const lead = type === 'normal' ? between(fr, 2 * DAY, 8 * DAY) : between(fr, DAY, 5 * DAY);
  return { before, lead, length: randomInt(fr, 1, 4) * HOUR };
}

function plan(fr: Random, type: ChangeType, created: number, now: number, options: PlanOptions): Lifecycle {
  const { before, lead, length } = steps(fr, type);
  const scheduledOffset = (before[before.length - 1] as Milestone).at;
  let t0 = created;
  let start = 0;
  let end = 0;
  if (options.land === 'implement') {
    // A window running now: it started on the hour, up to an hour ago, and lasts 2-4 hours.
    start = Math.floor(now / HOUR) * HOUR - randomInt(fr, 0, 1) * HOUR;
    end = start + randomInt(fr, 2, 4) * HOUR;
    t0 = start - lead - scheduledOffset;
  } else if (options.land === 'authorize') {
    const authorize = before.find((m) => m.status === 'authorize');
    if (authorize) t0 = now - authorize.at - Math.floor(fr() * (scheduledOffset - authorize.at));
  }
  const milestones = before.map((m) => ({ status: m.status, at: t0 + m.at }));
  const scheduledAt = t0 + scheduledOffset;
  if (start === 0) {
    start =
      type === 'emergency'
        ? Math.ceil((scheduledAt + lead) / (15 * MINUTE)) * 15 * MINUTE
        : eveningSlot(fr, scheduledAt + lead);
    end = start + length;
  }
  const fixedStart = options.fixedStart ?? 0;
  if (fixedStart > 0) {
    // Squeeze the steps before the window into the time there is (an overlapping twin).
    const room = Math.max(0, fixedStart - 30 * MINUTE - t0);
    if (scheduledOffset > room) {
      for (const m of milestones) m.at = t0 + Math.floor(((m.at - t0) * room) / scheduledOffset);
    }
    start = fixedStart;
    end = start + length;
  }
  const review = end + between(fr, 0, 30 * MINUTE);
  milestones.push({ status: 'implement', at: start }, { status: 'review', at: review });
  milestones.push({ status: 'closed', at: review + between(fr, DAY, 5 * DAY) });
  let cancelReason = '';
  if (options.canCancel && !options.land && chance(fr, 0.15)) {
    // Cancelled before implementation, some time after one of the steps before it.
    const k = Math.floor(fr() * before.length) - (fr() < 0.3 ? 1 : 0);
    const from = k < 0 ? t0 : (milestones[k] as Milestone).at;
    const next = (milestones[k + 1] as Milestone).at;
    milestones.splice(k + 1, milestones.length, {
      status: 'cancelled',
      at: between(fr, from + MINUTE, next - MINUTE),
    });
    cancelReason = pick(fr, CANCEL_REASONS);
  }
  return { type, t0, milestones, start, end, outcome: pickOutcome(fr), cancelReason };
}

/** Answers biased by type (standard changes are routine, emergencies rushed) and their level. */
function riskFor(
  fr: Random,
  type: ChangeType,
): { riskAnswers: Record<string, number>; risk: TicketDoc['risk'] } {
  const riskAnswers: Record<string, number> = {};
  for (const question of RISK_QUESTIONS) {
    const scores = question.options.map((o) => o.score).sort((a, b) => a - b);
    const roll = fr();
    const bias = type === 'standard' ? roll * roll * roll : type === 'normal' ? roll * roll : roll;
    riskAnswers[question.id] = scores[
      Math.min(scores.length - 1, Math.floor(bias * scores.length))
    ] as number;
  }
  return { riskAnswers, risk: riskLevel(riskAnswers, type) };
}

export interface ChangeSpec {
  index: number;
  template: ChangeTemplate;
  type: ChangeType;
  t0: number;
  fixed: Readonly<Record<string, Fixed>>;
  canCancel: boolean;
  parentId?: string;
  /** Window start forced by an overlapping twin; its CI is added. */
  twinOf?: TicketDoc;
  land?: PlanOptions['land'];
}

/** One change, its status where now falls in its plan, its saved edits and CAB votes. */
export function changeMember(g: GenContext, fr: Random, spec: ChangeSpec): Member {
  const { ix, now } = g;
  // Without managers nobody can authorise: only standard changes get past Assess.
  const type = ix.managers.length === 0 ? 'standard' : spec.type;
  const life = plan(fr, type, spec.t0, now, {
    canCancel: spec.canCancel,
    fixedStart: spec.twinOf?.plannedStart ?? 0,
    ...(spec.land ? { land: spec.land } : {}),
  });
  const random = createRandom(g.seed, spec.index);
  const ticket = draftTicket(g, random, spec.index, {
    kind: 'change',
    template: spec.template.title,
    category: spec.template.category,
    group: spec.template.group,
    createdAt: life.t0,
    fixed: spec.fixed,
    byStaff: true,
    ciNames: spec.template.cis,
  });
  if (spec.twinOf) ticket.ciIds = [...new Set([...spec.twinOf.ciIds.slice(0, 1), ...ticket.ciIds])];
  if (spec.parentId) ticket.parentId = spec.parentId;
  const reached = life.milestones.filter((m) => m.at <= now);
  const m = member(spec.index, ticket, random);
  const owner = memberOf(fr, ix, ticket.groupId);
  const planned = reached.some((r) => r.status === 'authorize' || r.status === 'scheduled');
  const assessed = reached.some((r) => r.status === 'assess');
  if (planned || assessed || chance(fr, 0.7)) ticket.assigneeId = owner;
  // The type comes first: the risk questionnaire and the flow depend on it.
  if (planned || assessed || chance(fr, 0.7)) ticket.changeType = type;
  const ciName = ix.ciById.get(ticket.ciIds[0] ?? '')?.name ?? 'the affected systems';
  const words = PLANS[spec.template.style];
  const fill = (s: string) => s.replace(/\{ci\}/g, ciName);
  if (planned || (assessed && chance(fr, 0.6))) Object.assign(ticket, riskFor(fr, type));
  if (planned || (assessed && chance(fr, 0.6))) {
    ticket.implementationPlan = fill(words.implementation);
    if (planned || chance(fr, 0.6)) ticket.backoutPlan = fill(words.backout);
    if (planned || chance(fr, 0.4)) ticket.testPlan = fill(words.test);
  }
  if (planned || (assessed && chance(fr, 0.5))) {
    ticket.plannedStart = life.start;
    ticket.plannedEnd = life.end;
  }

  let from: TicketStatus = 'new';
  let authorizeAt = 0;
  for (const r of reached) {
    const also: FieldChange[] = [];
    if (r.status === 'closed') {
      ticket.resolutionCode = life.outcome;
      ticket.resolutionNotes = pick(fr, text.RESOLUTION_NOTES[life.outcome]);
      also.push({ field: 'resolutionCode', from: '', to: ticket.resolutionCode });
      also.push({ field: 'resolutionNotes', from: '', to: ticket.resolutionNotes });
    }
    if (r.status === 'authorize') authorizeAt = r.at;
    if (r.status === 'scheduled' && authorizeAt > 0) addVotes(fr, m, g, authorizeAt, r.at, 'approved');
    if (r.status === 'cancelled' && from === 'authorize') addVotes(fr, m, g, authorizeAt, r.at, 'rejected');
    step(
      m,
      r.at,
      ticket.assigneeId || ticket.createdBy,
      from,
      r.status,
      also,
      r.status === 'cancelled' ? life.cancelReason : '',
    );
    from = r.status;
  }
  if (from === 'authorize') addVotes(fr, m, g, authorizeAt, now, 'open');
  ticket.status = from;
  ticket.updatedAt = reached.length > 0 ? (reached[reached.length - 1] as Milestone).at : life.t0;
  if (from === 'closed' || from === 'cancelled') ticket.closedAt = ticket.updatedAt;
  finish(ticket);
  return m;
}

/**
 * Votes between entering Authorize and `until`: every manager approves before scheduling; a
 * rejection comes before a cancellation; while the CAB sits, some have voted.
 */
function addVotes(
  fr: Random,
  m: Member,
  g: GenContext,
  since: number,
  until: number,
  outcome: 'approved' | 'rejected' | 'open',
): void {
  const managers = g.ix.managers;
  const votes = managers.map((by, i) => {
    const at = between(fr, since + MINUTE, until - MINUTE);
    if (outcome === 'rejected' && i === 0)
      return { at, by, vote: 'reject' as const, body: pick(fr, REJECT_COMMENTS) };
    if (outcome === 'open' && chance(fr, 0.5)) return null;
    return { at, by, vote: 'approve' as const, body: pick(fr, APPROVE_COMMENTS) };
  });
  for (const v of votes) if (v) m.votes.push(v);
  m.votes.sort((a, b) => a.at - b.at);
}

/**
 * The creation time of the k-th of n standalone changes of a block: their ages are spread over
 * the recent part of the span, so every stage of the flow shows up, during business hours.
 */
function spreadTime(fr: Random, now: number, spanDays: number, [k, n]: readonly [number, number]): number {
  const horizon = Math.min(spanDays, Math.max(21, spanDays / 3)) * DAY;
  const at = now - Math.floor(((k + fr()) / n) * horizon);
  const office = Math.floor(at / DAY) * DAY + 8 * HOUR + Math.floor(fr() * 9 * HOUR);
  return Math.max(now - spanDays * DAY, Math.min(office, now - 10 * MINUTE));
}

/** A standalone change, or two whose windows overlap on the same item (for the calendar). */
export function changeFamily(
  g: GenContext,
  fr: Random,
  slots: readonly number[],
  stratum?: readonly [number, number],
): Member[] {
  const template = pick(fr, CHANGE_TEMPLATES);
  const fixed = sharedValues(fr, g.ix, [template.title]);
  if (slots.length === 1) {
    const t0 = stratum ? spreadTime(fr, g.now, g.spanDays, stratum) : createdTime(fr, g.now, g.spanDays);
    // Now and then the youngest one is being implemented right now (always on a demo's span).
    const land = stratum?.[0] === 0 && chance(fr, Math.min(1, 45 / g.spanDays)) ? 'implement' : undefined;
    const type = land ? 'normal' : pickType(fr);
    const spec = { index: slots[0] as number, template, type, t0, fixed, canCancel: true } as const;
    return [changeMember(g, fr, land ? { ...spec, land } : spec)];
  }
  // A normal change before the CAB, and a standard one planned into its window on one of its items.
  const first = changeMember(g, fr, {
    index: slots[0] as number,
    template,
    type: 'normal',
    t0: g.now,
    fixed,
    canCancel: false,
    land: 'authorize',
  });
  const t0 = first.ticket.createdAt;
  const hasWindow = first.ticket.ciIds.length > 0 && (first.ticket.plannedStart ?? 0) > 0;
  const other = pick(
    fr,
    CHANGE_TEMPLATES.filter((t) => t !== template),
  );
  const second = changeMember(g, fr, {
    index: slots[1] as number,
    template: other,
    type: hasWindow ? 'standard' : pickType(fr),
    t0: hasWindow ? between(fr, t0, Math.min(g.now, t0 + DAY)) : recentTime(fr, g.now, g.spanDays),
    fixed: sharedValues(fr, g.ix, [other.title]),
    canCancel: !hasWindow,
    ...(hasWindow ? { twinOf: first.ticket } : {}),
  });
  return [first, second];
}
