import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { firstValueFrom } from 'rxjs';
import type { TicketKind } from '../../shared/domain/model';
import type { TicketInput } from '../../shared/domain/validation';
import { observeActivities } from './activities';
import type { OutpostDatabase } from './database';
import { excludeChange, includeChange, observeIncludedChanges } from './releases';
import { createDbTracker } from './testDb';
import { createTicket, updateTicket } from './tickets';

const dbs = createDbTracker();
afterEach(() => dbs.closeAll());

const session = { userId: 'per_agent' };
const NOW = 1_750_000_000_000;
const HOUR = 3_600_000;

function input(kind: TicketKind, title: string): TicketInput {
  return {
    kind,
    title,
    description: '',
    impact: 2,
    urgency: 2,
    category: '',
    requesterId: 'per_req',
    assigneeId: '',
    groupId: '',
  };
}

async function create(db: OutpostDatabase, kind: TicketKind, title: string): Promise<string> {
  const result = await createTicket(db, input(kind, title), session, { now: NOW });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.ticket.id;
}

async function move(db: OutpostDatabase, id: string, patch: Parameters<typeof updateTicket>[2]) {
  const result = await updateTicket(db, id, patch, session, { now: NOW });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
}

/** A standard change taken from New to Review (implemented). */
async function implement(db: OutpostDatabase, id: string): Promise<void> {
  await move(db, id, {
    process: {
      changeType: 'standard',
      risk: 'low',
      implementationPlan: 'Apply the package.',
      backoutPlan: 'Remove the package.',
      plannedStart: NOW + HOUR,
      plannedEnd: NOW + 2 * HOUR,
    },
  });
  await move(db, id, { status: 'assess' });
  await move(db, id, { status: 'scheduled' });
  await move(db, id, { status: 'implement', assigneeId: 'per_tech' });
  await move(db, id, { status: 'review' });
}

describe('includeChange / excludeChange', () => {
  let db: OutpostDatabase;
  let releaseId: string;
  beforeEach(async () => {
    db = await dbs.open();
    releaseId = await create(db, 'release', 'Spring release');
  });

  it('adds a change, records it on its timeline and lists it live', async () => {
    const changeId = await create(db, 'change', 'Upgrade the mail relay');
    const result = await includeChange(db, releaseId, changeId, session, { now: NOW });
    expect(result.ok && result.change.parentId).toBe(releaseId);
    const included = await firstValueFrom(observeIncludedChanges(db, releaseId));
    expect(included.map((c) => c.id)).toEqual([changeId]);
    const timeline = await firstValueFrom(observeActivities(db, changeId));
    expect(timeline.find((a) => a.kind === 'change')?.changes).toEqual([
      { field: 'parentId', from: null, to: releaseId },
    ]);

    const removed = await excludeChange(db, releaseId, changeId, session, { now: NOW });
    expect(removed.ok && removed.change.parentId).toBe('');
    expect(await firstValueFrom(observeIncludedChanges(db, releaseId))).toEqual([]);
  });

  it('refuses a change of another release and names it', async () => {
    const otherId = await create(db, 'release', 'Autumn release');
    const other = (await db.tickets.findOne(otherId).exec())?.number;
    const changeId = await create(db, 'change', 'Rotate certificates');
    expect((await includeChange(db, otherId, changeId, session)).ok).toBe(true);
    const result = await includeChange(db, releaseId, changeId, session);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.changeId).toContain(`already part of ${other}`);
    expect((await db.tickets.findOne(changeId).exec())?.parentId).toBe(otherId);
  });

  it('refuses cancelled changes, other kinds and missing records, writing nothing', async () => {
    const changeId = await create(db, 'change', 'Retire the fax server');
    await move(db, changeId, { status: 'cancelled', reason: 'No longer needed' });
    const cancelled = await includeChange(db, releaseId, changeId, session);
    expect(!cancelled.ok && cancelled.errors.changeId).toMatch(/is cancelled/);

    const incidentId = await create(db, 'incident', 'Printer jam');
    const incident = await includeChange(db, releaseId, incidentId, session);
    expect(!incident.ok && incident.errors.changeId).toMatch(/not a change/);

    expect((await includeChange(db, releaseId, 'tkt_missing', session)).ok).toBe(false);
    expect((await includeChange(db, 'tkt_missing', changeId, session)).ok).toBe(false);
    expect((await includeChange(db, releaseId, '', session)).ok).toBe(false);
    const changed = await db.tickets.find({ selector: { parentId: releaseId } }).exec();
    expect(changed).toHaveLength(0);
  });

  it('refuses to remove a change that is not in the release', async () => {
    const changeId = await create(db, 'change', 'Patch the VPN');
    const result = await excludeChange(db, releaseId, changeId, session);
    expect(!result.ok && result.errors.form).toMatch(/not part of this release/);
  });
});

describe('releasing', () => {
  it('a release is released only once every included change is implemented', async () => {
    const db = await dbs.open();
    const releaseId = await create(db, 'release', 'Summer release');
    const first = await create(db, 'change', 'Upgrade the database');
    const second = await create(db, 'change', 'Move the file share');
    for (const id of [first, second]) {
      expect((await includeChange(db, releaseId, id, session, { now: NOW })).ok).toBe(true);
    }
    await move(db, releaseId, { status: 'in_progress', assigneeId: 'per_manager' });
    const release = { status: 'resolved' as const, resolutionCode: 'released', resolutionNotes: 'Live.' };

    await implement(db, first);
    const early = await updateTicket(db, releaseId, release, session, { now: NOW });
    expect(!early.ok && early.errors.status).toMatch(/every included change/);

    await implement(db, second);
    const done = await updateTicket(db, releaseId, release, session, { now: NOW });
    expect(done.ok && done.ticket.status).toBe('resolved');

    const late = await create(db, 'change', 'One more thing');
    const refused = await includeChange(db, releaseId, late, session);
    expect(!refused.ok && refused.errors.changeId).toMatch(/finished/);
  });
});
