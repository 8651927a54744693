import { describe, expect, it } from 'vitest';
import type { Role } from '../domain/model';
import { checkWrite, validateDocUpdate, type RulesUser, type WireDocument } from './rules';

const ME = 'per_ME';
const AUTHOR = 'per_AUTHOR';

function as(role: Role, personId = ME): RulesUser {
  return { name: `${role}-user`, roles: [role, `person:${personId}`] };
}

function article(fields: Partial<WireDocument> = {}): WireDocument {
  return {
    _id: 'kb_1',
    _rev: '1-a',
    type: 'article',
    title: 'Reset the VPN client',
    state: 'review',
    version: 1,
    ownerId: AUTHOR,
    submittedBy: AUTHOR,
    reviewerIds: [],
    updatedBy: AUTHOR,
    ...fields,
  };
}

const publish = (stored: WireDocument, by = ME) =>
  article({ ...stored, state: 'published', submittedBy: '', updatedBy: by });

describe('article publishing on the server', () => {
  const installed = new Function(`return (${validateDocUpdate.toString()});`)() as typeof validateDocUpdate;
  const check = (newDoc: WireDocument, oldDoc: WireDocument | null, user: RulesUser): string | null => {
    try {
      installed(newDoc, oldDoc, { name: user.name, roles: user.roles }, {});
      return null;
    } catch (error) {
      return (error as { forbidden?: string }).forbidden ?? 'unauthorized';
    }
  };

  it('lets managers and admins publish a version under review', () => {
    const stored = article();
    expect(checkWrite(publish(stored), stored, as('manager'))).toBeNull();
    expect(checkWrite(publish(stored), stored, as('admin'))).toBeNull();
    expect(check(publish(stored), stored, as('manager'))).toBeNull();
  });

  it('lets an agent publish only when named as a reviewer on the stored article', () => {
    const stored = article();
    expect(checkWrite(publish(stored), stored, as('agent'))).toMatch(/Only managers or a reviewer named/);
    // Naming oneself in the same write does not count.
    expect(checkWrite(publish({ ...stored, reviewerIds: [ME] }), stored, as('agent'))).toMatch(
      /Only managers/,
    );
    const named = article({ reviewerIds: [ME] });
    expect(checkWrite(publish(named), named, as('agent'))).toBeNull();
    expect(check(publish(named), named, as('agent'))).toBeNull();
  });

  it('refuses the author of the version under review, even a manager', () => {
    const stored = article({ submittedBy: ME });
    expect(checkWrite(publish(stored), stored, as('manager'))).toMatch(/author of a version cannot publish/);
    expect(check(publish(stored), stored, as('manager'))).toMatch(/author of a version cannot publish/);
  });

  it('leaves other article edits to agents as before', () => {
    const published = article({ state: 'published', submittedBy: '' });
    expect(
      checkWrite({ ...published, title: 'New title', updatedBy: ME }, published, as('agent')),
    ).toBeNull();
    const fresh = article({ state: 'draft', updatedBy: ME });
    expect(checkWrite(fresh, null, as('agent'))).toBeNull();
    expect(checkWrite(fresh, null, as('technician'))).toMatch(/Only agents/);
  });
});

describe('knowledge activities and links', () => {
  const activity = (kind: string): WireDocument => ({
    _id: 'act_1',
    type: 'activity',
    parentId: 'kb_1',
    kind,
    body: '',
    createdBy: ME,
    updatedBy: ME,
  });

  it('lets every reader give feedback and record views, and only agents record versions', () => {
    for (const kind of ['feedback', 'views'])
      expect(checkWrite(activity(kind), null, as('requester')), kind).toBeNull();
    expect(checkWrite(activity('version'), null, as('technician'))).toMatch(/Only reviewers/);
    expect(checkWrite(activity('version'), null, as('agent'))).toBeNull();
  });

  it('lets technicians undo a "solved by" link, like any relation', () => {
    const link: WireDocument = {
      _id: 'rel_1',
      _rev: '1-a',
      type: 'relation',
      relType: 'solves',
      fromId: 'kb_1',
      toId: 'tkt_1',
      updatedBy: ME,
    };
    const removed = { ...link, _rev: '2-b', _deleted: true };
    expect(checkWrite(removed, link, as('technician'))).toBeNull();
    expect(checkWrite(removed, link, as('requester'))).toMatch(/Only managers and admins may delete/);
    const other = { ...link, relType: 'depends_on' };
    expect(checkWrite({ ...other, _deleted: true }, other, as('technician'))).toBeNull();
  });
});
