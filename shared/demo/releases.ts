/**
 * Demo releases: a release bundles two to four changes (their `parentId`). Its status, stage
 * and target date follow from where those changes are: released once every one is implemented
 * and the target date has come, on hold when one failed, in progress once one went to the CAB.
 */
import type { ChangeType, TicketStatus } from '../domain/model';
import { changeMember } from './changes';
import {
  DAY,
  HOUR,
  MINUTE,
  between,
  closeDelay,
  draftTicket,
  fillFixed,
  finish,
  memberOf,
  recentTime,
  type GenContext,
} from './draft';
import { sharedValues } from './problems';
import { RELEASE_FAMILIES } from './process-templates';
import { createRandom, pick, sample, weighted, type Random } from './random';
import * as text from './ticket-text';
import { member, step, type Member } from './timeline';

const pickReleaseChangeType = weighted<ChangeType>([
  ['standard', 35],
  ['normal', 60],
  ['emergency', 5],
]);

/** 09:00 UTC on the day of `at`. */
function morning(at: number): number {
  return Math.floor(at / DAY) * DAY + 9 * HOUR;
}

/** `slots[0]` is the release, the others the changes it includes. */
export function releaseFamily(g: GenContext, fr: Random, slots: readonly number[]): Member[] {
  const { ix, now } = g;
  const spec = pick(fr, RELEASE_FAMILIES);
  const fixed = sharedValues(fr, ix, [spec.title, spec.version, ...spec.changes.map((c) => c.title)]);
  const createdAt = recentTime(fr, now, g.spanDays);
  const random = createRandom(g.seed, slots[0] as number);
  const release = draftTicket(g, random, slots[0] as number, {
    kind: 'release',
    template: spec.title,
    category: spec.category,
    group: spec.group,
    createdAt,
    fixed,
    byStaff: true,
  });
  release.assigneeId = memberOf(fr, ix, release.groupId);
  release.version = fillFixed(spec.version, fixed);
  const templates = sample(fr, spec.changes, slots.length - 1);
  const changes = templates.map((template, i) =>
    changeMember(g, fr, {
      index: slots[i + 1] as number,
      template,
      type: pickReleaseChangeType(fr),
      t0: between(fr, createdAt + HOUR, Math.min(now, createdAt + 6 * DAY)),
      fixed,
      canCancel: false,
      parentId: release.id,
    }),
  );
  const rm = member(slots[0] as number, release, random);
  settleRelease(g, fr, rm, changes);
  return [rm, ...changes];
}

const SUCCESS = new Set<string>(['successful', 'successful_with_issues']);

/** When `m` entered `status` according to its saved edits (0 if it never did). */
function enteredAt(m: Member, status: TicketStatus): number {
  return m.steps.find((s) => s.changes[0]?.field === 'status' && s.changes[0].to === status)?.at ?? 0;
}

/** Status, stage and target date of a release from where its changes are. */
function settleRelease(g: GenContext, fr: Random, m: Member, changes: readonly Member[]): void {
  const { now } = g;
  const release = m.ticket;
  const owner = release.assigneeId;
  const readyAt = changes.map((c) => enteredAt(c, 'review'));
  const failed = changes
    .filter((c) => c.ticket.status === 'closed' && !SUCCESS.has(c.ticket.resolutionCode))
    .map((c) => c.ticket.closedAt);
  const ends = changes.map((c) => c.ticket.plannedEnd ?? 0).filter((end) => end > 0);
  release.targetDate =
    ends.length > 0
      ? morning(Math.max(...ends) + between(fr, DAY, 4 * DAY))
      : morning(release.createdAt + between(fr, 14 * DAY, 30 * DAY));
  // Work on the release starts when its first change goes to the CAB or the calendar.
  const starts = changes
    .map((c) =>
      Math.min(...['authorize', 'scheduled'].map((s) => enteredAt(c, s as TicketStatus) || Infinity)),
    )
    .filter((at) => Number.isFinite(at));
  let last = release.createdAt;
  if (starts.length > 0) {
    last = Math.max(Math.min(...starts), release.createdAt + MINUTE);
    step(m, last, owner, 'new', 'in_progress');
    release.status = 'in_progress';
  }
  const allReady = changes.length > 0 && failed.length === 0 && readyAt.every((at) => at > 0);
  const releaseAt = allReady ? Math.max(release.targetDate, ...readyAt) + between(fr, 0, 6 * HOUR) : 0;
  if (allReady && releaseAt <= now) {
    release.status = 'resolved';
    release.resolutionCode = 'released';
    release.resolutionNotes = pick(fr, text.RESOLUTION_NOTES.released);
    release.resolvedAt = releaseAt;
    step(m, releaseAt, owner, 'in_progress', 'resolved', [
      { field: 'resolutionCode', from: '', to: 'released' },
      { field: 'resolutionNotes', from: '', to: release.resolutionNotes },
    ]);
    last = releaseAt;
    const closeAt = releaseAt + closeDelay(fr);
    if (closeAt <= now) {
      release.status = 'closed';
      release.closedAt = closeAt;
      step(m, closeAt, owner, 'resolved', 'closed');
      last = closeAt;
    }
  } else if (failed.length > 0 && release.status === 'in_progress') {
    last = Math.max(last, Math.min(...failed));
    release.status = 'pending';
    release.pendingReason = 'awaiting_change';
    step(m, last, owner, 'in_progress', 'pending', [
      { field: 'pendingReason', from: '', to: 'awaiting_change' },
    ]);
  }
  const readyNow = changes.filter(
    (c) =>
      c.ticket.status === 'review' || (c.ticket.status === 'closed' && SUCCESS.has(c.ticket.resolutionCode)),
  ).length;
  if (release.status === 'resolved' || release.status === 'closed') release.stage = 'production';
  else if (release.status === 'pending') release.stage = 'test';
  else if (readyNow === 0) release.stage = 'build';
  else release.stage = readyNow < changes.length ? 'test' : 'production';
  release.updatedAt = last;
  finish(release);
}
