import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { escalationActions, type EscalationRule } from '../../shared/domain/escalation';
import type { SlaState, ClockState } from '../../shared/domain/sla';
import type { OutpostDatabase } from './database';
import {
  applyEscalation,
  readRoutingSettings,
  readTimeline,
  saveAssignmentRules,
  saveCategories,
  saveEscalationRules,
  saveTicketTemplates,
  type SettingsSession,
} from './routing';
import { findSetting, saveSetting } from './settings';
import { createDbTracker, fixtureTicket } from './testDb';

const dbs = createDbTracker();
afterEach(() => dbs.closeAll());

const manager: SettingsSession = { userId: 'per_boss' };
const NOW = 1_750_000_000_000;

const rule = {
  id: 'r1',
  name: 'Laptops to field',
  match: { kinds: [], categories: ['Hardware/Laptop'], ciIds: [], ciClasses: [] },
  groupId: 'grp_field',
  assigneeId: '',
};

const escalation: EscalationRule = {
  id: 'e1',
  name: 'Breach raises priority',
  match: { kinds: [], priorities: [], categories: [], groupIds: [] },
  trigger: { clock: 'resolution', level: 'breach' },
  reassignGroupId: 'grp_net',
  reassignAssigneeId: '',
  raisePriorityTo: 1,
  notify: ['group'],
};

describe('routing settings', () => {
  let db: OutpostDatabase;
  beforeEach(async () => {
    db = await dbs.open();
  });

  it('saves and reads back every key', async () => {
    expect(await saveAssignmentRules(db, [rule], manager)).toEqual({ ok: true });
    expect(await saveEscalationRules(db, [escalation], manager)).toEqual({ ok: true });
    const template = {
      id: 't1',
      name: 'Laptop',
      kind: 'request',
      title: '',
      description: '',
      category: 'Hardware/Laptop',
      impact: 3,
      urgency: 3,
      groupId: '',
      tags: [],
    };
    expect(await saveTicketTemplates(db, [template], manager)).toEqual({ ok: true });
    expect(await saveCategories(db, ['Hardware', 'Hardware / Laptop'], manager)).toEqual({ ok: true });
    const read = await readRoutingSettings(db);
    expect(read.assignmentRules).toEqual([rule]);
    expect(read.escalationRules).toEqual([escalation]);
    expect(read.templates).toEqual([template]);
    expect(read.categories).toEqual(['Hardware', 'Hardware/Laptop']);
    // The categories keep the shape older devices read.
    expect((await findSetting(db, 'categories'))?.value).toEqual({
      categories: ['Hardware', 'Hardware/Laptop'],
    });
  });

  it('writes nothing when the input is invalid, and says why', async () => {
    const result = await saveAssignmentRules(db, [{ ...rule, groupId: '' }], manager);
    expect(result).toEqual({
      ok: false,
      errors: { '0.groupId': 'Choose the group that receives the ticket.' },
    });
    expect(await saveCategories(db, ['A//B'], manager)).toEqual({
      ok: false,
      errors: { 0: expect.stringContaining('empty') },
    });
    expect(await db.settings.count().exec()).toBe(0);
  });

  it('writes nothing when the team rules refuse the writer', async () => {
    const requester: SettingsSession = {
      userId: 'per_req',
      authorizeSetting: (after) =>
        after.updatedBy === 'per_req' ? 'Only managers and admins may change settings.' : null,
    };
    expect(await saveEscalationRules(db, [escalation], requester)).toEqual({
      ok: false,
      errors: { form: 'Only managers and admins may change settings.' },
    });
    expect(await db.settings.count().exec()).toBe(0);
  });

  it('falls back safely on malformed values from another device', async () => {
    await saveSetting(db, 'assignmentRules', { rules: 'everything to me' }, manager);
    await saveSetting(db, 'escalationRules', { rules: [escalation, { id: 'bad' }] }, manager);
    await saveSetting(db, 'categories', { categories: ['Hardware', 7, 'A//B'] }, manager);
    await saveSetting(db, 'ticketTemplates', {}, manager);
    const read = await readRoutingSettings(db);
    expect(read).toEqual({
      assignmentRules: [],
      escalationRules: [escalation],
      templates: [],
      categories: ['Hardware'],
    });
  });
});

function clockState(status: ClockState['status']): ClockState {
  return { status, elapsedMs: 0, targetMs: 1, dueAt: null, breachedAt: null, metAt: null };
}
const breached: { state: SlaState } = {
  state: { response: clockState('met'), resolution: clockState('breached') },
};

describe('applyEscalation', () => {
  let db: OutpostDatabase;
  beforeEach(async () => {
    db = await dbs.open();
  });

  it('edits the ticket, records what changed, and does not fire again', async () => {
    const ticket = fixtureTicket(0, {
      id: 'tkt_esc',
      status: 'new',
      assigneeId: '',
      phase: 'open',
      impact: 2,
      urgency: 2,
      priority: 3,
      groupId: 'grp_desk',
    });
    await db.tickets.insert(ticket);
    const agent = { userId: 'per_agent' };
    const [action] = escalationActions(ticket, breached, [escalation], []);
    expect(action).toBeDefined();
    if (!action) return;
    const written = await applyEscalation(db, ticket.id, action, agent, { now: NOW });
    expect(written.ok).toBe(true);

    const stored = (await db.tickets.findOne(ticket.id).exec())?.toMutableJSON();
    expect(stored).toMatchObject({ priority: 1, impact: 1, urgency: 1, groupId: 'grp_net' });
    const timeline = await readTimeline(db, ticket.id);
    const entry = timeline.find((a) => a.kind === 'escalation');
    expect(entry?.body).toBe('Escalation rule "Breach raises priority": Resolution clock was breached.');
    expect(entry?.changes.map((c) => c.field)).toEqual([
      'escalationRule',
      'impact',
      'urgency',
      'priority',
      'groupId',
    ]);
    expect(timeline.some((a) => a.kind === 'change')).toBe(true);

    // Another pass (or another device after sync) finds nothing due.
    expect(escalationActions(stored ?? ticket, breached, [escalation], timeline)).toEqual([]);
  });

  it('writes no marker when the ticket refuses the edit', async () => {
    const closed = fixtureTicket(0, { id: 'tkt_closed', status: 'closed', phase: 'done' });
    await db.tickets.insert(closed);
    const result = await applyEscalation(
      db,
      closed.id,
      { rule: escalation, key: 'e1:resolution:breach', patch: { groupId: 'grp_net' } },
      { userId: 'per_agent' },
    );
    expect(result.ok).toBe(false);
    expect((await readTimeline(db, closed.id)).filter((a) => a.kind === 'escalation')).toEqual([]);
  });
});
