import { afterEach, describe, expect, it } from 'vitest';
import { FORM_ERROR_KEY } from '../../shared/domain/validation';
import { updateTicket } from '../data';
import { createDbTracker, fixtureTicket } from '../data/testDb';
import { ticketRules } from './session';

describe('ticketRules', () => {
  const dbs = createDbTracker();
  afterEach(() => dbs.closeAll());

  it('refuses, before writing, an edit the server would refuse, and allows the permitted one', async () => {
    const db = await dbs.open();
    const theirs = fixtureTicket(1, { status: 'assigned', assigneeId: 'per_other' });
    const mine = fixtureTicket(2, { status: 'assigned', assigneeId: 'per_tech' });
    await db.tickets.bulkInsert([theirs, mine]);
    const technician = { name: 'tech', roles: ['technician'], personId: 'per_tech' };
    const session = { userId: 'per_tech', authorize: ticketRules(technician) };

    const refused = await updateTicket(db, theirs.id, { title: 'Not mine to rename' }, session);
    expect(refused).toEqual({
      ok: false,
      errors: { [FORM_ERROR_KEY]: 'Technicians can only edit tickets assigned to them.' },
    });
    expect((await db.tickets.findOne(theirs.id).exec())?.title).toBe(theirs.title);

    const locked = await updateTicket(db, mine.id, { impact: 1 }, session);
    expect(locked.ok).toBe(false);

    const allowed = await updateTicket(db, mine.id, { title: 'Dock replaced' }, session);
    expect(allowed.ok).toBe(true);
    expect((await db.tickets.findOne(mine.id).exec())?.title).toBe('Dock replaced');
  });
});
