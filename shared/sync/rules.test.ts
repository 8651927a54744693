import { describe, expect, it } from 'vitest';
import type { Role } from '../domain/model';
import { checkWrite, validateDocUpdate, type RulesUser, type WireDocument } from './rules';

const ROLES: Role[] = ['requester', 'technician', 'agent', 'manager', 'admin'];
const ME = 'per_ME';
const OTHER = 'per_OTHER';

function as(role: Role, personId = ME): RulesUser {
  return { name: `${role}-user`, roles: [role, `person:${personId}`] };
}

function ticket(fields: Partial<WireDocument> = {}): WireDocument {
  return {
    _id: 'tkt_1',
    type: 'ticket',
    kind: 'incident',
    status: 'new',
    requesterId: ME,
    assigneeId: '',
    groupId: 'grp_desk',
    priority: 4,
    impact: 3,
    urgency: 2,
    title: 'Printer jams',
    createdBy: ME,
    updatedBy: ME,
    ...fields,
  };
}

function activity(fields: Partial<WireDocument> = {}): WireDocument {
  return {
    _id: 'act_1',
    type: 'activity',
    parentId: 'tkt_1',
    kind: 'comment',
    body: 'Hi',
    createdBy: ME,
    updatedBy: ME,
    ...fields,
  };
}

/** Minimal valid document of each type written by ME. */
function doc(type: string, fields: Partial<WireDocument> = {}): WireDocument {
  if (type === 'ticket') return ticket(fields);
  if (type === 'activity') return activity(fields);
  const creator = type === 'file' ? { createdBy: ME } : {};
  return { _id: `${type}_1`, type, name: 'x', updatedBy: ME, ...creator, ...fields };
}

function tombstone(body: WireDocument): WireDocument {
  return { ...body, _rev: '2-b', _deleted: true };
}

/** The rank at which each type may be created and updated (activities and files: creation only). */
const WRITE_RANK: Record<string, number> = {
  ci: 1,
  relation: 1,
  audit: 1,
  article: 2,
  setting: 3,
  person: 4,
};

describe('signing in and the server admin', () => {
  it('refuses anonymous writers with unauthorized', () => {
    expect(() => validateDocUpdate(ticket(), null, { name: null, roles: [] }, {})).toThrow(
      expect.objectContaining({ unauthorized: expect.any(String) }),
    );
    expect(checkWrite(ticket(), null, { name: '', roles: [] })).toMatch(/sign in/i);
  });

  it('lets the server admin do anything, even writes the rules refuse', () => {
    const serverAdmin = { name: 'admin', roles: ['_admin'] };
    expect(checkWrite({ _id: 'x', type: 'spaceship' }, null, serverAdmin)).toBeNull();
    expect(checkWrite({ _id: 'act_1', _deleted: true }, activity(), serverAdmin)).toBeNull();
  });

  it('refuses accounts without an Outpost role or without a person', () => {
    expect(checkWrite(ticket(), null, { name: 'x', roles: ['person:per_ME'] })).toMatch(/no Outpost role/);
    expect(checkWrite(ticket(), null, { name: 'x', roles: ['agent'] })).toMatch(/not linked to a person/);
  });

  it('takes the highest role when an account has several', () => {
    const user = { name: 'x', roles: ['requester', 'manager', `person:${ME}`] };
    expect(checkWrite(doc('setting'), null, user)).toBeNull();
  });
});

describe('rules for every document', () => {
  it('keeps design documents to admins', () => {
    const design = { _id: '_design/outpost', validate_doc_update: 'function () {}' };
    for (const role of ROLES) {
      const result = checkWrite(design, null, as(role));
      if (role === 'admin') expect(result).toBeNull();
      else expect(result, role).toMatch(/design documents/);
    }
  });

  it('refuses unknown or missing types, for every role', () => {
    for (const role of ROLES) {
      expect(checkWrite(doc('spaceship'), null, as(role)), role).toMatch(/Unknown document type "spaceship"/);
      expect(checkWrite({ _id: 'x', updatedBy: ME }, null, as(role)), role).toMatch(/Unknown document type/);
    }
  });

  it('never lets a document change its type', () => {
    for (const role of ROLES) {
      const result = checkWrite(doc('ci', { _id: 'tkt_1' }), ticket(), as(role));
      expect(result, role).toMatch(/keeps its type: this one is a ticket/);
    }
  });

  it('refuses deletions that drop the body', () => {
    for (const role of ROLES) {
      const bare = { _id: 'tkt_1', _rev: '2-b', _deleted: true };
      expect(checkWrite(bare, ticket(), as(role)), role).toMatch(/must keep the document body/);
    }
  });

  it('requires updatedBy to be the writer (except admins)', () => {
    for (const role of ROLES) {
      const result = checkWrite(doc('ci', { updatedBy: OTHER }), null, as(role));
      if (role === 'admin') expect(result).toBeNull();
      else expect(result, role).toMatch(/updatedBy must be your own person id \(per_ME\)/);
    }
  });

  it('requires createdBy to be the writer when creating activities and files', () => {
    for (const type of ['activity', 'file']) {
      for (const role of ROLES) {
        const result = checkWrite(doc(type, { createdBy: OTHER }), null, as(role));
        if (role === 'admin') expect(result, type).toBeNull();
        else expect(result, `${type} by ${role}`).toMatch(/createdBy must be your own person id/);
      }
    }
  });

  it('requires requesters and technicians to be the creator of tickets they raise', () => {
    for (const role of ['requester', 'technician'] as Role[]) {
      expect(checkWrite(ticket({ createdBy: OTHER }), null, as(role)), role).toMatch(/createdBy must be/);
    }
    // Agents may set every ticket field, the creator included (a ticket edited offline while it
    // was deleted elsewhere comes back with its original creator).
    for (const role of ['agent', 'manager', 'admin'] as Role[]) {
      expect(checkWrite(ticket({ createdBy: OTHER }), null, as(role)), role).toBeNull();
    }
    // Editing someone else's ticket keeps its creator.
    const stored = ticket({ createdBy: OTHER, requesterId: OTHER, assigneeId: ME });
    expect(checkWrite({ ...stored, title: 'New' }, stored, as('technician'))).toBeNull();
  });
});

describe('tickets', () => {
  it('lets a requester raise a new, unassigned ticket for themselves only', () => {
    const me = as('requester');
    expect(checkWrite(ticket(), null, me)).toBeNull();
    expect(checkWrite(ticket({ requesterId: OTHER }), null, me)).toMatch(/for themselves/);
    expect(checkWrite(ticket({ status: 'assigned' }), null, me)).toMatch(/status "new"/);
    expect(checkWrite(ticket({ assigneeId: OTHER }), null, me)).toMatch(/cannot assign/);
  });

  it('never lets a requester edit a ticket, even their own', () => {
    expect(checkWrite(ticket({ title: 'Changed' }), ticket(), as('requester'))).toMatch(
      /cannot edit tickets/,
    );
  });

  it('lets a technician raise tickets and work on those assigned to them', () => {
    const tech = as('technician');
    expect(checkWrite(ticket({ assigneeId: OTHER, status: 'assigned' }), null, tech)).toBeNull();
    const mine = ticket({ assigneeId: ME, status: 'assigned' });
    expect(checkWrite({ ...mine, status: 'in_progress' }, mine, tech)).toBeNull();
    const theirs = ticket({ assigneeId: OTHER, status: 'assigned' });
    expect(checkWrite({ ...theirs, status: 'in_progress' }, theirs, tech)).toMatch(/assigned to them/);
    // Assigning to oneself is a change of assignee: not the technician's call.
    expect(checkWrite({ ...theirs, assigneeId: ME }, theirs, tech)).toMatch(/assigned to them/);
  });

  it.each(['priority', 'impact', 'urgency', 'assigneeId', 'groupId'])(
    'keeps %s out of a technician’s reach on their own tickets',
    (field) => {
      const mine = ticket({ assigneeId: ME, status: 'in_progress' });
      const changed = { ...mine, [field]: field.endsWith('Id') ? 'someone_else' : 1 };
      expect(checkWrite(changed, mine, as('technician'))).toMatch(new RegExp(`cannot change ${field}`));
      expect(checkWrite(changed, mine, as('agent'))).toBeNull();
    },
  );

  it('lets agents and above edit any ticket field', () => {
    const stored = ticket({ assigneeId: OTHER });
    const edited = { ...stored, assigneeId: ME, priority: 1, impact: 1, urgency: 1, groupId: 'grp_x' };
    for (const role of ['agent', 'manager', 'admin'] as Role[])
      expect(checkWrite(edited, stored, as(role))).toBeNull();
  });
});

describe('activities and files are append-only', () => {
  it('lets anyone add activities, but requesters only comments, creation, merge notices and surveys', () => {
    for (const kind of ['comment', 'created', 'merge', 'survey', 'note', 'worklog', 'change']) {
      const requesterMay = ['comment', 'created', 'merge', 'survey'].includes(kind);
      const result = checkWrite(activity({ kind }), null, as('requester'));
      if (requesterMay) expect(result, kind).toBeNull();
      else expect(result, kind).toBe('Requesters can only add comments and satisfaction answers.');
      expect(checkWrite(activity({ kind }), null, as('technician')), kind).toBeNull();
    }
  });

  it('keeps CAB votes to managers and admins', () => {
    const vote = activity({ kind: 'vote', vote: 'approve', body: '' });
    const expected: Record<Role, string | null> = {
      requester: 'Requesters can only add comments and satisfaction answers.',
      technician: 'Only managers may vote on a change.',
      agent: 'Only managers may vote on a change.',
      manager: null,
      admin: null,
    };
    for (const role of ROLES) expect(checkWrite(vote, null, as(role)), role).toBe(expected[role]);
    // A vote counts for its author: nobody but an admin casts one in another's name.
    expect(checkWrite({ ...vote, createdBy: OTHER }, null, as('manager'))).toMatch(
      /createdBy must be your own/,
    );
  });

  it('lets everyone answer a satisfaction survey, in their own name', () => {
    const survey = activity({ kind: 'survey', score: 4, body: 'Quick fix.' });
    for (const role of ROLES) expect(checkWrite(survey, null, as(role)), role).toBeNull();
    expect(checkWrite({ ...survey, createdBy: OTHER }, null, as('requester'))).toMatch(
      /createdBy must be your own/,
    );
  });

  it('keeps escalation entries to agents, managers and admins', () => {
    const escalation = activity({ kind: 'escalation', changes: [{ field: 'priority', from: 3, to: 2 }] });
    const expected: Record<Role, string | null> = {
      requester: 'Requesters can only add comments and satisfaction answers.',
      technician: 'Only agents, managers and admins may record escalations.',
      agent: null,
      manager: null,
      admin: null,
    };
    for (const role of ROLES) expect(checkWrite(escalation, null, as(role)), role).toBe(expected[role]);
  });

  it('keeps votes, surveys and escalations append-only like every entry', () => {
    for (const kind of ['vote', 'survey', 'escalation']) {
      const stored = activity({ kind, _rev: '1-a', createdBy: ME });
      const edited = { ...stored, body: 'changed my mind' };
      for (const role of ['requester', 'technician', 'agent', 'manager'] as Role[])
        expect(checkWrite(edited, stored, as(role)), `${kind} by ${role}`).toMatch(/cannot be edited/);
      expect(checkWrite(edited, stored, as('admin')), kind).toBeNull();
    }
  });

  it('keeps edits of activities and files to admins', () => {
    for (const type of ['activity', 'file']) {
      const stored = doc(type, { _rev: '1-a' });
      const edited = { ...stored, body: 'edited' };
      for (const role of ROLES) {
        const result = checkWrite(edited, stored, as(role));
        if (role === 'admin') expect(result, type).toBeNull();
        else expect(result, `${type} by ${role}`).toMatch(/(cannot be edited|cannot be changed)/);
      }
    }
  });

  it('lets anyone add a file', () => {
    for (const role of ROLES) expect(checkWrite(doc('file'), null, as(role)), role).toBeNull();
  });
});

describe('configuration items, relations, audits, articles, settings and people', () => {
  for (const [type, minRank] of Object.entries(WRITE_RANK)) {
    it(`lets ${ROLES[minRank]} and above create and update ${type} documents`, () => {
      ROLES.forEach((role, rank) => {
        const created = checkWrite(doc(type), null, as(role));
        const updated = checkWrite(doc(type, { name: 'y' }), doc(type), as(role));
        if (rank >= minRank) {
          expect(created, `${role} creates ${type}`).toBeNull();
          expect(updated, `${role} updates ${type}`).toBeNull();
        } else {
          expect(created, `${role} creates ${type}`).toEqual(
            expect.stringMatching(/^Only|^Requesters cannot/),
          );
          expect(updated, `${role} updates ${type}`).toEqual(created);
        }
      });
    });
  }
});

describe('deletions', () => {
  const managerDeletes = ['ticket', 'ci', 'article', 'audit', 'setting'];
  const adminDeletes = ['activity', 'file', 'person'];

  it('lets technicians and above delete a relation (they maintain the CMDB wiring)', () => {
    const stored = doc('relation', { _rev: '1-a' });
    ROLES.forEach((role, rank) => {
      const result = checkWrite(tombstone(stored), stored, as(role));
      if (rank >= 1) expect(result, role).toBeNull();
      else expect(result, role).toMatch(/Only managers and admins may delete/);
    });
  });

  it.each(managerDeletes)('lets managers and admins delete a %s', (type) => {
    const stored = doc(type, { _rev: '1-a' });
    ROLES.forEach((role, rank) => {
      const result = checkWrite(tombstone(stored), stored, as(role));
      if (rank >= 3) expect(result, role).toBeNull();
      else expect(result, role).toMatch(/Only managers and admins may delete/);
    });
  });

  it.each(adminDeletes)('lets only admins delete a %s', (type) => {
    const stored = doc(type, { _rev: '1-a' });
    for (const role of ROLES) {
      const result = checkWrite(tombstone(stored), stored, as(role));
      if (role === 'admin') expect(result).toBeNull();
      else expect(result, role).toMatch(/Only admins may delete/);
    }
  });

  it('treats writing over a tombstone as a creation', () => {
    const gone = tombstone(ticket());
    expect(checkWrite(ticket(), gone, as('requester'))).toBeNull();
    expect(checkWrite(ticket({ createdBy: OTHER, assigneeId: ME }), gone, as('technician'))).toMatch(
      /createdBy/,
    );
    expect(checkWrite(activity({ kind: 'note' }), tombstone(activity()), as('requester'))).toMatch(
      /only add comments/,
    );
  });
});

describe('the installed source text', () => {
  // The server evaluates the text on its own, outside this module; it must behave identically.
  const installed = new Function(`return (${validateDocUpdate.toString()});`)() as typeof validateDocUpdate;

  function outcome(fn: typeof validateDocUpdate, args: Parameters<typeof validateDocUpdate>): unknown {
    try {
      fn(...args);
      return 'allowed';
    } catch (error) {
      return error;
    }
  }

  it('stands alone and gives the same answers', () => {
    const cases: Parameters<typeof validateDocUpdate>[] = [];
    for (const role of ROLES) {
      const user = { ...as(role), db: 'team' };
      cases.push([ticket(), null, user, {}]);
      cases.push([ticket({ title: 'x' }), ticket(), user, {}]);
      cases.push([tombstone(doc('person')), doc('person'), user, {}]);
      cases.push([activity({ kind: 'note' }), null, user, {}]);
      cases.push([doc('setting'), null, user, {}]);
      for (const kind of ['vote', 'survey', 'escalation']) cases.push([activity({ kind }), null, user, {}]);
    }
    cases.push([ticket(), null, { name: null, roles: [] }, {}]);
    for (const args of cases) expect(outcome(installed, args)).toEqual(outcome(validateDocUpdate, args));
  });

  it('throws plain objects CouchDB understands', () => {
    expect(outcome(installed, [doc('person'), null, as('agent'), {}])).toEqual({
      forbidden: 'Only admins may change people, groups and locations.',
    });
  });
});
